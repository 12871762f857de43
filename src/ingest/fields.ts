import type { OutputFields } from '../model';
import { stringifyJson } from './stringify';
import { typeName } from './priority';

/**
 * Restore Falco's `output_fields` to a flat map of string | number | boolean | null.
 * Nested objects and arrays become their JSON text. The parsed object is reused (JSON.parse made
 * every key, including `__proto__` and `constructor`, a plain own data property); replaced values are
 * written with Object.defineProperty, never with `obj[key] =` on an attacker-chosen key.
 */
export function restoreOutputFields(v: unknown): { ok: true; fields: OutputFields } | { ok: false; error: string } {
  if (v === undefined || v === null) return { ok: true, fields: {} };
  if (typeof v !== 'object' || Array.isArray(v)) {
    return { ok: false, error: `"output_fields" must be an object, got ${typeName(v)}` };
  }
  const obj = Object.getPrototypeOf(v) === Object.prototype ? (v as Record<string, unknown>) : copyOwn(v);
  // for...in, not Object.keys: no array per record (a JSON.parse object inherits nothing enumerable).
  for (const key in obj) {
    const value = obj[key];
    if (value !== null && typeof value === 'object') {
      Object.defineProperty(obj, key, { value: stringifyJson(value), writable: true, enumerable: true, configurable: true });
    }
  }
  return { ok: true, fields: obj as OutputFields };
}

function copyOwn(v: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v)) {
    const value = (v as Record<string, unknown>)[key];
    Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  }
  return out;
}

const PREFIX_SOURCES: ReadonlyArray<readonly [string, string]> = [
  ['ka.', 'k8s_audit'],
  ['ct.', 'aws_cloudtrail'],
  ['gcp.', 'gcp_auditlog'],
  ['okta.', 'okta'],
  ['github.', 'github'],
];

/** The event source of an alert that did not say: evt.source if present, else from field prefixes. */
export function inferSource(fields: OutputFields): string {
  const declared = Object.prototype.hasOwnProperty.call(fields, 'evt.source') ? fields['evt.source'] : undefined;
  if (typeof declared === 'string' && declared.trim() !== '') return normalizeSource(declared);
  for (const key of Object.keys(fields)) {
    for (const [prefix, source] of PREFIX_SOURCES) {
      if (key.startsWith(prefix)) return source;
    }
  }
  return 'syscall';
}

/** Older outputs and some tools write `syscalls`; Falco's source name is `syscall`. */
export function normalizeSource(s: string): string {
  const t = s.trim();
  return t === 'syscalls' ? 'syscall' : t;
}
