import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { outsideReferences, scannedFiles, scanRepository } from './selfContained';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// The forbidden spellings are assembled at run time, so that this file does not report itself.
const up = (n: number): string => '../'.repeat(n);
const WORK = ['', 'work', ''].join('/');
const SHARED_FALCO = ['shared', 'falco'].join('/');

const lines = (file: string, text: string): string[] =>
  outsideReferences('/repo', file, text).map((r) => `${r.file}:${r.line}: ${r.why}`);

describe('outsideReferences', () => {
  it('names file and line of an absolute path into the work folder', () => {
    const text = `const a = 1;\nconst INDEX = '${WORK}shared/x.json';\n`;
    expect(lines('src/x.test.ts', text)).toEqual([
      'src/x.test.ts:2: absolute path into the work folder (outside the repository)',
    ]);
  });

  it('flags the shared collection beside the repository, in code and in comments', () => {
    const code = `new URL('${up(3)}${SHARED_FALCO}/alerts/', import.meta.url);`;
    expect(lines('src/ingest/testkit.ts', code)).toEqual([
      'src/ingest/testkit.ts:1: the shared data collection beside the repository (use vendor/falco/)',
      `src/ingest/testkit.ts:1: relative path ${up(3)}${SHARED_FALCO}/alerts/ leaves the repository`,
    ]);
    expect(lines('bench/generate.ts', ` * index (${up(1)}shared/rules.json)`)).toHaveLength(1);
    expect(lines('src/samples/README.md', `copied from \`${SHARED_FALCO}/alerts/\``)).toHaveLength(1);
  });

  it('flags a relative path that climbs above the root from the folder of its file', () => {
    expect(lines('src/a/b.ts', `readFileSync('${up(3)}elsewhere/data.json')`)).toEqual([
      `src/a/b.ts:1: relative path ${up(3)}elsewhere/data.json leaves the repository`,
    ]);
    expect(lines('e2e/helpers.ts', `resolve(import.meta.dirname, '${up(2)}x')`)).toHaveLength(1);
    expect(lines('vite.config.ts', `root: '${up(1)}'`)).toHaveLength(1);
  });

  it('accepts paths that stay inside the repository', () => {
    expect(lines('src/a/b.ts', `import { x } from '${up(2)}model';`)).toEqual([]);
    expect(lines('src/testing/vendored.ts', `new URL('${up(2)}vendor/falco/', import.meta.url)`)).toEqual([]);
    expect(lines('scripts/x.ts', `const p = 'vendor/falco/rules/${up(1)}LICENSE'; const q = a/${up(1)}b;`)).toEqual([]);
  });

  it('does not read import patterns quoted in comments as paths of the file', () => {
    expect(lines('eslint.config.js', ` * written relatively ('${up(1)}ui/x', '${up(2)}ui')`)).toEqual([]);
    expect(lines('eslint.config.js', `const x = '${up(1)}ui/x';`)).toHaveLength(1);
  });
});

describe('this repository', () => {
  it('scans the code folders and the top-level configuration, not node_modules or vendor', () => {
    const files = scannedFiles(ROOT);
    for (const f of ['package.json', 'tsconfig.json', 'index.html', 'vite.config.ts', 'playwright.config.ts', 'eslint.config.js', '.ci/run', 'src/testing/vendored.ts', 'e2e/helpers.ts', 'bench/generate.ts', 'scripts/gen-rule-catalog.ts']) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => f.includes('node_modules') || f.startsWith('vendor/'))).toEqual([]);
  });

  it('reads no path outside itself (a fresh clone with nothing beside it must pass)', () => {
    const found = scanRepository(ROOT).map((r) => `${r.file}:${r.line}: ${r.why}: ${r.text}`);
    expect(found).toEqual([]);
  });
});
