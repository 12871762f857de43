import { makeIssue } from './normalize';
import { parseJsonRecord } from './record';
import { expandExportDocument } from './exports';
import { countNewlines, scanValue, skipBlank } from './scan';
import type { Tally } from './tally';

/** Documents (JSON arrays, pretty-printed objects) are held in memory as text up to this size. */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

export const TOO_BIG_DOCUMENT =
  'document larger than 256 MiB: a JSON array or pretty-printed file this big cannot be loaded; ' +
  'convert it to one alert per line first (jq -c ".[]" FILE > alerts.ndjson)';

/** One top-level value of a document: its text and the 1-based line where it starts. */
export interface DocumentPart {
  line: number;
  text: string;
  /** Not JSON at all (stray text between values): reported as such. */
  stray?: boolean;
}

/**
 * Cut a document into its top-level values: the elements of a JSON array (or of several arrays
 * one after another), or objects written one after another. Values are not parsed here, so one
 * malformed element does not hide the others.
 */
export function splitDocument(text: string): { parts: DocumentPart[]; unclosed?: number } {
  const parts: DocumentPart[] = [];
  let line = 1;
  let pos = 0;
  let unclosed: number | undefined;
  const advanceTo = (i: number) => {
    line += countNewlines(text, pos, i);
    pos = i;
  };
  for (;;) {
    advanceTo(skipBlankAndCommas(text, pos));
    if (pos >= text.length) break;
    const c = text.charCodeAt(pos);
    if (c === 0x5b /* [ */) {
      // An array: its elements are the values.
      advanceTo(pos + 1);
      let closed = false;
      for (;;) {
        advanceTo(skipBlankAndCommas(text, pos));
        if (pos >= text.length) break;
        if (text.charCodeAt(pos) === 0x5d /* ] */) {
          advanceTo(pos + 1);
          closed = true;
          break;
        }
        const s = scanValue(text, pos);
        const end = Math.max(s.end, pos + 1);
        parts.push({ line, text: text.slice(pos, end) });
        line += s.newlines;
        pos = end;
      }
      if (!closed) unclosed = line;
    } else if (c === 0x7b /* { */) {
      const s = scanValue(text, pos);
      parts.push({ line, text: text.slice(pos, s.end) });
      line += s.newlines;
      pos = s.end;
    } else {
      // Stray text: up to the next '{' or '[' that starts a line, or the end.
      let end = text.length;
      const re = /\n[ \t]*[{[]/g;
      re.lastIndex = pos;
      const m = re.exec(text);
      if (m) end = m.index + 1;
      parts.push({ line, text: text.slice(pos, end), stray: true });
      advanceTo(end);
    }
  }
  return unclosed === undefined ? { parts } : { parts, unclosed };
}

/** Split, parse and restore every value of a document, sending each to the sink. */
export function ingestDocument(
  text: string,
  file: string,
  sink: Tally,
  /** exports: the document is a store's export (search or query response) holding many records. */
  opts: { badUtf8?: boolean; exports?: boolean } = {},
): void {
  const { parts, unclosed } = splitDocument(text);
  for (const part of parts) {
    if (part.stray) {
      sink.problem(makeIssue(file, part.line, 'not JSON: text outside any object or array', part.text));
    } else if (opts.badUtf8 && part.text.includes('\uFFFD')) {
      sink.problem(makeIssue(file, part.line, 'invalid UTF-8', part.text));
    } else if (!(opts.exports && expandExportDocument(part.text, part.line, file, (r) => sink.add(r)))) {
      sink.add(parseJsonRecord(part.text, file, part.line));
    }
  }
  if (unclosed !== undefined && parts.length > 0 && !parts[parts.length - 1]!.stray) {
    const last = parts[parts.length - 1]!;
    // Only worth saying when the last element itself was complete (else it is already a problem).
    if (scanValue(last.text, 0).complete) {
      sink.problem(makeIssue(file, unclosed, 'the JSON array is not closed: the file may be truncated'));
    }
  }
}

function skipBlankAndCommas(text: string, i: number): number {
  for (;;) {
    i = skipBlank(text, i);
    if (text.charCodeAt(i) !== 0x2c) return i;
    i++;
  }
}
