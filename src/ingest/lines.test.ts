import { describe, expect, it } from 'vitest';
import { LineBatcher } from './batcher';
import { splitLines } from './lines';
import { utf8 } from './testkit';

type Ev = [number, string] | [number, 'BAD', string];

/**
 * Lines as the stream path produces them: chunks -> LineBatcher -> splitLines. Also checks that
 * every line's span points at its own bytes (and characters) in the batch.
 */
function split(chunks: Uint8Array[], maxLineBytes?: number, batchBytes = 1): Ev[] {
  const out: Ev[] = [];
  const limit = maxLineBytes === undefined ? {} : { maxLineBytes };
  const batcher = new LineBatcher({ ...limit, firstBatchBytes: batchBytes, maxBatchBytes: batchBytes });
  let nextLine = 1;
  const decoder = new TextDecoder();
  const take = (pieces: ReturnType<LineBatcher['push']>) => {
    for (const piece of pieces) {
      if (piece.kind === 'overlong') {
        out.push([nextLine++, 'BAD', piece.message]);
        continue;
      }
      const n = splitLines(
        piece.bytes,
        nextLine,
        {
          line: (t, no, span) => {
            out.push([no, t]);
            expect(decoder.decode(piece.bytes.subarray(span.byteStart, span.byteEnd))).toBe(t);
          },
          bad: (no, m) => out.push([no, 'BAD', m]),
        },
        maxLineBytes,
      );
      nextLine += n;
    }
  };
  for (const c of chunks) take(batcher.push(c));
  take(batcher.end());
  return out;
}

function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, i + size));
  return out;
}

const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

describe('LineBatcher + splitLines', () => {
  const text = 'a\r\nbé漢😀\n\n  \nlast without newline';
  const want: Ev[] = [
    [1, 'a'],
    [2, 'bé漢😀'],
    [3, ''],
    [4, '  '],
    [5, 'last without newline'],
  ];

  it.each([1, 2, 3, 4, 5, 7, 64, 1000])('gives the same lines for chunks of %i bytes, in batches of any size', (size) => {
    for (const batch of [1, 5, 4096]) expect(split(chunked(utf8(text), size), undefined, batch)).toEqual(want);
  });

  it('handles a final newline (no empty extra line) and an empty input', () => {
    expect(split([utf8('x\ny\n')])).toEqual([
      [1, 'x'],
      [2, 'y'],
    ]);
    expect(split([])).toEqual([]);
    expect(split([new Uint8Array(0)])).toEqual([]);
  });

  it('drops a CR split from its LF by a chunk boundary', () => {
    expect(split([utf8('a\r'), utf8('\nb\r'), utf8('\n')])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });

  it('flags only the line holding invalid UTF-8', () => {
    const bytes = cat(utf8('good1\n"x'), new Uint8Array([0xff, 0xfe, 0xc3]), utf8('"\ngood3\n'), new Uint8Array([0xe6, 0xbc]), utf8('\ngood5'));
    const want: Ev[] = [
      [1, 'good1'],
      [2, 'BAD', 'invalid UTF-8'],
      [3, 'good3'],
      [4, 'BAD', 'invalid UTF-8'],
      [5, 'good5'],
    ];
    for (const size of [1, 3, 1000]) for (const batch of [1, 4096]) expect(split(chunked(bytes, size), undefined, batch)).toEqual(want);
  });

  it('keeps a U+FFFD written in the file as text, next to a line of bad bytes', () => {
    // The lossy decoder gives U+FFFD for both: the line-by-line fallback tells them apart.
    const bytes = cat(utf8('a\uFFFDb\n'), new Uint8Array([0x78, 0xff]), utf8('\n\uFFFD'));
    const want: Ev[] = [
      [1, 'a\uFFFDb'],
      [2, 'BAD', 'invalid UTF-8'],
      [3, '\uFFFD'],
    ];
    for (const batch of [1, 4096]) expect(split([bytes], undefined, batch)).toEqual(want);
  });

  it('reports a line over the limit without keeping it, and carries on', () => {
    const long = 'x'.repeat(300);
    for (const [size, batch] of [[1, 1], [7, 1], [64, 50], [10_000, 1], [10_000, 4096]] as const) {
      const ev = split(chunked(utf8(`ok\n${long}\nafter\n${long}`), size), 100, batch);
      expect(ev.map((e) => e.slice(0, 2))).toEqual([
        [1, 'ok'],
        [2, 'BAD'],
        [3, 'after'],
        [4, 'BAD'],
      ]);
      expect(ev[1]![2]).toMatch(/^line too long \(0\.0 MiB; the limit is 100 bytes\): skipped$/);
    }
  });
});
