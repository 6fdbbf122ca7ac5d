// ESLint: the recommended rules of ESLint, typescript-eslint and eslint-plugin-svelte; formatting is Prettier's
// (eslint-config-prettier turns the rules that would fight it off). `npm run lint` runs both.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      'node_modules/',
      'data/',
      'tmp/',
      '.tap/',
      'web/build/',
      // the server's bundle, built by scripts/build-server.ts
      'dist/',
      // built by scripts/build.ts from web/src/client
      'web/static/*.js',
      'web/.svelte-kit/',
      'web/src/lib/i18n/generated/',
      'migrations/',
      'content/',
      'tests/fixtures/',
    ],
  },
  js.configs.recommended,
  ts.configs.recommended,
  svelte.configs.recommended,
  prettier,
  svelte.configs.prettier,
  { languageOptions: { globals: { ...globals.node } } },
  {
    rules: {
      // A leading underscore marks a parameter or binding kept on purpose (a callback's position, a field left out
      // of a rest copy); a caught error that is not read needs no name checks.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // The credential and JSON-LD libraries are untyped (server/modules/certificates/vendor.d.ts) and their documents
      // are read as JSON; tsc --strict guards the rest. An `any` is a review question, not a lint error.
      '@typescript-eslint/no-explicit-any': 'off',
      // The expressions that match control characters do so on purpose: they refuse or strip them in user input.
      'no-control-regex': 'off',
    },
  },
  // Pages and the scripts served to browsers run in the browser.
  { files: ['web/src/**', 'web/static/**'], languageOptions: { globals: { ...globals.browser } } },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
    rules: {
      // The app is served at the site root (no kit.paths.base), so resolve() would return every path unchanged.
      'svelte/no-navigation-without-resolve': 'off',
      // Every {@html} shows HTML the server made: lessons rendered from Markdown and sanitised (sanitize-html) at
      // import, and QR codes drawn as SVG by the qrcode library; nothing a visitor typed reaches one unsanitised.
      'svelte/no-at-html-tags': 'off',
      // The unkeyed lists are chart rows and table cells rendered on the server and never reordered in the browser.
      'svelte/require-each-key': 'off',
    },
  },
);
