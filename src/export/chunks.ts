/**
 * Large exports (a saved session of millions of alerts, "Export all" over 200k incidents) are
 * built as a sequence of string parts, never one string: V8 caps a string near 512 MiB ("Invalid
 * string length"), and one huge string doubles the memory a Blob of the same bytes needs. The
 * parts are packed into chunks of about `chunkChars` characters, each turned into a Blob part, so
 * the file is assembled by the browser from bytes rather than from one string.
 */
export const DEFAULT_CHUNK_CHARS = 1 << 20;

/** Concatenate consecutive parts into chunks of at least `chunkChars` characters (the last may be shorter). */
export function* chunked(parts: Iterable<string>, chunkChars = DEFAULT_CHUNK_CHARS): Generator<string> {
  let pending: string[] = [];
  let size = 0;
  for (const part of parts) {
    if (part === '') continue;
    pending.push(part);
    size += part.length;
    if (size >= chunkChars) {
      yield pending.join('');
      pending = [];
      size = 0;
    }
  }
  if (pending.length) yield pending.join('');
}

/** The parts as Blob parts: one UTF-8 encoded Uint8Array per chunk (the strings can then be freed). */
export function blobParts(parts: Iterable<string>, chunkChars = DEFAULT_CHUNK_CHARS): Uint8Array<ArrayBuffer>[] {
  const encoder = new TextEncoder();
  return Array.from(chunked(parts, chunkChars), (c) => encoder.encode(c));
}

/** A Blob of the parts, encoded chunk by chunk. */
export function partsToBlob(parts: Iterable<string>, type: string, chunkChars = DEFAULT_CHUNK_CHARS): Blob {
  return new Blob(blobParts(parts, chunkChars), { type });
}
