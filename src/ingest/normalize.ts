import type { Alert, ParseIssue } from '../model';
import { inferSource, normalizeSource, restoreOutputFields } from './fields';
import { unflattenFields } from './flatFields';
import { unwrapRecord } from './formats';
import { parsePriority, typeName } from './priority';
import { NO_TIME, parseEpochNanos, parseTimeField, type ParsedTime } from './time';


/** Characters of a record kept in a ParseIssue's excerpt. */
export const EXCERPT_CHARS = 160;

export function isParseIssue(r: Omit<Alert, 'id'> | ParseIssue): r is ParseIssue {
  return typeof (r as ParseIssue).message === 'string' && !('rule' in r);
}

export function makeIssue(file: string, line: number, message: string, excerpt?: string): ParseIssue {
  const issue: ParseIssue = { file, line, message };
  if (excerpt !== undefined && excerpt !== '') issue.excerpt = clipExcerpt(excerpt);
  return issue;
}

export function clipExcerpt(s: string): string {
  const t = s.trim();
  return t.length > EXCERPT_CHARS ? `${t.slice(0, EXCERPT_CHARS)}…` : t;
}

/**
 * Restore one parsed JSON value (a Falco alert, or a falcosidekick wrapper around one) into an
 * Alert without id, or explain in a ParseIssue why it is not one.
 */
export function normalizeRecord(
  value: unknown,
  file: string,
  line: number,
  /** The record's source text, when known: used for the excerpt of a ParseIssue. */
  raw?: string,
): Omit<Alert, 'id'> | ParseIssue {
  const r = restore(value, file, line);
  return typeof r === 'string' ? makeIssue(file, line, r, raw ?? excerptOf(value)) : r;
}

/** The restored alert, or the reason (a message) why the value is not one. */
function restore(value: unknown, file: string, line: number): Omit<Alert, 'id'> | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return `not a Falco alert: expected a JSON object, got ${typeName(value)}`;
  }
  let rec = value as Record<string, unknown>;
  // Each key is looked up once: this runs for every line of a file.
  let rule = own(rec, 'rule');
  if (rule === undefined) {
    // A wrapper around the alert (falcosidekick, an Elasticsearch hit, a _bulk update): the record formats of formats.ts unwrap it.
    const inner = unwrapRecord(rec);
    if (inner !== rec) {
      rec = inner;
      rule = own(rec, 'rule');
    }
  }
  const output = own(rec, 'output');
  const outputFields = own(rec, 'output_fields');
  const priorityValue = own(rec, 'priority');
  if (rule === undefined && output === undefined && outputFields === undefined && priorityValue === undefined) {
    const keys = Object.keys(rec);
    const shown = keys.slice(0, 4).map((k) => JSON.stringify(k.length > 30 ? `${k.slice(0, 30)}…` : k)).join(', ');
    return (
      keys.length === 0
        ? 'not a Falco alert: empty object'
        : `not a Falco alert: no "rule", "output", "output_fields" or "priority" (has ${shown}${keys.length > 4 ? ', …' : ''})`
    );
  }

  if (rule === undefined || rule === null) return 'no "rule" field';
  if (typeof rule !== 'string') return `"rule" must be a string, got ${typeName(rule)}`;
  if (rule.trim() === '') return '"rule" is empty';

  const time = own(rec, 'time');
  if (output === undefined && outputFields === undefined && time === undefined) {
    return 'not a Falco alert: has "rule" but no "output", "output_fields" or "time"';
  }
  if (output !== undefined && output !== null && typeof output !== 'string') {
    return `"output" must be a string, got ${typeName(output)}`;
  }

  const priority = parsePriority(priorityValue);
  if (typeof priority === 'object') return priority.error;

  const restored = restoreOutputFields(outputFields);
  if (!restored.ok) return restored.error;
  // An Elasticsearch document of falcosidekick (it adds @timestamp) may hold flattened field names.
  const fields = own(rec, '@timestamp') === undefined ? restored.fields : unflattenFields(restored.fields);

  const tags = own(rec, 'tags');
  if (tags !== undefined && tags !== null && !(Array.isArray(tags) && tags.every((t) => typeof t === 'string'))) {
    return `"tags" must be an array of strings, got ${Array.isArray(tags) ? 'an array with a non-string' : typeName(tags)}`;
  }

  const uuid = optionalString(rec, 'uuid');
  if (uuid instanceof FieldError) return uuid.message;
  const hostname = optionalString(rec, 'hostname');
  if (hostname instanceof FieldError) return hostname.message;
  const source = optionalString(rec, 'source');
  if (source instanceof FieldError) return source.message;

  const when: ParsedTime =
    parseTimeField(time) ??
    parseEpochNanos(fieldOf(fields, 'evt.time')) ??
    parseEpochNanos(fieldOf(fields, 'evt.time.iso8601')) ??
    // falcosidekick's Elasticsearch documents copy the time to @timestamp.
    (time === undefined ? parseTimeField(own(rec, '@timestamp')) : null) ??
    NO_TIME;

  const alert: Omit<Alert, 'id'> = {
    file,
    line,
    rule,
    priority,
    time: when.time,
    timeMs: when.timeMs,
    output: typeof output === 'string' ? output : '',
    outputFields: fields,
    source: source !== undefined ? normalizeSource(source) : inferSource(fields),
    sourceInferred: source === undefined,
    tags: Array.isArray(tags) ? (tags as string[]) : [],
  };
  if (uuid !== undefined) alert.uuid = uuid;
  if (hostname !== undefined) alert.hostname = hostname;
  return alert;
}

/** Why an optional field is not valid: a class, so that valid values cost no object per record. */
class FieldError {
  constructor(readonly message: string) {}
}

/** An optional string field: absent, null and blank mean absent; another type is an error. */
function optionalString(rec: Record<string, unknown>, key: string): string | undefined | FieldError {
  const v = own(rec, key);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') return new FieldError(`"${key}" must be a string, got ${typeName(v)}`);
  return v.trim() === '' ? undefined : v;
}

/** An own property of a parsed object (never one inherited from Object.prototype). */
function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

function fieldOf(fields: Record<string, unknown>, key: string): unknown {
  return own(fields, key);
}

function excerptOf(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  try {
    return JSON.stringify(value)?.slice(0, 4 * EXCERPT_CHARS);
  } catch {
    return undefined;
  }
}
