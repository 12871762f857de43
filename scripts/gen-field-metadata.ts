/**
 * Generates vendor/falco/fields/fields.json: every field a Falco rule condition can use, with its
 * type, whether it is a list, whether it takes an argument and the event source it belongs to.
 *
 * Run: npx tsx scripts/gen-field-metadata.ts <libs checkout> <plugins checkout> [out.json]
 *   <libs checkout>     a checkout of github.com/falcosecurity/libs (reads userspace/libsinsp/)
 *   <plugins checkout>  a checkout of github.com/falcosecurity/plugins (reads plugins/<name>/)
 *   out.json            defaults to vendor/falco/fields/fields.json
 * Both checkouts must be git work trees: their HEAD commit ids are written into the JSON.
 *
 * What is read (facts only: names, types, flags; no description text is carried over):
 * - libs: the `filtercheck_field_info` tables of userspace/libsinsp/sinsp_filtercheck_*.cpp.
 *   Flags come from filter_field.h: EPF_IS_LIST (list), EPF_ARG_REQUIRED / EPF_ARG_ALLOWED
 *   (argument), EPF_ARG_INDEX / EPF_ARG_KEY (argument kind), EPF_DEPRECATED. EPF_PRINT_ONLY fields
 *   cannot appear in a condition and are left out. The generic event table (gen_event: evt.num,
 *   evt.time, evt.source, ...) applies to every source and is written with source "any".
 * - plugins: each plugin's field table. Go plugins declare `[]sdk.FieldEntry{...}` literals with
 *   `IsList` and `Arg: sdk.FieldEntryArg{IsRequired, IsIndex, IsKey}`; C++ plugins (container,
 *   k8smeta) declare `falcosecurity::field_info fields[]` as {type, name, display, desc, arg, list, ...}.
 *   Since Falco 0.41 the container.* and k8s.* fields come from the container plugin, not libs.
 * The parser is deliberately strict: an entry it cannot read aborts the run instead of being
 * skipped, so a format change upstream shows up as an error, not as missing fields.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type ArgUse = 'required' | 'optional';
export interface FieldRecord {
  name: string;
  /** libs' ppm_param_type without the PT_ prefix: CHARBUF, UINT64, BOOL, IPADDR, ... */
  type: string;
  list?: true;
  arg?: ArgUse;
  /** What an argument is: a number (`proc.aname[2]`), a key (`ka.uri.param[cmd]`) or either. */
  argKind?: 'index' | 'key' | 'index|key';
  deprecated?: true;
  /** syscall, k8s_audit, aws_cloudtrail, gcp_auditlog, okta, github, or any (every source). */
  source: string;
  /** Where the field is defined: libs, or the plugin's folder name. */
  from: string;
}

/** Strip comments, keeping string, raw-string and character literals intact (a `//` inside a URL string stays). */
function stripComments(code: string): string {
  let out = '';
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c === '"' || c === '`' || c === "'") {
      const end = endOfString(code, i);
      out += code.slice(i, end);
      i = end - 1;
    } else if (c === '/' && code[i + 1] === '/') {
      while (i < code.length && code[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && code[i + 1] === '*') {
      i = code.indexOf('*/', i + 2) + 1;
    } else out += c;
  }
  return out;
}

function endOfString(code: string, start: number): number {
  const quote = code[start];
  if (quote === '"' && code[start - 1] === 'R') {
    // C++ raw string: R"delim( ... )delim"
    const open = code.indexOf('(', start);
    const close = code.indexOf(`)${code.slice(start + 1, open)}"`, open);
    if (open < 0 || close < 0) throw new Error(`unterminated raw string at ${start}`);
    return close + open - start + 1;
  }
  for (let i = start + 1; i < code.length; i++) {
    if (quote !== '`' && code[i] === '\\') i++;
    else if (code[i] === quote) return i + 1;
  }
  throw new Error(`unterminated string at ${start}`);
}

/** The text between the `{` at `open` and its matching `}` (exclusive). */
function braceBody(code: string, open: number): string {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i]!;
    if (c === '"' || c === '`' || c === "'") i = endOfString(code, i) - 1;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return code.slice(open + 1, i);
  }
  throw new Error(`unbalanced brace at ${open}`);
}

/** Split at top-level commas (outside strings, braces and parentheses). */
function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '"' || c === '`' || c === "'") i = endOfString(body, i) - 1;
    else if (c === '{' || c === '(') depth++;
    else if (c === '}' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = body.slice(start).trim();
  if (last) parts.push(last);
  return parts;
}

/** The top-level `{...}` entries of an array initialiser body. */
function entries(body: string): string[] {
  return splitTopLevel(body).map((part) => {
    if (!part.startsWith('{')) throw new Error(`not a struct entry: ${part.slice(0, 80)}`);
    return braceBody(part, 0);
  });
}

function stringLiteral(expr: string): string {
  const m = /^"((?:[^"\\]|\\.)*)"$/.exec(expr.trim());
  if (!m) throw new Error(`expected one string literal, got: ${expr.slice(0, 80)}`);
  return m[1]!;
}

// ---------------------------------------------------------------------------------------------
// libs

/** libs tables that describe syscall events; gen_event applies to every source. */
const LIBS_TABLES: readonly { file: string; source: string }[] = [
  { file: 'sinsp_filtercheck_gen_event.cpp', source: 'any' },
  { file: 'sinsp_filtercheck_event.cpp', source: 'syscall' },
  { file: 'sinsp_filtercheck_fd.cpp', source: 'syscall' },
  { file: 'sinsp_filtercheck_fdlist.cpp', source: 'syscall' },
  { file: 'sinsp_filtercheck_fspath.cpp', source: 'syscall' },
  { file: 'sinsp_filtercheck_group.cpp', source: 'syscall' },
  { file: 'sinsp_filtercheck_thread.cpp', source: 'syscall' },
  { file: 'sinsp_filtercheck_user.cpp', source: 'syscall' },
  { file: 'sinsp_filtercheck_utils.cpp', source: 'syscall' },
];

export function parseLibsTable(code: string, source: string): FieldRecord[] {
  const clean = stripComments(code);
  const decl = /filtercheck_field_info\s+\w+\[\]\s*=\s*\{/g;
  const out: FieldRecord[] = [];
  let found = false;
  for (const m of clean.matchAll(decl)) {
    found = true;
    for (const entry of entries(braceBody(clean, m.index + m[0].length - 1))) {
      const [type, flagsExpr, , nameExpr] = splitTopLevel(entry);
      if (!type?.startsWith('PT_') || flagsExpr === undefined || nameExpr === undefined) {
        throw new Error(`unexpected libs field entry: ${entry.slice(0, 120)}`);
      }
      const flags = new Set(flagsExpr.split('|').map((f) => f.trim()));
      if (flags.has('EPF_PRINT_ONLY')) continue;
      const record: FieldRecord = { name: stringLiteral(nameExpr), type: type.slice(3), source, from: 'libs' };
      if (flags.has('EPF_IS_LIST')) record.list = true;
      if (flags.has('EPF_ARG_REQUIRED')) record.arg = 'required';
      else if (flags.has('EPF_ARG_ALLOWED')) record.arg = 'optional';
      const kind = [flags.has('EPF_ARG_INDEX') && 'index', flags.has('EPF_ARG_KEY') && 'key'].filter(Boolean).join('|');
      if (record.arg && kind) record.argKind = kind as FieldRecord['argKind'];
      if (flags.has('EPF_DEPRECATED')) record.deprecated = true;
      out.push(record);
    }
  }
  if (!found) throw new Error('no filtercheck_field_info table found');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Go plugins (plugin-sdk-go: sdk.FieldEntry)

const GO_TYPES: Readonly<Record<string, string>> = {
  string: 'CHARBUF', uint64: 'UINT64', bool: 'BOOL', reltime: 'RELTIME', abstime: 'ABSTIME', ipaddr: 'IPADDR', ipnet: 'IPNET',
};

interface GoArg { required: boolean; index: boolean; key: boolean }

function goArg(text: string | undefined): GoArg {
  const flag = (name: string): boolean => new RegExp(`${name}\\s*:\\s*true`).test(text ?? '');
  return { required: flag('IsRequired'), index: flag('IsIndex'), key: flag('IsKey') };
}

function pluginRecord(name: string, type: string | undefined, isList: boolean, arg: GoArg, source: string, from: string): FieldRecord {
  if (!type) throw new Error(`unknown plugin field type for ${name}`);
  const record: FieldRecord = { name, type, source, from };
  if (isList) record.list = true;
  if (arg.required) record.arg = 'required';
  else if (arg.index || arg.key) record.arg = 'optional';
  const kind = [arg.index && 'index', arg.key && 'key'].filter(Boolean).join('|');
  if (record.arg && kind) record.argKind = kind as FieldRecord['argKind'];
  return record;
}

/** Fields of one `sdk.FieldEntry{...}` body with literal Type and Name. */
function goEntry(body: string, source: string, from: string): FieldRecord {
  const keyed = new Map<string, string>();
  for (const part of splitTopLevel(body)) {
    const m = /^(\w+)\s*:\s*([\s\S]*)$/.exec(part);
    if (!m) throw new Error(`unexpected FieldEntry part: ${part.slice(0, 80)}`);
    keyed.set(m[1]!, m[2]!.trim());
  }
  const name = stringLiteral(keyed.get('Name') ?? '');
  const goType = stringLiteral(keyed.get('Type') ?? '');
  return pluginRecord(name, GO_TYPES[goType], keyed.get('IsList') === 'true', goArg(keyed.get('Arg')), source, from);
}

/**
 * k8saudit builds the init/ephemeral container fields with a helper,
 * `containerListFields(list, label, withHostPort)`, whose `entry(name, desc)` gives each one the
 * prefix `ka.req.pod.<list>.`, type string, IsList and an optional index argument. Expand the calls
 * the same way; fail if the helper's shape changed.
 */
function k8sauditContainerListFields(code: string, source: string, from: string): FieldRecord[] {
  const helper = /func containerListFields\([^)]*\)[^{]*\{/.exec(code);
  if (!helper) return [];
  const body = braceBody(code, helper.index + helper[0].length - 1);
  if (!/Name:\s*prefix \+ name/.test(body) || !/IsList:\s*true/.test(body) || !/Type:\s*"string"/.test(body)) {
    throw new Error('k8saudit containerListFields changed shape');
  }
  const arg = goArg(/Arg:\s*sdk\.FieldEntryArg\{([^}]*)\}/.exec(body)?.[1]);
  const names = [...body.matchAll(/entry\("([\w.]+)"/g)].map((m) => m[1]!);
  const hostPortOnly = /if withHostPort \{\s*fields = append\(fields, entry\("host_port"/.test(body);
  const out: FieldRecord[] = [];
  for (const call of code.matchAll(/containerListFields\("(\w+)",\s*"[^"]*",\s*(true|false)\)/g)) {
    for (const name of names) {
      if (name === 'host_port' && hostPortOnly && call[2] !== 'true') continue;
      out.push(pluginRecord(`ka.req.pod.${call[1]}.${name}`, 'CHARBUF', true, arg, source, from));
    }
  }
  return out;
}

export function parseGoFields(code: string, source: string, from: string): FieldRecord[] {
  const clean = stripComments(code);
  const out: FieldRecord[] = [];
  // Slice literals only (`= []sdk.FieldEntry{`, `return []sdk.FieldEntry{`), not return types.
  for (const m of clean.matchAll(/(?:=|return)\s*\[\]sdk\.FieldEntry\s*\{/g)) {
    const body = braceBody(clean, m.index + m[0].length - 1);
    if (!body.trim()) continue; // an empty slice declaration
    // Inside containerListFields the entries are helper calls, handled below.
    if (/^\s*entry\(/.test(body)) continue;
    for (const entry of entries(body)) out.push(goEntry(entry, source, from));
  }
  out.push(...k8sauditContainerListFields(clean, source, from));
  if (out.length === 0) throw new Error(`no sdk.FieldEntry table found (${from})`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// C++ plugins (plugin-sdk-cpp: falcosecurity::field_info {type, name, display, desc, arg, list, ...})

const CPP_TYPES: Readonly<Record<string, string>> = {
  FTYPE_STRING: 'CHARBUF', FTYPE_UINT64: 'UINT64', FTYPE_BOOL: 'BOOL', FTYPE_RELTIME: 'RELTIME',
  FTYPE_ABSTIME: 'ABSTIME', FTYPE_IPADDR: 'IPADDR', FTYPE_IPNET: 'IPNET',
};

function cppArgFlags(expr: string | undefined, named: Map<string, GoArg>): GoArg {
  const e = (expr ?? '').trim();
  if (!e || e === '{}' || e === 'falcosecurity::field_arg()') return { required: false, index: false, key: false };
  const variable = named.get(e);
  if (variable) return variable;
  const flag = (name: string): boolean => new RegExp(`\\.${name}\\s*=\\s*true`).test(e);
  if (!e.startsWith('{')) throw new Error(`unknown field_arg expression: ${e}`);
  return { required: flag('required'), index: flag('index'), key: flag('key') };
}

export function parseCppPluginFields(code: string, source: string, from: string): FieldRecord[] {
  const clean = stripComments(code);
  // Named argument variables: `falcosecurity::field_arg x; x.key = true; ...`
  const named = new Map<string, GoArg>();
  for (const m of clean.matchAll(/falcosecurity::field_arg\s+(\w+)\s*;/g)) {
    const v = m[1]!;
    const flag = (name: string): boolean => new RegExp(`\\b${v}\\.${name}\\s*=\\s*true`).test(clean);
    named.set(v, { required: flag('required'), index: flag('index'), key: flag('key') });
  }
  const decl = /falcosecurity::field_info\s+fields\[\]\s*=\s*\{/.exec(clean);
  if (!decl) throw new Error(`no field_info table found (${from})`);
  const out: FieldRecord[] = [];
  for (const entry of entries(braceBody(clean, decl.index + decl[0].length - 1))) {
    const parts = splitTopLevel(entry);
    const type = CPP_TYPES[(parts[0] ?? '').replace(/^ft::/, '')];
    if (!type) throw new Error(`unknown C++ field type in: ${entry.slice(0, 80)}`);
    const name = stringLiteral(parts[1] ?? '');
    const isList = (parts[5] ?? 'false').trim() === 'true';
    out.push(pluginRecord(name, type, isList, cppArgFlags(parts[4], named), source, from));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** Plugin field tables read, with the event source their fields extract from. */
export const PLUGIN_TABLES: readonly { path: string; source: string; from: string; lang: 'go' | 'cpp' }[] = [
  { path: 'plugins/container/src/caps/extract/extract.cpp', source: 'syscall', from: 'container', lang: 'cpp' },
  { path: 'plugins/k8smeta/src/plugin.cpp', source: 'syscall', from: 'k8smeta', lang: 'cpp' },
  { path: 'plugins/k8saudit/pkg/k8saudit/fields.go', source: 'k8s_audit', from: 'k8saudit', lang: 'go' },
  { path: 'plugins/cloudtrail/pkg/cloudtrail/extract.go', source: 'aws_cloudtrail', from: 'cloudtrail', lang: 'go' },
  { path: 'plugins/gcpaudit/pkg/gcpaudit/extract.go', source: 'gcp_auditlog', from: 'gcpaudit', lang: 'go' },
  { path: 'plugins/okta/pkg/okta/okta.go', source: 'okta', from: 'okta', lang: 'go' },
  { path: 'plugins/github/pkg/github/extract.go', source: 'github', from: 'github', lang: 'go' },
];

/**
 * The json plugin extracts from any JSON event; Falco's plugin rule files use its json.value[...]
 * and jevt.value[...] next to k8saudit, gcpaudit and the other JSON sources.
 */
export const JSON_PLUGIN = { path: 'plugins/json/pkg/json/json.go', from: 'json' } as const;
const JSON_SOURCES = ['k8s_audit', 'aws_cloudtrail', 'gcp_auditlog', 'okta', 'github'];

function headCommit(dir: string): string {
  return execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
}

export function collect(libsDir: string, pluginsDir: string): FieldRecord[] {
  const read = (root: string, path: string): string => readFileSync(join(root, path), 'utf8');
  const all: FieldRecord[] = [];
  for (const t of LIBS_TABLES) all.push(...parseLibsTable(read(libsDir, `userspace/libsinsp/${t.file}`), t.source));
  for (const t of PLUGIN_TABLES) {
    const code = read(pluginsDir, t.path);
    all.push(...(t.lang === 'go' ? parseGoFields(code, t.source, t.from) : parseCppPluginFields(code, t.source, t.from)));
  }
  const json = parseGoFields(read(pluginsDir, JSON_PLUGIN.path), 'any', JSON_PLUGIN.from);
  for (const source of JSON_SOURCES) all.push(...json.map((f) => ({ ...f, source })));
  // One entry per (source, name): the first table wins, as in Falco's own lookup order.
  const seen = new Set<string>();
  return all.filter((f) => {
    const key = `${f.source}\u0000${f.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Compact JSON: a small header, then one field per line (keys in a fixed order). */
export function render(fields: FieldRecord[], libsCommit: string, pluginsCommit: string): string {
  const line = (f: FieldRecord): string =>
    JSON.stringify({ name: f.name, type: f.type, list: f.list, arg: f.arg, argKind: f.argKind, deprecated: f.deprecated, source: f.source, from: f.from });
  return (
    `{"generatedBy":"scripts/gen-field-metadata.ts","libs":"falcosecurity/libs@${libsCommit}","plugins":"falcosecurity/plugins@${pluginsCommit}",\n` +
    `"fields":[\n${fields.map(line).join(',\n')}\n]}\n`
  );
}

function main(argv: string[]): void {
  const [libsDir, pluginsDir, outArg] = argv;
  if (!libsDir || !pluginsDir) {
    console.error('usage: npx tsx scripts/gen-field-metadata.ts <libs checkout> <plugins checkout> [out.json]');
    process.exit(2);
  }
  const out = outArg ?? fileURLToPath(new URL('../vendor/falco/fields/fields.json', import.meta.url));
  const fields = collect(libsDir, pluginsDir);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, render(fields, headCommit(libsDir), headCommit(pluginsDir)));
  console.log(`${fields.length} fields written to ${out}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
