// ESLint flat config: typescript-eslint recommended + react-hooks, the layering of src/ as an
// allow-list (scripts/layers.mjs: each folder names what it may import; scripts/importGraph.test.ts
// adds no cycles), and bans on the ways alert text could become code or HTML.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';
import { LAYERS } from './scripts/layers.mjs';

/** The folders of src/ (src/main.tsx is the 'main' layer, matched by no folder pattern). */
const FOLDERS = Object.keys(LAYERS).filter((name) => name !== 'main');
/** Test code: checked by the rule for tests below, not by its folder's allow-list. */
const TEST_GLOBS = ['src/**/*.test.{ts,tsx}', 'src/**/testkit.ts', 'src/testing/**'];

/**
 * An import of the src/ folder `name`, written relatively ('../ui/x', '../../ui') or from the root
 * ('/src/ui/x', 'src/ui'). Relative imports inside a layer ('./x') never match.
 */
const folder = (name) => `^(?:(?:\\.\\./)+|(?:.*/)?src/)${name}(?:/|$)`;

const layerMessage = (what) => `${what} (layering in docs/architecture.md; the UI reaches the engine only through src/data).`;

/** The packages only the UI side may use. */
const UI_PACKAGES = [
  { regex: '^react(?:-dom)?(?:/|$)', message: layerMessage('The engine layers must not use React') },
  { regex: '^react-markdown(?:/|$)', message: layerMessage('The engine layers must not use react-markdown') },
  { regex: '^zustand(?:/|$)', message: layerMessage('The engine layers must not use zustand: state belongs to src/state') },
  { regex: '^@tanstack/', message: layerMessage('The engine layers must not use @tanstack/*') },
];

const uiFolders = (who) => ['ui', 'app', 'state', 'data'].map((f) => ({
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

  // ---- Layering: the allow-list of scripts/layers.mjs, one block per folder ----
  ...Object.entries(LAYERS).filter(([name]) => name !== 'main').map(([name, layer]) => ({
    files: [`src/${name}/**/*.{ts,tsx}`],
    ignores: TEST_GLOBS,
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...(layer.pure || layer.noReact ? UI_PACKAGES : []),
          ...FOLDERS.filter((f) => f !== name && !layer.may.includes(f)).map((f) => ({
            regex: folder(f),
            message: layerMessage(`src/${name} may import only ${layer.may.join(', ') || 'nothing'} (scripts/layers.mjs), not src/${f}`),
          })),
          ...layer.may.filter((f) => LAYERS[f].entry).map((f) => ({
            regex: `${folder(f).slice(0, -'(?:/|$)'.length)}/`,
            message: layerMessage(`Import src/${f} through its entry (src/${f}/index.ts), not its files`),
          })),
        ],
      }],
      ...(layer.pure ? { 'no-restricted-globals': ['error', ...DOM_GLOBALS] } : {}),
    },
  })),
  // Tests of the engine layers drive whatever they check, but stay free of React and the page.
  {
    files: TEST_GLOBS.filter((g) => g !== 'src/testing/**'),
    ignores: ['src/{ui,app,data,state}/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...UI_PACKAGES, ...uiFolders('Tests of the engine layers')] }],
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
