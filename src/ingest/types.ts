import type { Alert, ParseIssue } from '../model';
import type { IngestFormat, ReadProgress } from '../model';
import type { SavedTriageNote } from '../model';
import type { LinePiece } from './batcher';
import type { Decompressor } from './gunzip';
import type { DecompressedLimits, LimitReached } from './limits';

/** An alert as ingest produces it: the engine assigns `id` when it adds it to a session. */
export type IngestedAlert = Omit<Alert, 'id'>;

/** Receives every record of a file, in input order: each becomes exactly one call. */
export interface RecordSink {
  alert(a: IngestedAlert): void;
  problem(p: ParseIssue): void;
}

export type { IngestFormat } from '../model';

export interface IngestResult {
  format: IngestFormat;
  /** True when the input was gzip-compressed (and was decompressed while reading). */
  gzip: boolean;
  /** Raw bytes read (compressed bytes for gzip input; UTF-8 bytes for pasted text). */
  bytes: number;
  /** Records seen; always alerts + problems (blank lines are not records). */
  records: number;
  alerts: number;
  problems: number;
  /** Triage restored from a session file (format 'session'), for the caller to merge. */
  triage?: Record<string, SavedTriageNote>;
}


export interface IngestOptions {
  signal?: AbortSignal;
  onProgress?: (p: ReadProgress) => void;
  /** Call onProgress each time this many more raw bytes have been read (default 1 MiB). */
  progressEveryBytes?: number;
  /**
   * Awaited after each chunk of lines: lets the caller give its event loop a turn (the worker
   * answers the page's requests there, so incidents show while a large file is still read).
   */
  afterChunk?: () => Promise<void> | void;
  /**
   * Takes over the lines of NDJSON and prefixed-line files: each batch of whole lines (and each
   * line too long to keep) goes here in order, unparsed, and the result's counts leave them out.
   * The engine parses the batches in parser workers. Awaited: a slow taker slows the reading.
   */
  lineBatches?: (piece: LinePiece) => Promise<void> | void;
  /**
   * Limits on the decompressed size of gzip input (see limits.ts). Past one, confirmDecompressed
   * is asked whether to read on; without it, or when it answers false, reading stops there with a
   * problem (the records before are kept).
   */
  decompressedLimits?: Partial<DecompressedLimits>;
  confirmDecompressed?: (reached: LimitReached) => Promise<boolean> | boolean;
  /** Decompression of one gzip member; tests stand in an engine's behaviour. */
  decompressor?: Decompressor;
}
