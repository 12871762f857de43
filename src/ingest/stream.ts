import { concatBytes } from './bytes';
import { MAX_DOCUMENT_BYTES, TOO_BIG_DOCUMENT, ingestDocument } from './document';
import { SNIFF_BYTES, isGzip, sniffBytes, utf8BomLength, type Detected } from './detect';
import { LineBatcher, type LinePiece } from './batcher';
import { MAX_LINE_BYTES, splitLines } from './lines';
import { makeIssue } from './normalize';
import { lineRecords } from './lineLayout';
import { ingestSession } from './restore';
import { Tally } from './tally';
import { GzipStopped, gunzip } from './gunzip';
import { DEFAULT_DECOMPRESSED_LIMITS, decompressedLimitText } from './limits';
import type { IngestOptions, IngestResult, RecordSink } from './types';

export { ingestText } from './text';

const DEFAULT_PROGRESS_BYTES = 1024 * 1024;

/**
 * Read a file as a stream of bytes (e.g. `file.stream()`), gzip or not, and send every record to
 * the sink as it is read: NDJSON and prefixed lines stream; arrays and pretty-printed documents
 * are held as text (up to 256 MiB) and split when complete. Never reads the file as one string.
 * Rejects with a DOMException named AbortError when `opts.signal` aborts.
 */
export async function ingestStream(
  stream: ReadableStream<Uint8Array>,
  file: string,
  sink: RecordSink,
  opts: IngestOptions = {},
): Promise<IngestResult> {
  const tally = new Tally(sink);
  const { signal, onProgress } = opts;
  const every = Math.max(1, opts.progressEveryBytes ?? DEFAULT_PROGRESS_BYTES);
  let bytes = 0;
  let nextProgress = every;
  const progress = (force = false) => {
    if (!onProgress || (!force && bytes < nextProgress)) return;
    nextProgress = (Math.floor(bytes / every) + 1) * every;
    onProgress({ bytesRead: bytes, records: tally.records });
  };

  const raw = stream.getReader();
  let active: ReadableStreamDefaultReader<Uint8Array> = raw;
  const read = async (reader: ReadableStreamDefaultReader<Uint8Array>) => {
    if (signal?.aborted) throw abortError();
    if (!signal) return reader.read();
    let onAbort = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(abortError());
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([reader.read(), aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  };
  const readRaw = async () => {
    const r = await read(raw);
    if (!r.done) bytes += r.value.length;
    return r;
  };

  let flushLines: (() => Promise<void>) | null = null;
  try {
    // Gzip or not: look at the first two raw bytes.
    const first: Uint8Array[] = [];
    let firstLen = 0;
    let rawDone = false;
    while (firstLen < 2) {
      const r = await readRaw();
      if (r.done) {
        rawDone = true;
        break;
      }
      first.push(r.value);
      firstLen += r.value.length;
    }
    const head = concat(first);
    const gzip = isGzip(head);

    let pendingHead: Uint8Array | null = head.length > 0 ? head : null;
    let readError: string | null = null;
    const limits = { ...DEFAULT_DECOMPRESSED_LIMITS, ...opts.decompressedLimits };
    let decompressed = 0;
    /** Reading stopped at a limit: the line it cut is not a record (the user chose not to read it). */
    let stoppedAtLimit = false;
    if (gzip) {
      const compressed = async function* () {
        yield head;
        if (rawDone) return;
        for (let r = await readRaw(); !r.done; r = await readRaw()) yield r.value;
      };
      const members = gunzip(compressed(), opts.decompressor);
      // Pulled one chunk per read (highWaterMark 0): an error reaches the reader only after
      // every chunk before it was read.
      active = new ReadableStream<Uint8Array>(
        {
          async pull(c) {
            const r = await members.next();
            if (r.done) c.close();
            else c.enqueue(r.value);
          },
          async cancel(reason) {
            await members.return(undefined);
            await raw.cancel(reason);
          },
        },
        { highWaterMark: 0 },
      ).getReader();
      pendingHead = null;
    }
    /** Past a limit of decompressed size (a gzip bomb?): ask before reading on; false to stop here. */
    const withinLimits = async (): Promise<boolean> => {
      const overSize = decompressed > limits.maxBytes;
      const overRatio = limits.ratio > 0 && decompressed > limits.ratioMinBytes && decompressed > bytes * limits.ratio;
      if (!overSize && !overRatio) return true;
      const info = { decompressed, compressed: bytes, reason: overSize ? ('size' as const) : ('ratio' as const) };
      if (opts.confirmDecompressed && (await opts.confirmDecompressed(info))) {
        // Going on: ask again only at twice the size, and no more for the ratio.
        limits.maxBytes = Math.max(limits.maxBytes, decompressed) * 2;
        limits.ratio = 0;
        return true;
      }
      readError = decompressedLimitText(info);
      stoppedAtLimit = true;
      await active.cancel().catch(() => {});
      return false;
    };

    /** The next chunk of (decompressed) content, or null at the end or after a read error. */
    const next = async (): Promise<Uint8Array | null> => {
      if (pendingHead) {
        const h = pendingHead;
        pendingHead = null;
        return h;
      }
      if (readError !== null || (rawDone && !gzip)) return null;
      try {
        const r = gzip ? await read(active) : await readRaw();
        if (r.done) return null;
        if (gzip) {
          decompressed += r.value.length;
          if (!(await withinLimits())) return null;
        }
        return r.value;
      } catch (e) {
        if (isAbort(e)) throw e;
        readError = e instanceof GzipStopped
          ? `${e.message}; the records before this point were loaded`
          : gzip
            ? `gzip data is corrupt or truncated (${errorText(e)}); the records before this point were loaded`
            : couldNotReadToEnd(e);
        return null;
      }
    };

    // Sniff the format from the first (decompressed) bytes.
    let pieces: Uint8Array[] = [];
    let total = 0;
    let eof = false;
    let bomChecked = false;
    let detected: Detected | null = null;
    let waitingForNewline = false;
    while (detected === null) {
      const chunk = await next();
      if (chunk === null) eof = true;
      else {
        pieces.push(chunk);
        total += chunk.length;
      }
      if (!eof && total < SNIFF_BYTES) continue;
      if (!eof && waitingForNewline && chunk !== null && chunk.indexOf(0x0a) === -1 && total <= MAX_LINE_BYTES) continue;
      let joined = concat(pieces);
      if (!bomChecked) {
        joined = joined.subarray(utf8BomLength(joined));
        bomChecked = true;
      }
      pieces = [joined];
      total = joined.length;
      detected = sniffBytes(joined, eof);
      waitingForNewline = true;
      progress();
    }
    const format = detected.format;
    const result = (): IngestResult => ({ format, gzip, bytes, records: tally.records, alerts: tally.alerts, problems: tally.problems });
    const finish = () => {
      if (readError !== null) tally.problem(makeIssue(file, 0, readError));
      progress(true);
      return result();
    };

    if (detected.format === 'empty' || detected.format === 'binary') {
      if (!eof) await active.cancel().catch(() => {});
      // An unreadable gzip is reported as such, not as an empty file; a binary file needs no more.
      if (detected.format === 'binary' || readError === null) {
        tally.problem(makeIssue(file, 0, detected.message));
        readError = null;
      }
      return finish();
    }

    if (detected.format === 'array' || detected.format === 'document' || detected.format === 'session') {
      let chunk: Uint8Array | null = eof ? null : await next();
      while (chunk !== null) {
        pieces.push(chunk);
        total += chunk.length;
        if (total > MAX_DOCUMENT_BYTES) {
          tally.problem(makeIssue(file, 0, TOO_BIG_DOCUMENT));
          await active.cancel().catch(() => {});
          progress(true);
          return result();
        }
        progress();
        chunk = await next();
      }
      const all = concat(pieces);
      pieces = [];
      let text: string;
      let badUtf8 = false;
      try {
        text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(all);
      } catch {
        text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(all);
        badUtf8 = true;
      }
      if (detected.format === 'session') {
        const triage = ingestSession(text, file, tally);
        return { ...finish(), triage };
      }
      ingestDocument(text, file, tally, { badUtf8 });
      return finish();
    }

    // NDJSON or prefixed lines: stream batches of whole lines, to the caller or parsed here.
    const lines = lineRecords(file, tally);
    let nextLine = 1;
    const take =
      opts.lineBatches ??
      ((piece: LinePiece) => {
        if (piece.kind === 'overlong') tally.problem(makeIssue(file, nextLine++, piece.message, piece.excerpt));
        else nextLine += splitLines(piece.bytes, nextLine, lines);
      });
    const batcher = new LineBatcher();
    const feed = async (pieces: LinePiece[]) => {
      for (const piece of pieces) await take(piece);
    };
    flushLines = () => feed(batcher.flush());
    for (const p of pieces) await feed(batcher.push(p));
    pieces = [];
    progress();
    if (!eof) {
      for (let chunk = await next(); chunk !== null; chunk = await next()) {
        await feed(batcher.push(chunk));
        progress();
        if (opts.afterChunk) await opts.afterChunk();
      }
    }
    await feed(stoppedAtLimit ? batcher.flush() : batcher.end());
    lines.end();
    return finish();
  } catch (e) {
    if (isAbort(e)) {
      // Lines already read but still held for a full batch: they were read, so they count.
      if (flushLines) await flushLines().catch(() => {});
      await active.cancel(e).catch(() => {});
      if (active !== raw) await raw.cancel(e).catch(() => {});
    }
    throw e;
  }
}

export function abortError(): DOMException {
  return new DOMException('Reading the file was cancelled', 'AbortError');
}

function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** Why a file's records stop early: the same words whichever way it was being read. */
export function couldNotReadToEnd(cause: unknown): string {
  return `the file could not be read to the end (${errorText(cause)}); the records before this point were loaded`;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The parts as one array: the part itself when there is only one (no copy of a large document). */
function concat(parts: Uint8Array[]): Uint8Array {
  return parts.length === 1 ? parts[0]! : concatBytes(parts);
}
