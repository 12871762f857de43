/**
 * Sniff what a file holds from its first bytes, never from its name: binary or empty (no format
 * at all), else the first format of the table in formats.ts that claims the content.
 */
import { MAX_LINE_BYTES } from './lines';
import { fileFormatOf, type FileFormatId } from './formats';

export { isGzip, readsAsDocument, readsAsLines } from './formats';

export type TextFormat = FileFormatId;

export type Detected =
  | { format: TextFormat }
  | { format: 'empty' | 'binary'; message: string };

/** Bytes looked at to tell text from binary. */
export const SNIFF_BYTES = 1024;

/** Length of a UTF-8 byte order mark at the start, 0 or 3. */
export function utf8BomLength(head: Uint8Array): number {
  return head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
}

const MAGIC: ReadonlyArray<readonly [number[], string]> = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive; unzip it first'],
  [[0x42, 0x5a, 0x68], 'bzip2-compressed; only gzip is read, decompress it first'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz-compressed; only gzip is read, decompress it first'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed; only gzip is read, decompress it first'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an executable (ELF)'],
  [[0xff, 0xfe], 'UTF-16 text; save it as UTF-8'],
  [[0xfe, 0xff], 'UTF-16 text; save it as UTF-8'],
];

/**
 * Why the bytes are not text, or null when they look like text (UTF-8 or nearly so): a known
 * magic number, or more than 30% of the sample control bytes or invalid UTF-8.
 */
export function binaryReason(head: Uint8Array, eof: boolean): string | null {
  for (const [magic, what] of MAGIC) {
    if (head.length >= magic.length && magic.every((b, i) => head[i] === b)) return `not a text file (${what})`;
  }
  const n = Math.min(head.length, SNIFF_BYTES);
  if (n === 0) return null;
  // A NUL byte alone does not make a file binary (one in a 1,000-line log would reject 999 good
  // lines): NULs count as control bytes like the others, and the line holding one is a problem.
  let odd = 0;
  for (let i = 0; i < n; ) {
    const b = head[i]!;
    if (b < 0x80) {
      if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x0b && b !== 0x08 && b !== 0x1b) || b === 0x7f) odd++;
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) {
      odd++;
      i++;
      continue;
    }
    if (i + len > n) {
      if (!eof || n < head.length) break; // a character cut by the sample's end
      odd++;
      break;
    }
    let ok = true;
    for (let k = 1; k < len; k++) if ((head[i + k]! & 0xc0) !== 0x80) ok = false;
    if (ok) i += len;
    else {
      odd++;
      i++;
    }
  }
  if (odd / n <= 0.3) return null;
  return head.subarray(0, n).indexOf(0) !== -1 ? 'not a text file (binary content: it holds NUL bytes)' : 'not a text file (binary content)';
}

function isBlankByte(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c;
}

/** One decoder for whole pieces (no stream state), not one per sniff. */
const utf8 = new TextDecoder();

/** Characters of the content's start a session sniff looks at (see formats.ts looksLikeSession). */
const SESSION_SNIFF_CHARS = 64 * 1024;

/**
 * Decide the format from the first bytes (already decompressed, BOM removed), by the table of
 * ingest/formats.ts. Returns null when more bytes are needed: under SNIFF_BYTES, or a first line
 * starting with '{' not yet complete.
 */
export function sniffBytes(head: Uint8Array, eof: boolean): Detected | null {
  if (!eof && head.length < SNIFF_BYTES) return null;
  const binary = binaryReason(head, eof);
  if (binary) return { format: 'binary', message: binary };
  let i = 0;
  while (i < head.length && isBlankByte(head[i]!)) i++;
  if (i === head.length && !eof) return null;
  const nl = i === head.length ? -1 : head.indexOf(0x0a, i);
  const whole = nl !== -1 || eof;
  let decoded: string | undefined;
  const format = fileFormatOf({
    first: i === head.length ? '' : String.fromCharCode(head[i]!),
    firstLine: whole ? utf8.decode(head.subarray(i, nl === -1 ? head.length : nl)) : null,
    overlong: !whole && head.length > MAX_LINE_BYTES,
    text: () => (decoded ??= utf8.decode(head.subarray(i, i + SESSION_SNIFF_CHARS))),
  });
  return detected(format);
}

/** The same decision for text already in memory (pasted). */
export function sniffText(text: string): Detected {
  const sample = text.slice(0, SNIFF_BYTES);
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x0b && c !== 0x08 && c !== 0x1b) || c === 0x7f || c === 0xfffd) odd++;
  }
  if (sample.length > 0 && odd / sample.length > 0.3) {
    return { format: 'binary', message: sample.includes('\u0000') ? 'not a text file (binary content: it holds NUL bytes)' : 'not a text file (binary content)' };
  }
  const m = /[^ \t\r\n\f\uFEFF]/.exec(text);
  const at = m ? m.index : text.length;
  const nl = text.indexOf('\n', at);
  const format = fileFormatOf({
    first: m ? m[0] : '',
    firstLine: text.slice(at, nl === -1 ? text.length : nl),
    text: () => text.slice(at, at + SESSION_SNIFF_CHARS),
  });
  // All the text is at hand: the table always decides.
  return detected(format) ?? { format: 'lines' };
}

function detected(format: ReturnType<typeof fileFormatOf>): Detected | null {
  if (format === null) return null;
  if (format === 'empty') return { format: 'empty', message: 'empty file' };
  return { format: format.id };
}

/**
 * Whether text (the start of a file) is a Falco rules file: its first item, after comments, blank
 * lines and a `---`, is `- rule:`, `- macro:`, `- list:` or `- required_*:`.
 */
export function looksLikeRulesFile(head: string): boolean {
  for (const raw of head.replace(/^\uFEFF/, '').split('\n', 400)) {
    const line = raw.trimEnd();
    if (line === '' || line.startsWith('#') || line === '---') continue;
    return /^-[ \t]+(rule|macro|list|required_engine_version|required_plugin_versions)[ \t]*:/.test(line);
  }
  return false;
}
