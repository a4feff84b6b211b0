// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench/results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-expect-error': 'allow-with-description' },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'no-console': ['error', { allow: ['warn', 'error'] }] },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/sandboxes/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'react',
                'react-dom',
                'zustand*',
                'comlink',
                'monaco-editor*',
                'quickjs-emscripten*',
                '@jitl/*',
                'node:*',
              ],
              message:
                'core must stay pure: it runs headless in Node (tests, CLI) and in a worker.',
            },
            {
              group: ['**/ui/**', '**/stores/**', '**/sandboxes/**', '**/share/**'],
              message: 'core is the bottom layer: it imports nothing of ours.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/sandboxes/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/ui/**', '**/stores/**', '**/share/**', 'react', 'react-dom', 'zustand*'],
              message: 'sandboxes import only core (types and pure helpers).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/share/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/ui/**', '**/stores/**', '**/sandboxes/**', 'react', 'react-dom'],
              message: 'share imports only core.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/stores/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/ui/**', 'react-dom'], message: 'stores do not import the UI.' },
            {
              group: ['comlink'],
              message: 'Comlink stays inside sandboxes/worker and sim-worker.',
            },
            {
              group: ['**/sim-worker/*', '!**/sim-worker/frame'],
              message: 'stores use only the frame types of sim-worker.',
            },
          ],
        },
      ],
    },
  },
  {
    // Comlink is wrapped once per worker boundary; everything else talks to those clients.
    // (core, share and stores forbid it in their own rules above: a second rule here would
    // replace theirs, as flat config keeps the last setting of a rule.)
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'comlink',
              message: 'Comlink stays inside sandboxes/worker and sim-worker.',
            },
          ],
        },
      ],
    },
  },
)
