// ESLint with typescript-eslint's type-checked rules: floating promises and unsafe `any` need the
// TypeScript checker, which is why the project lints with ESLint rather than Biome (whose
// equivalents are nursery rules without the type checker). Formatting is Prettier's job alone.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/', 'packages/core/src/generated/', '.data/', 'bench/profiles/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // The project service types every .ts file through its tsconfig; this file and other
        // plain .js configs are outside any tsconfig and get the default project.
        projectService: { allowDefaultProject: ['*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Pothos plugins add their options to the builder by merging into the global
      // `PothosSchemaTypes` namespace (`declare global { namespace PothosSchemaTypes … }`), the one
      // way its types allow; other namespaces stay refused.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
      // Lines are bounded. Prettier wraps code at 120, so what is left over 160 is a single token.
      // Exempt: URLs, and the long texts users read — the bilingual descriptions and messages
      // ('中文 English'), harder to read and to grep when split: string literals, and template
      // literals given as a message or description (`zh:`, `en:`, `message:`, `description:`).
      // Other template literals (GraphQL documents, SQL) are not exempt: they are wrapped.
      'max-len': [
        'error',
        {
          code: 160,
          ignoreUrls: true,
          ignoreStrings: true,
          ignoreRegExpLiterals: true,
          ignorePattern: '^\\s*(zh|en|message|messageEn|description): `',
        },
      ],
      // Iterator `throw(err)` hands back the very value it was given: a rejection with an
      // `unknown` reason is a pass-through there, not a new non-Error.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    // Tests, benchmarks and the test kit read GraphQL responses: JSON of whatever the document
    // selected, typed `any` by the test kit (`GqlJson`, packages/testkit/src/harness.ts) — typing each of several
    // hundred selections would double the tests for no safety the assertions do not already give.
    // So here, and only for reading `any` values, the no-unsafe-* family is off. Writing `any`
    // (no-explicit-any), floating promises and unused code stay errors, as everywhere.
    files: ['test/**', 'bench/**', 'packages/*/test/**', 'plugins/*/test/**', 'packages/testkit/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
);
