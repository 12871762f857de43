// The layering of src/ as an allow-list: each folder names the folders it may import, and nothing
// else. Read by eslint.config.js (no-restricted-imports per folder, so the editor and CI flag a
// wrong import where it is written) and by scripts/importGraph.ts, whose test also proves the
// graph has no cycle and no deep import past a folder's entry. docs/architecture.md draws it.
//
// `pure`: runs in the worker and in Node as well as the page, so no React/zustand/@tanstack and no
// DOM globals; `noReact`: no UI packages either, but may use the page's or Node's globals. `entry`: other folders import only the folder itself (its index.ts), not its files.

/** @type {Record<string, { may: string[]; pure?: boolean; noReact?: boolean; entry?: boolean; what: string }>} */
export const LAYERS = {
  model: { may: [], pure: true, entry: true, what: 'types and constants of the domain and of the engine API' },
  // knowledge: Falco's text output is read back through the rules' output templates and the field metadata.
  ingest: { may: ['model', 'knowledge'], pure: true, entry: true, what: 'bytes -> records: the format table, readers, restore' },
  knowledge: { may: ['model'], pure: true, what: 'Falco facts: playbooks, commands, lists, MITRE, fields, rule catalog' },
  analyze: { may: ['model', 'knowledge', 'ingest'], pure: true, what: 'alerts -> incidents, risk, tuning, reports, views' },
  export: { may: ['model'], pure: true, what: 'reports -> Markdown, JSON, session files' },
  engine: { may: ['model', 'ingest', 'knowledge', 'analyze', 'export'], pure: true, what: 'EngineHost, its readers and the column store (engine/store)' },
  worker: { may: ['model', 'engine', 'samples'], noReact: true, what: 'transport: the engine worker, its client, the parser workers' },
  cli: { may: ['model', 'ingest', 'analyze', 'export', 'engine', 'worker'], noReact: true, what: 'the falcoscope command (Node)' },
  state: { may: ['model', 'ingest'], what: "the page's zustand stores (filters, triage)" },
  // export: file names and a section's Markdown (Copy as Markdown) are made in the page from data it holds.
  data: { may: ['model', 'ingest', 'export', 'state', 'worker'], what: "the page's one data layer: the engine client, hooks, the input queue" },
  ui: { may: ['model', 'data', 'state', 'samples'], what: 'React components: render, read data through src/data' },
  app: { may: ['model', 'data', 'state', 'ui'], what: 'the composition root: nothing imports it but src/main.tsx' },
  main: { may: ['app', 'ui'], what: 'src/main.tsx: mounts the app' },
  samples: { may: [], what: 'the bundled sample alerts' },
  testing: { may: ['model', 'ingest', 'knowledge', 'analyze', 'export', 'engine'], what: 'helpers for tests' },
};

/** Test code: may also import src/testing and any non-UI layer (a test drives what it checks). */
export const TEST_FILE = /(?:\.test\.tsx?|\/testkit\.ts)$/;
