/**
 * Large inputs kept in the Origin Private File System (OPFS) rather than IndexedDB: streamed to a
 * file from the dropped file as it is read, and read back as a File (the engine reads it in
 * ranges, as it reads a dropped one), so no copy of a large input is ever held in memory. Where
 * OPFS is missing (a single-file build opened from file://, an older browser, private windows of
 * some) or cannot be written, inputs stay in IndexedDB (see savedInputs.ts).
 */

/** From this size on, an input's bytes go to OPFS when it is there. */
export const OPFS_MIN_BYTES = 8 * 1024 * 1024;

/** Where an input's bytes are kept. */
export type InputStorage = 'opfs' | 'indexeddb';

/** Large files to OPFS when the browser has it; pasted text (small, a string) and the rest to IndexedDB. */
export function storageFor(data: Blob | string, opfs: boolean): InputStorage {
  return opfs && typeof data !== 'string' && data.size >= OPFS_MIN_BYTES ? 'opfs' : 'indexeddb';
}

/** What IndexedDB holds for an input kept in OPFS: the name of its OPFS file. */
export interface OpfsPointer {
  opfs: string;
}

export function isOpfsPointer(value: unknown): value is OpfsPointer {
  return typeof value === 'object' && value !== null && typeof (value as { opfs?: unknown }).opfs === 'string';
}

/** The parts of the File System API used here (tests pass an in-memory directory). */
export interface OpfsDirectory {
  getFileHandle(name: string, options?: { create?: boolean }): Promise<{
    getFile(): Promise<File>;
    createWritable?: () => Promise<WritableStream<Uint8Array>>;
  }>;
  removeEntry(name: string): Promise<void>;
  keys?: () => AsyncIterable<string>;
}

/** Names of input files in OPFS: beside anything else the origin may keep there. */
const PREFIX = 'falcoscope-input-';
export const opfsName = (hash: string) => `${PREFIX}${hash}`;

export interface OpfsInputs {
  /** Stream `data` into the input's OPFS file; false when it could not be written (then nothing is left). */
  write(hash: string, data: Blob): Promise<boolean>;
  /** The kept file, read from disk on demand; undefined when it is gone. */
  read(name: string): Promise<File | undefined>;
  remove(name: string): Promise<void>;
  /** Remove every input file (the session cleared). */
  clear(): Promise<void>;
}

/** OPFS of this origin, or null where it is missing or refuses (file://, no createWritable). */
export async function browserOpfs(): Promise<OpfsDirectory | null> {
  try {
    if (typeof navigator === 'undefined' || typeof navigator.storage?.getDirectory !== 'function') return null;
    const dir = (await navigator.storage.getDirectory()) as unknown as OpfsDirectory;
    return dir;
  } catch {
    return null;
  }
}

export function opfsInputs(dir: OpfsDirectory): OpfsInputs {
  return {
    async write(hash, data) {
      const name = opfsName(hash);
      try {
        const handle = await dir.getFileHandle(name, { create: true });
        if (typeof handle.createWritable !== 'function') {
          await dir.removeEntry(name).catch(() => {});
          return false;
        }
        // Piped: the file moves to disk chunk by chunk, never whole in memory.
        await data.stream().pipeTo(await handle.createWritable());
        return true;
      } catch {
        await dir.removeEntry(name).catch(() => {});
        return false;
      }
    },
    async read(name) {
      try {
        return await (await dir.getFileHandle(name)).getFile();
      } catch {
        return undefined;
      }
    },
    remove: (name) => dir.removeEntry(name).catch(() => {}),
    async clear() {
      if (!dir.keys) return;
      const names: string[] = [];
      for await (const name of dir.keys()) if (name.startsWith(PREFIX)) names.push(name);
      for (const name of names) await dir.removeEntry(name).catch(() => {});
    },
  };
}
