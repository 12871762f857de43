import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Sync } from './sha256';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const reference = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('sha256Sync', () => {
  it('gives the FIPS 180-4 test vectors', () => {
    const ascii = (s: string) => new TextEncoder().encode(s);
    expect(hex(sha256Sync(ascii('')))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256Sync(ascii('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256Sync(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with Node for every length around the padding boundaries and beyond', () => {
    let x = 1;
    const bytes = new Uint8Array(5000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    const lengths = [...Array.from({ length: 200 }, (_, i) => i), 447, 448, 511, 512, 513, 1023, 1024, 4095, 5000];
    for (const n of lengths) expect(hex(sha256Sync(bytes.subarray(0, n))), `length ${n}`).toBe(reference(bytes.subarray(0, n)));
  });

  it('reads only the view it is given, wherever it lies in its buffer', () => {
    const buffer = new Uint8Array(300).map((_, i) => i);
    const view = buffer.subarray(37, 237);
    expect(hex(sha256Sync(view))).toBe(reference(buffer.slice(37, 237)));
  });
});
