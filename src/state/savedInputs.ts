import { createStore, del, get, set, clear, type UseStore } from 'idb-keyval';
import { browserOpfs, isOpfsPointer, opfsInputs, opfsName, storageFor, type OpfsDirectory, type OpfsInputs, type OpfsPointer } from './opfsInputs';

/**
 * The inputs of the session, kept in the browser so that a reload (or the next visit) opens the
 * workspace as it was: each input's bytes once, by the hash of its content, and the list of inputs
 * in the order they were opened. On reload the bytes are read again through the normal ingest, so
 * a restored session is exactly what opening the same files gives. Large inputs are streamed to
 * the Origin Private File System and read back from it as files (see opfsInputs.ts); the rest, and
 * everything where OPFS is missing, is kept in IndexedDB, which keeps a File as a blob on disk.
 */
export interface SavedInput {
  /** Content hash (see ingest/contentHash): where its bytes are kept, shared by identical inputs. */
  hash: string;
  name: string;
  kind: 'file' | 'text';
  sample?: boolean;
}

export interface SavedInputsRepository {
  list(): Promise<SavedInput[]>;
  /** Write the list; bytes of inputs no longer listed are dropped. */
  saveList(inputs: readonly SavedInput[]): Promise<void>;
  /** Keep an input's bytes (once per hash). */
  putData(hash: string, data: Blob | string): Promise<void>;
  data(hash: string): Promise<Blob | string | undefined>;
  clear(): Promise<void>;
}

const LIST_KEY = 'list';
const dataKey = (hash: string) => `data:${hash}`;

/** Only well-formed entries are restored: the store may hold what another version wrote. */
export function validSavedInputs(raw: unknown): SavedInput[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((value: unknown): SavedInput[] => {
    if (typeof value !== 'object' || value === null) return [];
    const v = value as Record<string, unknown>;
    if (typeof v.hash !== 'string' || typeof v.name !== 'string' || (v.kind !== 'file' && v.kind !== 'text')) return [];
    return [{ hash: v.hash, name: v.name, kind: v.kind, ...(v.sample === true ? { sample: true } : {}) }];
  });
}

/** Hashes whose bytes are no longer needed once `next` replaces `previous`. */
export function droppedHashes(previous: readonly SavedInput[], next: readonly SavedInput[]): string[] {
  const kept = new Set(next.map((i) => i.hash));
  return [...new Set(previous.map((i) => i.hash))].filter((h) => !kept.has(h));
}

/**
 * The files a link was made from that are not open here, in the link's order. Names are compared
 * as given (two nodes' falco.ndjson are one name: the analyst knows which they mean).
 */
export function missingFiles(linked: readonly string[], open: readonly string[]): string[] {
  const have = new Set(open);
  return [...new Set(linked)].filter((name) => !have.has(name));
}

/** `opfs`: where large inputs go (the browser's OPFS by default; null: IndexedDB only). */
export function indexedDbSavedInputs(opfs: Promise<OpfsDirectory | null> | null = null): SavedInputsRepository {
  let store: UseStore | null = null;
  const db = (): UseStore => (store ??= createStore('falcoscope-session', 'inputs'));
  let files: Promise<OpfsInputs | null> | null = null;
  const large = () => (files ??= (opfs ?? browserOpfs()).then((dir) => (dir ? opfsInputs(dir) : null)));
  const drop = async (hash: string) => {
    const value = await get<unknown>(dataKey(hash), db());
    await del(dataKey(hash), db());
    if (isOpfsPointer(value)) await (await large())?.remove(value.opfs);
  };
  return {
    list: async () => validSavedInputs(await get<unknown>(LIST_KEY, db())),
    async saveList(inputs) {
      const previous = validSavedInputs(await get<unknown>(LIST_KEY, db()));
      await set(LIST_KEY, inputs, db());
      for (const hash of droppedHashes(previous, inputs)) await drop(hash);
    },
    async putData(hash, data) {
      if ((await get<unknown>(dataKey(hash), db())) !== undefined) return;
      const opfsFiles = typeof data === 'string' ? null : await large();
      if (typeof data !== 'string' && storageFor(data, opfsFiles !== null) === 'opfs' && (await opfsFiles!.write(hash, data))) {
        const pointer: OpfsPointer = { opfs: opfsName(hash) };
        await set(dataKey(hash), pointer, db());
        return;
      }
      await set(dataKey(hash), data, db());
    },
    async data(hash) {
      const value = await get<unknown>(dataKey(hash), db());
      if (isOpfsPointer(value)) return (await large())?.read(value.opfs);
      return value instanceof Blob || typeof value === 'string' ? value : undefined;
    },
    async clear() {
      await clear(db());
      await (await large())?.clear();
    },
  };
}
