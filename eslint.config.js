// ESLint flat config: typescript-eslint recommended + react-hooks, the layering of docs/architecture.md
// ("The one-way flow") as import bans, and bans on the ways alert text could become code or HTML.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

/**
 * An import of the src/ folder `name`, written relatively ('../ui/x', '../../ui') or from the root
 * ('/src/ui/x', 'src/ui'). Relative imports inside a layer ('./x') never match.
 */
const folder = (name) => `^(?:(?:\\.\\./)+|(?:.*/)?src/)${name}(?:/|$)`;

const layerMessage = (what) => `${what} (layering in docs/architecture.md: ingest -> analyze -> export -> ui; the UI reaches ingest/analyze only through the worker client).`;

/** The packages only the UI side may use. */
const UI_PACKAGES = [
  { regex: '^react(?:-dom)?(?:/|$)', message: layerMessage('The engine layers must not use React') },
  { regex: '^react-markdown(?:/|$)', message: layerMessage('The engine layers must not use react-markdown') },
  { regex: '^zustand(?:/|$)', message: layerMessage('The engine layers must not use zustand: state belongs to src/state') },
  { regex: '^@tanstack/', message: layerMessage('The engine layers must not use @tanstack/*') },
];

const uiFolders = (who) => ['ui', 'app', 'state', 'worker'].map((f) => ({
  regex: folder(f),
  message: layerMessage(`${who} must not import src/${f}`),
}));

/** Anything in the page's DOM, for layers that must also run in a worker and in Node. */
const DOM_GLOBALS = ['window', 'document', 'localStorage', 'sessionStorage', 'indexedDB', 'alert', 'confirm', 'prompt'].map((name) => ({
  name,
  message: `${name} is not available in the worker or the CLI: the engine layers are pure (docs/architecture.md).`,
}));

export default defineConfig(
  {
    ignores: ['dist*/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-data/**', 'coverage/**', '.vite/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      // Unused function arguments prefixed with _ are intentional (e.g. handler signatures).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      // Alert strings are attacker-controlled: nothing may turn text into code or markup.
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error', // new Function(...) and Function(...)
      'no-script-url': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'dangerouslySetInnerHTML is forbidden: alert text is attacker-controlled; render it as text.',
        },
        {
          selector: "AssignmentExpression[left.type='MemberExpression'][left.property.name=/^(innerHTML|outerHTML)$/]",
          message: 'innerHTML/outerHTML assignment is forbidden: use textContent or React.',
        },
        {
          selector: "AssignmentExpression[left.type='MemberExpression'][left.property.value=/^(innerHTML|outerHTML)$/]",
          message: 'innerHTML/outerHTML assignment is forbidden: use textContent or React.',
        },
        {
          selector: "CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment|setHTMLUnsafe)$/]",
          message: 'HTML-parsing DOM APIs are forbidden: build nodes with textContent or React.',
        },
        {
          selector: "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]",
          message: 'document.write parses HTML: forbidden.',
        },
        {
          selector: "CallExpression[callee.name='parseHTMLUnsafe'], CallExpression[callee.property.name='parseHTMLUnsafe']",
          message: 'HTML-parsing DOM APIs are forbidden.',
        },
      ],
    },
  },
  // The app: browser code with React hooks rules.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/cli/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  // Tests in src run in Node (Vitest) and may read fixtures from disk.
  {
    files: ['src/**/*.test.{ts,tsx}', 'src/**/__fixtures__/**'],
    languageOptions: { globals: { ...globals.node } },
  },

  // ---- Layering (docs/architecture.md) ----
  {
    files: ['src/model/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...['ingest', 'knowledge', 'analyze', 'export', 'worker', 'state', 'ui', 'app', 'cli'].map((f) => ({
            regex: folder(f),
            message: layerMessage(`src/model is types only and must not import src/${f}`),
          })),
          ...UI_PACKAGES,
        ],
      }],
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    },
  },
  {
    files: ['src/{ingest,knowledge,analyze,export}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...UI_PACKAGES, ...uiFolders('The engine layers (ingest, knowledge, analyze, export)')],
      }],
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    },
  },
  {
    files: ['src/worker/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^react(?:-dom)?(?:/|$)', message: layerMessage('src/worker must not use React') },
          { regex: '^react-markdown(?:/|$)', message: layerMessage('src/worker must not use react-markdown') },
          { regex: folder('ui'), message: layerMessage('src/worker must not import src/ui') },
          { regex: folder('app'), message: layerMessage('src/worker must not import src/app') },
        ],
      }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: folder('ingest'), message: layerMessage('src/ui must not import src/ingest: use the worker client') },
        ],
      }],
    },
  },

  // Node-side code: build config, scripts, e2e specs, CLI.
  {
    files: ['*.{js,ts,mjs,cjs}', 'scripts/**', 'e2e/**', 'bench/**', 'src/cli/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Playwright's page.evaluate callbacks run in the browser.
    files: ['e2e/**', 'bench/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
