/**
 * The import graph of src/, checked against the allow-list of scripts/layers.mjs: which folder
 * imports which, no cycle (between files, or between folders), and no import past a folder's
 * entry (its index.ts) where the folder has one. `npx tsx scripts/importGraph.ts` prints what is
 * wrong; importGraph.test.ts keeps it empty. The model is perfetto's python/tools/check_imports.py.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAYERS, TEST_FILE } from './layers.mjs';

/** An import of one src file by another; `typeOnly` for `import type` (erased when compiled). */
export interface Edge {
  to: string;
  typeOnly: boolean;
}

/** Files (paths relative to src/, '/'-separated) and the src files each imports. */
export type Graph = Map<string, Edge[]>;

export interface Layers {
  [folder: string]: { may: string[]; entry?: boolean };
}

/** The folder (layer) of a path relative to src/: its first segment, 'main' for src/main.tsx. */
export function layerOf(path: string): string {
  const slash = path.indexOf('/');
  return slash === -1 ? path.replace(/\.[^.]+$/, '') : path.slice(0, slash);
}

/** Everything wrong with the graph, one line each; empty when the layering holds. */
export function checkGraph(graph: Graph, layers: Layers = LAYERS, isTest: (path: string) => boolean = (p) => TEST_FILE.test(p)): string[] {
  const problems: string[] = [];
  const production = (p: string) => !isTest(p) && layerOf(p) !== 'testing';
  for (const [from, targets] of graph) {
    const layer = layerOf(from);
    const rule = layers[layer];
    if (!rule) {
      problems.push(`${from}: folder src/${layer} is not in scripts/layers.mjs`);
      continue;
    }
    if (!production(from)) continue;
    for (const { to } of targets) {
      const target = layerOf(to);
      if (target === layer) continue;
      if (!rule.may.includes(target)) problems.push(`${from} imports ${to}: src/${layer} may import only ${rule.may.join(', ') || 'nothing'}`);
      else if (layers[target]?.entry && !/^[^/]+\/index\.tsx?$/.test(to)) {
        problems.push(`${from} imports ${to}: import src/${target} through its entry (src/${target}/index.ts)`);
      }
    }
  }
  // Between files, an `import type` is no cycle: it is erased, and it orders nothing at run time.
  const prod = new Map([...graph].filter(([p]) => production(p)).map(([p, ts]) => [p, ts.filter((e) => production(e.to))]));
  const runtime = new Map([...prod].map(([p, ts]) => [p, ts.filter((e) => !e.typeOnly).map((e) => e.to)]));
  for (const cycle of cycles(runtime)) problems.push(`import cycle between files: ${cycle.join(' -> ')}`);
  const folders = new Map<string, string[]>();
  for (const [p, ts] of prod) {
    const list = folders.get(layerOf(p)) ?? [];
    for (const { to } of ts) if (layerOf(to) !== layerOf(p) && !list.includes(layerOf(to))) list.push(layerOf(to));
    folders.set(layerOf(p), list);
  }
  for (const cycle of cycles(folders)) problems.push(`import cycle between folders: ${cycle.join(' -> ')}`);
  return problems;
}

/** Every strongly connected set of more than one node (or a node importing itself), sorted (Tarjan). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const set: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        set.push(w);
      } while (w !== v);
      if (set.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(set.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

const SPECIFIER = /(?:^|[\s;])(import|export)(\s+type)?\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** The relative import specifiers of a source text (bare packages left out), query strings cut. */
export function specifiers(text: string): { spec: string; typeOnly: boolean }[] {
  const out: { spec: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = (m[3] ?? m[4] ?? m[5])!.replace(/\?.*$/, '');
    if (spec.startsWith('.')) out.push({ spec, typeOnly: m[2] !== undefined });
  }
  return out;
}

/** The graph of the .ts/.tsx files under `srcDir` (imports of other files, e.g. CSS, left out). */
export function readGraph(srcDir: string): Graph {
  const graph: Graph = new Map();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        const targets: Edge[] = [];
        for (const { spec, typeOnly } of specifiers(readFileSync(path, 'utf8'))) {
          const file = resolveFile(resolve(dirname(path), spec));
          if (file) targets.push({ to: relative(srcDir, file).split('\\').join('/'), typeOnly });
        }
        graph.set(relative(srcDir, path).split('\\').join('/'), targets);
      }
    }
  };
  walk(srcDir);
  return graph;
}

function resolveFile(base: string): string | null {
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

export const SRC_DIR = fileURLToPath(new URL('../src/', import.meta.url));

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = checkGraph(readGraph(SRC_DIR));
  for (const p of problems) console.log(p);
  console.log(problems.length === 0 ? 'import graph: the layering holds' : `import graph: ${problems.length} problem(s)`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
