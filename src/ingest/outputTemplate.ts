/**
 * Recover a rule and its fields from the message of a Falco text-output line, by matching the
 * rules' output templates. Each template is compiled once into its literal pieces and fields and
 * filed under its literal prefix; a message is tried only against the templates filed under its
 * own first characters, and each try is a few indexOf calls (no regular expression that could
 * backtrack on a hostile line).
 *
 *   exact     the whole template matched: the rule, and each %field's value
 *   headline  only the template's opening words matched (an older version of the rule, or a
 *             local override of its output): the rule, and the fields of the `key=value` pairs
 *             whose key the template (or the rules of its source) names
 *   none      no template: the caller keeps the line as an alert of rule "unknown"
 */
import type { FieldValue, OutputFields, OutputTemplate } from '../model';
import { fieldInfo } from '../knowledge/fieldMetadata';

export interface TemplateMatch {
  template: OutputTemplate;
  kind: 'exact' | 'headline';
  fields: OutputFields;
}

interface Compiled {
  template: OutputTemplate;
  /** Literal text around the fields: lits[i] comes before fields[i]; one more literal than fields. */
  lits: string[];
  fields: string[];
  /** `key=` written just before a field, and that field. */
  keys: Map<string, string>;
  /** The template's opening words (before its first `(`, `|` or `key=`), '' when too short to tell rules apart. */
  headline: string;
  /** Characters of literal text: a longer template that matches says more than a shorter one. */
  literalChars: number;
}

/** Fields whose values hold spaces: read up to the next `key=` when no template tells where they end. */
const FREE_TEXT = /cmdline|\.args$|\.env|exeline|userAgent|reason|subjects|rules|actor\.name|target\.user\.name/;

/** Characters of a message's start that select the templates tried. */
const PREFIX_CHARS = 6;
/** A headline shorter than this (e.g. "project=") would match rules that share nothing else. */
const MIN_HEADLINE = 12;

const FIELD_REF = /%([A-Za-z_][A-Za-z0-9_.]*)(\[[^\]\s]*\])?/g;
const KEY_BEFORE = /([A-Za-z0-9_.[\]-]+)=$/;

/**
 * Fields Falco appends after a rule's own output (`-pc`/`-pk`, `append_output` in falco.yaml), by
 * the key it prints them under. Their values are read as fields too.
 */
const APPENDED_KEYS: Readonly<Record<string, string>> = {
  container_id: 'container.id',
  container_name: 'container.name',
  container_image: 'container.image.repository',
  container_image_repository: 'container.image.repository',
  container_image_tag: 'container.image.tag',
  k8s_ns: 'k8s.ns.name',
  k8s_ns_name: 'k8s.ns.name',
  k8s_pod: 'k8s.pod.name',
  k8s_pod_name: 'k8s.pod.name',
  'k8s.ns': 'k8s.ns.name',
  'k8s.pod': 'k8s.pod.name',
};
const APPENDED_START = new RegExp(` (?:${Object.keys(APPENDED_KEYS).map((k) => k.replace('.', '\\.')).join('|')})=`, 'g');

/** Split a template into literals and fields. */
export function compileTemplate(template: OutputTemplate): Compiled {
  let text = template.output.trim();
  if (text.startsWith('*')) text = text.slice(1); // Falco's "no prefix" mark: it adds its own
  const lits: string[] = [];
  const fields: string[] = [];
  let last = 0;
  let pending = '';
  for (const m of text.matchAll(FIELD_REF)) {
    const name = m[1]!;
    const trimmed = name.replace(/\.+$/, ''); // "%proc.name." ends a sentence
    const arg = m[2] ?? '';
    const dots = arg === '' ? name.slice(trimmed.length) : '';
    lits.push(pending + text.slice(last, m.index));
    fields.push(arg === '' ? trimmed : name + arg);
    pending = dots;
    last = m.index + m[0].length;
  }
  lits.push(pending + text.slice(last));
  // Two fields with nothing between them cannot be told apart: merge them into the first.
  for (let i = 1; i < fields.length; i++) {
    if (lits[i] === '') {
      lits.splice(i, 1);
      fields.splice(i, 1);
      i--;
    }
  }
  const keys = new Map<string, string>();
  fields.forEach((f, i) => {
    const k = KEY_BEFORE.exec(lits[i]!);
    if (k && !keys.has(k[1]!)) keys.set(k[1]!, f);
  });
  return { template, lits, fields, keys, headline: headlineOf(lits[0]!), literalChars: lits.reduce((n, l) => n + l.length, 0) };
}

function headlineOf(first: string): string {
  let end = first.length;
  for (const stop of [' (', '(', ' |', '|']) {
    const at = first.indexOf(stop);
    if (at !== -1 && at < end) end = at;
  }
  const key = /[A-Za-z0-9_.]+=/.exec(first);
  if (key && key.index < end) end = key.index;
  const h = first.slice(0, end).trim();
  return h.length >= MIN_HEADLINE ? h : '';
}

/** The field values of `message` under a compiled template, or null when it does not match. */
function matchExact(c: Compiled, message: string): { values: string[]; end: number } | null {
  const { lits } = c;
  if (!message.startsWith(lits[0]!)) return null;
  let pos = lits[0]!.length;
  const values: string[] = [];
  const n = c.fields.length;
  for (let i = 0; i < n; i++) {
    const sep = lits[i + 1]!;
    const last = i === n - 1;
    let end: number;
    if (last && sep === '') {
      // The last field runs to the end, or to the fields Falco appends after the rule's output.
      APPENDED_START.lastIndex = pos;
      const extra = APPENDED_START.exec(message);
      end = extra ? extra.index : message.length;
    } else if (last) {
      // The closing text is looked for from the end: a value may hold it (a ")" in a user agent).
      end = lastIndexBefore(message, sep, pos);
      if (end === -1) return null;
    } else {
      end = message.indexOf(sep, pos);
      if (end === -1) return null;
    }
    values.push(message.slice(pos, end));
    pos = end + sep.length;
  }
  // After the template: nothing, or fields Falco appended (separated by a space).
  if (pos < message.length && !/\s/.test(message[pos]!) && !/\s$/.test(lits[n]!)) return null;
  return { values, end: pos };
}

function lastIndexBefore(text: string, sep: string, from: number): number {
  // Not past the appended fields when there are some: they may hold the closing text too.
  APPENDED_START.lastIndex = from;
  let limit = text.length;
  for (let m = APPENDED_START.exec(text); m !== null; m = APPENDED_START.exec(text)) {
    const at = text.lastIndexOf(sep, m.index);
    if (at >= from && at + sep.length === m.index) {
      limit = m.index;
      break;
    }
  }
  const at = text.lastIndexOf(sep, limit - sep.length);
  return at >= from ? at : -1;
}

/**
 * `key=value` pairs of free text: a value runs to the next ` key=` (so values may hold spaces);
 * a closing bracket or comma at a value's end belongs to the text around it.
 */
export function keyValuePairs(text: string): [string, string][] {
  const out: [string, string][] = [];
  const re = /(?:^|[\s(,|])([A-Za-z_][A-Za-z0-9_.[\]-]*)=/g;
  const found: { key: string; start: number; valueStart: number }[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index + m[0].length - m[1]!.length - 1;
    found.push({ key: m[1]!, start, valueStart: m.index + m[0].length });
  }
  found.forEach((f, i) => {
    const end = i + 1 < found.length ? found[i + 1]!.start : text.length;
    let value = text.slice(f.valueStart, end).replace(/[\s,]+$/, '');
    // "(user=root)": the closing bracket is the text's, unless the value opened one itself.
    if (value.endsWith(')') && count(value, '(') < count(value, ')')) value = value.slice(0, -1);
    out.push([f.key, value]);
  });
  return out;
}

function count(s: string, c: string): number {
  let n = 0;
  for (let i = s.indexOf(c); i !== -1; i = s.indexOf(c, i + 1)) n++;
  return n;
}

/** A value as Falco's JSON output would carry it: `<NA>` is null, numeric fields are numbers. */
export function typedValue(field: string, text: string, source: string): FieldValue {
  if (text === '<NA>') return null;
  if (/^-?\d{1,15}$/.test(text) && isNumericField(field, source)) return Number(text);
  return text;
}

/** Whether Falco's JSON carries the field as a number; looked up once per field and source. */
const numeric = new Map<string, boolean>();
function isNumericField(field: string, source: string): boolean {
  const key = `${source}\u0000${field}`;
  let known = numeric.get(key);
  if (known === undefined) {
    const info = fieldInfo(field, source);
    known = info !== null && NUMERIC_TYPES.has(info.type);
    numeric.set(key, known);
  }
  return known;
}

const NUMERIC_TYPES = new Set(['INT8', 'INT16', 'INT32', 'INT64', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'PID', 'PORT', 'FD', 'ERRNO', 'SIGTYPE', 'UID', 'GID']);

/** The stock and extra templates, compiled once, and the lookups over them. */
export class TemplateMatcher {
  private readonly byPrefix = new Map<string, Compiled[]>();
  /** Templates whose literal start is shorter than PREFIX_CHARS: tried for every message. */
  private readonly short: Compiled[] = [];
  private readonly headlines: Compiled[] = [];
  /** Per source: `key=` -> field, where the source's templates agree on it. */
  private readonly sourceKeys = new Map<string, Map<string, string | null>>();

  /**
   * `extra` templates (rules from the user's files) come first: one with a stock rule's name
   * replaces that rule's stock template, as a local override of its output does in Falco.
   */
  constructor(stock: readonly OutputTemplate[], extra: readonly OutputTemplate[] = []) {
    const replaced = new Set(extra.map((t) => t.rule));
    const all = [...extra, ...stock.filter((t) => !replaced.has(t.rule))];
    for (const t of all) {
      const c = compileTemplate(t);
      const first = c.lits[0]!;
      if (first.length >= PREFIX_CHARS) {
        const key = first.slice(0, PREFIX_CHARS);
        const list = this.byPrefix.get(key);
        if (list) list.push(c);
        else this.byPrefix.set(key, [c]);
      } else this.short.push(c);
      if (c.headline !== '') this.headlines.push(c);
      let keys = this.sourceKeys.get(t.source);
      if (!keys) this.sourceKeys.set(t.source, (keys = new Map()));
      for (const [k, f] of c.keys) keys.set(k, keys.has(k) && keys.get(k) !== f ? null : f);
    }
    // Longest headline first: "Shell spawned by untrusted binary" before "Shell spawned".
    this.headlines.sort((a, b) => b.headline.length - a.headline.length);
  }

  /** The template that words `message` (the text after the time and priority), or null. */
  match(message: string, priority?: string): TemplateMatch | null {
    const candidates = [...(this.byPrefix.get(message.slice(0, PREFIX_CHARS)) ?? []), ...this.short];
    let best: { c: Compiled; m: { values: string[]; end: number } } | null = null;
    for (const c of candidates) {
      const m = matchExact(c, message);
      if (m === null) continue;
      if (best === null || better(c, best.c, priority)) best = { c, m };
    }
    if (best) {
      const { c, m } = best;
      const source = c.template.source;
      const fields: OutputFields = {};
      c.fields.forEach((f, i) => {
        fields[f] = typedValue(f, m.values[i]!, source);
      });
      // Only the text after the template: a value inside it may hold "container_id=" too.
      this.addPairs(fields, message.slice(m.end), source, (k) => APPENDED_KEYS[k]);
      return { template: c.template, kind: 'exact', fields };
    }
    for (const c of this.headlines) {
      if (!message.startsWith(c.headline)) continue;
      const next = message.charCodeAt(c.headline.length);
      if (!Number.isNaN(next) && next !== 0x20 && next !== 0x28 && next !== 0x7c && next !== 0x3a) continue; // a whole word
      const source = c.template.source;
      const sourceKeys = this.sourceKeys.get(source);
      const fields: OutputFields = {};
      this.addPairs(fields, message, source, (k) => c.keys.get(k) ?? sourceKeys?.get(k) ?? APPENDED_KEYS[k]);
      return { template: c.template, kind: 'headline', fields };
    }
    return null;
  }

  /**
   * Fields of the `key=value` pairs of a message no template words: keys every source's rules
   * print for the same field (`command=` is proc.cmdline), and the keys Falco appends. Other keys
   * stay in the alert's output text, never guessed.
   */
  fieldsOfPairs(text: string): OutputFields {
    const fields: OutputFields = {};
    this.addPairs(fields, text, 'syscall', (k) => this.agreedKey(k) ?? APPENDED_KEYS[k]);
    return fields;
  }

  private addPairs(fields: OutputFields, text: string, source: string, fieldOf: (key: string) => string | null | undefined): void {
    for (const [key, value] of keyValuePairs(text)) {
      const field = fieldOf(key);
      if (field === undefined || field === null || Object.prototype.hasOwnProperty.call(fields, field)) continue;
      // Without the template, where a value ends is a guess: at its first space, unless the field
      // is one that holds spaces (a command line), where the text up to the next key is taken.
      const space = value.search(/\s/);
      fields[field] = typedValue(field, space === -1 || FREE_TEXT.test(field) ? value : value.slice(0, space), source);
    }
  }

  /** The field every source's rules print under `key`, if they agree. */
  private agreedKey(key: string): string | undefined {
    let found: string | undefined;
    for (const keys of this.sourceKeys.values()) {
      const f = keys.get(key);
      if (f === undefined) continue;
      if (f === null || (found !== undefined && found !== f)) return undefined;
      found = f;
    }
    return found;
  }
}

/** Prefer the more specific template; on a tie, the one whose rule has the line's priority. */
function better(c: Compiled, than: Compiled, priority: string | undefined): boolean {
  if (c.literalChars !== than.literalChars) return c.literalChars > than.literalChars;
  return priority !== undefined && c.template.priority === priority && than.template.priority !== priority;
}
