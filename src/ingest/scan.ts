/**
 * A small JSON structure scanner: finds where a value ends without parsing it, aware of strings and
 * escapes, so a document can be cut into top-level values that are then parsed one by one.
 */

export interface Scan {
  /** Index just past the value (text.length when the text ended first). */
  end: number;
  /** False when the text ended before the value closed. */
  complete: boolean;
  /** Line breaks between start and end. */
  newlines: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NL = 0x0a;
const OPEN_OBJ = 0x7b;
const CLOSE_OBJ = 0x7d;
const OPEN_ARR = 0x5b;
const CLOSE_ARR = 0x5d;
const COMMA = 0x2c;

/**
 * Scan the value starting at `start`. An object or array ends at its matching bracket; any other
 * value (string, number, literal or garbage) ends before the next ',' ']' or '}' outside a string.
 */
export function scanValue(text: string, start: number): Scan {
  const n = text.length;
  let newlines = 0;
  let depth = 0;
  const c0 = text.charCodeAt(start);
  const container = c0 === OPEN_OBJ || c0 === OPEN_ARR;
  for (let i = start; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Skip the string: find its closing quote, stepping over escapes.
      for (i++; i < n; i++) {
        const s = text.charCodeAt(i);
        if (s === BACKSLASH) i++;
        else if (s === QUOTE) break;
        else if (s === NL) newlines++;
      }
      if (i >= n) return { end: n, complete: false, newlines };
      if (!container && depth === 0) continue;
    } else if (c === NL) {
      newlines++;
    } else if (c === OPEN_OBJ || c === OPEN_ARR) {
      depth++;
    } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
      if (depth === 0) return { end: i, complete: true, newlines };
      depth--;
      if (depth === 0 && container) return { end: i + 1, complete: true, newlines };
    } else if (c === COMMA && depth === 0) {
      return { end: i, complete: true, newlines };
    }
  }
  return { end: n, complete: !container, newlines };
}

/** True when `line` holds exactly one complete object (brackets balanced), and nothing after it. */
export function isOneCompleteObject(line: string): boolean {
  const start = skipBlank(line, 0);
  if (line.charCodeAt(start) !== OPEN_OBJ) return false;
  const s = scanValue(line, start);
  return s.complete && skipBlank(line, s.end) === line.length;
}

/** Index of the next non-whitespace character at or after `i` (text.length if none). */
export function skipBlank(text: string, i: number): number {
  const n = text.length;
  while (i < n && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** The characters skipBlank skips: JSON's whitespace, form feed and a byte-order mark. */
export function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0xfeff;
}

/** Count '\n' in text[from, to). */
export function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
