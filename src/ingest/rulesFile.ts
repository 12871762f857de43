/**
 * Read one Falco rules file (YAML: a list of rule, macro, list and required_* items) into its
 * items, each with the file and line it was written at. Every item is checked on its own against
 * Falco's rule schema (vendor/falco/rule-schema.json, compiled ahead of time: ruleSchemaCheck.gen.ts)
 * and against the keys Falco's loader requires; a bad item, or a YAML error inside it, is a problem
 * naming file, line and reason, and the other items still load. Pure: text in, items and problems out.
 */
import { LineCounter, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type YAMLMap } from 'yaml';
import type { ParseIssue, RulesFileItem, RulesItemKind } from '../model';
import { makeIssue } from './normalize';
import validateItem from './ruleSchemaCheck.gen';

export interface RulesFileRead {
  items: RulesFileItem[];
  problems: ParseIssue[];
}

/** The keys that say what an item is, in the order Falco's loader tries them. */
const KINDS: readonly RulesItemKind[] = ['required_engine_version', 'required_plugin_versions', 'rule', 'macro', 'list'];

/** Keys a full rule definition must have (Falco: "Item has no mapping for key ..."). */
const RULE_REQUIRED = ['condition', 'output', 'desc', 'priority'] as const;

/** What each `override:` mode may apply to on a rule (Falco 0.41 rule_loader_reader.cpp). */
const RULE_APPENDABLE = new Set(['condition', 'output', 'desc', 'tags', 'exceptions']);
const RULE_REPLACEABLE = new Set([
  'condition', 'output', 'desc', 'priority', 'tags', 'exceptions', 'enabled', 'warn_evttypes',
  'capture', 'capture_duration', 'skip-if-unknown-filter',
]);

interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

type Check = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };
const check = validateItem as unknown as Check;

export function readRulesFile(text: string, file: string): RulesFileRead {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  const items: RulesFileItem[] = [];
  const problems: ParseIssue[] = [];
  /** The whole line holding this offset (an item's node starts after its `- `). */
  const excerptAt = (offset: number) => {
    const end = text.indexOf('\n', offset);
    return text.slice(text.lastIndexOf('\n', offset - 1) + 1, end === -1 ? undefined : end);
  };
  // An empty stream (comments only) is an empty list: no item, no problem.
  for (const doc of docs) {
    // A YAML error spoils the item it sits in; items around it still load.
    const errors = doc.errors.map((e) => ({ offset: e.pos[0], message: e.message.split('\n')[0]! }));
    const reported = new Set<number>();
    const contents = doc.contents as Node | null;
    if (contents === null || (isScalar(contents) && contents.value === null)) {
      for (const e of errors) problems.push(makeIssue(file, lineAt(e.offset), `not valid YAML: ${e.message}`, excerptAt(e.offset)));
      continue;
    }
    if (!isSeq(contents)) {
      const line = contents.range ? lineAt(contents.range[0]) : 1;
      problems.push(makeIssue(file, line, 'not a Falco rules file: the document must be a YAML list of rule, macro and list items', excerptAt(contents.range?.[0] ?? 0)));
      continue;
    }
    for (const node of contents.items as Node[]) {
      const start = node.range?.[0] ?? 0;
      const end = node.range?.[2] ?? start;
      const inside = errors.flatMap((e, i) => (e.offset >= start && e.offset <= end && !reported.has(i) ? [i] : []));
      if (inside.length) {
        // Reported at the item's first line (the error may sit lines later, where the parser gave up).
        for (const i of inside) reported.add(i);
        const where = inside.map((i) => `${errors[i]!.message} (line ${lineAt(errors[i]!.offset)})`).join('; ');
        problems.push(makeIssue(file, lineAt(start), `not valid YAML, item skipped: ${where}`, excerptAt(start)));
        continue;
      }
      const read = readItem(node, doc, file, lineAt);
      if ('message' in read) problems.push({ ...read, excerpt: excerptAt(start) });
      else items.push(read);
    }
    errors.forEach((e, i) => {
      if (!reported.has(i)) problems.push(makeIssue(file, lineAt(e.offset), `not valid YAML: ${e.message}`, excerptAt(e.offset)));
    });
  }
  return { items, problems };
}

function readItem(node: Node, doc: Document, file: string, lineAt: (offset: number) => number): RulesFileItem | ParseIssue {
  const line = lineAt(node.range?.[0] ?? 0);
  if (!isMap(node)) return makeIssue(file, line, 'not a rules-file item: each item is a mapping (rule, macro, list, required_engine_version)');
  const body = node.toJS(doc, { maxAliasCount: 100 }) as Record<string, unknown>;
  const kind = KINDS.find((k) => k in body);
  if (!kind) return makeIssue(file, line, `unknown item: it has none of the keys rule, macro, list, required_engine_version (keys: ${Object.keys(body).join(', ') || 'none'})`);
  const name = kind === 'rule' || kind === 'macro' || kind === 'list' ? String(body[kind] ?? '') : '';
  const what = name ? `${kind} "${name}"` : kind;
  const schemaProblem = schemaCheck(body, node, what, lineAt);
  if (schemaProblem) return makeIssue(file, schemaProblem.line, schemaProblem.reason);
  const loaderProblem = loaderCheck(kind, body, what);
  if (loaderProblem) return makeIssue(file, line, loaderProblem);
  return { kind, name, origin: { file, line }, body };
}

/**
 * The schema check of one item. Falco reads priorities without regard to case and an engine
 * version written as a number, which the schema's enum and string type would refuse: the item is
 * checked as Falco reads it.
 */
function schemaCheck(body: Record<string, unknown>, node: YAMLMap, what: string, lineAt: (offset: number) => number): { line: number; reason: string } | null {
  const asRead: Record<string, unknown> = { ...body };
  if (typeof asRead.priority === 'string') asRead.priority = asRead.priority.toUpperCase();
  if (typeof asRead.required_engine_version === 'number') asRead.required_engine_version = String(asRead.required_engine_version);
  if (check(asRead)) return null;
  const errors = check.errors ?? [];
  const first = errors[0];
  // The key at fault: the first step of the error's path, or the unknown key itself.
  const key = first?.instancePath.split('/')[1] ?? (first?.keyword === 'additionalProperties' ? String(first.params.additionalProperty) : '');
  const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  const offset = (pair?.key as Node | undefined)?.range?.[0] ?? node.range?.[0] ?? 0;
  const reasons = [...new Set(errors.map(schemaErrorText))];
  return { line: lineAt(offset), reason: `${what} does not fit Falco's rule schema: ${reasons.join('; ')}` };
}

function schemaErrorText(e: SchemaError): string {
  const at = e.instancePath ? e.instancePath.slice(1).replaceAll('/', '.') : 'the item';
  if (e.keyword === 'additionalProperties') return `unknown key ${String(e.params.additionalProperty)}${e.instancePath ? ` in ${at}` : ''}`;
  if (e.keyword === 'enum') return `${at} must be one of ${(e.params.allowedValues as string[]).join(', ')}`;
  return `${at} ${e.message ?? e.keyword}`;
}

/** What Falco's loader refuses beyond the schema: missing keys, override misuse. */
function loaderCheck(kind: RulesItemKind, body: Record<string, unknown>, what: string): string | null {
  const override = body.override as Record<string, string> | undefined;
  if (override && body.append !== undefined) return `${what} uses both override and append: Falco accepts only one`;
  if (kind === 'macro' && typeof body.condition !== 'string') return `${what} has no condition`;
  if (kind === 'list' && !Array.isArray(body.items)) return `${what} has no items`;
  if ((kind === 'macro' || kind === 'list') && override) {
    const key = kind === 'macro' ? 'condition' : 'items';
    const extra = Object.keys(override).filter((k) => k !== key);
    if (extra.length) return `${what}: override of ${extra.join(', ')} is not possible on a ${kind}`;
  }
  if (kind !== 'rule') return null;
  if (!name(body)) return `${what} has an empty name`;
  if (override) {
    for (const [key, mode] of Object.entries(override)) {
      if (!(key in body)) return `${what}: override names ${key}, which the item does not set`;
      if (mode === 'append' && !RULE_APPENDABLE.has(key)) return `${what}: ${key} cannot be appended to, only replaced`;
      if (mode === 'replace' && !RULE_REPLACEABLE.has(key)) return `${what}: ${key} cannot be replaced`;
    }
    const stray = Object.keys(body).filter((k) => k !== 'rule' && k !== 'override' && !(k in override));
    if (stray.length) return `${what}: ${stray.join(', ')} set without an override entry: Falco refuses the item`;
    return null;
  }
  if (body.append === true) return typeof body.condition === 'string' || Array.isArray(body.exceptions) ? null : `${what}: append needs a condition or exceptions`;
  // A rule with only a name and enabled switches an existing rule on or off (Falco accepts that).
  if (Object.keys(body).every((k) => k === 'rule' || k === 'enabled')) {
    return body.enabled === undefined ? `${what} has nothing but a name` : null;
  }
  const missing = RULE_REQUIRED.filter((k) => body[k] === undefined);
  if (missing.length) return `${what} has no ${missing.join(', ')}: a new rule needs condition, output, desc and priority`;
  return null;
}

const name = (body: Record<string, unknown>) => String(body.rule ?? '').trim();
