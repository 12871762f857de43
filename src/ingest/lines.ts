/**
 * Split a stream of UTF-8 byte chunks into lines, wherever the chunk boundaries fall (inside a
 * multi-byte character, inside a CRLF, inside a line). Works on bytes: '\n' never occurs inside a
 * multi-byte UTF-8 sequence, so only complete lines are decoded, a chunk's complete lines in one
 * decode call. Lines are numbered from 1; '\r' before '\n' is dropped.
 */

export const MAX_LINE_BYTES = 64 * 1024 * 1024;

export interface LineHandler {
  /** A decoded line (blank lines included; the caller decides what a record is). */
  line(text: string, lineNo: number): void;
  /** A line that could not be decoded or was too long; `excerpt` is a lossy decode of its start. */
  bad(lineNo: number, message: string, excerpt: string): void;
}

const EXCERPT_BYTES = 200;

export class LineSplitter {
  private readonly fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private readonly lossy = new TextDecoder('utf-8', { ignoreBOM: true });
  private readonly maxLineBytes: number;
  /** Bytes of the line in progress (copies), and their total length. */
  private carry: Uint8Array[] = [];
  private carryBytes = 0;
  /** The line in progress passed maxLineBytes: its bytes are counted, not kept. */
  private overlong = false;
  private overlongHead: Uint8Array | null = null;
  private lineNo = 0;

  constructor(
    private readonly handler: LineHandler,
    opts: { maxLineBytes?: number } = {},
  ) {
    this.maxLineBytes = opts.maxLineBytes ?? MAX_LINE_BYTES;
  }

  /** Lines emitted so far. */
  get lines(): number {
    return this.lineNo;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    const first = chunk.indexOf(0x0a);
    if (first === -1) {
      this.append(chunk);
      return;
    }
    let pos = 0;
    if (this.carryBytes > 0 || this.overlong) {
      // Finish the line that started in an earlier chunk.
      this.append(chunk.subarray(0, first));
      this.flushCarry();
      pos = first + 1;
    }
    const last = chunk.lastIndexOf(0x0a);
    if (last >= pos) this.emitBlock(chunk.subarray(pos, last));
    if (last + 1 < chunk.length) this.append(chunk.subarray(last + 1));
  }

  /** The end of input: a last line without a final newline is still a line. */
  end(): void {
    if (this.carryBytes > 0 || this.overlong) this.flushCarry();
  }

  private append(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.overlong) {
      this.carryBytes += bytes.length;
      return;
    }
    if (this.carryBytes + bytes.length > this.maxLineBytes) {
      this.overlong = true;
      this.overlongHead = concat(this.carry, Math.min(this.carryBytes, EXCERPT_BYTES));
      if (this.overlongHead.length < EXCERPT_BYTES) {
        this.overlongHead = concat([this.overlongHead, bytes.subarray(0, EXCERPT_BYTES - this.overlongHead.length)]);
      }
      this.carry = [];
      this.carryBytes += bytes.length;
      return;
    }
    this.carry.push(bytes.slice());
    this.carryBytes += bytes.length;
  }

  private flushCarry(): void {
    const lineNo = ++this.lineNo;
    if (this.overlong) {
      const mib = (this.carryBytes / 1024 / 1024).toFixed(1);
      this.handler.bad(lineNo, `line too long (${mib} MiB; the limit is ${formatLimit(this.maxLineBytes)}): skipped`, this.lossy.decode(this.overlongHead ?? new Uint8Array()));
    } else {
      const bytes = this.carry.length === 1 ? this.carry[0]! : concat(this.carry);
      this.emitLine(bytes, lineNo);
    }
    this.carry = [];
    this.carryBytes = 0;
    this.overlong = false;
    this.overlongHead = null;
  }

  /** Complete lines separated by '\n' (no trailing '\n'): one decode for the whole block. */
  private emitBlock(block: Uint8Array): void {
    let text: string;
    if (block.length > this.maxLineBytes) {
      this.emitLinesOneByOne(block);
      return;
    }
    try {
      text = this.fatal.decode(block);
    } catch {
      this.emitLinesOneByOne(block);
      return;
    }
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const end = nl === -1 ? text.length : nl;
      const cr = end > start && text.charCodeAt(end - 1) === 0x0d;
      this.handler.line(text.slice(start, cr ? end - 1 : end), ++this.lineNo);
      if (nl === -1) return;
      start = nl + 1;
    }
  }

  /** The slow path, for blocks holding invalid UTF-8 or huge lines: each line on its own. */
  private emitLinesOneByOne(block: Uint8Array): void {
    let start = 0;
    for (;;) {
      const nl = block.indexOf(0x0a, start);
      const end = nl === -1 ? block.length : nl;
      const lineNo = ++this.lineNo;
      if (end - start > this.maxLineBytes) {
        const mib = ((end - start) / 1024 / 1024).toFixed(1);
        this.handler.bad(lineNo, `line too long (${mib} MiB; the limit is ${formatLimit(this.maxLineBytes)}): skipped`, this.lossy.decode(block.subarray(start, start + EXCERPT_BYTES)));
      } else {
        this.emitLine(block.subarray(start, end), lineNo);
      }
      if (nl === -1) return;
      start = nl + 1;
    }
  }

  private emitLine(bytes: Uint8Array, lineNo: number): void {
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    const body = bytes.subarray(0, end);
    let text: string;
    try {
      text = this.fatal.decode(body);
    } catch {
      this.handler.bad(lineNo, 'invalid UTF-8', this.lossy.decode(body.subarray(0, EXCERPT_BYTES)));
      return;
    }
    this.handler.line(text, lineNo);
  }
}

function concat(parts: Uint8Array[], limit = Infinity): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  total = Math.min(total, limit);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    if (at >= total) break;
    const take = Math.min(p.length, total - at);
    out.set(take === p.length ? p : p.subarray(0, take), at);
    at += take;
  }
  return out;
}

function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes} bytes`;
}
