/**
 * An input's identity: a hash of its bytes, computed while they are read, so two files are the same
 * input exactly when their bytes are, whatever their name, size or modification time.
 *
 * The hash is SHA-256 over the list of SHA-256 digests of the input's 1 MiB blocks (the last one
 * shorter), written as hex. Blocks rather than one running SHA-256 because WebCrypto has no
 * incremental digest: each block is digested natively (copied at the call, so the caller may then
 * transfer its buffer), ranges of a file read out of order are hashed as they arrive, and the
 * result does not depend on how the reads were cut. Cryptographic, because alert files come from
 * machines an attacker may control, and a crafted collision must not make one file pass for another.
 */
import { sha256Sync } from './sha256';

export const HASH_BLOCK = 1024 * 1024;

type Digest = Promise<ArrayBuffer>;

/**
 * Browsers offer Web Crypto in secure contexts only (https, localhost, file:), where the app runs;
 * served over plain http, inputs are read all the same and have no hash (`digest` gives undefined).
 */
const subtle: SubtleCrypto | undefined = globalThis.crypto?.subtle;

/**
 * Up to this many bytes are digested in JavaScript (sha256.ts), synchronously: a Web Crypto call
 * costs more than the digest itself for a one-alert file (and two are made per input).
 */
const SYNC_DIGEST_BYTES = 8 * 1024;

const sha256 = (bytes: Uint8Array): Digest =>
  bytes.length <= SYNC_DIGEST_BYTES ? Promise.resolve(sha256Sync(bytes).buffer as ArrayBuffer) : subtle!.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);

export class ContentHash {
  private readonly digests = new Map<number, Digest>();
  /** Blocks that pieces filled only partly so far: their bytes and how many of them arrived. */
  private readonly partial = new Map<number, { bytes: Uint8Array; filled: number }>();
  private end = 0;

  /**
   * `size`, when known, sizes the last block's buffer (a small file must not cost a 1 MiB one).
   * Not `enabled`: nothing is hashed and `digest` gives undefined (the CLI knows its inputs by
   * path and bytes already, cli/inputs.ts, and hashing cost it a sixth of a large run).
   */
  constructor(
    private readonly size?: number,
    private readonly enabled = true,
  ) {}

  private blockLength(block: number): number {
    return this.size === undefined ? HASH_BLOCK : Math.min(HASH_BLOCK, this.size - block * HASH_BLOCK);
  }

  /**
   * The bytes at `offset` of the input. Pieces may come in any order but must not overlap; the
   * bytes are copied or digested before this returns.
   */
  update(offset: number, bytes: Uint8Array): void {
    if (!subtle || !this.enabled) return;
    this.end = Math.max(this.end, offset + bytes.length);
    let at = 0;
    while (at < bytes.length) {
      const pos = offset + at;
      const block = Math.floor(pos / HASH_BLOCK);
      const within = pos - block * HASH_BLOCK;
      const take = Math.min(HASH_BLOCK - within, bytes.length - at);
      const length = this.blockLength(block);
      if (within === 0 && take === length) {
        this.digests.set(block, sha256(bytes.subarray(at, at + take)));
      } else {
        let p = this.partial.get(block);
        if (!p) this.partial.set(block, (p = { bytes: new Uint8Array(Math.max(length, within + take)), filled: 0 }));
        p.bytes.set(bytes.subarray(at, at + take), within);
        p.filled += take;
        if (p.filled === length) {
          this.digests.set(block, sha256(p.bytes));
          this.partial.delete(block);
        }
      }
      at += take;
    }
  }

  /** A whole block (the last one may be shorter), digested as it is. */
  setBlock(block: number, bytes: Uint8Array): void {
    if (!subtle || !this.enabled) return;
    this.end = Math.max(this.end, block * HASH_BLOCK + bytes.length);
    this.digests.set(block, sha256(bytes));
  }

  /** The hex hash of everything given, which must be the input's bytes 0 to `size` (default: the size given, or the end seen). */
  async digest(size = this.size ?? this.end): Promise<string | undefined> {
    if (!subtle || !this.enabled) return undefined;
    const blocks = Math.ceil(size / HASH_BLOCK);
    for (const [block, p] of this.partial) {
      const length = Math.min(HASH_BLOCK, size - block * HASH_BLOCK);
      if (p.filled !== length) throw new Error(`content hash: block ${block} has ${p.filled} of its ${length} bytes`);
      this.digests.set(block, sha256(p.bytes.subarray(0, length)));
    }
    if (blocks === 0) this.digests.clear();
    this.partial.clear();
    const list = new Uint8Array(blocks * 32);
    for (let b = 0; b < blocks; b++) {
      const d = this.digests.get(b);
      if (!d) throw new Error(`content hash: block ${b} of ${blocks} was never given`);
      list.set(new Uint8Array(await d), b * 32);
    }
    const hex = Array.from(new Uint8Array(await sha256(list)), (x) => x.toString(16).padStart(2, '0'));
    return hex.join('');
  }
}

/** The hash of bytes held whole (no block is copied: each is digested where it lies). */
export async function hashBytes(bytes: Uint8Array): Promise<string | undefined> {
  const blocks = Math.ceil(bytes.length / HASH_BLOCK);
  const h = new ContentHash(bytes.length);
  for (let b = 0; b < blocks; b++) h.setBlock(b, bytes.subarray(b * HASH_BLOCK, (b + 1) * HASH_BLOCK));
  return h.digest(bytes.length);
}

/** A pass-through stream that hashes what flows through it, from byte 0. */
export function hashingStream(hash: ContentHash, start = 0): TransformStream<Uint8Array, Uint8Array> {
  let offset = start;
  return new TransformStream({
    transform(chunk, controller) {
      hash.update(offset, chunk);
      offset += chunk.length;
      controller.enqueue(chunk);
    },
  });
}
