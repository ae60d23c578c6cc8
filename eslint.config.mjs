// Lint: typescript-eslint, react-hooks, the 400-line limit, and the layers' boundary rule
// (docs/architecture.md): the renderer reaches src-main only through contract/ and common/;
// common/ runs anywhere; the contract imports only itself and common/; the core never
// imports the transports (api, host, cli, shell), the renderer or electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';

const SHELL = ['src-main/index.ts', 'src-main/preload.ts', 'src-main/shell/**'];
const TRANSPORTS = [
  './src-main/api',
  './src-main/host',
  './src-main/cli',
  './src-main/shell',
  './src-main/index.ts',
  './src-main/preload.ts',
];

export const boundaryZones = [
  {
    target: './src-renderer',
    from: './src-main',
    except: ['./contract', './common'],
    message: 'The renderer imports only src-main/contract and src-main/common (docs/architecture.md).',
  },
  {
    target: './src-main/common',
    from: './src-main',
    except: ['./common'],
    message: 'src-main/common runs anywhere: it imports only itself.',
  },
  {
    target: './src-main/contract',
    from: './src-main',
    except: ['./contract', './common'],
    message: 'The contract imports only itself and src-main/common, so the renderer can import it.',
  },
  {
    target: './src-main/!(api|host|cli|shell)/**',
    from: [...TRANSPORTS, './src-renderer'],
    message: 'The core does not import the transports (api, host, cli, shell) or the renderer.',
  },
  { target: './src-main', from: './src-renderer', message: 'The main side never imports the renderer.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'test-reports/**', 'tests/artifacts/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'] })] },
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      'max-lines': ['error', { max: 400 }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'import-x/no-restricted-paths': ['error', { zones: boundaryZones }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: SHELL,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only the thin shell (src-main/index.ts, preload.ts, shell/) imports electron.' }] },
      ],
    },
  },
  {
    files: ['src-main/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'crypto', 'better-sqlite3*', 'kysely', 'exceljs', 'papaparse', 'electron'],
              message: 'src-main/common runs anywhere: no Node module, no database.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  prettier,
  // Long texts belong in the words files (i18n) or in docs/, not in code lines (after prettier, which turns it off).
  { files: ['**/*.{ts,tsx,mjs}'], rules: { 'max-len': ['error', { code: 200, ignoreUrls: true }] } },
  // Words of the UI are data, however many.
  { files: ['src-renderer/src/**/i18n.ts', 'src-renderer/src/i18n/app.ts'], rules: { 'max-lines': 'off', 'max-len': 'off' } },
);
