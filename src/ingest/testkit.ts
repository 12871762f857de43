/** Test helpers for ingest (imported by *.test.ts only; Node APIs are fine here). */
import { readFileSync } from 'node:fs';
import type { ParseIssue } from '../model';
import { VENDORED_FALCO } from '../testing/vendored';
import { ingestStream } from './stream';
import type { IngestedAlert, IngestOptions, IngestResult, RecordSink } from './types';

/** vendor/falco/alerts/ as a URL (the published alerts vendored as fixtures). */
export const VENDORED_ALERTS_URL = new URL('alerts/', VENDORED_FALCO);

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, VENDORED_ALERTS_URL)));
}

/** A stream handing out `bytes` in chunks of `size` bytes (whole when size is omitted). */
export function streamOf(bytes: Uint8Array, size = bytes.length || 1): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (at >= bytes.length) {
        c.close();
        return;
      }
      c.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

export interface Collected {
  alerts: IngestedAlert[];
  problems: ParseIssue[];
}

export function collector(): Collected & RecordSink {
  const alerts: IngestedAlert[] = [];
  const problems: ParseIssue[] = [];
  return { alerts, problems, alert: (a) => alerts.push(a), problem: (p) => problems.push(p) };
}

export async function ingestBytes(
  bytes: Uint8Array,
  opts: { chunk?: number; file?: string } & IngestOptions = {},
): Promise<Collected & { result: IngestResult }> {
  const sink = collector();
  const result = await ingestStream(streamOf(bytes, opts.chunk), opts.file ?? 'test.json', sink, opts);
  return { alerts: sink.alerts, problems: sink.problems, result };
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Deterministic pseudo-random bytes (xorshift32). */
export function randomBytes(n: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}
