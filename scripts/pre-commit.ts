// The pre-commit hook (.githooks/pre-commit): the checks CI runs on the whole tree (.ci/run:
// `pnpm format:check`, `pnpm lint`), on the staged files only, so a commit CI would refuse is
// refused here first.
// - Prettier formats the files staged whole and stages the result. A file that also has unstaged
//   changes is only checked: staging it again would commit the unstaged part too.
// - ESLint (type-aware, eslint.config.js) checks the staged sources as they are on disk.
// Files the tools ignore (.prettierignore, eslint.config.js `ignores`) are passed over.
import { execFileSync, spawnSync } from 'node:child_process';

const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' });
const names = (out: string) => out.split('\0').filter(Boolean);
const run = (tool: string, args: string[]) =>
  spawnSync(`node_modules/.bin/${tool}`, args, { stdio: 'inherit' }).status === 0;

const staged = names(git('diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z'));
const unstaged = new Set(names(git('diff', '--name-only', '-z')));
const whole = staged.filter((f) => !unstaged.has(f));
const partly = staged.filter((f) => unstaged.has(f));
const sources = staged.filter((f) => /\.(ts|mts|cts|js|mjs|cjs)$/.test(f));

let ok = true;
if (whole.length) {
  ok = run('prettier', ['--write', '--ignore-unknown', '--log-level=warn', ...whole]) && ok;
  git('add', '--', ...whole);
}
if (partly.length) ok = run('prettier', ['--check', '--ignore-unknown', '--log-level=warn', ...partly]) && ok;
if (sources.length) ok = run('eslint', ['--no-warn-ignored', '--max-warnings=0', ...sources]) && ok;
if (!ok) {
  console.error('pre-commit: fix the problems above (pnpm format, pnpm lint), or commit with --no-verify');
  process.exit(1);
}
