import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { EngineHost } from '../engine/engineHost';
import { FsFile } from './fsFile';
import { fsReason, type Input } from './inputs';
import type { InputJson } from './jsonReport';

/**
 * Read every input into the engine, in order: what each gave (`inputs`), and a one-line reason
 * (`fail`) for each that could not be read.
 */
export async function readInputs(host: EngineHost, resolved: Input[], fail: (file: string, reason: string) => void): Promise<InputJson[]> {
  const ctx = { signal: new AbortController().signal, progress: () => {} };
  const inputs: InputJson[] = [];
  for (const input of resolved) {
    if (input.failure !== undefined) {
      fail(input.arg, input.failure);
    } else if (input.sameAs !== undefined) {
      inputs.push({ file: input.arg, format: 'same', alerts: 0, problems: 0, sameAs: input.sameAs });
    } else {
      try {
        // Read in ranges and streamed like a browser File, never whole.
        const handle = await open(input.path!, 'r');
        try {
          const file = new FsFile(handle, basename(input.arg), 0, (await handle.stat()).size).asFile();
          const summary = await host.handle({ type: 'ingestFile', file }, ctx);
          inputs.push({ file: input.arg, format: summary.format, alerts: summary.alerts, problems: summary.problems, ...(summary.duplicates ? { duplicates: summary.duplicates } : {}) });
        } finally {
          await handle.close();
        }
      } catch (error) {
        // fsReason: "permission denied", not "EACCES: permission denied, open '...'".
        fail(input.arg, fsReason(error));
      }
    }
  }
  return inputs;
}
