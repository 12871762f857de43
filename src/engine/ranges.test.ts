import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { HEAD_BYTES, forEachRange, linesStart, readHead, readRange, type FileRange } from './ranges';

const enc = (s: string) => new TextEncoder().encode(s);
const line = (i: number) => JSON.stringify({ rule: 'R', output: `alert ${i} ${'x'.repeat(i % 50)}`, output_fields: {} });

async function ranges(blob: Blob, start: number, sizes: { first: number; max: number; longLine: number }, head?: Uint8Array) {
  const out: FileRange[] = [];
  const stop = await forEachRange(blob, start, async (r) => void out.push(r), new AbortController().signal, sizes, head);
  return { out, stop };
}

describe('linesStart', () => {
  it('ranges plain NDJSON and prefixed lines, past a BOM; not gzip, arrays or documents', async () => {
    const head = async (bytes: Uint8Array) => linesStart(await readHead(new Blob([bytes as Uint8Array<ArrayBuffer>])), bytes.length);
    expect(await head(enc(`${line(1)}\n${line(2)}\n`))).toEqual({ start: 0, format: 'ndjson' });
    expect(await head(new Uint8Array([0xef, 0xbb, 0xbf, ...enc(`${line(1)}\n`)]))).toEqual({ start: 3, format: 'ndjson' });
    expect(await head(enc(`<6>Aug  7 host falco: ${line(1)}\n`))).toEqual({ start: 0, format: 'lines' });
    expect(await head(gzipSync(enc(`${line(1)}\n`)))).toBeNull();
    expect(await head(enc(`[${line(1)}]`))).toBeNull();
    expect(await head(enc('{\n  "rule": "R"\n}\n'))).toBeNull();
  });
});

describe('forEachRange', () => {
  const text = Array.from({ length: 2000 }, (_, i) => line(i)).join('\n');
  const bytes = enc(text);
  const blob = new Blob([bytes]);

  it('cuts the file into consecutive ranges of whole lines, growing from small to the maximum', async () => {
    const { out, stop } = await ranges(blob, 0, { first: 1000, max: 20_000, longLine: 1 << 20 });
    expect(stop).toBe(bytes.length);
    expect(out[0]!.start).toBe(0);
    for (let i = 1; i < out.length; i++) expect(out[i]!.start).toBe(out[i - 1]!.end);
    expect(out.at(-1)!.end).toBe(bytes.length);
    for (const r of out.slice(0, -1)) expect(bytes[r.end - 1]).toBe(0x0a);
    const sizes = out.map((r) => r.end - r.start);
    expect(sizes[0]!).toBeLessThan(2000);
    expect(Math.max(...sizes)).toBeLessThan(21_000);
    expect(Math.max(...sizes)).toBeGreaterThan(19_000);
    // Every line comes back once, whole, from its range.
    const lines: string[] = [];
    for (const r of out) lines.push(...new TextDecoder().decode(await readRange(blob, r)).split('\n'));
    expect(lines).toEqual(text.split('\n'));
  });

  it('ends the first range at the last newline of the head already read', async () => {
    const head = bytes.slice(0, 5000);
    const { out } = await ranges(blob, 0, { first: 1000, max: 20_000, longLine: 1 << 20 }, head);
    expect(out[0]).toEqual({ start: 0, end: head.lastIndexOf(0x0a) + 1 });
    expect(HEAD_BYTES).toBeGreaterThan(5000);
  });

  it('stops before a line too long to look for its end, for the caller to stream the rest', async () => {
    const long = `${text}\n${'y'.repeat(50_000)}\n${line(1)}`;
    const { out, stop } = await ranges(new Blob([long]), 0, { first: 1000, max: 4000, longLine: 10_000 });
    expect(stop).toBeLessThan(long.length);
    expect(stop).toBe(out.at(-1)!.end);
    expect(long.slice(stop, stop + 5)).not.toContain('\n');
  });

  it('stops at once when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(forEachRange(blob, 0, async () => {}, controller.signal)).rejects.toThrow(/cancelled/);
  });
});
