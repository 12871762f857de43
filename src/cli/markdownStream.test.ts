import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineHost } from '../engine/engineHost';
import { sessionToMarkdown } from '../export/markdown';
import { VENDORED_ALERTS_DIR } from '../testing/vendored';
import { resolveInputs } from './inputs';
import { readInputs } from './readInputs';
import { runReport } from './run';
import { ChunkedWriter } from './output';

const samples = fileURLToPath(new URL('../samples/falco-samples.ndjson', import.meta.url));
const NOW = new Date('2026-01-01T00:00:00Z');

/**
 * The report as one string, as the CLI printed it before it streamed: every report built first,
 * then the session document of export/markdown.ts (the engine's Markdown before it built reports
 * lazily).
 */
async function wholeDocument(files: string[]): Promise<string> {
  const host = new EngineHost();
  host.hashInputs = false;
  const inputs = await readInputs(host, await resolveInputs(files), () => {});
  const reports = host.incidentIdsByRisk().map((id) => host.report(id)!);
  const { alerts, problems } = host.status();
  return sessionToMarkdown(reports, { generatedAt: NOW.toISOString(), files: inputs.map((i) => basename(i.file)), alerts, problems }) + '\n';
}

/** A stdout that is always full: every write asks to wait, and drains only on a later turn. */
class SlowPipe extends EventEmitter {
  chunks: string[] = [];
  waiting = false;
  write(chunk: string): boolean {
    // A write before the last drain would be a writer that ignores backpressure.
    expect(this.waiting).toBe(false);
    this.chunks.push(chunk);
    this.waiting = true;
    setImmediate(() => {
      this.waiting = false;
      this.emit('drain');
    });
    return false;
  }
}

/** Many incidents: the sample alerts, each from 40 containers of its own. */
function manyIncidentsFile(): string {
  const lines = readFileSync(samples, 'utf8').split('\n').filter(Boolean);
  const out: string[] = [];
  for (let copy = 0; copy < 40; copy++) {
    for (const line of lines) {
      const alert = JSON.parse(line) as { uuid?: string; output_fields: Record<string, unknown> };
      delete alert.uuid;
      alert.output_fields['container.id'] = `c0ffee${String(copy).padStart(6, '0')}`;
      out.push(JSON.stringify(alert));
    }
  }
  const path = join(mkdtempSync(join(tmpdir(), 'falcoscope-md-')), 'many.ndjson');
  writeFileSync(path, out.join('\n') + '\n');
  return path;
}

describe('--format md streams', () => {
  const fixtures = [samples, ...readdirSync(VENDORED_ALERTS_DIR).filter((f) => f.endsWith('.ndjson')).map((f) => join(VENDORED_ALERTS_DIR, f))];

  it.each([
    ['the samples', () => [samples], 1],
    ['every vendored alert file', () => fixtures, 1],
    ['many incidents', () => [manyIncidentsFile()], 2],
  ])('writes the same bytes as the whole document for %s, waiting for the reader', async (_name, files, minChunks) => {
    const inputs = files();
    const pipe = new SlowPipe();
    const code = await runReport({ command: 'report', files: inputs, format: 'md' }, { stdout: pipe, stderr: () => {} }, NOW);
    expect(code).toBe(0);
    const streamed = pipe.chunks.join('');
    expect(streamed).toBe(await wholeDocument(inputs));
    expect(pipe.chunks.length).toBeGreaterThanOrEqual(minChunks);
  }, 60_000);
});

describe('ChunkedWriter', () => {
  it('holds small writes back, and waits for the stream to drain once a chunk went out', async () => {
    const pipe = new SlowPipe();
    const out = new ChunkedWriter(pipe);
    expect(out.write('a')).toBeUndefined();
    expect(pipe.chunks).toEqual([]);
    const big = 'x'.repeat(1 << 20);
    const pending = out.write(big);
    expect(pending).toBeInstanceOf(Promise);
    expect(pipe.chunks).toEqual(['a' + big]);
    await pending;
    expect(pipe.waiting).toBe(false);
    await out.flush();
    expect(pipe.chunks).toHaveLength(1);
  });
});
