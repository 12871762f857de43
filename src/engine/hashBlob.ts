import { ContentHash, HASH_BLOCK } from '../ingest';

/** An input's identity read from the blob for the hash alone (when its reader stopped early). */
export async function hashBlob(blob: Blob): Promise<string | undefined> {
  const hash = new ContentHash(blob.size);
  for (let at = 0; at < blob.size; at += HASH_BLOCK) hash.update(at, new Uint8Array(await blob.slice(at, at + HASH_BLOCK).arrayBuffer()));
  return hash.digest();
}
