/**
 * The content of a file as ingestStream reads it: raw bytes, or the decompressed bytes of every
 * gzip member (the container row of formats.ts decides), one chunk at a time, with the read
 * cancelled when the signal aborts and a question asked past a decompressed-size limit.
 */
import { concatBytes } from './bytes';
import { isGzip } from './formats';
import { GzipStopped, gunzip } from './gunzip';
import { DEFAULT_DECOMPRESSED_LIMITS, decompressedLimitText } from './limits';
import type { IngestOptions } from './types';

export class Content {
  /** Raw bytes read (compressed bytes for gzip). */
  bytes = 0;
  /** Why reading stopped before the end (a read error, corrupt gzip, a limit), or null. */
  readError: string | null = null;
  /** Reading stopped at a limit: the line it cut is not a record (the user chose not to read it). */
  stoppedAtLimit = false;
  gzip = false;

  private active: ReadableStreamDefaultReader<Uint8Array>;
  private pendingHead: Uint8Array | null = null;
  private rawDone = false;
  private decompressed = 0;
  private readonly limits: IngestOptions['decompressedLimits'] & typeof DEFAULT_DECOMPRESSED_LIMITS;

  private constructor(
    private readonly raw: ReadableStreamDefaultReader<Uint8Array>,
    private readonly opts: IngestOptions,
  ) {
    this.active = raw;
    this.limits = { ...DEFAULT_DECOMPRESSED_LIMITS, ...opts.decompressedLimits };
  }

  /** Open a stream: its first two raw bytes tell gzip or not. */
  static async open(stream: ReadableStream<Uint8Array>, opts: IngestOptions): Promise<Content> {
    const content = new Content(stream.getReader(), opts);
    try {
      await content.start();
    } catch (e) {
      if (isAbort(e)) await content.cancel(e);
      throw e;
    }
    return content;
  }

  private async start(): Promise<void> {
    const first: Uint8Array[] = [];
    let firstLen = 0;
    while (firstLen < 2) {
      const r = await this.readRaw();
      if (r.done) {
        this.rawDone = true;
        break;
      }
      first.push(r.value);
      firstLen += r.value.length;
    }
    const head = concat(first);
    this.gzip = isGzip(head);
    this.pendingHead = head.length > 0 ? head : null;
    if (!this.gzip) return;
    const raw = this.raw;
    const rawDone = this.rawDone;
    const readRaw = () => this.readRaw();
    const compressed = async function* () {
      yield head;
      if (rawDone) return;
      for (let r = await readRaw(); !r.done; r = await readRaw()) yield r.value;
    };
    const members = gunzip(compressed(), this.opts.decompressor);
    // Pulled one chunk per read (highWaterMark 0): an error reaches the reader only after
    // every chunk before it was read.
    this.active = new ReadableStream<Uint8Array>(
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
    this.pendingHead = null;
  }

  /** The next chunk of (decompressed) content, or null at the end or after a read error. */
  async next(): Promise<Uint8Array | null> {
    if (this.pendingHead) {
      const h = this.pendingHead;
      this.pendingHead = null;
      return h;
    }
    if (this.readError !== null || (this.rawDone && !this.gzip)) return null;
    try {
      const r = this.gzip ? await this.read(this.active) : await this.readRaw();
      if (r.done) return null;
      if (this.gzip) {
        this.decompressed += r.value.length;
        if (!(await this.withinLimits())) return null;
      }
      return r.value;
    } catch (e) {
      if (isAbort(e)) throw e;
      this.readError =
        e instanceof GzipStopped
          ? `${e.message}; the records before this point were loaded`
          : this.gzip
            ? `gzip data is corrupt or truncated (${errorText(e)}); the records before this point were loaded`
            : couldNotReadToEnd(e);
      return null;
    }
  }

  /** Stop reading (the rest is not needed); never throws. */
  async cancel(reason?: unknown): Promise<void> {
    await this.active.cancel(reason).catch(() => {});
    if (reason !== undefined && this.active !== this.raw) await this.raw.cancel(reason).catch(() => {});
  }

  /** Past a limit of decompressed size (a gzip bomb?): ask before reading on; false to stop here. */
  private async withinLimits(): Promise<boolean> {
    const { limits, decompressed, bytes } = this;
    const overSize = decompressed > limits.maxBytes;
    const overRatio = limits.ratio > 0 && decompressed > limits.ratioMinBytes && decompressed > bytes * limits.ratio;
    if (!overSize && !overRatio) return true;
    const info = { decompressed, compressed: bytes, reason: overSize ? ('size' as const) : ('ratio' as const) };
    if (this.opts.confirmDecompressed && (await this.opts.confirmDecompressed(info))) {
      // Going on: ask again only at twice the size, and no more for the ratio.
      limits.maxBytes = Math.max(limits.maxBytes, decompressed) * 2;
      limits.ratio = 0;
      return true;
    }
    this.readError = decompressedLimitText(info);
    this.stoppedAtLimit = true;
    await this.active.cancel().catch(() => {});
    return false;
  }

  private async readRaw(): Promise<ReadableStreamReadResult<Uint8Array>> {
    const r = await this.read(this.raw);
    if (!r.done) this.bytes += r.value.length;
    return r;
  }

  /** One read, rejected with an AbortError as soon as the signal aborts. */
  private async read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<ReadableStreamReadResult<Uint8Array>> {
    const { signal } = this.opts;
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
  }
}

export function abortError(): DOMException {
  return new DOMException('Reading the file was cancelled', 'AbortError');
}

export function isAbort(e: unknown): boolean {
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
export function concat(parts: Uint8Array[]): Uint8Array {
  return parts.length === 1 ? parts[0]! : concatBytes(parts);
}
