// Bundles the CLI (src/cli/main.ts and the engine it runs) into one ESM file for Node 20:
// dist-cli/falcoscope.mjs, its worker threads' dist-cli/falcoscope-thread.mjs, and dist-cli/inputs.json, the source files it was built from, which
// the launcher (bin/falcoscope.mjs) compares with the bundle's time to know when to rebuild.
//   node scripts/build-cli.mjs
// esbuild, not Vite: it bundles the CLI in a fraction of a second, so building on first use costs
// little, and Vite's app config (React, PWA, CSP plugins) has nothing to do with a Node program.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
  // Several processes may build at once (parallel test files): each writes into its own temporary
  // directory and renames the files into place, so a reader never sees half a bundle.
  const tmp = mkdtempSync(join(OUT_DIR, `.build-${process.pid}-`));
  try {
    const result = await build({
      absWorkingDir: ROOT,
      // The CLI, and its worker threads' entry (src/cli/threads.ts starts them).
      entryPoints: { falcoscope: 'src/cli/main.ts', 'falcoscope-thread': 'src/cli/thread.ts' },
      outdir: tmp,
      outExtension: { '.js': '.mjs' },
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
    writeFileSync(join(tmp, 'inputs.json'), JSON.stringify(inputs, null, 1) + '\n');
    // The bundle last: the launcher compares the others' age with its own.
    for (const name of ['falcoscope-thread.mjs', 'inputs.json', 'falcoscope.mjs']) renameSync(join(tmp, name), join(OUT_DIR, name));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return OUT_FILE;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  await buildCli();
  console.log(`build-cli: ${OUT_FILE} in ${Math.round(performance.now() - t0)} ms`);
}
