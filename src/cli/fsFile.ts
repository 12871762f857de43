import type { FileHandle } from 'node:fs/promises';

/** Bytes per read of stream(): about what a browser's file.stream() hands over. */
const STREAM_CHUNK = 1 << 20;

/**
 * The part of a browser File the engine uses (size, name, slice, arrayBuffer, stream, text), read
 * with positioned reads on an open file. Node's own file-backed Blob (fs.openAsBlob) reads a
 * slice in 64 KiB pieces and concatenates them: on a 134 MB file that copying cost the CLI about
 * as much CPU as JSON-parsing it. Here a slice is read straight into its buffer.
 */
export class FsFile {
  constructor(
    private readonly handle: FileHandle,
    readonly name: string,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get size(): number {
    return this.end - this.start;
  }

  /** Blob.slice semantics: negative offsets count from the end, bounds are clamped. */
  slice(from = 0, to = this.size): FsFile {
    const at = (n: number) => Math.min(Math.max(n < 0 ? this.size + n : n, 0), this.size);
    const a = at(from);
    return new FsFile(this.handle, this.name, this.start + a, this.start + Math.max(a, at(to)));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = new Uint8Array(this.size);
    let done = 0;
    while (done < bytes.length) {
      const { bytesRead } = await this.handle.read(bytes, done, bytes.length - done, this.start + done);
      if (bytesRead === 0) throw new Error('the file became shorter while it was read');
      done += bytesRead;
    }
    return bytes.buffer;
  }

  async text(): Promise<string> {
    return new TextDecoder().decode(await this.arrayBuffer());
  }

  stream(): ReadableStream<Uint8Array> {
    let position = this.start;
    const end = this.end;
    const handle = this.handle;
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (position >= end) return controller.close();
        const chunk = new Uint8Array(Math.min(STREAM_CHUNK, end - position));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
        if (bytesRead === 0) return controller.error(new Error('the file became shorter while it was read'));
        position += bytesRead;
        controller.enqueue(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
      },
    });
  }

  /** As a File for the engine, which only uses the members above. */
  asFile(): File {
    return this as unknown as File;
  }
}
