/**
 * Exports of the stores falcosidekick writes Falco events to, read as alerts:
 *
 *   Elasticsearch/OpenSearch  a search API response: {"hits": {"hits": [{"_index", "_id",
 *                             "_source": {alert, "@timestamp"}}]}}; a `_bulk` body or NDJSON
 *                             export: an action line ({"create": {"_index": ...}}) before each
 *                             document (falcosidekick writes its documents with `create`)
 *   Loki                      `logcli --output=jsonl`: {"labels": {...}, "line": "...",
 *                             "timestamp": "..."} per line; the HTTP query_range response:
 *                             {"data": {"result": [{"stream": {...}, "values": [["<ns>", "<line>"]]}]}}.
 *                             falcosidekick's line is the alert's text output (loki.format: text,
 *                             the default) or its JSON (loki.format: json); its labels carry rule,
 *                             priority, source, tags (comma-joined) and hostname
 *   S3 / GCS                  one object per alert, Falco's JSON as falcosidekick received it: read
 *                             by the ndjson entry as is
 *
 * The document (_source, the parsed line) goes through the same restore as any record.
 */
import type { Alert, ParseIssue } from '../model';
import { topLevelEntries } from './jsonLayout';
import { countNewlines, scanValue, skipBlank } from './scan';
import { makeIssue, normalizeRecord } from './normalize';
import { parseEpochNanos, parseTimeField } from './time';
import { typeName } from './priority';
import { stockMatcher, textAlert, textHeader } from './falcoText';

type Result = Omit<Alert, 'id'> | ParseIssue;
type Obj = Record<string, unknown>;

export { exportFormatOfObject, type ExportFormat } from './exportSniff';
import { ACTION_KEYS, exportFormatOfObject } from './exportSniff';

/**
 * Whether a line is a `_bulk` action line ({"index": {...}} and the like): framing, not a record,
 * skipped like a blank line. Only an object whose one key is an action holding an object of
 * metadata (no "rule") is one.
 */
export function isBulkActionLine(text: string, start: number): boolean {
  if (text.charCodeAt(start) !== 0x7b) return false;
  const q = skipBlank(text, start + 1);
  if (text.charCodeAt(q) !== 0x22) return false;
  // Runs for every line of NDJSON: a look at the first key's bytes before anything is allocated.
  const action = ACTION_KEYS.find((k) => text.startsWith(k, q));
  if (action === undefined) return false;
  const keys = topLevelEntries(text.slice(start));
  if (keys.size !== 1) return false;
  const meta = keys.get(action.slice(1, -1));
  if (meta === undefined || text.charCodeAt(start + meta) !== 0x7b) return false;
  const s = scanValue(text.slice(start), meta);
  return s.complete && skipBlank(text, start + s.end + 1) >= text.length - 1 && !text.includes('"rule"');
}

/** A parsed value that an export wraps an alert in, unwrapped; null when it is no such wrapper. */
export function restoreExportEntry(value: unknown, file: string, line: number): Result | null {
  if (!isObject(value) || own(value, 'rule') !== undefined) return null;
  const lokiLine = own(value, 'line');
  if (typeof lokiLine === 'string' && (own(value, 'labels') !== undefined || own(value, 'timestamp') !== undefined)) {
    return restoreLokiEntry(own(value, 'labels'), lokiLine, own(value, 'timestamp'), file, line);
  }
  return null;
}

/**
 * One Loki entry: its line (Falco's JSON, or Falco's text output) with its stream's labels and
 * time. The line's own fields win; labels fill what the line does not say (text output names no
 * rule, tags or host).
 */
export function restoreLokiEntry(labels: unknown, text: string, timestamp: unknown, file: string, line: number): Result {
  const l: Obj = isObject(labels) ? labels : {};
  const start = skipBlank(text, 0);
  if (text.charCodeAt(start) === 0x7b) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return makeIssue(file, line, `the Loki line is not valid JSON (${e instanceof Error ? e.message.slice(0, 120) : String(e)})`, text);
    }
    return normalizeRecord(parsed, file, line, text);
  }
  const time = lokiTime(timestamp);
  const context = {
    rule: str(l, 'rule'),
    source: str(l, 'source'),
    hostname: str(l, 'hostname'),
    tags: str(l, 'tags')?.split(',').filter((t) => t !== ''),
    time,
  };
  const header = textHeader(text);
  if (header !== null) return textAlert(text, header, file, line, stockMatcher(), context);
  // A line that is not Falco's output: an alert only when the labels name its rule.
  if (context.rule === undefined) return makeIssue(file, line, 'the Loki line is neither Falco JSON nor Falco text output, and its labels name no rule', text);
  return normalizeRecord({ rule: context.rule, priority: str(l, 'priority'), output: text, time, source: context.source, tags: context.tags, hostname: context.hostname }, file, line, text);
}

/** Loki times: nanoseconds since the epoch as a string (HTTP API), or RFC 3339 text (logcli). */
function lokiTime(v: unknown): string | undefined {
  if (typeof v === 'string' && /^\d{1,20}$/.test(v)) return parseEpochNanos(v)?.time || undefined;
  const t = parseTimeField(v);
  return t && t.time !== '' ? t.time : undefined;
}

/**
 * The records of an export held as one document (a search response, a query_range response),
 * each with the line it starts on; false when `text` is no such export (the caller reads it as
 * a record itself).
 */
export function expandExportDocument(text: string, firstLine: number, file: string, add: (r: Result) => void): boolean {
  const format = exportFormatOfObject(text);
  if (format === 'es-search') {
    const hits = path(text, ['hits', 'hits']);
    if (hits === null || text.charCodeAt(hits) !== 0x5b) {
      add(makeIssue(file, firstLine, 'an Elasticsearch/OpenSearch response without hits.hits: no document to read'));
      return true;
    }
    const spans = elementSpans(text, hits);
    if (spans.length === 0) add(makeIssue(file, firstLine, 'the Elasticsearch/OpenSearch response has no hits (the search matched no document)'));
    for (const [from, to] of spans) add(parseElement(text, from, to, firstLine, file, (v, line) => normalizeRecord(v, file, line, text.slice(from, Math.min(to, from + 640)))));
    return true;
  }
  if (format === 'loki-query') {
    const data = topLevelEntries(text).get('data');
    const result = data === undefined ? path(text, ['streams']) : path(text, ['result'], data);
    const resultType = data === undefined ? 'streams' : jsonAt(text, path(text, ['resultType'], data));
    if (resultType !== 'streams' || result === null || text.charCodeAt(result) !== 0x5b) {
      add(makeIssue(file, firstLine, `a Loki response of ${typeof resultType === 'string' ? `resultType "${resultType}"` : 'no result'}: only log queries (resultType "streams") hold alerts`));
      return true;
    }
    let any = false;
    for (const [from] of elementSpans(text, result)) {
      const labels = jsonAt(text, path(text, ['stream'], from));
      const values = path(text, ['values'], from);
      if (values === null) continue;
      for (const [vFrom, vTo] of elementSpans(text, values)) {
        any = true;
        add(
          parseElement(text, vFrom, vTo, firstLine, file, (v, line) => {
            if (!Array.isArray(v) || typeof v[0] !== 'string' || typeof v[1] !== 'string') {
              return makeIssue(file, line, `a Loki value must be ["<time>", "<line>"], got ${typeName(v)}`, text.slice(vFrom, vTo));
            }
            return restoreLokiEntry(labels, v[1], v[0], file, line);
          }),
        );
      }
    }
    if (!any) add(makeIssue(file, firstLine, 'the Loki response holds no log line (the query matched nothing)'));
    return true;
  }
  return false;
}

function parseElement(text: string, from: number, to: number, firstLine: number, file: string, restore: (v: unknown, line: number) => Result): Result {
  const line = firstLine + countNewlines(text, 0, from);
  let value: unknown;
  try {
    value = JSON.parse(text.slice(from, to));
  } catch (e) {
    return makeIssue(file, line, `invalid JSON: ${e instanceof Error ? e.message.slice(0, 160) : String(e)}`, text.slice(from, Math.min(to, from + 640)));
  }
  return restore(value, line);
}

/** Where the value at `keys` (object keys, one per level) starts, from the object at `at`; null when absent. */
function path(text: string, keys: string[], at = 0): number | null {
  let pos: number | null = at;
  for (const key of keys) {
    if (pos === null) return null;
    pos = entriesFrom(text, pos).get(key) ?? null;
  }
  return pos;
}

function entriesFrom(text: string, at: number): Map<string, number> {
  if (at === 0) return topLevelEntries(text);
  const end = scanValue(text, at).end;
  const inner = topLevelEntries(text.slice(at, end));
  return new Map([...inner].map(([k, v]) => [k, v + at]));
}

function jsonAt(text: string, at: number | null): unknown {
  if (at === null) return undefined;
  try {
    return JSON.parse(text.slice(at, scanValue(text, at).end));
  } catch {
    return undefined;
  }
}

/** [start, end) of each element of the array starting at `at`. */
function elementSpans(text: string, at: number): [number, number][] {
  const out: [number, number][] = [];
  let pos = at + 1;
  for (;;) {
    pos = skipBlank(text, pos);
    const c = text.charCodeAt(pos);
    if (pos >= text.length || c === 0x5d /* ] */) return out;
    if (c === 0x2c /* , */) {
      pos++;
      continue;
    }
    const s = scanValue(text, pos);
    const end = Math.max(s.end, pos + 1);
    out.push([pos, end]);
    pos = end;
  }
}

function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function own(obj: Obj, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

function str(obj: Obj, key: string): string | undefined {
  const v = own(obj, key);
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}
