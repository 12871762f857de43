/**
 * Gzip as RFC 1952 defines it: a file is one or more members one after another (`cat a.gz b.gz`,
 * log rotation), each decompressed here with the platform's DecompressionStream, which is native
 * and fast but reads one member only in some engines: Chromium errors ("Junk found after end of
 * compressed data") at the first byte after a member, and an error empties what it had queued.
 *
 * So the compressed bytes are cut just before every place a member header could start
 * (1f 8b 08, reserved flag bits clear), each piece is written alone, and every output is read
 * before the next piece goes in. A piece that starts a header and is refused starts a new member.
 * Bytes that are not gzip (garbage after the last member, corrupt data) end the read with a
 * GzipStopped error, but only after everything decompressed before them was handed out: the
 * member is decompressed again from its start (kept up to RETAIN_BYTES), its last REPLAY_BYTES in
 * small writes, so the output an engine drops with its error is recovered.
 */
import { concatBytes } from './bytes';

/** A decompressor for one gzip member (or more, where the engine reads on by itself). */
export type Decompressor = () => ReadableWritablePair<Uint8Array, Uint8Array>;

export const nativeGunzip: Decompressor = () => new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;

/**
 * The read stopped at bytes that cannot be decompressed: garbage after the last member, corrupt
 * data, or a member cut short. Everything decompressed before them was delivered.
 */
export class GzipStopped extends Error {}

/** Compressed bytes of the current member kept for the re-read after trailing garbage. */
const RETAIN_BYTES = 64 * 1024 * 1024;
/** The last compressed bytes before an error, decompressed again in small writes. */
const REPLAY_BYTES = 64 * 1024;

interface Member {
  writer: WritableStreamDefaultWriter<Uint8Array>;
  reader: ReadableStreamDefaultReader<Uint8Array>;
  /** A read asked for and not yet answered (kept across pieces: an answer is never dropped). */
  pending: Promise<ReadableStreamReadResult<Uint8Array>> | null;
  /** Compressed bytes written; output bytes read. */
  written: number;
  out: number;
  /** Its compressed bytes so far, while under RETAIN_BYTES (null once over). */
  kept: Uint8Array[] | null;
  keptBytes: number;
}

function open(make: Decompressor): Member {
  const pair = make();
  return { writer: pair.writable.getWriter(), reader: pair.readable.getReader(), pending: null, written: 0, out: 0, kept: [], keptBytes: 0 };
}

type Step = { kind: 'out'; bytes: Uint8Array } | { kind: 'written' } | { kind: 'error'; error: unknown };

/**
 * Write one piece and yield the output until the write is done. Throws the decompressor's error
 * when it refuses the piece.
 */
async function* feed(m: Member, piece: Uint8Array): AsyncGenerator<Uint8Array> {
  // null when the piece was taken, else why it was refused.
  const written: Promise<{ error: unknown } | null> = m.writer.write(piece).then(
    () => null,
    (error: unknown) => ({ error }),
  );
  for (;;) {
    m.pending ??= m.reader.read();
    const step: Step = await Promise.race([
      m.pending.then(
        (r): Step => (r.done ? { kind: 'written' } : { kind: 'out', bytes: r.value }),
        (error: unknown): Step => ({ kind: 'error', error }),
      ),
      written.then((): Step => ({ kind: 'written' })),
    ]);
    if (step.kind === 'out') {
      m.pending = null;
      m.out += step.bytes.length;
      yield step.bytes;
      continue;
    }
    // The write settled, or the reader failed (some engines take the write and fail the read).
    const refused = await written;
    if (step.kind === 'error') throw step.error;
    if (refused === null) {
      m.written += piece.length;
      return;
    }
    throw refused.error;
  }
}

/** Close the member and yield what is left; throws when its data was cut short. */
async function* finish(m: Member): AsyncGenerator<Uint8Array> {
  const closed = m.writer.close().catch((error: unknown) => ({ error }));
  for (;;) {
    m.pending ??= m.reader.read();
    let r: ReadableStreamReadResult<Uint8Array>;
    try {
      r = await m.pending;
    } catch (error) {
      const c = await closed;
      throw c && typeof c === 'object' && 'error' in c ? c.error : error;
    }
    m.pending = null;
    if (r.done) break;
    m.out += r.value.length;
    yield r.value;
  }
  const c = await closed;
  if (c && typeof c === 'object' && 'error' in c) throw c.error;
}

function startsHeader(b: Uint8Array, i: number): boolean {
  return b[i] === 0x1f && b[i + 1] === 0x8b && b[i + 2] === 0x08 && ((b[i + 3] ?? 0) & 0xe0) === 0;
}

/** Bytes at the end of `b` that could be the start of a header cut by the chunk's end (0-3). */
function partialHeaderTail(b: Uint8Array): number {
  const n = b.length;
  if (n >= 3 && b[n - 3] === 0x1f && b[n - 2] === 0x8b && b[n - 1] === 0x08) return 3;
  if (n >= 2 && b[n - 2] === 0x1f && b[n - 1] === 0x8b) return 2;
  if (n >= 1 && b[n - 1] === 0x1f) return 1;
  return 0;
}

/** `data` cut before each possible member header (never at 0: a piece starts where data starts). */
function cutAtHeaders(data: Uint8Array): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (let i = data.indexOf(0x1f, 1); i !== -1 && i + 3 < data.length; i = data.indexOf(0x1f, i + 1)) {
    if (!startsHeader(data, i)) continue;
    pieces.push(data.subarray(from, i));
    from = i;
  }
  pieces.push(data.subarray(from));
  return pieces;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Decompress gzip bytes (every member). The output ends with a GzipTrailingData or GzipCorrupt
 * error after the last good byte, never before it.
 */
export async function* gunzip(source: AsyncIterable<Uint8Array>, make: Decompressor = nativeGunzip): AsyncGenerator<Uint8Array> {
  let m = open(make);
  let carry: Uint8Array = new Uint8Array();
  let offset = 0; // compressed bytes handed to members so far

  const write = async function* (piece: Uint8Array): AsyncGenerator<Uint8Array> {
    if (piece.length === 0) return;
    const at = offset;
    try {
      yield* feed(m, piece);
      keep(m, piece);
      offset += piece.length;
      return;
    } catch (error) {
      if (m.written > 0 && startsHeader(piece, 0)) {
        // The member ended just before this piece, and the engine reads one member only.
        m.reader.cancel().catch(() => {});
        m = open(make);
        try {
          yield* feed(m, piece);
        } catch (second) {
          throw new GzipStopped(`gzip data is corrupt or truncated (${describe(second)}; the member at byte ${at})`);
        }
        keep(m, piece);
        offset += piece.length;
        return;
      }
      yield* replay(m, piece, make);
      throw new GzipStopped(`gzip data is corrupt or truncated (${describe(error)}; from about byte ${at} on)`);
    }
  };

  for await (const chunk of coalesce(source)) {
    const data = carry.length ? concatBytes([carry, chunk]) : chunk;
    const hold = partialHeaderTail(data);
    carry = data.slice(data.length - hold);
    for (const piece of cutAtHeaders(data.subarray(0, data.length - hold))) yield* write(piece);
  }
  if (carry.length) yield* write(carry);
  try {
    yield* finish(m);
  } catch (error) {
    // Some engines report bad bytes only at the end, their output dropped: read the end again.
    yield* replay(m, null, make);
    throw new GzipStopped(`gzip data is corrupt or truncated (${describe(error)})`);
  }
}

/** Each write costs a few promise turns: chunks smaller than MIN_WRITE (a slow source) are joined. */
const MIN_WRITE = 16 * 1024;

async function* coalesce(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    if (size === 0 && chunk.length >= MIN_WRITE) {
      yield chunk;
      continue;
    }
    parts.push(chunk);
    size += chunk.length;
    if (size >= MIN_WRITE) {
      yield concatBytes(parts);
      parts = [];
      size = 0;
    }
  }
  if (size > 0) yield concatBytes(parts);
}

function keep(m: Member, piece: Uint8Array): void {
  if (m.kept === null) return;
  m.keptBytes += piece.length;
  if (m.keptBytes > RETAIN_BYTES) m.kept = null;
  else m.kept.push(piece.slice());
}

/**
 * The member was refused (in `piece`, or at its end): the output of the refused write was dropped
 * with the error. Decompress the member again from its start to find the block of BLOCK bytes
 * where it stops, then once more with that block a byte at a time, and yield the output past what
 * was already handed out, up to where the decompressor stops.
 */
async function* replay(m: Member, piece: Uint8Array | null, make: Decompressor): AsyncGenerator<Uint8Array> {
  if (m.kept === null) return; // too large to keep: what the last write held is lost
  const all = concatBytes(piece ? [...m.kept, piece] : m.kept);
  const slowFrom = Math.max(0, all.length - REPLAY_BYTES - (piece?.length ?? 0));
  const BLOCK = 256;
  const stop = yield* run(m, make, all, slowFrom, BLOCK);
  // An engine may report the error a write late: the block before is read a byte at a time too.
  if (stop < all.length) yield* run(m, make, all.subarray(0, Math.min(all.length, stop + BLOCK)), Math.max(0, stop - BLOCK), 1);
}

/**
 * Feed `all` to a fresh decompressor: [0, from) at once, then `step` bytes a write. Yields the
 * output past the m.out bytes already handed out; returns where the refused write started
 * (all.length when none was).
 */
async function* run(m: Member, make: Decompressor, all: Uint8Array, from: number, step: number): AsyncGenerator<Uint8Array, number> {
  const again = open(make);
  let seen = 0;
  const take = function* (bytes: Uint8Array): Generator<Uint8Array> {
    const skip = Math.max(0, m.out - seen);
    seen += bytes.length;
    if (skip >= bytes.length) return;
    m.out += bytes.length - skip;
    yield bytes.subarray(skip);
  };
  let at = 0;
  try {
    if (from > 0) for await (const out of feed(again, all.subarray(0, from))) yield* take(out);
    for (at = from; at < all.length; at += step) for await (const out of feed(again, all.subarray(at, at + step))) yield* take(out);
    at = Math.max(from, all.length - step); // an error at the end: in the last write
    for await (const out of finish(again)) yield* take(out);
    return all.length;
  } catch {
    again.reader.cancel().catch(() => {});
    return at;
  }
}
