import type { OutputFields } from '../model/alert';

/**
 * JSON.parse rounds integers beyond 2^53 (Falco's evt.time is epoch nanoseconds, 19 digits):
 * 1749513600000429095 becomes 1749513600000429000. The digits as written are still in the
 * record's text; this finds them, so the analyst sees (and exports, and searches) the real value.
 */

/**
 * Fields looked up per record: each costs a scan of the record's text, and a hostile record could
 * hold thousands. Falco's have one or two (evt.time, sometimes a 64-bit id).
 */
export const MAX_WRITTEN_INTEGERS = 8;

/**
 * Replace, in parsed output_fields, each integer that lost digits by the digits written in `raw`,
 * the record's JSON text, where they can be told (see writtenInteger); the first
 * MAX_WRITTEN_INTEGERS of them. Only the field changes: the alert's time was already taken from
 * the number, as it is wherever the text is not at hand.
 */
export function keepWrittenIntegers(fields: OutputFields, raw: string): void {
  let looked = 0;
  for (const key in fields) {
    const value = fields[key];
    if (!isRoundedInteger(value) || !Object.prototype.hasOwnProperty.call(fields, key)) continue;
    if (++looked > MAX_WRITTEN_INTEGERS) return;
    const digits = writtenInteger(raw, key, value);
    // defineProperty, never `fields[key] =`: the key is the record's own (it may be __proto__).
    if (digits !== null) Object.defineProperty(fields, key, { value: digits, writable: true, enumerable: true, configurable: true });
  }
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
