#!/usr/bin/env node
// The `falcoscope` command (package.json "bin", `npm run cli`): runs the bundled CLI,
// dist-cli/falcoscope.mjs, building it first when it is missing or older than any source file it
// was built from (dist-cli/inputs.json lists them). Checking costs a stat per source file, a few
// milliseconds; the build itself (scripts/build-cli.mjs, esbuild) well under a second.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist-cli', 'falcoscope.mjs');

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Infinity; // gone (or never built): rebuild
  }
}

function stale() {
  const built = mtime(bundle);
  if (built === Infinity) return true;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(join(root, 'dist-cli', 'inputs.json'), 'utf8'));
  } catch {
    return true;
  }
  // A deleted source counts as newer; a source tree shipped without src/ (an installed package
  // with only dist-cli/) has nothing to compare, and runs what it has.
  if (mtime(join(root, 'src')) === Infinity) return false;
  return inputs.some((input) => mtime(join(root, input)) > built);
}

if (stale()) {
  try {
    const { buildCli } = await import('../scripts/build-cli.mjs');
    await buildCli();
  } catch (error) {
    process.stderr.write(`falcoscope: could not build the CLI: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    process.exit(2);
  }
}
await import(pathToFileURL(bundle).href);
