/**
 * What Falco knows about each field a condition can use: its type, whether it is a list, whether it
 * takes an argument and the event source it exists for. The data is vendored from falcosecurity/libs
 * and falcosecurity/plugins (vendor/falco/fields/PROVENANCE.md, scripts/gen-field-metadata.ts);
 * only the `fields` array is imported (no descriptions were ever vendored): about 55 KB minified,
 * 4 KB gzipped in the bundle, the price of checking any field a snippet names.
 */
import { fields as VENDORED } from '../../vendor/falco/fields/fields.json';

export interface FieldInfo {
  /** The field's declared name, without argument: `proc.aname`, `ka.req.pod.containers.image`. */
  name: string;
  /** libs' ppm_param_type without `PT_`: CHARBUF, UINT64, BOOL, IPADDR, ... */
  type: string;
  /** A list field: one event can carry several values (all images of a pod, all groups of a user). */
  list: boolean;
  /** Whether the field takes an argument: `proc.aname[2]`, `ka.uri.param[cmd]`, `evt.arg.flags`. */
  arg: 'none' | 'optional' | 'required';
  /** syscall, k8s_audit, aws_cloudtrail, gcp_auditlog, okta, github, or any. */
  source: string;
  deprecated: boolean;
}

interface VendoredField {
  name: string;
  type: string;
  list?: boolean;
  arg?: string;
  deprecated?: boolean;
  source: string;
}

const bySource = new Map<string, Map<string, FieldInfo>>();
for (const f of VENDORED as readonly VendoredField[]) {
  const info: FieldInfo = {
    name: f.name,
    type: f.type,
    list: f.list === true,
    arg: f.arg === 'required' || f.arg === 'optional' ? f.arg : 'none',
    source: f.source,
    deprecated: f.deprecated === true,
  };
  let table = bySource.get(f.source);
  if (!table) bySource.set(f.source, (table = new Map()));
  table.set(f.name, info);
}

/** Event sources the vendored metadata covers (besides `any`). */
export const FIELD_SOURCES: readonly string[] = [...bySource.keys()].filter((s) => s !== 'any');

/** A field reference as written in a rule: name plus optional `[argument]`. */
export interface FieldRef {
  base: string;
  arg?: string;
}

/** `proc.aname[2]` -> {base: proc.aname, arg: 2}; `proc.name` -> {base: proc.name}. */
export function splitFieldRef(ref: string): FieldRef {
  const m = /^([^[\]\s]+)\[([^\]]*)\]$/.exec(ref.trim());
  return m ? { base: m[1]!, arg: m[2]! } : { base: ref.trim() };
}

function lookup(source: string, name: string): FieldInfo | undefined {
  return bySource.get(source)?.get(name) ?? bySource.get('any')?.get(name);
}

/**
 * The field a rule reference resolves to for a source, or null when Falco would reject it
 * ("is not a supported filter field"). Like libs' parse_field_name, a name that is not declared
 * itself may be a declared field plus a dotted argument (`evt.arg.flags` is `evt.arg` with `flags`).
 * An argument on a field that takes none, or none on a field that requires one, is rejected.
 */
export function fieldInfo(ref: string, source: string): FieldInfo | null {
  const { base, arg } = splitFieldRef(ref);
  const exact = lookup(source, base);
  if (exact) {
    if (arg !== undefined && exact.arg === 'none') return null;
    if (arg === undefined && exact.arg === 'required') return null;
    return exact;
  }
  if (arg !== undefined) return null;
  // Longest declared prefix that takes an argument: `evt.arg.flags`, `ka.uri.param.x` style.
  const parts = base.split('.');
  for (let i = parts.length - 1; i > 1; i--) {
    const prefix = lookup(source, parts.slice(0, i).join('.'));
    if (prefix && prefix.arg !== 'none') return prefix;
  }
  return null;
}

// Operators libs accepts per field kind: flt_is_comparable() in
// falcosecurity/libs userspace/libsinsp/filter_compare.cpp (@48dfd53c). A list field of a listable
// type takes only `in`, `intersects` and `exists` ("operator not supported list filters"), so
// `=` on `ka.req.pod.containers.image` stops Falco from loading the rule.
const LIST_OPS = ['in', 'intersects', 'exists'];
const LISTABLE_TYPES = new Set(['CHARBUF', 'UINT64', 'RELTIME', 'ABSTIME', 'BOOL', 'IPADDR', 'IPNET']);
const NUMERIC_OPS = ['=', '==', '!=', '<', '<=', '>', '>=', 'in', 'intersects', 'exists'];
const NUMERIC_TYPES = new Set([
  'INT8', 'INT16', 'INT32', 'INT64', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'ERRNO', 'FD', 'PID', 'SYSCALLID', 'SIGTYPE',
  'RELTIME', 'ABSTIME', 'PORT', 'FLAGS8', 'FLAGS16', 'FLAGS32', 'DOUBLE', 'MODE', 'ENUMFLAGS8', 'ENUMFLAGS16', 'ENUMFLAGS32',
]);
const BOOL_OPS = ['=', '==', '!=', 'in', 'intersects', 'exists'];
const IP_OPS = ['=', '==', '!=', 'in', 'exists', 'intersects'];
const IP_TYPES = new Set(['IPV4ADDR', 'IPV4NET', 'IPV6ADDR', 'IPV6NET', 'IPADDR', 'IPNET']);
const STRING_OPS = [
  '=', '==', '!=', '<', '<=', '>', '>=', 'contains', 'in', 'exists', 'icontains', 'startswith', 'glob', 'pmatch', 'endswith',
  'intersects', 'iglob', 'regex',
];
const STRING_TYPES = new Set(['CHARBUF', 'FSPATH', 'FSRELPATH']);
const BUFFER_OPS = ['=', '==', '!=', 'contains', 'in', 'exists', 'startswith', 'endswith', 'intersects', 'bcontains', 'bstartswith'];

/** The comparison operators Falco accepts on this field. */
export function operatorsFor(field: FieldInfo): ReadonlySet<string> {
  if (field.list) return new Set(LISTABLE_TYPES.has(field.type) ? LIST_OPS : ['exists']);
  if (NUMERIC_TYPES.has(field.type)) return new Set(NUMERIC_OPS);
  if (field.type === 'BOOL') return new Set(BOOL_OPS);
  if (IP_TYPES.has(field.type)) return new Set(IP_OPS);
  if (STRING_TYPES.has(field.type)) return new Set(STRING_OPS);
  if (field.type === 'BYTEBUF') return new Set(BUFFER_OPS);
  return new Set(['exists']);
}

/**
 * Operators whose right-hand side is a list: falcosecurity/libs filter/parser.cpp
 * `s_binary_list_ops`. In an exception, such a comp needs a list value: Falco wraps a plain string
 * in parentheses without quoting it (falco rule_loader_compiler.cpp, build_rule_exception_infos).
 */
export const LIST_VALUE_OPERATORS: ReadonlySet<string> = new Set(['in', 'intersects', 'pmatch']);
