/**
 * Falco rules files the user loaded (falco_rules.yaml, rules.d/ files, plugin rules, local
 * overrides), and the effective rules after Falco's load order, `override:` and `append:`.
 */

/** Where an item of a rules file was written: file name and 1-based line. */
export interface RuleOrigin {
  file: string;
  line: number;
}

export type RulesItemKind = 'rule' | 'macro' | 'list' | 'required_engine_version' | 'required_plugin_versions';

/** Falco's `override:` keys and what each does: append to or replace the loaded value. */
export type OverrideMode = 'append' | 'replace';

/** One exception of a rule: `fields`/`comps` define it, `values` are its rows. */
export interface RuleException {
  name: string;
  /** A list of fields, or one field (its values are then a flat list, compared with `in`). */
  fields?: string[] | string;
  comps?: string[] | string;
  values?: unknown[];
}

/** One item of a rules file as written, schema-checked (a bad item never gets here). */
export interface RulesFileItem {
  kind: RulesItemKind;
  /** The rule, macro or list name ('' for required_* items). */
  name: string;
  origin: RuleOrigin;
  /** The item's keys as written (plain data from the YAML). */
  body: Record<string, unknown>;
}

/** A macro after overrides: its condition and where each part came from. */
export interface LoadedMacro {
  name: string;
  condition: string;
  origin: RuleOrigin;
  /** Later items that changed it (override/append), in load order. */
  changedBy: RuleOrigin[];
}

export interface LoadedList {
  name: string;
  items: string[];
  origin: RuleOrigin;
  changedBy: RuleOrigin[];
}

/** What a later rules file did to a rule defined earlier (shown in the report and rule view). */
export interface RuleChange {
  origin: RuleOrigin;
  /** The key changed: condition, exceptions, enabled, items of list X ... */
  key: string;
  mode: OverrideMode;
  /** In words, e.g. `appended to the condition: and not proc.name = foo`. */
  text: string;
}

export interface LoadedRule {
  name: string;
  /** Where the rule was defined; for a stock rule only overridden here: the override's place. */
  origin: RuleOrigin;
  /** True when the definition was not loaded: the rule is Falco's stock rule, changed by an override. */
  stockOnly?: boolean;
  desc: string;
  /** The condition after overrides (as Falco holds it, macros unexpanded). */
  condition: string;
  /** The part appended by overrides when the stock definition itself is not loaded. */
  appendedCondition?: string;
  output: string;
  priority: string;
  source: string;
  tags: string[];
  enabled: boolean;
  exceptions: RuleException[];
  /** What later items changed, in load order. */
  changes: RuleChange[];
}

/** The effective rules of all loaded rules files, in load order. */
export interface RuleSetData {
  /** The files, in the order loaded. */
  files: string[];
  rules: LoadedRule[];
  macros: LoadedMacro[];
  lists: LoadedList[];
}

/** A loaded rule in a listing (for the rule view and for matching output text to rules). */
export interface RuleListing {
  name: string;
  output: string;
  priority: string;
  source: string;
  /** The effective condition (searched by the rule view). */
  condition: string;
  /** Its definition: file and line (line 0 for a stock rule whose file is not loaded). */
  file: string;
  line: number;
  enabled: boolean;
  /** Falco's stock rule changed by the user's files (rather than a rule of the user's own). */
  stock: boolean;
}

/** A rule as the report and the rule view show it: everything it consults, resolved. */
export interface RuleDetail {
  rule: LoadedRule;
  /** Falco's stock rule (in the upstream rules), rather than one of the user's own. */
  stock: boolean;
  /** The condition with every macro replaced by its own condition (in parentheses). */
  expandedCondition: string;
  /** The macros the condition uses, directly or through other macros, in order of first use. */
  macros: LoadedMacro[];
  /** The lists the condition and its macros use (and lists named inside them), with their items. */
  lists: LoadedList[];
  /** Macro or list names the condition uses that no loaded file defines. */
  undefinedNames: string[];
}

/** The rule view's answer: the rule as loaded and what it matched in this session. */
export interface RuleViewData {
  detail: RuleDetail | null;
  /** The rule's name even when no loaded file defines it. */
  name: string;
  /** Incidents of this rule in the session, with their alert counts. */
  incidents: { id: string; label: string; count: number }[];
  alerts: number;
}
