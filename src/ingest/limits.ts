/**
 * How much decompressed data a gzip input may yield before the user is asked: an 8 MB gzip of
 * newlines is gigabytes that take minutes to read, and a 44 MB one grew a tab past 8 GB.
 */
export interface DecompressedLimits {
  /** Decompressed bytes of one input. */
  maxBytes: number;
  /** Decompressed bytes per compressed byte (0: no check) ... */
  ratio: number;
  /** ... once past this many decompressed bytes (small inputs compress well and are harmless). */
  ratioMinBytes: number;
}

export const DEFAULT_DECOMPRESSED_LIMITS: DecompressedLimits = {
  maxBytes: 4 * 1024 ** 3,
  ratio: 1000,
  ratioMinBytes: 100 * 1024 ** 2,
};

export interface LimitReached {
  decompressed: number;
  compressed: number;
  reason: 'size' | 'ratio';
}

/** The question put to the user, and the problem when reading stopped there. */
export function decompressedLimitQuestion(r: LimitReached, file: string): string {
  return `${file} has grown to ${mib(r.decompressed)} decompressed from ${mib(r.compressed)}` +
    (r.reason === 'ratio' ? ` (${Math.round(r.decompressed / Math.max(1, r.compressed))} times larger: it may be a gzip bomb)` : '') +
    '. Keep reading it?';
}

export function decompressedLimitText(r: LimitReached): string {
  return `stopped reading after ${mib(r.decompressed)} of decompressed data from ${mib(r.compressed)} of gzip ` +
    `(${r.reason === 'ratio' ? 'it expands more than the limit allows: a gzip bomb?' : 'over the size limit'}); the records before this point were loaded`;
}

function mib(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** A size as the CLI takes it: bytes, or a number with K, M, G or T (powers of 1024). */
export function parseSize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(text.trim());
  if (!m) return null;
  const power = ' kmgt'.indexOf((m[2] || ' ').toLowerCase());
  return Math.floor(Number(m[1]) * 1024 ** power);
}
