import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `falcoscope` command (package.json "bin"): builds dist-cli/ when stale, then runs it. */
export const CLI_LAUNCHER = fileURLToPath(new URL('../../bin/falcoscope.mjs', import.meta.url));
/** The bundle the launcher runs. */
export const CLI_BUNDLE = fileURLToPath(new URL('../../dist-cli/falcoscope.mjs', import.meta.url));

/** Tests that spawn the CLI call this first: the launcher (re)builds the bundle when needed. */
export function ensureCliBuilt(): void {
  execFileSync(process.execPath, [CLI_LAUNCHER, '--help'], { stdio: 'ignore' });
}
