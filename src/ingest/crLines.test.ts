import { describe, expect, it } from 'vitest';
import { LineBatcher, type LinePiece } from './batcher';
import { splitLines } from './lines';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Every line the batcher's pieces hold, as the parsers would number them, and its problems. */
function readAll(chunks: Uint8Array[], maxLineBytes: number): { lines: string[]; problems: string[] } {
  const batcher = new LineBatcher({ maxLineBytes, firstBatchBytes: 64, maxBatchBytes: 256 });
  const pieces: LinePiece[] = [];
  for (const c of chunks) pieces.push(...batcher.push(c));
  pieces.push(...batcher.end());
  const lines: string[] = [];
  const problems: string[] = [];
  for (const p of pieces) {
    if (p.kind === 'overlong') problems.push(p.message);
    else splitLines(p.bytes, 1, { line: (t) => void lines.push(t), bad: (_n, m) => void problems.push(m) }, maxLineBytes);
  }
  // a final line end leaves an empty last line, as it does for '\n' files (blank lines are not records)
  if (lines.at(-1) === '') lines.pop();
  return { lines, problems };
}

/** Cut `bytes` into chunks of the given sizes, round robin (odd sizes put a CR at a chunk's end). */
function chunksOf(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const n = sizes[k % sizes.length]!;
    out.push(bytes.subarray(at, at + n));
    at += n;
  }
  return out;
}

const records = Array.from({ length: 400 }, (_, i) => JSON.stringify({ rule: `r${i}`, output: `line ${i} é` }));

describe('CR-only line ends in an input longer than the line limit (a synthetic stream, limit scaled down)', () => {
  it('splits every record on its own line, wherever the chunks are cut', () => {
    const bytes = utf8(records.join('\r') + '\r');
    for (const sizes of [[1000], [7, 13, 1], [4096], [33]]) {
      const { lines, problems } = readAll(chunksOf(bytes, sizes), 1024);
      expect(problems, String(sizes)).toEqual([]);
      expect(lines, String(sizes)).toEqual(records);
    }
  });

  it('keeps CRLF as one line end once in CR mode, even when CR and LF fall in different chunks', () => {
    const text = records.slice(0, 100).join('\r') + '\r' + records.slice(100, 200).join('\r\n') + '\r\n';
    for (const sizes of [[97], [1, 2, 3, 5, 8]]) {
      expect(readAll(chunksOf(utf8(text), sizes), 1024).lines, String(sizes)).toEqual(records.slice(0, 200));
    }
  });

  it('reads the same lines as the LF form of the same records', () => {
    const lf = readAll(chunksOf(utf8(records.join('\n') + '\n'), [7, 13, 1]), 1024).lines;
    expect(readAll(chunksOf(utf8(records.join('\r') + '\r'), [7, 13, 1]), 1024).lines).toEqual(lf);
  });

  it('changes nothing below the limit, and still reports a long line without any line end', () => {
    const small = utf8(records.slice(0, 3).join('\r'));
    expect(readAll([small], 1024).lines).toEqual([records.slice(0, 3).join('\r')]);
    const { lines, problems } = readAll(chunksOf(utf8('x'.repeat(5000)), [300]), 1024);
    expect(lines).toEqual([]);
    expect(problems).toHaveLength(1);
  });
});
