/**
 * The pure part of scripts/gen-rule-catalog.ts: the texts of Falco rules files in, the rules index
 * (vendor/falco/rules-index.json) and the rule catalog (src/knowledge/ruleCatalog.ts) out. No file
 * system here, so src/knowledge/ruleCatalog.test.ts can regenerate both in memory and compare.
 */
import { parse } from 'yaml';

/** Which upstream repository a vendored rules file comes from. */
export type Upstream = 'rules' | 'plugins';

export interface RulesFileSpec {
  /** Path under vendor/falco/rules/. */
  file: string;
  upstream: Upstream;
  /** Path inside the upstream checkout (falcosecurity/rules or falcosecurity/plugins). */
  upstreamPath: string;
}

/**
 * The vendored rules files in the order Falco would load them (each plugin's overlay after its base
 * file), which is also the order of the index. vendor/falco/PROVENANCE.md lists the same table.
 */
export const RULES_FILES: readonly RulesFileSpec[] = [
  { file: 'falco_rules.yaml', upstream: 'rules', upstreamPath: 'rules/falco_rules.yaml' },
  { file: 'falco-incubating_rules.yaml', upstream: 'rules', upstreamPath: 'rules/falco-incubating_rules.yaml' },
  { file: 'falco-sandbox_rules.yaml', upstream: 'rules', upstreamPath: 'rules/falco-sandbox_rules.yaml' },
  { file: 'archive/falco-deprecated_rules.yaml', upstream: 'rules', upstreamPath: 'archive/falco-deprecated_rules.yaml' },
  { file: 'archive/application_rules.yaml', upstream: 'rules', upstreamPath: 'archive/application_rules.yaml' },
  { file: 'plugins/k8s_audit_rules.yaml', upstream: 'plugins', upstreamPath: 'plugins/k8saudit/rules/k8s_audit_rules.yaml' },
  { file: 'plugins/k8s_audit_rules_gke.yaml', upstream: 'plugins', upstreamPath: 'plugins/k8saudit-gke/rules/k8s_audit_rules_gke.yaml' },
  { file: 'plugins/aws_cloudtrail_rules.yaml', upstream: 'plugins', upstreamPath: 'plugins/cloudtrail/rules/aws_cloudtrail_rules.yaml' },
  { file: 'plugins/gcp_auditlog_rules.yaml', upstream: 'plugins', upstreamPath: 'plugins/gcpaudit/rules/gcp_auditlog_rules.yaml' },
  { file: 'plugins/okta_rules.yaml', upstream: 'plugins', upstreamPath: 'plugins/okta/rules/okta_rules.yaml' },
  { file: 'plugins/github.yaml', upstream: 'plugins', upstreamPath: 'plugins/github/rules/github.yaml' },
];

/** The other vendored files of the rules folder (licences, the archive's note), copied along. */
export const RULES_FOLDER_EXTRAS: readonly RulesFileSpec[] = [
  { file: 'LICENSE', upstream: 'rules', upstreamPath: 'LICENSE' },
  { file: 'archive/README.md', upstream: 'rules', upstreamPath: 'archive/README.md' },
  { file: 'plugins/LICENSE', upstream: 'plugins', upstreamPath: 'LICENSE' },
];

export interface RulesFileText {
  /** Path under vendor/falco/rules/. */
  file: string;
  text: string;
}

/** One `- rule:` item of a rules file (the shape of vendor/falco/rules-index.json). */
export interface IndexEntry {
  rule: string;
  /** Path under vendor/falco/rules/. */
  file: string;
  /** As spelled in the file ("WARNING", "Notice"), or null when the item does not set it. */
  priority: string | null;
  /** "syscall" when the item does not set it (Falco's default). */
  source: string;
  tags: string[] | null;
  /** null when the key is absent (Falco then treats the rule as enabled). */
  enabled: boolean | null;
  /** Trimmed, or null for items that only override or append. */
  output: string | null;
  /** Whitespace collapsed to single spaces. */
  desc: string | null;
  override?: unknown;
  append?: unknown;
}

export interface CatalogRecord {
  source: string;
  priority: string;
  tags: string[];
  file: string;
  /** false only when the rule file sets `enabled: false`. */
  enabled: boolean;
  /** The %fields of the rule's output, in order of first appearance. */
  outputFields: string[];
  /** The macros the condition uses, directly or through other macros (sorted). */
  macros: string[];
  /** The lists the condition and those macros use, and the lists named inside them (sorted). */
  lists: string[];
}

type Item = Record<string, unknown>;

/** A rules file parsed once: its top-level items (`- rule:`, `- macro:`, `- list:` ...), in order. */
export interface ParsedRulesFile {
  file: string;
  items: Item[];
}

/** Parse each rules file (a YAML sequence of mappings; a file of comments only has no items). */
export function parseRulesFiles(files: readonly RulesFileText[]): ParsedRulesFile[] {
  return files.map((f) => {
    const doc: unknown = parse(f.text);
    if (doc !== null && doc !== undefined && !Array.isArray(doc)) throw new Error(`${f.file}: a rules file is a YAML sequence`);
    const items = ((doc ?? []) as unknown[]).filter((i): i is Item => typeof i === 'object' && i !== null && !Array.isArray(i));
    return { file: f.file, items };
  });
}

/** Both generated texts from the rules files' texts (listed in load order, as in RULES_FILES). */
export function generate(files: readonly RulesFileText[]): { indexJson: string; catalogTs: string; rules: number } {
  const parsed = parseRulesFiles(files);
  const catalog = buildCatalog(parsed);
  return { indexJson: renderIndex(buildIndex(parsed)), catalogTs: renderCatalog(catalog), rules: Object.keys(catalog).length };
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The index entries of the files, in file order then item order. */
export function buildIndex(files: readonly ParsedRulesFile[]): IndexEntry[] {
  const index: IndexEntry[] = [];
  for (const f of files) {
    for (const item of f.items) {
      if (!('rule' in item)) continue;
      const entry: IndexEntry = {
        rule: String(item.rule),
        file: f.file,
        priority: text(item.priority),
        source: text(item.source) ?? 'syscall',
        tags: Array.isArray(item.tags) ? item.tags.map(String) : [],
        enabled: typeof item.enabled === 'boolean' ? item.enabled : null,
        output: text(item.output)?.trim() ?? null,
        desc: text(item.desc)?.split(/\s+/).filter(Boolean).join(' ') ?? null,
      };
      if ('override' in item) entry.override = item.override;
      if ('append' in item) entry.append = item.append;
      index.push(entry);
    }
  }
  return index;
}

/** vendor/falco/rules-index.json as written (one-space indent, no final newline, as it always was). */
export function renderIndex(index: readonly IndexEntry[]): string {
  return JSON.stringify(index, null, 1);
}

/**
 * Field references in a Falco output format: `%proc.name`, `%proc.aname[2]`,
 * `%jevt.value[/requestObject/spec/volumes]`, `%ka.uri.param[command]`.
 */
export function outputFieldsOf(output: string): string[] {
  const out: string[] = [];
  const re = /%([A-Za-z_][A-Za-z0-9_.]*)(\[[^\]\s]*\])?/g;
  for (const m of output.matchAll(re)) {
    const name = (m[1] ?? '').replace(/\.+$/, '') + (m[2] ?? '');
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

/** Falco priorities as it prints them (capitalised), from the rule files' spelling. */
export function normalisePriority(p: string): string {
  const lower = p.trim().toLowerCase();
  const map: Record<string, string> = {
    emergency: 'Emergency',
    alert: 'Alert',
    critical: 'Critical',
    error: 'Error',
    warning: 'Warning',
    warn: 'Warning',
    notice: 'Notice',
    informational: 'Informational',
    info: 'Informational',
    debug: 'Debug',
  };
  return map[lower] ?? p;
}

/**
 * The bare names a condition mentions: words outside quotes and outside field arguments, not part of
 * a field name (`proc.name`), a path (`/etc/shadow`) or a glob. Only names defined as macros or lists
 * matter, so operators and values that are words do no harm.
 */
export function namesIn(condition: string): string[] {
  const unquoted = condition.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ' ').replace(/\[[^\]]*\]/g, ' ');
  return [...unquoted.matchAll(/(?<![\w./*:-])[A-Za-z_]\w*(?![\w./*:-])/g)].map((m) => m[0]);
}

/** Value lists of set operators: `proc.name in (bash, shell_binaries)`; a word there is a value or a list, never a macro. */
const VALUE_LIST = /\b(?:in|intersects|pmatch)\s*\(([^()]*)\)/g;

/**
 * The names a condition may consult: `values` inside the value lists of set operators (only lists
 * expand there, so `evt.type in (rename)` does not call the macro `rename`), `bare` everywhere else.
 */
export function referencesIn(condition: string): { bare: string[]; values: string[] } {
  const values = [...condition.matchAll(VALUE_LIST)].flatMap((m) => namesIn(m[1] ?? ''));
  return { bare: namesIn(condition.replace(VALUE_LIST, ' ')), values };
}

/** Macro conditions and list items by name, per file (a name defined again in a file adds to it). */
interface Definitions {
  macros: Map<string, Map<string, string[]>>;
  lists: Map<string, Map<string, string[]>>;
}

function definitionsOf(files: readonly ParsedRulesFile[]): Definitions {
  const macros = new Map<string, Map<string, string[]>>();
  const lists = new Map<string, Map<string, string[]>>();
  const add = (into: Map<string, Map<string, string[]>>, name: string, file: string, values: string[]) => {
    const byFile = into.get(name) ?? new Map<string, string[]>();
    byFile.set(file, [...(byFile.get(file) ?? []), ...values]);
    into.set(name, byFile);
  };
  for (const f of files) {
    for (const item of f.items) {
      if ('macro' in item) add(macros, String(item.macro), f.file, [text(item.condition) ?? '']);
      if ('list' in item) add(lists, String(item.list), f.file, Array.isArray(item.items) ? item.items.map(String) : []);
    }
  }
  return { macros, lists };
}

/**
 * The definition a rule in `file` sees: its own file's, else the closest file loaded before it, else
 * the first file that defines the name (files are listed in load order).
 */
function visible(byFile: Map<string, string[]> | undefined, file: string, order: readonly string[]): string[] | null {
  if (!byFile) return null;
  const own = byFile.get(file);
  if (own) return own;
  for (let i = order.indexOf(file) - 1; i >= 0; i--) {
    const earlier = byFile.get(order[i] ?? '');
    if (earlier) return earlier;
  }
  return byFile.values().next().value ?? null;
}

/** The macros and lists a rule condition consults, through macros and through lists named in lists. */
function consulted(conditions: string[], file: string, defs: Definitions, order: readonly string[]): { macros: string[]; lists: string[] } {
  const macros = new Set<string>();
  const lists = new Set<string>();
  const visitList = (name: string): void => {
    const items = visible(defs.lists.get(name), file, order);
    if (!items || lists.has(name)) return;
    lists.add(name);
    for (const item of items) visitList(item);
  };
  const visitCondition = (condition: string): void => {
    const { bare, values } = referencesIn(condition);
    for (const name of bare) {
      const body = visible(defs.macros.get(name), file, order);
      if (body && !macros.has(name)) {
        macros.add(name);
        body.forEach(visitCondition);
      } else if (!body) {
        visitList(name);
      }
    }
    values.forEach(visitList);
  };
  conditions.forEach(visitCondition);
  return { macros: [...macros].sort(), lists: [...lists].sort() };
}

/**
 * One record per rule name. The first full definition wins; entries that only override or append
 * (no output, e.g. the GKE overlay of "Disallowed K8s User") do not replace it. The macros and lists
 * come from every condition given under the rule's name (appended conditions included).
 */
export function buildCatalog(files: readonly ParsedRulesFile[]): Record<string, CatalogRecord> {
  const order = files.map((f) => f.file);
  const defs = definitionsOf(files);
  const conditions = new Map<string, string[]>();
  for (const f of files) {
    for (const item of f.items) {
      const condition = text(item.condition);
      if ('rule' in item && condition !== null) {
        const rule = String(item.rule);
        conditions.set(rule, [...(conditions.get(rule) ?? []), condition]);
      }
    }
  }
  const catalog: Record<string, CatalogRecord> = {};
  for (const e of buildIndex(files)) {
    if (e.output === null || e.priority === null) continue;
    if (catalog[e.rule]) continue;
    catalog[e.rule] = {
      source: e.source,
      priority: normalisePriority(e.priority),
      tags: e.tags ?? [],
      file: e.file,
      enabled: e.enabled !== false,
      outputFields: outputFieldsOf(e.output),
      ...consulted(conditions.get(e.rule) ?? [], e.file, defs, order),
    };
  }
  return catalog;
}

/** src/knowledge/ruleCatalog.ts. */
export function renderCatalog(catalog: Record<string, CatalogRecord>): string {
  const lines = Object.entries(catalog).map(([rule, rec]) => `  ${JSON.stringify(rule)}: ${JSON.stringify(rec)},`);
  const body = `{\n${lines.join('\n')}\n}`;
  return `// GENERATED by scripts/gen-rule-catalog.ts from the rules files in vendor/falco/rules/. Do not edit.
// Facts only (source, priority, tags, file, enabled, output %fields, the macros and lists each
// condition consults) of the upstream Falco rules; descriptions and output texts stay out of the bundle.
import type { Priority } from '../model';

export interface CatalogEntry {
  rule: string;
  source: string;
  priority: Priority;
  tags: string[];
  /** Rules file (relative to the upstream rules folder) that defines the rule. */
  file: string;
  /** false only when the rules file disables the rule. */
  enabled: boolean;
  /** The %fields the rule prints in its output, in order of first appearance. */
  outputFields: string[];
  /** The macros the rule's condition uses, directly or through other macros (sorted). */
  macros: string[];
  /** The lists the condition and those macros use, and lists named inside them (sorted). */
  lists: string[];
}

type Rec = Omit<CatalogEntry, 'rule'>;

export const RULE_CATALOG: Readonly<Record<string, Rec>> = ${body};

const byLowerName = new Map<string, CatalogEntry>(
  Object.entries(RULE_CATALOG).map(([rule, rec]) => [rule.toLowerCase(), { rule, ...rec }]),
);

/** The upstream facts of a rule (case-insensitive name), or null for custom rules. */
export function catalogEntry(rule: string): CatalogEntry | null {
  return byLowerName.get(rule.trim().toLowerCase()) ?? null;
}

/** The %fields of the rule's output ([] for unknown rules). */
export function ruleOutputFields(rule: string): string[] {
  return catalogEntry(rule)?.outputFields ?? [];
}
`;
}
