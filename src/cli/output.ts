/** Where the CLI writes its report: process.stdout, or a collector in tests. */
export interface OutputStream {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

/** Bytes gathered before one write: few enough syscalls, little memory. */
const CHUNK_CHARS = 1 << 20;

/**
 * Writes a long output in pieces, waiting for the stream to drain: the report is never one
 * string, and memory stays flat however many incidents it holds.
 */
export class ChunkedWriter {
  private parts: string[] = [];
  private chars = 0;

  constructor(private readonly out: OutputStream) {}

  /** Queue text; awaits only when a full chunk went out and the stream asks to wait. */
  write(text: string): Promise<void> | void {
    this.parts.push(text);
    this.chars += text.length;
    if (this.chars >= CHUNK_CHARS) return this.flush();
  }

  flush(): Promise<void> | void {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.chars = 0;
    if (!this.out.write(chunk)) return new Promise((resolve) => this.out.once('drain', () => resolve()));
  }
}
