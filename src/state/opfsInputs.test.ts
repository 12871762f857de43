import { describe, expect, it } from 'vitest';
import { OPFS_MIN_BYTES, isOpfsPointer, opfsInputs, opfsName, storageFor, type OpfsDirectory } from './opfsInputs';

/** An in-memory OPFS directory: files appear when their writable stream closes, as in browsers. */
function memoryDirectory(options: { writable?: boolean; failWrites?: boolean } = {}) {
  const files = new Map<string, File>();
  const chunkCounts: number[] = [];
  const dir: OpfsDirectory = {
    async getFileHandle(name, opts) {
      if (!files.has(name)) {
        if (!opts?.create) throw new DOMException('not found', 'NotFoundError');
        files.set(name, new File([], name));
      }
      return {
        getFile: async () => files.get(name)!,
        ...(options.writable === false
          ? {}
          : {
              createWritable: async () => {
                const parts: Uint8Array[] = [];
                return new WritableStream<Uint8Array>({
                  write(chunk) {
                    if (options.failWrites) throw new DOMException('quota', 'QuotaExceededError');
                    parts.push(chunk);
                  },
                  close() {
                    chunkCounts.push(parts.length);
                    files.set(name, new File(parts as BlobPart[], name));
                  },
                });
              },
            }),
      };
    },
    async removeEntry(name) {
      if (!files.delete(name)) throw new DOMException('not found', 'NotFoundError');
    },
    keys: async function* () {
      yield* [...files.keys()];
    },
  };
  return { dir, files, chunkCounts };
}

describe('storageFor', () => {
  it.each([
    ['a large file, OPFS there', OPFS_MIN_BYTES, true, 'opfs'],
    ['a large file, no OPFS (file://)', OPFS_MIN_BYTES, false, 'indexeddb'],
    ['a small file', OPFS_MIN_BYTES - 1, true, 'indexeddb'],
  ] as const)('%s', (_name, size, opfs, want) => {
    expect(storageFor(new Blob([new Uint8Array(size)]), opfs)).toBe(want);
  });

  it('keeps pasted text in IndexedDB, however long', () => {
    expect(storageFor('x'.repeat(OPFS_MIN_BYTES + 1), true)).toBe('indexeddb');
  });
});

describe('opfsInputs', () => {
  /** A blob of several parts (a file on disk streams in many chunks too). */
  const big = () => new Blob([new Uint8Array(65536).fill(7), new Uint8Array(65536).fill(7), new Uint8Array(65536).fill(7), new Uint8Array(5).fill(7)]);

  it('streams an input into its file and reads it back as a file', async () => {
    const { dir, files, chunkCounts } = memoryDirectory();
    const opfs = opfsInputs(dir);
    expect(await opfs.write('h1', big())).toBe(true);
    // Written chunk by chunk, not as one buffer.
    expect(chunkCounts[0]).toBeGreaterThan(1);
    const file = await opfs.read(opfsName('h1'));
    expect(file?.size).toBe(3 * 65536 + 5);
    expect(new Uint8Array(await file!.arrayBuffer())[65536]).toBe(7);
    expect([...files.keys()]).toEqual(['falcoscope-input-h1']);
    await opfs.remove(opfsName('h1'));
    expect(await opfs.read(opfsName('h1'))).toBeUndefined();
  });

  it('answers false and leaves nothing when the file cannot be written (then IndexedDB keeps it)', async () => {
    for (const options of [{ writable: false }, { failWrites: true }]) {
      const { dir, files } = memoryDirectory(options);
      expect(await opfsInputs(dir).write('h', big())).toBe(false);
      expect(files.size).toBe(0);
    }
  });

  it('clear removes the input files only', async () => {
    const { dir, files } = memoryDirectory();
    files.set('someone-else', new File(['x'], 'someone-else'));
    const opfs = opfsInputs(dir);
    await opfs.write('a', big());
    await opfs.write('b', big());
    await opfs.clear();
    expect([...files.keys()]).toEqual(['someone-else']);
  });

  it('tells a pointer from kept bytes', () => {
    expect(isOpfsPointer({ opfs: 'falcoscope-input-a' })).toBe(true);
    expect(isOpfsPointer(new Blob(['x']))).toBe(false);
    expect(isOpfsPointer('text')).toBe(false);
  });
});
