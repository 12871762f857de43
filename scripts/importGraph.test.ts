import { describe, expect, it } from 'vitest';
import { LAYERS } from './layers.mjs';
import { SRC_DIR, checkGraph, cycles, readGraph, specifiers, type Graph } from './importGraph';

const edges = (...to: string[]) => to.map((t) => ({ to: t, typeOnly: t.startsWith('type:') ? true : false })).map((e) => ({ ...e, to: e.to.replace(/^type:/, '') }));

describe('the import graph of src/', () => {
  it('holds the layering of scripts/layers.mjs: allowed folders only, no cycle, no deep import past an entry', () => {
    const graph = readGraph(SRC_DIR);
    expect(graph.size).toBeGreaterThan(200);
    expect(checkGraph(graph)).toEqual([]);
  });

  it('names every folder of src/ in the allow-list', () => {
    const folders = new Set([...readGraph(SRC_DIR).keys()].map((p) => (p.includes('/') ? p.slice(0, p.indexOf('/')) : 'main')));
    expect([...folders].filter((f) => !(f in LAYERS))).toEqual([]);
  });

  it('nothing imports app/ but src/main.tsx, and ui/ reaches the engine only through data/', () => {
    const graph = readGraph(SRC_DIR);
    const importersOf = (prefix: string) => [...graph].filter(([from, ts]) => !from.startsWith(prefix) && ts.some((e) => e.to.startsWith(prefix))).map(([from]) => from);
    expect(importersOf('app/')).toEqual(['main.tsx']);
    expect([...graph].filter(([from, ts]) => from.startsWith('ui/') && ts.some((e) => /^(engine|worker|ingest|analyze)\/|^data\/engine\.ts$/.test(e.to)))).toEqual([]);
  });
});

describe('checkGraph', () => {
  const layers = { model: { may: [], entry: true }, ingest: { may: ['model'] }, analyze: { may: ['model', 'ingest'] } };

  it('reports an import the allow-list does not name', () => {
    const graph: Graph = new Map([['ingest/a.ts', edges('analyze/b.ts')], ['analyze/b.ts', []]]);
    expect(checkGraph(graph, layers)).toEqual(['ingest/a.ts imports analyze/b.ts: src/ingest may import only model']);
  });

  it('reports a deep import past an entry, and accepts the entry itself', () => {
    const graph: Graph = new Map([['ingest/a.ts', edges('model/alert.ts', 'model/index.ts')], ['model/alert.ts', []], ['model/index.ts', edges('model/alert.ts')]]);
    expect(checkGraph(graph, layers)).toEqual(['ingest/a.ts imports model/alert.ts: import src/model through its entry (src/model/index.ts)']);
  });

  it('reports cycles between files (not through import type) and between folders', () => {
    const graph: Graph = new Map([
      ['ingest/a.ts', edges('ingest/b.ts')],
      ['ingest/b.ts', edges('ingest/a.ts')],
      ['analyze/c.ts', edges('type:analyze/d.ts')],
      ['analyze/d.ts', edges('analyze/c.ts')],
    ]);
    expect(checkGraph(graph, layers)).toEqual(['import cycle between files: ingest/a.ts -> ingest/b.ts']);
    const folders: Graph = new Map([['ingest/a.ts', edges('analyze/b.ts')], ['analyze/b.ts', edges('ingest/a2.ts')], ['ingest/a2.ts', []]]);
    expect(checkGraph(folders, { ingest: { may: ['analyze'] }, analyze: { may: ['ingest'] } })).toEqual(['import cycle between folders: analyze -> ingest']);
  });

  it('lets tests import what they check, and reports a folder missing from the list', () => {
    const graph: Graph = new Map([['ingest/a.test.ts', edges('analyze/b.ts')], ['analyze/b.ts', []], ['cli/x.ts', []]]);
    expect(checkGraph(graph, layers)).toEqual(['cli/x.ts: folder src/cli is not in scripts/layers.mjs']);
  });

  it('finds each cycle once', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['d']], ['e', ['a']]]))).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('reads static, re-exported, side-effect and dynamic imports, and which are type-only', () => {
    const text = `import { a } from './a';\nimport type { B } from '../b';\nexport { c } from './c';\nimport './d.css';\nconst e = import('./e');\nimport x from 'react';\nimport w from './w?worker&inline';`;
    expect(specifiers(text)).toEqual([
      { spec: './a', typeOnly: false },
      { spec: '../b', typeOnly: true },
      { spec: './c', typeOnly: false },
      { spec: './d.css', typeOnly: false },
      { spec: './e', typeOnly: false },
      { spec: './w', typeOnly: false },
    ]);
  });
});
