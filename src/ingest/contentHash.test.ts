import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ContentHash, HASH_BLOCK, hashBytes, hashingStream } from './contentHash';

/** The scheme written out with Node's crypto: SHA-256 of the SHA-256 digests of 1 MiB blocks. */
function reference(bytes: Uint8Array): string {
  const list = createHash('sha256');
  for (let at = 0; at < bytes.length; at += HASH_BLOCK) list.update(createHash('sha256').update(bytes.subarray(at, at + HASH_BLOCK)).digest());
  return list.digest('hex');
}

function bytesOf(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const SIZES = [0, 1, 900, HASH_BLOCK - 1, HASH_BLOCK, HASH_BLOCK + 1, 2.5 * HASH_BLOCK];

describe('content hash', () => {
  it.each(SIZES)('of %i bytes is SHA-256 over the digests of 1 MiB blocks', async (n) => {
    const bytes = bytesOf(n, n + 1);
    expect(await hashBytes(bytes)).toBe(reference(bytes));
  });

  it.each(SIZES)('of %i bytes does not depend on how the reads were cut or in which order they came', async (n) => {
    const bytes = bytesOf(n, 7);
    // Pieces of uneven sizes, crossing block boundaries, given last first.
    const cuts = [0];
    for (let at = 0; at < n; ) cuts.push((at = Math.min(n, at + 1 + ((at * 7919) % Math.floor(HASH_BLOCK / 3)))));
    const pieces = cuts.slice(1).map((end, i) => ({ start: cuts[i]!, end }));
    for (const known of [undefined, n]) {
      const h = new ContentHash(known);
      for (const p of [...pieces].reverse()) h.update(p.start, bytes.slice(p.start, p.end));
      expect(await h.digest(n)).toBe(reference(bytes));
    }
  });

  it('tells files apart by content alone: one byte differs, the hash differs', async () => {
    const a = bytesOf(3 * HASH_BLOCK, 1);
    const b = a.slice();
    b[2 * HASH_BLOCK + 5]! ^= 1;
    expect(await hashBytes(a)).not.toBe(await hashBytes(b));
    expect(await hashBytes(a)).toBe(await hashBytes(a.slice()));
    // A prefix is another input, even when it ends on a block boundary.
    expect(await hashBytes(a.subarray(0, 2 * HASH_BLOCK))).not.toBe(await hashBytes(a));
  });

  it('refuses to name a hash when bytes are missing (a reader that stopped early)', async () => {
    const h = new ContentHash(3000);
    h.update(0, bytesOf(1000, 3));
    await expect(h.digest()).rejects.toThrow(/block 0/);
    const g = new ContentHash();
    g.update(HASH_BLOCK, bytesOf(10, 3));
    await expect(g.digest()).rejects.toThrow(/block 0/);
  });

  it('copies what it keeps: the caller may reuse or transfer a buffer once update returns', async () => {
    const bytes = bytesOf(5000, 9);
    const h = new ContentHash(bytes.length);
    const buffer = bytes.slice(0, 2000);
    h.update(0, buffer);
    buffer.fill(0);
    h.update(2000, bytes.slice(2000));
    expect(await h.digest()).toBe(reference(bytes));
  });

  it('hashes a stream as it passes through, unchanged', async () => {
    const bytes = bytesOf(HASH_BLOCK + 4321, 11);
    const h = new ContentHash();
    const source = new ReadableStream<Uint8Array>({
      start(c) {
        for (let at = 0; at < bytes.length; at += 65536) c.enqueue(bytes.slice(at, at + 65536));
        c.close();
      },
    });
    const out = new Uint8Array(bytes.length);
    let filled = 0;
    const reader = source.pipeThrough(hashingStream(h)).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      out.set(r.value, filled);
      filled += r.value.length;
    }
    expect(filled).toBe(bytes.length);
    expect(Buffer.from(out).equals(Buffer.from(bytes))).toBe(true);
    expect(await h.digest()).toBe(reference(bytes));
  });
});
