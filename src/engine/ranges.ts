import { LineBatcher, type LinePiece, containerOf, readsAsLines, sniffBytes, utf8BomLength, type ContentHash, type TextFormat, abortError, couldNotReadToEnd } from '../ingest';

/**
 * Plain NDJSON (or prefixed-line) files are cut into ranges of whole lines, read with Blob.slice
 * (several at once: concurrent reads are faster than one stream) and parsed by the parser
 * workers. Gzip and JSON documents are read as a stream instead (see ingestStream).
 */

/** Bytes read first: enough to sniff the format, and all of most small files. */
export const HEAD_BYTES = 64 * 1024;
/**
 * Range sizes: small first, so the first incidents show early, then large so per-range costs
 * vanish; and how far past a range's nominal end a line may go before the rest of the file is
 * streamed instead (a line that long would otherwise be read whole into one range).
 */
export interface RangeSizes {
  first: number;
  max: number;
  longLine: number;
}

// The first range is the head already read (64 KiB, a few dozen alerts): the first incidents show
// before a parser has warmed up on megabytes. Large ranges matter: each incident seen in a range
// costs one delta to pack, post and fold, and in a day of Falco output most incidents recur in
// every range. 16 MiB against 4 MiB measured 3.84 s against 4.38 s for 500 MB (median of 5 bench
// runs), 1.16 s against 1.25 s for 100 MB; 32 MiB was faster for 500 MB but slower for 100 MB,
// where too few ranges are left to keep both parsers busy to the end.
export const RANGE_SIZES: RangeSizes = { first: 64 * 1024, max: 16 * 1024 * 1024, longLine: 8 * 1024 * 1024 };
const FIRST_WINDOW = 16 * 1024;
/**
 * Each range this many times the last, up to the maximum: 64 KiB to 16 MiB in four steps. Doubling
 * took eight, and those small ranges cost their own overhead: 100 MB in 1.32 s against 1.42 s
 * (medians of 5 bench runs), the first incident as early.
 */
const RAMP = 4;

/** A range of whole lines: [start, end), where end is just past a '\n' or the file's end. */
export interface FileRange {
  start: number;
  end: number;
}

/** The first HEAD_BYTES of a file. */
export async function readHead(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
}

/**
 * Where the lines of a plain NDJSON or prefixed-line file start (past a BOM); null for any other
 * file. `head` is the file's start (readHead), `size` its size.
 */
export function linesStart(head: Uint8Array, size: number): { start: number; format: TextFormat } | null {
  // A container (gzip) is unwrapped as a stream: the format table says which bytes open one.
  if (containerOf(head) !== null) return null;
  const bom = utf8BomLength(head);
  const detected = sniffBytes(head.subarray(bom), size <= head.length);
  if (detected === null || !readsAsLines(detected.format)) return null;
  return { start: bom, format: detected.format };
}

/**
 * Cut the file from `start` into ranges (small first, so the first incidents show early) and hand
 * each to `take` in order. Returns where ranging stopped: the file's size, or the start of a line
 * whose end lies too far to look for (the caller streams the rest).
 */
export async function forEachRange(
  file: Blob,
  start: number,
  take: (range: FileRange) => Promise<void>,
  signal: AbortSignal,
  sizes: RangeSizes = RANGE_SIZES,
  /** The file's first bytes, already read: the first range ends at their last '\n'. */
  head: Uint8Array = new Uint8Array(),
): Promise<number> {
  let pos = start;
  let target = sizes.first;
  const headEnd = head.length < file.size ? head.lastIndexOf(0x0a) + 1 : file.size;
  while (pos < file.size) {
    if (signal.aborted) throw abortError();
    const end =
      pos === start && headEnd > start
        ? headEnd
        : pos + target >= file.size
          ? file.size
          : await endOfLineAt(file, pos + target, sizes.longLine);
    if (end === null) return pos;
    await take({ start: pos, end });
    pos = end;
    target = Math.min(target * RAMP, sizes.max);
  }
  return pos;
}

/** Just past the first '\n' at or after `from` (or the file's end); null if none within `limit` bytes. */
async function endOfLineAt(file: Blob, from: number, limit: number): Promise<number | null> {
  let at = from;
  let window = FIRST_WINDOW;
  while (at < file.size && at - from < limit) {
    const bytes = await file
      .slice(at, at + window)
      .arrayBuffer()
      .then((b) => new Uint8Array(b), (e: unknown) => Promise.reject(new ReadFailure(e)));
    const nl = bytes.indexOf(0x0a);
    if (nl !== -1) return at + nl + 1;
    at += bytes.length;
    window *= 4;
  }
  return at >= file.size ? file.size : null;
}

/** Stream whole lines through the batcher (the rest of a file after a very long line). */
export async function streamLines(stream: ReadableStream<Uint8Array>, take: (piece: LinePiece) => Promise<void>, signal: AbortSignal): Promise<void> {
  const reader = stream.getReader();
  const batcher = new LineBatcher();
  try {
    for (;;) {
      if (signal.aborted) throw abortError();
      const r = await reader.read();
      if (r.done) break;
      for (const piece of batcher.push(r.value)) await take(piece);
    }
    for (const piece of batcher.end()) await take(piece);
  } catch (e) {
    await reader.cancel().catch(() => {});
    throw e;
  }
}

/** A range (or the head) of a file that could not be read: what was read before it still counts. */
export class ReadFailure extends Error {
  constructor(cause: unknown) {
    super(couldNotReadToEnd(cause));
  }
}

/**
 * The bytes of a range without its final '\n' (read from `head` when the range lies in it), all of
 * them hashed first (before the caller hands the buffer to a parser).
 */
export async function readRange(blob: Blob, range: FileRange, head?: Uint8Array, hash?: ContentHash): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = head && range.end <= head.length ? head.slice(range.start, range.end) : new Uint8Array(await blob.slice(range.start, range.end).arrayBuffer());
  } catch (e) {
    throw new ReadFailure(e);
  }
  hash?.update(range.start, bytes);
  return bytes.length > 0 && bytes[bytes.length - 1] === 0x0a ? bytes.subarray(0, bytes.length - 1) : bytes;
}
