import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { oneLine } from './oneLine';

/** A file named on the command line, after the checks that decide whether it is read. */
export interface Input {
  /** The argument as given: how the CLI names the file in its messages. */
  arg: string;
  /** Set when the file is read. */
  path?: string;
  size?: number;
  /** Why it is not read, when it cannot be (missing, a directory ...). */
  failure?: string;
  /** The earlier argument with the same file or the same bytes: this one is not read again. */
  sameAs?: string;
}

/** "ENOENT: no such file or directory, stat 'x'" -> "no such file or directory". */
export function fsReason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string' && typeof e.message === 'string') {
    const m = /^[A-Z]+: ([^,]+)/.exec(e.message);
    return m ? m[1]! : e.code;
  }
  return oneLine(error instanceof Error ? error.message : String(error));
}

function sha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/**
 * Stat every argument and pick the files to read, each once: the same file named twice (also
 * through another path or a link), or two files with the same bytes, are read and counted once.
 * Only files of equal size are hashed, so the usual run reads nothing twice.
 */
export async function resolveInputs(args: string[]): Promise<Input[]> {
  const inputs: Input[] = [];
  const byPath = new Map<string, string>();
  for (const arg of args) {
    const input: Input = { arg };
    inputs.push(input);
    try {
      const info = await stat(arg);
      if (info.isDirectory()) throw new Error('is a directory');
      if (!info.isFile()) throw new Error('not a regular file');
      const path = await realpath(arg);
      const first = byPath.get(path);
      if (first !== undefined) input.sameAs = first;
      else {
        byPath.set(path, arg);
        input.path = path;
        input.size = info.size;
      }
    } catch (error) {
      input.failure = error instanceof Error && !('code' in error) ? error.message : fsReason(error);
    }
  }
  const bySize = new Map<number, Input[]>();
  for (const input of inputs) {
    if (input.path === undefined) continue;
    const group = bySize.get(input.size!) ?? [];
    group.push(input);
    bySize.set(input.size!, group);
  }
  for (const group of bySize.values()) {
    if (group.length < 2) continue;
    const byHash = new Map<string, string>();
    for (const input of group) {
      let digest: string;
      try {
        digest = await sha256(input.path!);
      } catch (error) {
        // Unreadable: left to the reader, which reports it like any other read failure.
        void error;
        continue;
      }
      const first = byHash.get(digest);
      if (first === undefined) byHash.set(digest, input.arg);
      else {
        input.sameAs = first;
        delete input.path;
      }
    }
  }
  return inputs;
}
