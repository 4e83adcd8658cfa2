// One lint configuration for the whole workspace: ESLint's and typescript-eslint's recommended
// rules, eslint-plugin-astro's for the site's templates, and Prettier's config last so that
// formatting is Prettier's alone (`pnpm format`).
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import astro from 'eslint-plugin-astro'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/.next*/',
      '**/dist*/',
      '**/.astro/',
      '**/.builds/',
      '**/.test-builds/',
      '**/.data/',
      'cms/src/payload-types.ts',
      'cms/src/app/(payload)/admin/importMap.js',
      'cms/src/migrations/',
      'web/public/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_name` marks a parameter a signature needs but the body does not.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests read JSON answers by path; typing every body would only restate the assertions.
    files: ['**/tests/**', '**/*.test.ts', '**/bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Scripts that run in visitors' browsers.
    files: ['web/src/**/*.astro', 'web/src/scripts/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  prettier,
)
