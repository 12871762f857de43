import type { AnalysisSession } from './store/session';
import type { IngestFormat } from '../model';
import { ingestStream, type LinePiece, hashingStream, type ContentHash, type IngestOptions, type IngestResult } from '../ingest';
import type { ParseInput } from './batchParsers';
import { RANGE_SIZES, forEachRange, linesStart, readRange, streamLines, type RangeSizes } from './ranges';

export interface ReadResult {
  format: IngestFormat;
  gzip: boolean;
  bytes: number;
  /** Triage restored from a session read as text. */
  triage?: IngestResult['triage'];
}

/** What a reader gets from ingest(): where records, batches and ranges go, and its bookkeeping. */
export interface IngestIO {
  /** Records parsed by the reader itself (JSON documents, pasted text). */
  sink: { alert: AnalysisSession['addAlert']; problem: AnalysisSession['addProblem'] };
  signal: AbortSignal;
  /** Lines to parse: applied in the order given; waits when too many are pending. */
  parse: (input: ParseInput) => Promise<void>;
  /** The same for the pieces a LineBatcher cuts (batches, and lines too long to keep). */
  lineBatches: (piece: LinePiece) => Promise<void>;
  progress: (bytesRead: number) => void;
  /** Lets the event loop turn now and then while a stream is read. */
  afterChunk: () => Promise<void> | void;
  /** The input's identity: every byte read goes through it, at its offset in the file. */
  hash: ContentHash;
  /** Limits on decompressed gzip, and who is asked past one (see ingest/limits.ts). */
  decompressedLimits?: IngestOptions['decompressedLimits'];
  confirmDecompressed?: IngestOptions['confirmDecompressed'];
}

/**
 * Read a file (its first bytes, `head`, already read): a plain NDJSON file as ranges of whole
 * lines, read here and parsed by the parser workers; gzip, JSON documents and the rest of a file
 * after a line too long to range over, as a stream.
 */
export async function readFile(
  file: File,
  head: Uint8Array,
  io: IngestIO,
  sizes: RangeSizes = RANGE_SIZES,
  /** linesStart(head, file.size) when the caller has it already. */
  known?: ReturnType<typeof linesStart>,
): Promise<ReadResult> {
  // A head that holds the whole file (a small one, or a group's member) is never read again.
  const whole = head.length >= file.size;
  const stream = (blob: Blob) =>
    ingestStream((whole ? bytesStream(head) : blob.stream()).pipeThrough(hashingStream(io.hash)), file.name, io.sink, {
      signal: io.signal,
      lineBatches: io.lineBatches,
      onProgress: (p) => io.progress(p.bytesRead),
      afterChunk: io.afterChunk,
      decompressedLimits: io.decompressedLimits,
      confirmDecompressed: io.confirmDecompressed,
    });
  const lines = known === undefined ? linesStart(head, file.size) : known;
  if (lines === null) return stream(file);
  io.hash.update(0, head.subarray(0, lines.start)); // a BOM, which no range holds
  const stop = await forEachRange(
    file,
    lines.start,
    async (range) => {
      // Read here (this thread is mostly idle, so the read keeps flowing), parsed there.
      await io.parse(readRange(file, range, head, io.hash).then((bytes) => ({ bytes, firstLine: 1, file: file.name })));
      io.progress(range.end);
    },
    io.signal,
    sizes,
    head,
  );
  if (stop < file.size) {
    await streamLines(file.slice(stop).stream().pipeThrough(hashingStream(io.hash, stop)), io.lineBatches, io.signal);
    io.progress(file.size);
  }
  return { format: lines.format, gzip: false, bytes: file.size };
}

/** Bytes already held, as the stream a reader expects. */
function bytesStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      if (bytes.length) controller.enqueue(bytes);
      controller.close();
    },
  });
}
