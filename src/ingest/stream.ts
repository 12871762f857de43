import { MAX_DOCUMENT_BYTES, TOO_BIG_DOCUMENT, ingestDocument } from './document';
import { SNIFF_BYTES, readsAsDocument, sniffBytes, utf8BomLength, type Detected } from './detect';
import { LineBatcher, type LinePiece } from './batcher';
import { MAX_LINE_BYTES, splitLines } from './lines';
import { makeIssue } from './normalize';
import { lineRecords } from './lineLayout';
import { ingestSession } from './restore';
import { Tally } from './tally';
import { Content, concat, isAbort } from './content';
import type { IngestOptions, IngestResult, RecordSink } from './types';

export { ingestText } from './text';
export { abortError, couldNotReadToEnd } from './content';

const DEFAULT_PROGRESS_BYTES = 1024 * 1024;

/** What the sniff read: the format and the content read so far (BOM removed). */
interface Sniffed {
  detected: Detected;
  pieces: Uint8Array[];
  eof: boolean;
}

/**
 * Read a file as a stream of bytes (e.g. `file.stream()`), gzip or not, and send every record to
 * the sink as it is read: NDJSON and prefixed lines stream; arrays, pretty-printed documents and
 * session files are held as text (up to 256 MiB) and split when complete. Never reads the file as
 * one string. Rejects with a DOMException named AbortError when `opts.signal` aborts.
 */
export async function ingestStream(
  stream: ReadableStream<Uint8Array>,
  file: string,
  sink: RecordSink,
  opts: IngestOptions = {},
): Promise<IngestResult> {
  const tally = new Tally(sink);
  const content = await Content.open(stream, opts);
  const progress = progressReporter(content, tally, opts);
  let flushLines: (() => Promise<void>) | null = null;
  try {
    const { detected, pieces, eof } = await sniff(content, progress);
    const result = (): IngestResult => ({ format: detected.format, gzip: content.gzip, bytes: content.bytes, records: tally.records, alerts: tally.alerts, problems: tally.problems });
    const finish = () => {
      if (content.readError !== null) tally.problem(makeIssue(file, 0, content.readError));
      progress(true);
      return result();
    };

    if (detected.format === 'empty' || detected.format === 'binary') {
      if (!eof) await content.cancel();
      // An unreadable gzip is reported as such, not as an empty file; a binary file needs no more.
      if (detected.format === 'binary' || content.readError === null) {
        tally.problem(makeIssue(file, 0, detected.message));
        content.readError = null;
      }
      return finish();
    }

    if (readsAsDocument(detected.format) || detected.format === 'session') {
      const text = await readWhole(content, pieces, eof, progress);
      if (text === null) {
        tally.problem(makeIssue(file, 0, TOO_BIG_DOCUMENT));
        progress(true);
        return result();
      }
      if (detected.format === 'session') {
        const triage = ingestSession(text.text, file, tally);
        return { ...finish(), triage };
      }
      ingestDocument(text.text, file, tally, { badUtf8: text.badUtf8, exports: detected.format === 'es-search' || detected.format === 'loki-query' });
      return finish();
    }

    // NDJSON or prefixed lines: stream batches of whole lines, to the caller or parsed here.
    const lines = readLines(content, file, tally, opts);
    flushLines = lines.flush;
    await lines.run(pieces, eof, progress);
    return finish();
  } catch (e) {
    if (isAbort(e)) {
      // Lines already read but still held for a full batch: they were read, so they count.
      if (flushLines) await flushLines().catch(() => {});
      await content.cancel(e);
    }
    throw e;
  }
}

/** Calls opts.onProgress each time progressEveryBytes more raw bytes were read, or when forced. */
function progressReporter(content: Content, tally: Tally, opts: IngestOptions): (force?: boolean) => void {
  const { onProgress } = opts;
  const every = Math.max(1, opts.progressEveryBytes ?? DEFAULT_PROGRESS_BYTES);
  let nextProgress = every;
  return (force = false) => {
    if (!onProgress || (!force && content.bytes < nextProgress)) return;
    nextProgress = (Math.floor(content.bytes / every) + 1) * every;
    onProgress({ bytesRead: content.bytes, records: tally.records });
  };
}

/** Read until the format table can tell the format from the first (decompressed) bytes. */
async function sniff(content: Content, progress: () => void): Promise<Sniffed> {
  let pieces: Uint8Array[] = [];
  let total = 0;
  let eof = false;
  let bomChecked = false;
  let waitingForNewline = false;
  for (;;) {
    const chunk = await content.next();
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
    const detected = sniffBytes(joined, eof);
    waitingForNewline = true;
    progress();
    if (detected !== null) return { detected, pieces, eof };
  }
}

/** The whole content as text (a document or a session), or null when it is over MAX_DOCUMENT_BYTES. */
async function readWhole(content: Content, pieces: Uint8Array[], eof: boolean, progress: () => void): Promise<{ text: string; badUtf8: boolean } | null> {
  let total = pieces.reduce((n, p) => n + p.length, 0);
  let chunk: Uint8Array | null = eof ? null : await content.next();
  while (chunk !== null) {
    pieces.push(chunk);
    total += chunk.length;
    if (total > MAX_DOCUMENT_BYTES) {
      await content.cancel();
      return null;
    }
    progress();
    chunk = await content.next();
  }
  const all = concat(pieces);
  pieces.length = 0;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(all), badUtf8: false };
  } catch {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(all), badUtf8: true };
  }
}

/**
 * The lines of an NDJSON or prefixed-line file, in batches of whole lines: to opts.lineBatches
 * when the caller parses them (the engine's parser workers), else parsed here into the tally.
 */
function readLines(content: Content, file: string, tally: Tally, opts: IngestOptions) {
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
  return {
    flush: () => feed(batcher.flush()),
    async run(pieces: Uint8Array[], eof: boolean, progress: () => void): Promise<void> {
      for (const p of pieces) await feed(batcher.push(p));
      pieces.length = 0;
      progress();
      if (!eof) {
        for (let chunk = await content.next(); chunk !== null; chunk = await content.next()) {
          await feed(batcher.push(chunk));
          progress();
          if (opts.afterChunk) await opts.afterChunk();
        }
      }
      await feed(content.stoppedAtLimit ? batcher.flush() : batcher.end());
      lines.end();
    },
  };
}
