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
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
);
