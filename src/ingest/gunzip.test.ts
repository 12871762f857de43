import { describe, expect, it } from 'vitest';
import { constants, gzipSync, inflateRawSync } from 'node:zlib';
import { GzipStopped, gunzip, nativeGunzip, type Decompressor } from './gunzip';
import { streamOf, utf8 } from './testkit';

/**
 * A stand-in for Chromium's DecompressionStream: one member only, "Junk found after end of
 * compressed data" for any byte after it (the output of that write lost with the error), and
 * "truncated" at close when the member is incomplete. Members are those gzipSync writes (no
 * optional header fields).
 */
const oneMember: Decompressor = () => {
  let buf = Buffer.alloc(0);
  let sent = 0;
  let ended = false;
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      if (ended && chunk.length > 0) throw new TypeError('Junk found after end of compressed data.');
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < 10) return;
      if (buf[0] !== 0x1f || buf[1] !== 0x8b) throw new TypeError('The compressed data was not valid.');
      let out: Buffer;
      let end = -1;
      try {
        const r = inflateRawSync(buf.subarray(10), { info: true }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
        out = r.buffer;
        end = 10 + r.engine.bytesWritten + 8;
      } catch {
        out = inflateRawSync(buf.subarray(10), { finishFlush: constants.Z_SYNC_FLUSH });
      }
      if (out.length > sent) controller.enqueue(new Uint8Array(out.subarray(sent)));
      sent = out.length;
      if (end !== -1 && buf.length >= end) {
        ended = true;
        if (buf.length > end) throw new TypeError('Junk found after end of compressed data.');
      }
    },
    flush() {
      if (!ended) throw new TypeError('Compressed input was truncated.');
    },
  });
};

async function run(bytes: Uint8Array, chunk: number, make: Decompressor): Promise<{ text: string; error: unknown }> {
  const parts: Uint8Array[] = [];
  const reader = streamOf(bytes, chunk).getReader();
  const source = async function* () {
    for (let r = await reader.read(); !r.done; r = await reader.read()) yield r.value;
  };
  let error: unknown = null;
  try {
    for await (const out of gunzip(source(), make)) parts.push(out);
  } catch (e) {
    error = e;
  }
  return { text: Buffer.concat(parts).toString(), error };
}

const lines = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `{"rule":"${tag}","n":${i}}\n`).join('');
const a = lines('a', 500);
const b = lines('b', 300);
const c = lines('c', 1);
const gz = (s: string) => new Uint8Array(gzipSync(s));
const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

// 'padding': Node's zlib itself skips zero bytes after a member; Chromium refuses them.
const CASES: [string, Uint8Array, string, 'stops' | 'padding' | 'cut' | null][] = [
  ['one member', gz(a), a, null],
  ['two members (cat a.gz b.gz)', cat(gz(a), gz(b)), a + b, null],
  ['three members, one of them empty', cat(gz(a), gz(''), gz(c)), a + c, null],
  ['a member, then garbage', cat(gz(a), utf8('garbage!!')), a, 'stops'],
  ['two members, then zero padding', cat(gz(a), gz(b), new Uint8Array(100)), a + b, 'padding'],
  ['a member cut short', gz(a).subarray(0, 200), '', 'cut'],
];

describe('gunzip', () => {
  for (const [engine, make] of [['one-member engine (Chromium)', oneMember], ['native (Node)', nativeGunzip]] as const) {
    for (const chunk of [3, 7, 100, 1 << 16]) {
      it.each(CASES)(`${engine}, chunks of ${chunk}: %s`, async (_name, bytes, text, errorClass) => {
        const r = await run(bytes, chunk, make);
        if (errorClass === 'cut') {
          // Whatever was decompressed before the cut is a prefix of the text.
          expect(a.startsWith(r.text)).toBe(true);
        } else {
          expect(r.text).toBe(text);
        }
        if (errorClass === 'padding' && make === nativeGunzip) expect(r.error).toBeNull();
        else if (errorClass === null) expect(r.error).toBeNull();
        else expect(r.error).toBeInstanceOf(GzipStopped);
      });
    }
  }
});
