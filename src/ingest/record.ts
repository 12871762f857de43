import type { Alert, ParseIssue } from '../model';
import { makeIssue } from './normalize';
import { restoreRecord } from './restore';
import { keepWrittenIntegers } from './exactInteger';
import { parseTextLine } from './falcoText';

/** Falco's own log lines on stdout: `Wed Dec  2 11:30:25 2026: Falco version: 0.41.0 (x86_64)`. */
const FALCO_LOG_LINE = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}: /;
import { jsonStartOnLine } from './formats';

type Result = Omit<Alert, 'id'> | ParseIssue;

/**
 * Parse one record's JSON text and restore it; invalid JSON becomes a ParseIssue. With
 * `writtenIntegers`, integers beyond 2^53 in output_fields keep the digits written (see
 * keepWrittenIntegers): wanted wherever the alert is shown, saved or searched, skipped where only
 * its incident is computed (a parser's batch), where it would cost a scan of every line.
 */
export function parseJsonRecord(json: string, file: string, line: number, writtenIntegers = true): Result {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    return makeIssue(file, line, `invalid JSON: ${jsonErrorText(e)}`, json);
  }
  return restoreParsed(value, json, file, line, writtenIntegers);
}

/**
 * The usual NDJSON line, one JSON object and nothing else, parsed at native speed: null when `json`
 * is not exactly one object (JSON.parse rejects anything after the value), and the caller then
 * takes the slow path that finds prefixes, several values or a pretty-printed object. Saves two
 * scans of every character of every line on the common input.
 */
export function parseWholeObject(json: string, file: string, line: number, writtenIntegers: boolean): Result | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return restoreParsed(value, json, file, line, writtenIntegers);
}

function restoreParsed(value: unknown, json: string, file: string, line: number, writtenIntegers: boolean): Result {
  const r = restoreRecord(value, file, line, json);
  if (writtenIntegers && !('message' in r)) keepWrittenIntegers(r.outputFields, json);
  return r;
}

/**
 * One line of NDJSON or of a log whose lines carry JSON after a prefix (syslog:
 * `<6>2024-08-07T13:49:51Z host Falco[1]: {...}`). The JSON starts at the line's first '{'.
 * Returns null for a blank line: blank lines are not records.
 */
export function parseLineRecord(text: string, file: string, line: number, writtenIntegers = true): Result | null {
  const start = firstNonBlank(text);
  if (start === -1) return null;
  // No JSON text holds a raw NUL; said plainly rather than as the parser's complaint.
  if (text.indexOf('\u0000') !== -1) return makeIssue(file, line, 'NUL byte in this line: binary data, not a Falco alert', text.replaceAll('\u0000', '\\0'));
  const first = text.charCodeAt(start);
  if (first !== 0x7b /* { */ && first !== 0x5b /* [ */) {
    // Falco's plain-text output: an alert whether or not a template words it.
    const textRecord = parseTextLine(text, file, line);
    if (textRecord !== null) return textRecord;
  }
  const open = jsonStartOnLine(text, start);
  if (open === -1) {
    return makeIssue(file, line, FALCO_LOG_LINE.test(text.slice(start)) ? "Falco's own log message, not an alert" : 'no JSON object on this line', text);
  }
  const json = open === 0 ? text : text.slice(open);
  const r = parseJsonRecord(json, file, line, writtenIntegers);
  if ('message' in r && r.message.startsWith('invalid JSON') && !json.trimEnd().endsWith('}')) {
    // A suffix after the JSON (some log shippers append one): retry up to the last '}'.
    const close = json.lastIndexOf('}');
    if (close > 0) {
      const retry = parseJsonRecord(json.slice(0, close + 1), file, line, writtenIntegers);
      if (!('message' in retry)) return retry;
    }
  }
  if ('message' in r && open > start) r.excerpt = makeIssue(file, line, '', text).excerpt;
  return r;
}

/** V8, SpiderMonkey and JavaScriptCore word JSON errors differently; keep the useful part. */
export function jsonErrorText(e: unknown): string {
  if (e instanceof RangeError) return 'nested too deeply';
  const msg = e instanceof Error ? e.message : String(e);
  // V8: `Unexpected token 'x', "{"a": x..." is not valid JSON` (the echo of the input is noise).
  const m = /^(Unexpected token .+?), ".*" is not valid JSON$/s.exec(msg);
  const text = m ? m[1]! : msg.replace(/^JSON\.parse: /, '');
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Index of the first non-whitespace character, or -1. */
export function firstNonBlank(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a && c !== 0x0c && c !== 0xfeff) return i;
  }
  return -1;
}
