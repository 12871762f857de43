/**
 * Sniff what a file holds from its first bytes, never from its name: gzip, binary, empty,
 * a JSON array, NDJSON, a pretty-printed document, or lines with JSON after a prefix (syslog);
 * and the exports of where Falco events are stored (see EXPORT_FORMATS).
 */
import { MAX_LINE_BYTES } from './lines';
import { isOneCompleteObject } from './scan';
import { textHeader } from './textHeader';
import { exportFormatOfObject } from './exports';

/**
 * One entry per format. Line formats are read line by line (streamed, in parser workers); document
 * formats are held whole and split into their records (see readsAsDocument).
 *
 *   ndjson      Falco's JSON output, one alert per line; also falcosidekick's S3/GCS objects
 *               (each one alert as Falco's JSON, with no newline: `cat` of many is one line of
 *               objects one after another, read as such)
 *   lines       lines with JSON after a prefix (syslog, log shippers)
 *   falco-text  Falco's plain-text output (json_output: false), bare or behind a syslog prefix
 *   es-bulk     an Elasticsearch/OpenSearch `_bulk` body or NDJSON export: action lines and documents
 *   loki-jsonl  `logcli query --output=jsonl`: {"labels", "line", "timestamp"} per line
 *   array, document   a JSON array / pretty-printed objects
 *   es-search   an Elasticsearch/OpenSearch search API response (`hits.hits[]._source`)
 *   loki-query  Loki's HTTP query_range response (or a push body): streams of [time, line]
 */
export type TextFormat = 'ndjson' | 'lines' | 'falco-text' | 'es-bulk' | 'loki-jsonl' | 'array' | 'document' | 'es-search' | 'loki-query';

/** Formats whose records are whole documents (or cut from one), read after the whole text is in. */
export function readsAsDocument(format: string): boolean {
  return format === 'array' || format === 'document' || format === 'es-search' || format === 'loki-query';
}

/** Formats read line by line: each line is one record (or none: a blank line, a bulk action line). */
export function readsAsLines(format: string): format is 'ndjson' | 'lines' | 'falco-text' | 'es-bulk' | 'loki-jsonl' {
  return format === 'ndjson' || format === 'lines' || format === 'falco-text' || format === 'es-bulk' || format === 'loki-jsonl';
}

export type Detected =
  | { format: TextFormat }
  | { format: 'empty' | 'binary'; message: string };

/** Bytes looked at to tell text from binary. */
export const SNIFF_BYTES = 1024;

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

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

/**
 * Decide the format from the first bytes (already decompressed, BOM removed). Returns null when
 * more bytes are needed: under SNIFF_BYTES, or a first line starting with '{' not yet complete.
 */
export function sniffBytes(head: Uint8Array, eof: boolean): Detected | null {
  if (!eof && head.length < SNIFF_BYTES) return null;
  const binary = binaryReason(head, eof);
  if (binary) return { format: 'binary', message: binary };
  let i = 0;
  while (i < head.length && isBlankByte(head[i]!)) i++;
  if (i === head.length) return eof ? { format: 'empty', message: 'empty file' } : null;
  const c = head[i];
  if (c === 0x5b /* [ */) return { format: 'array' };
  const nl = head.indexOf(0x0a, i);
  if (c !== 0x7b /* { */) {
    const firstLine = new TextDecoder().decode(head.subarray(i, nl === -1 ? Math.min(head.length, i + SNIFF_BYTES) : nl));
    return { format: textHeader(firstLine) !== null ? 'falco-text' : 'lines' };
  }
  const exported = exportFormatOfObject(new TextDecoder().decode(head.subarray(i, Math.min(head.length, i + 64 * 1024))));
  if (exported !== null) return { format: exported };
  if (nl === -1 && !eof) return head.length > MAX_LINE_BYTES ? { format: 'ndjson' } : null;
  const firstLine = new TextDecoder().decode(head.subarray(i, nl === -1 ? head.length : nl));
  return { format: isOneCompleteObject(firstLine) ? 'ndjson' : 'document' };
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
  if (!m) return { format: 'empty', message: 'empty file' };
  if (m[0] === '[') return { format: 'array' };
  const nl = text.indexOf('\n', m.index);
  if (m[0] !== '{') return { format: textHeader(text.slice(m.index, nl === -1 ? m.index + SNIFF_BYTES : nl)) !== null ? 'falco-text' : 'lines' };
  const exported = exportFormatOfObject(text.slice(m.index, m.index + 64 * 1024));
  if (exported !== null) return { format: exported };
  return { format: isOneCompleteObject(text.slice(m.index, nl === -1 ? text.length : nl)) ? 'ndjson' : 'document' };
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
