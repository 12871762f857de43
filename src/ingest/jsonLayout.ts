/**
 * Where things are in a JSON object's text, without parsing it: its top-level keys and the lines
 * its arrays' elements start on. Problems about a session file's entries name these lines; the
 * session check reads the keys of a file's first bytes (the text may stop anywhere).
 */
import { countNewlines, scanValue, skipBlank } from './scan';

/** Top-level keys of the object `text` starts with, and where each one's value starts (a repeated key: its last). */
export function topLevelEntries(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let pos = skipBlank(text, 0);
  if (text.charCodeAt(pos) !== 0x7b /* { */) return out;
  pos++;
  for (;;) {
    pos = skipBlank(text, pos);
    if (text.charCodeAt(pos) !== 0x22 /* " */) return out;
    const keyEnd = stringEnd(text, pos);
    if (keyEnd === -1) return out;
    let key: unknown;
    try {
      key = JSON.parse(text.slice(pos, keyEnd));
    } catch {
      return out;
    }
    pos = skipBlank(text, keyEnd);
    if (text.charCodeAt(pos) !== 0x3a /* : */) return out;
    const valueStart = skipBlank(text, pos + 1);
    if (valueStart >= text.length) return out;
    out.set(key as string, valueStart);
    const s = scanValue(text, valueStart);
    if (!s.complete) return out;
    pos = skipBlank(text, s.end);
    if (text.charCodeAt(pos) !== 0x2c /* , */) return out;
    pos++;
  }
}

/** The 1-based line each element of the array starting at `at` starts on (one pass). */
export function elementLines(text: string, at: number): number[] {
  const lines: number[] = [];
  if (text.charCodeAt(at) !== 0x5b /* [ */) return lines;
  let line = lineAt(text, at);
  let pos = at + 1;
  for (;;) {
    const next = skipBlank(text, pos);
    line += countNewlines(text, pos, next);
    pos = next;
    const c = text.charCodeAt(pos);
    if (pos >= text.length || c === 0x5d /* ] */) return lines;
    if (c === 0x2c /* , */) {
      pos++;
      continue;
    }
    lines.push(line);
    const s = scanValue(text, pos);
    const end = Math.max(s.end, pos + 1);
    line += s.newlines;
    pos = end;
  }
}

/** The 1-based line of offset `at`. */
export function lineAt(text: string, at: number): number {
  return 1 + countNewlines(text, 0, at);
}

/** Index just past the string starting at `at` (a '"'), or -1 when the text ends first. */
function stringEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22) return i + 1;
  }
  return -1;
}
