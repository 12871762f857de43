#!/usr/bin/env node
/**
 * `npm start`'s first step: `npm ci` only when node_modules is missing or holds something other
 * than what package-lock.json pins, so a second start serves the app in seconds instead of
 * reinstalling (61 s each time before). Plain JavaScript: it runs before anything is installed.
 *
 * What is installed is read from node_modules/.package-lock.json, the record npm itself writes
 * after every install: up to date when every package the lock pins is there in the same version
 * (optional packages for other platforms are never installed, and need not be), and the lock was
 * made from this package.json's dependencies.
 *   node scripts/ensure-deps.mjs [--check]   --check: say whether an install is needed, exit 1 if so
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path) => JSON.parse(readFileSync(`${root}${path}`, 'utf8'));

/** Why an install is needed, or null when node_modules matches the lock. */
export function staleReason() {
  if (!existsSync(`${root}node_modules/.package-lock.json`)) return 'node_modules is missing';
  const manifest = read('package.json');
  const lock = read('package-lock.json');
  const installed = read('node_modules/.package-lock.json').packages ?? {};
  const locked = lock.packages ?? {};
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const a = JSON.stringify(manifest[field] ?? {});
    const b = JSON.stringify(locked['']?.[field] ?? {});
    if (a !== b) return `package.json's ${field} differ from package-lock.json's`;
  }
  for (const [path, entry] of Object.entries(locked)) {
    if (path === '' || entry.link) continue;
    const have = installed[path];
    if (!have) {
      if (entry.optional) continue;
      return `${path} is not installed`;
    }
    if (have.version !== entry.version) return `${path} is ${have.version}, the lock says ${entry.version}`;
  }
  return null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const reason = staleReason();
  if (process.argv.includes('--check')) {
    console.log(reason ?? 'dependencies are up to date');
    process.exit(reason ? 1 : 0);
  }
  if (reason) {
    console.log(`Installing dependencies (${reason}): npm ci`);
    const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
    process.exit(r.status ?? 1);
  }
}
