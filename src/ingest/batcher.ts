import { concatBytes } from './bytes';
import { MAX_LINE_BYTES, lineTooLong } from './lines';

/**
 * A run of complete lines, cut from the stream at a '\n', without the final '\n'. Its buffer is
 * its own (so it can be transferred to a parser worker and kept afterwards). Lines are not counted
 * here (that would cost the reading thread a pass over every byte): the consumer numbers them as
 * it takes the pieces in order, from the line counts splitLines returns.
 */
export interface LineBatch {
  kind: 'lines';
  bytes: Uint8Array;
}

/** One line the batcher itself rejects (longer than the limit), in its place among the batches. */
export interface LineProblem {
  kind: 'overlong';
  message: string;
  /** A lossy decode of the line's start. */
  excerpt: string;
}

export type LinePiece = LineBatch | LineProblem;

const EXCERPT_BYTES = 200;
/** Small first batches show incidents quickly; later ones are larger so per-batch costs vanish. */
const FIRST_BATCH_BYTES = 256 * 1024;
const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Cuts a stream of byte chunks into batches of whole lines, wherever the chunk boundaries fall:
 * a cut is always just after a '\n', so no line and no UTF-8 character is ever split. A line
 * longer than `maxLineBytes` is counted but not kept, and becomes a problem.
 */
export class LineBatcher {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private pendingHasNewline = false;
  private target: number;
  /** Bytes of a line over the limit, skipped until its '\n'; -1 when not in one. */
  private overlongBytes = -1;
  private overlongHead: Uint8Array = new Uint8Array();
  private readonly lossy = new TextDecoder('utf-8', { ignoreBOM: true });
  /**
   * Set once a line grows past the limit with bare '\r's in it and no '\n': the input ends its
   * lines with CR alone (classic Mac, some exporters). From then on every bare '\r' ends a line
   * (JSON never holds a raw CR inside a string, so nothing else is cut). Below the limit nothing
   * changes: such a file is read as one line of several records, as before.
   */
  private crLines = false;
  /** The last byte seen in CR mode was a '\r' (already turned into '\n'): a '\n' right after it is the same line end. */
  private afterCr = false;
  private readonly maxLineBytes: number;
  private readonly maxBatchBytes: number;

  constructor(opts: { maxLineBytes?: number; firstBatchBytes?: number; maxBatchBytes?: number } = {}) {
    this.maxLineBytes = opts.maxLineBytes ?? MAX_LINE_BYTES;
    this.maxBatchBytes = opts.maxBatchBytes ?? MAX_BATCH_BYTES;
    this.target = Math.min(opts.firstBatchBytes ?? FIRST_BATCH_BYTES, this.maxBatchBytes);
  }

  /** Add a chunk; returns the pieces now complete, in order. */
  push(chunk: Uint8Array): LinePiece[] {
    const out: LinePiece[] = [];
    let rest = this.crLines ? this.crToLf(chunk) : chunk;
    if (this.overlongBytes >= 0) {
      const nl = rest.indexOf(0x0a);
      if (nl === -1) {
        this.overlongBytes += rest.length;
        return out;
      }
      this.overlongBytes += nl;
      out.push(this.overlongProblem());
      rest = rest.subarray(nl + 1);
    }
    if (rest.length === 0) return out;
    this.pending.push(rest);
    this.pendingBytes += rest.length;
    if (!this.pendingHasNewline && rest.indexOf(0x0a) !== -1) this.pendingHasNewline = true;
    if (!this.pendingHasNewline) {
      // One line still growing: kept as pieces (joining them on every chunk would be quadratic).
      if (this.pendingBytes > this.maxLineBytes) {
        if (!this.crLines && this.pending.some(hasBareCr)) return this.startCrLines(out);
        this.startOverlong();
      }
      return out;
    }
    if (this.pendingBytes >= this.target) this.cut(out);
    return out;
  }

  /** The complete lines held back so far (when reading stops early: cancel keeps what was read). */
  flush(): LinePiece[] {
    const out: LinePiece[] = [];
    if (this.pendingHasNewline) this.cut(out);
    return out;
  }

  /** The end of input: what is left is the last line(s), with or without a final newline. */
  end(): LinePiece[] {
    const out: LinePiece[] = [];
    if (this.overlongBytes >= 0) out.push(this.overlongProblem());
    else if (this.pendingBytes > 0) out.push(this.batch(this.takePending()));
    return out;
  }

  private cut(out: LinePiece[]): void {
    const all = this.takePending();
    const last = all.lastIndexOf(0x0a);
    out.push(this.batch(all.subarray(0, last)));
    if (last + 1 < all.length) {
      this.pending = [all.slice(last + 1)];
      this.pendingBytes = all.length - last - 1;
    }
    this.target = Math.min(this.target * 2, this.maxBatchBytes);
  }

  /** Everything pending as one fresh buffer (a copy, so the stream's buffers are never shared). */
  private takePending(): Uint8Array {
    const out = concatBytes(this.pending);
    this.dropPending();
    return out;
  }

  /**
   * `bytes` views the start of a buffer made by takePending, which nothing else shares: it can be
   * transferred. Past its end may lie the start of the next line (copied out before), unused.
   */
  private batch(bytes: Uint8Array): LineBatch {
    return { kind: 'lines', bytes };
  }

  /** Switch to CR line ends and cut what is pending by them. */
  private startCrLines(out: LinePiece[]): LinePiece[] {
    this.crLines = true;
    const all = this.crToLf(this.takePending());
    if (all.length === 0) return out;
    this.pending = [all];
    this.pendingBytes = all.length;
    this.pendingHasNewline = all.indexOf(0x0a) !== -1;
    if (this.pendingHasNewline) this.cut(out);
    return out;
  }

  /** A copy of `chunk` with each bare '\r' turned into '\n' ('\r\n' kept: splitLines drops its '\r'). */
  private crToLf(chunk: Uint8Array): Uint8Array {
    let bytes = chunk;
    if (this.afterCr && bytes.length > 0) {
      this.afterCr = false;
      if (bytes[0] === 0x0a) bytes = bytes.subarray(1);
    }
    if (bytes.indexOf(0x0d) === -1) return bytes;
    const out = bytes.slice();
    for (let i = out.indexOf(0x0d); i !== -1; i = out.indexOf(0x0d, i + 1)) {
      if (i + 1 < out.length) {
        if (out[i + 1] !== 0x0a) out[i] = 0x0a;
      } else {
        out[i] = 0x0a;
        this.afterCr = true;
      }
    }
    return out;
  }

  private startOverlong(): void {
    const bytes = this.pendingBytes;
    this.overlongHead = concatBytes(this.pending, EXCERPT_BYTES);
    this.dropPending();
    this.overlongBytes = bytes;
  }

  private dropPending(): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.pendingHasNewline = false;
  }

  private overlongProblem(): LineProblem {
    const problem: LineProblem = { kind: 'overlong', message: lineTooLong(this.overlongBytes, this.maxLineBytes), excerpt: this.lossy.decode(this.overlongHead) };
    this.overlongBytes = -1;
    this.overlongHead = new Uint8Array();
    return problem;
  }
}

/** True when `bytes` holds a '\r' not followed by '\n' (one at the very end counts). */
function hasBareCr(bytes: Uint8Array): boolean {
  for (let i = bytes.indexOf(0x0d); i !== -1; i = bytes.indexOf(0x0d, i + 1)) if (bytes[i + 1] !== 0x0a) return true;
  return false;
}
