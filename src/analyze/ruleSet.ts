/**
 * The effective rules of the rules files loaded, as Falco builds them: items applied in load
 * order; a later definition of a name replaces the earlier one; `override:` appends to or replaces
 * the keys it names on an item loaded before (Falco 0.41), and the older `append: true` appends a
 * rule's condition and exceptions, a macro's condition or a list's items. An override of something
 * not loaded is refused by Falco: here it is a problem, except on Falco's stock rules (the upstream
 * rules files, known from the rule catalog), which the user's files commonly change without
 * loading them here. Pure: items in, rule set and problems out.
 */
import type { LoadedList, LoadedMacro, LoadedRule, ParseIssue, RuleChange, RuleException, RuleListing, RuleOrigin, RuleSetData, RulesFileItem } from '../model';
import { RULE_CATALOG, catalogEntry } from '../knowledge/ruleCatalog';
import { makeIssue } from '../ingest';

export interface RuleSetBuild {
  set: RuleSetData;
  problems: ParseIssue[];
}

type Body = Record<string, unknown>;

/** A scalar as text; folded YAML (`>`) ends in a newline Falco's compiler ignores, so it is trimmed. */
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : String(v));
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(text) : []);
const at = (o: RuleOrigin) => `${o.file}:${o.line}`;

/** The keys an item changes and how: its `override:` map, or every key for `append: true`. */
function modesOf(item: RulesFileItem, appendable: readonly string[]): Map<string, 'append' | 'replace'> | null {
  const override = item.body.override as Record<string, string> | undefined;
  if (override) return new Map(Object.entries(override).map(([k, m]) => [k, m === 'replace' ? 'replace' : 'append']));
  if (item.body.append === true) return new Map(appendable.filter((k) => k in item.body).map((k) => [k, 'append' as const]));
  return null;
}

/** Falco joins an appended condition with one space: the appended text starts with `and` or `or`. */
const appendCondition = (base: string, more: string) => (base ? `${base} ${more}` : more);

function exceptionsOf(v: unknown): RuleException[] {
  return Array.isArray(v) ? v.filter((e): e is Body => typeof e === 'object' && e !== null).map((e) => ({ ...e, name: text(e.name) }) as RuleException) : [];
}

/** Apply the items of every loaded file, in load order. */
export function buildRuleSet(items: readonly RulesFileItem[]): RuleSetBuild {
  const rules = new Map<string, LoadedRule>();
  const macros = new Map<string, LoadedMacro>();
  const lists = new Map<string, LoadedList>();
  const files: string[] = [];
  const problems: ParseIssue[] = [];
  const refuse = (item: RulesFileItem, reason: string) => problems.push(makeIssue(item.origin.file, item.origin.line, reason));

  for (const item of items) {
    if (!files.includes(item.origin.file)) files.push(item.origin.file);
    const body = item.body;
    if (item.kind === 'list') {
      const modes = modesOf(item, ['items']);
      const known = lists.get(item.name);
      if (!modes) {
        lists.set(item.name, { name: item.name, items: strings(body.items), origin: item.origin, changedBy: [] });
      } else if (!known) {
        refuse(item, `list "${item.name}" has override or append but no list of that name is loaded before it: Falco refuses it`);
      } else {
        known.items = modes.get('items') === 'replace' ? strings(body.items) : [...known.items, ...strings(body.items)];
        known.changedBy.push(item.origin);
      }
    } else if (item.kind === 'macro') {
      const modes = modesOf(item, ['condition']);
      const known = macros.get(item.name);
      if (!modes) {
        macros.set(item.name, { name: item.name, condition: text(body.condition), origin: item.origin, changedBy: [] });
      } else if (!known) {
        refuse(item, `macro "${item.name}" has override or append but no macro of that name is loaded before it: Falco refuses it`);
      } else {
        known.condition = modes.get('condition') === 'replace' ? text(body.condition) : appendCondition(known.condition, text(body.condition));
        known.changedBy.push(item.origin);
      }
    } else if (item.kind === 'rule') {
      applyRule(item, rules, refuse);
    }
  }
  return { set: { files, rules: [...rules.values()], macros: [...macros.values()], lists: [...lists.values()] }, problems };
}

function newRule(item: RulesFileItem): LoadedRule {
  const b = item.body;
  return {
    name: item.name,
    origin: item.origin,
    desc: text(b.desc),
    condition: text(b.condition),
    output: text(b.output),
    priority: text(b.priority),
    source: text(b.source) || 'syscall',
    tags: strings(b.tags),
    enabled: b.enabled !== false,
    exceptions: exceptionsOf(b.exceptions),
    changes: [],
  };
}

/** A stock rule changed by the user's files whose own definition is not loaded: its catalog facts. */
function stockRule(item: RulesFileItem): LoadedRule | null {
  const entry = catalogEntry(item.name);
  if (!entry) return null;
  return {
    name: entry.rule,
    origin: { file: entry.file, line: 0 },
    stockOnly: true,
    desc: '',
    condition: '',
    output: '',
    priority: entry.priority,
    source: entry.source,
    tags: [...entry.tags],
    enabled: entry.enabled,
    exceptions: [],
    changes: [],
  };
}

function applyRule(item: RulesFileItem, rules: Map<string, LoadedRule>, refuse: (item: RulesFileItem, reason: string) => void): void {
  const body = item.body;
  const keys = Object.keys(body);
  const onlyEnabled = keys.every((k) => k === 'rule' || k === 'enabled') && 'enabled' in body;
  const modes = onlyEnabled ? new Map([['enabled', 'replace' as const]]) : modesOf(item, ['condition', 'exceptions']);
  if (!modes) {
    rules.set(item.name, newRule(item));
    return;
  }
  let rule = rules.get(item.name);
  if (!rule) {
    const stock = stockRule(item);
    if (!stock) {
      refuse(item, `rule "${item.name}" has ${body.append === true ? 'append' : onlyEnabled ? 'only enabled' : 'override'} but no rule of that name is loaded before it (nor is it a stock Falco rule): Falco refuses it`);
      return;
    }
    rules.set(item.name, (rule = stock));
  }
  for (const [key, mode] of modes) {
    const change = applyKey(rule, key, mode, body[key]);
    if (change) rule.changes.push({ origin: item.origin, key, mode, text: change });
  }
}

/** Change one key of a loaded rule; returns what changed in words. */
function applyKey(rule: LoadedRule, key: string, mode: 'append' | 'replace', value: unknown): string | null {
  switch (key) {
    case 'condition': {
      const more = text(value);
      if (mode === 'replace') {
        rule.condition = more;
        delete rule.appendedCondition;
        return `replaced the condition with: ${more}`;
      }
      if (rule.stockOnly) rule.appendedCondition = appendCondition(rule.appendedCondition ?? '', more);
      rule.condition = appendCondition(rule.condition, more);
      return `appended to the condition: ${more}`;
    }
    case 'exceptions': {
      const added = exceptionsOf(value);
      if (mode === 'replace') {
        rule.exceptions = added;
        return `replaced the exceptions with: ${added.map((e) => e.name).join(', ') || 'none'}`;
      }
      const words: string[] = [];
      for (const ex of added) {
        const known = rule.exceptions.find((e) => e.name === ex.name);
        if (known) {
          // Falco appends the values of an exception of the same name; its fields stay.
          known.values = [...(known.values ?? []), ...(ex.values ?? [])];
          words.push(`${(ex.values ?? []).length} value row(s) to exception ${ex.name}`);
        } else {
          rule.exceptions.push(ex);
          words.push(`exception ${ex.name}`);
        }
      }
      return `appended ${words.join(', ')}`;
    }
    case 'enabled':
      rule.enabled = value !== false;
      return rule.enabled ? 'enabled the rule' : 'disabled the rule (enabled: false): Falco does not run it';
    case 'priority':
      rule.priority = text(value);
      return `set the priority to ${rule.priority}`;
    case 'tags':
      rule.tags = mode === 'replace' ? strings(value) : [...rule.tags, ...strings(value)];
      return `${mode === 'replace' ? 'replaced the tags with' : 'added the tags'} ${strings(value).join(', ')}`;
    case 'output':
      rule.output = mode === 'replace' ? text(value) : appendCondition(rule.output, text(value));
      return `${mode === 'replace' ? 'replaced the output with' : 'appended to the output'}: ${text(value)}`;
    case 'desc':
      rule.desc = mode === 'replace' ? text(value) : appendCondition(rule.desc, text(value));
      return `${mode === 'replace' ? 'replaced' : 'appended to'} the description`;
    default:
      return `${mode === 'replace' ? 'set' : 'appended to'} ${key}: ${JSON.stringify(value)}`;
  }
}

/** Whether a rule of this name is one of Falco's stock rules (the upstream rules files). */
export const isStockRule = (name: string): boolean => catalogEntry(name) !== null;

/**
 * Every loaded rule with what is needed to recognise its alerts: name, output template, priority,
 * source and where it is defined. For readers of Falco's text output, which match lines against
 * the output templates of the rules loaded.
 */
export function listLoadedRules(set: RuleSetData): RuleListing[] {
  return set.rules.map((r) => ({
    name: r.name,
    output: r.output,
    priority: r.priority,
    source: r.source,
    condition: r.condition,
    file: r.origin.file,
    line: r.origin.line,
    enabled: r.enabled,
    stock: isStockRule(r.name),
  }));
}

/** The macro and list names the stock rules use (to tell a stock macro the user did not load). */
let stockNames: { macros: Set<string>; lists: Set<string> } | null = null;
export function stockMacroAndListNames(): { macros: Set<string>; lists: Set<string> } {
  if (!stockNames) {
    const macros = new Set<string>();
    const lists = new Set<string>();
    for (const entry of Object.values(RULE_CATALOG)) {
      entry.macros.forEach((m) => macros.add(m));
      entry.lists.forEach((l) => lists.add(l));
    }
    stockNames = { macros, lists };
  }
  return stockNames;
}

export const describeChange = (c: RuleChange): string => `${at(c.origin)} ${c.text}`;
