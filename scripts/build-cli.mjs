// Bundles the CLI (src/cli/main.ts and the engine it runs) into one ESM file for Node 20:
// dist-cli/falcoscope.mjs, plus dist-cli/inputs.json, the source files it was built from, which
// the launcher (bin/falcoscope.mjs) compares with the bundle's time to know when to rebuild.
//   node scripts/build-cli.mjs
// esbuild, not Vite: it bundles the CLI in a fraction of a second, so building on first use costs
// little, and Vite's app config (React, PWA, CSP plugins) has nothing to do with a Node program.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'dist-cli');
export const OUT_FILE = join(OUT_DIR, 'falcoscope.mjs');
export const INPUTS_FILE = join(OUT_DIR, 'inputs.json');
/** Files that change the bundle without being bundled themselves. */
export const BUILD_INPUTS = ['scripts/build-cli.mjs', 'package-lock.json', 'tsconfig.json'];

export async function buildCli() {
  const { build } = await import('esbuild');
  mkdirSync(OUT_DIR, { recursive: true });
  // Several processes may build at once (parallel test files): each writes its own temporary
  // files and renames them into place, so a reader never sees half a bundle.
  const tmp = `${OUT_FILE}.${process.pid}.tmp`;
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli/main.ts'],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    metafile: true,
    logLevel: 'error',
    legalComments: 'none',
    // Bundled CommonJS packages (yaml's Node build) call require() for Node's built-ins, which an
    // ES module lacks: give the bundle one.
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __falcoscopeRequire } from 'node:module';\nconst require = __falcoscopeRequire(import.meta.url);" },
  });
  const inputs = [...Object.keys(result.metafile.inputs).filter((p) => !p.startsWith('node_modules/')), ...BUILD_INPUTS];
  const tmpInputs = `${INPUTS_FILE}.${process.pid}.tmp`;
  writeFileSync(tmpInputs, JSON.stringify(inputs, null, 1) + '\n');
  renameSync(tmpInputs, INPUTS_FILE);
  renameSync(tmp, OUT_FILE);
  return OUT_FILE;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  await buildCli();
  console.log(`build-cli: ${OUT_FILE} in ${Math.round(performance.now() - t0)} ms`);
}
