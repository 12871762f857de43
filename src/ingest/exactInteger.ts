import type { OutputFields } from '../model';

/**
 * JSON.parse rounds integers beyond 2^53 (Falco's evt.time is epoch nanoseconds, 19 digits):
 * 1749513600000429095 becomes 1749513600000429000. The digits as written are still in the
 * record's text; this finds them, so the analyst sees (and exports, and searches) the real value.
 */

/**
 * Replace, in parsed output_fields, each integer that lost digits by the digits written in `raw`,
 * the record's JSON text, where they can be told (see writtenInteger). Every field: the text is
 * read once for all of them (writtenIntegersByKey), so a hostile record of 100,000 such fields
 * costs one pass, not one per field. Only the field changes: the alert's time was already taken
 * from the number, as it is wherever the text is not at hand.
 */
export function keepWrittenIntegers(fields: OutputFields, raw: string): void {
  const rounded: string[] = [];
  for (const key in fields) {
    if (isRoundedInteger(fields[key]) && Object.prototype.hasOwnProperty.call(fields, key)) rounded.push(key);
  }
  if (rounded.length === 0) return;
  // Nearly every real alert has one such field (evt.time in nanoseconds): a native indexOf per key
  // is then far cheaper than walking the whole line in JS; many keys take the single pass.
  const written = rounded.length > FEW_KEYS ? writtenIntegersByKey(raw) : null;
  for (const key of rounded) {
    const value = fields[key] as number;
    const digits = written ? agreeing(written.get(key), value) : writtenInteger(raw, key, value);
    // defineProperty, never `fields[key] =`: the key is the record's own (it may be __proto__).
    if (digits !== null) Object.defineProperty(fields, key, { value: digits, writable: true, enumerable: true, configurable: true });
  }
}

/** Up to this many rounded fields, each is looked up by its key; beyond, the text is read once. */
const FEW_KEYS = 4;

/** The digits among `candidates` that parse to `value`, when they all agree; else null. */
function agreeing(candidates: string[] | undefined, value: number): string | null {
  let found: string | null = null;
  for (const digits of candidates ?? []) {
    if (Number(digits) !== value) continue;
    if (found !== null && found !== digits) return null;
    found = digits;
  }
  return found;
}

/**
 * Every `"key": <integer too long to be exact>` in a JSON text, by key as written (a key with
 * escapes is left out, as writtenInteger does), in one pass over the text.
 */
export function writtenIntegersByKey(raw: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const n = raw.length;
  for (let i = 0; i < n; i++) {
    if (raw.charCodeAt(i) !== 0x22 /* " */) continue;
    // A string: find its end; note whether it holds an escape.
    let end = i + 1;
    let escaped = false;
    while (end < n && raw.charCodeAt(end) !== 0x22) {
      if (raw.charCodeAt(end) === 0x5c) {
        escaped = true;
        end++;
      }
      end++;
    }
    const keyStart = i + 1;
    i = end;
    if (escaped || end >= n) continue;
    const digits = integerAfterColon(raw, end + 1);
    if (digits === null || digits.replace('-', '').length < 16) continue;
    const key = raw.slice(keyStart, end);
    const list = out.get(key);
    if (list) list.push(digits);
    else out.set(key, [digits]);
  }
  return out;
}

/** Whether a parsed number may have lost digits. */
export function isRoundedInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value);
}

/**
 * The digits written for `key`'s value in the record's JSON text `raw`, given the parsed
 * (rounded) `value`: every `"key": <integer>` in the text that parses to `value` is looked at, and
 * the answer is given only when they all agree. Null when the key is written another way (with
 * escapes) or appears with different digits (a nested object, a repeated key): the rounded number
 * stays then.
 */
export function writtenInteger(raw: string, key: string, value: number): string | null {
  const quoted = JSON.stringify(key);
  let found: string | null = null;
  for (let at = raw.indexOf(quoted); at !== -1; at = raw.indexOf(quoted, at + 1)) {
    const digits = integerAfterColon(raw, at + quoted.length);
    if (digits === null || Number(digits) !== value) continue;
    if (found !== null && found !== digits) return null;
    found = digits;
  }
  return found;
}

/** The integer written after `: ` at `at` (JSON whitespace allowed), or null. */
function integerAfterColon(raw: string, at: number): string | null {
  let pos = skipSpace(raw, at);
  if (raw.charCodeAt(pos) !== 0x3a /* : */) return null;
  pos = skipSpace(raw, pos + 1);
  const start = pos;
  if (raw.charCodeAt(pos) === 0x2d /* - */) pos++;
  const firstDigit = pos;
  while (isDigit(raw.charCodeAt(pos))) pos++;
  if (pos === firstDigit) return null;
  // A fraction or an exponent makes it another number than the integer it starts with.
  const next = raw.charCodeAt(pos);
  if (next === 0x2e /* . */ || next === 0x65 /* e */ || next === 0x45 /* E */) return null;
  return raw.slice(start, pos);
}

function skipSpace(raw: string, at: number): number {
  let pos = at;
  for (;;) {
    const c = raw.charCodeAt(pos);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return pos;
    pos++;
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
