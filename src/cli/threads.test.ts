import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_BUNDLE, ensureCliBuilt } from './bundle';
import { collect } from './collect';
import { THREADS_FROM_BYTES } from './threads';

/**
 * The built CLI, with FALCOSCOPE_THREADS=1, parses a large input and builds its reports on worker threads; run from source
 * (here, in-process) it has no thread entry and does both inline. The two must write the same bytes.
 */
describe('cli worker threads', () => {
  let file: string;
  beforeAll(() => {
    ensureCliBuilt();
    const samples = readFileSync(fileURLToPath(new URL('../samples/falco-samples.ndjson', import.meta.url)), 'utf8').split('\n').filter((l) => l.trim());
    const lines: string[] = [];
    let bytes = 0;
    // Past the threshold, with incidents spread over many batches and a malformed line now and then.
    for (let i = 0; bytes <= THREADS_FROM_BYTES; i++) {
      const line = i % 997 === 5 ? '{"rule": broken' : samples[i % samples.length]!.replace(/"hostname":"/, `"hostname":"n${i % 13}-`).replace(/"container\.id":"/, `"container.id":"k${i % 400}`);
      lines.push(line);
      bytes += line.length + 1;
    }
    file = join(mkdtempSync(join(tmpdir(), 'falcoscope-threads-')), 'large.ndjson');
    writeFileSync(file, lines.join('\n'));
  }, 120_000);

  it('writes what the inline path writes', async () => {
    const threaded = spawnSync(process.execPath, [CLI_BUNDLE, 'report', file, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, FALCOSCOPE_THREADS: '1' } });
    const inline = await collect({ command: 'report', files: [file], format: 'json' });
    expect(threaded.status).toBe(0);
    const json = JSON.parse(threaded.stdout);
    expect(json.incidents.length).toBeGreaterThan(100);
    expect(json.problems.length).toBeGreaterThan(10);
    expect(threaded.stdout).toBe(inline.stdout);
  }, 300_000);
});
