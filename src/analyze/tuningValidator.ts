/**
 * Semantic checks of a Falco tuning snippet: what the JSON schema cannot see. Falco must load it
 * (fields exist for the rule's source, operators fit the field, overrides target what is loaded)
 * and it must open no hole (no identity-only or volatile exception, no general-purpose program in
 * an allow-list, nothing the report itself warns against). Pure: text and catalog in, problems out.
 *
 * The JSON-schema check (vendor/falco/rule-schema.json) is passed in as `schema`: it needs ajv, which
 * stays a devDependency so the app does not ship a schema compiler for snippets it builds itself
 * with the yaml library; the tests run it on every snippet. The semantic checks below ship: the
 * product runs them on each snippet before showing it (analyze/tuning.ts).
 */
import { parse } from 'yaml';
import { fieldInfo, LIST_VALUE_OPERATORS, operatorsFor } from '../knowledge/fieldMetadata';
import { isFalcoInternalRule, internalEventTuning } from '../knowledge/falcoInternal';
import {
  isIdentityField,
  isNeverAllowProgram,
  isOriginField,
  isProcessNameField,
  isVolatileField,
  isWorkloadField,
  scopesWorkload,
  weakWorkloadReason,
  needsIdentity,
  programName,
  volatileValueReason,
} from '../knowledge/exceptionPolicy';
import { warnedTerms } from './warnedTerms';

export type TuningCheck =
  | 'yaml' // parses to a list of rules-file items
  | 'schema' // Falco's rule-schema.json (when a schema check is given)
  | 'syntax' // override, never redefinition or the deprecated append
  | 'target' // overrides name a loaded rule, list or macro
  | 'internal' // Falco internal events are falco.yaml settings, never rules
  | 'field' // exception fields exist for the rule's source
  | 'operator' // comps fit the field; list operators get list values
  | 'pairing' // identity with workload, never identity alone
  | 'volatile' // no ids, pids, times, generated pod names
  | 'never-allow' // no shell, interpreter, web server, coreutil, download or sudo tool allow-listed
  | 'self-contradiction'; // nothing the report's own text warns against

export interface TuningProblem {
  check: TuningCheck;
  /** The item at fault: `rule "X"`, `list "Y"`, `macro "Z"`. */
  item: string;
  reason: string;
}

/** What is loaded in Falco: rules by name with their source, and (optionally) list and macro names. */
export interface TuningCatalog {
  /** The event source of a loaded rule, or undefined when no rule of that name is loaded. */
  ruleSource(name: string): string | undefined;
  /** Omit to skip the list check (the shipped app does not carry the upstream list names). */
  hasList?(name: string): boolean;
  hasMacro?(name: string): boolean;
  /**
   * A named exception the loaded rule already has (from the user's rules files): an appended
   * exception of that name gives values only, and they are checked against its fields and comps.
   */
  ruleException?(rule: string, name: string): { fields?: string[] | string; comps?: string[] | string } | undefined;
}

export interface TuningValidationOptions {
  catalog: TuningCatalog;
  /** The report's prose (playbook text, allow-list note): the snippet must not contradict it. */
  reportText?: string;
  /** Schema validation of the parsed document (ajv in tests); returns error messages. */
  schema?: (doc: unknown) => string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : String(v));

export function validateTuning(yamlText: string, options: TuningValidationOptions): TuningProblem[] {
  let doc: unknown;
  try {
    doc = parse(yamlText);
  } catch (error) {
    return [{ check: 'yaml', item: 'snippet', reason: `does not parse as YAML: ${(error as Error).message}` }];
  }
  return validateTuningDocument(doc, options);
}

/** The same checks on an already parsed document (what `parse` or a yaml Document's toJS gives). */
export function validateTuningDocument(doc: unknown, options: TuningValidationOptions): TuningProblem[] {
  if (!Array.isArray(doc)) return [{ check: 'yaml', item: 'snippet', reason: 'a rules file is a YAML list of rule, list and macro items' }];
  const problems: TuningProblem[] = [];
  for (const message of options.schema?.(doc) ?? []) problems.push({ check: 'schema', item: 'snippet', reason: message });
  const warned = options.reportText ? warnedTerms(options.reportText) : new Set<string>();
  for (const item of doc) {
    if (!isObj(item)) {
      problems.push({ check: 'yaml', item: 'snippet', reason: 'every item must be a mapping (rule, list or macro)' });
    } else if ('rule' in item) {
      problems.push(...checkRule(item, options.catalog, warned));
    } else if ('list' in item) {
      problems.push(...checkList(item, options.catalog, warned));
    } else if ('macro' in item) {
      problems.push(...checkMacro(item, options.catalog));
    }
  }
  return problems;
}

function checkRule(item: Obj, catalog: TuningCatalog, warned: Set<string>): TuningProblem[] {
  const name = str(item.rule);
  const at = `rule "${name}"`;
  if (isFalcoInternalRule(name)) {
    const { settings } = internalEventTuning(name);
    const knob = settings.length ? `set ${settings.join(' / ')} in falco.yaml` : 'fix its cause in falco.yaml';
    return [{ check: 'internal', item: at, reason: `is a message from Falco itself, not a rule: Falco fails to load an override on it; ${knob}` }];
  }
  const problems: TuningProblem[] = [];
  if ('append' in item) problems.push({ check: 'syntax', item: at, reason: 'uses the deprecated append key; use override' });
  const source = catalog.ruleSource(name);
  if (source === undefined) {
    problems.push({ check: 'target', item: at, reason: 'names no loaded rule: Falco refuses an override or exception on it' });
    return problems;
  }
  if (!isObj(item.override)) {
    problems.push({ check: 'syntax', item: at, reason: 'redefines an existing rule instead of changing it with override' });
  }
  const exceptions = Array.isArray(item.exceptions) ? item.exceptions : [];
  for (const exception of exceptions) {
    if (isObj(exception)) problems.push(...checkException(withDefinition(exception, name, catalog, problems, at), at, source, warned));
    else problems.push({ check: 'yaml', item: at, reason: 'an exception must be a mapping' });
  }
  return problems;
}

/**
 * An exception appended to one the rule already defines: Falco appends its values and refuses new
 * fields or comps on it (rule_loader: only values can be appended to an existing exception). The
 * values are checked with the definition's fields and comps.
 */
function withDefinition(ex: Obj, rule: string, catalog: TuningCatalog, problems: TuningProblem[], at: string): Obj {
  const known = catalog.ruleException?.(rule, str(ex.name));
  if (!known) return ex;
  if (ex.fields !== undefined || ex.comps !== undefined) {
    problems.push({ check: 'syntax', item: `${at} exception "${str(ex.name)}"`, reason: 'already exists on the rule: append values only, Falco refuses fields or comps on an existing exception' });
    return ex;
  }
  return { ...ex, fields: known.fields, comps: known.comps };
}

interface Slot {
  field: string;
  comp: string;
}

function checkException(ex: Obj, at: string, source: string, warned: Set<string>): TuningProblem[] {
  const problems: TuningProblem[] = [];
  const where = `${at} exception "${str(ex.name)}"`;
  const fields = Array.isArray(ex.fields) ? ex.fields.map(str) : typeof ex.fields === 'string' ? [ex.fields] : [];
  // A single string field takes `in` by default and a flat list of values (falco rule_loader_collector.cpp).
  const single = typeof ex.fields === 'string';
  const comps = single ? [ex.comps === undefined ? 'in' : str(ex.comps)] : Array.isArray(ex.comps) ? ex.comps.map(str) : fields.map(() => '=');
  if (fields.length === 0) return [{ check: 'yaml', item: where, reason: 'has no fields' }];
  if (comps.length !== fields.length) problems.push({ check: 'syntax', item: where, reason: 'fields and comps differ in length' });
  const slots: Slot[] = fields.map((field, i) => ({ field, comp: (comps[i] ?? '=').trim() }));

  for (const { field, comp } of slots) {
    const info = fieldInfo(field, source);
    if (!info) {
      problems.push({ check: 'field', item: where, reason: `${field} is not a field of the ${source} source` });
      continue;
    }
    if (info.list && !LIST_VALUE_OPERATORS.has(comp)) {
      problems.push({ check: 'operator', item: where, reason: `${field} is a list field: compare it with in or intersects, never ${comp}` });
    } else if (!operatorsFor(info).has(comp) && !/^(startswith|endswith|contains|icontains|glob|iglob) (oneof|anyof|allof)$/.test(comp)) {
      problems.push({ check: 'operator', item: where, reason: `${comp} is not an operator Falco accepts on ${field} (${info.list ? 'list of ' : ''}${info.type})` });
    }
    if (isVolatileField(field)) problems.push({ check: 'volatile', item: where, reason: `${field} changes with every event` });
  }

  // The single-field form lists plain values, each one a row of its own.
  const values = Array.isArray(ex.values) ? ex.values : [];
  const rows = single ? values.map((v) => [v]) : values;
  for (const row of rows) {
    if (!Array.isArray(row) || row.length !== slots.length) {
      problems.push({ check: 'syntax', item: where, reason: 'each values entry must have one value per field' });
      continue;
    }
    row.forEach((value, i) => {
      const { field, comp } = slots[i]!;
      const listComp = LIST_VALUE_OPERATORS.has(comp);
      if (!single && listComp !== Array.isArray(value)) {
        problems.push({
          check: 'operator',
          item: where,
          reason: listComp ? `${comp} on ${field} needs a list of values ([...])` : `${comp} on ${field} needs a single value, not a list`,
        });
      }
      for (const v of (Array.isArray(value) ? value : [value]).map(str)) problems.push(...checkValue(field, comp, v, where, warned));
    });
  }

  const hasIdentity = fields.some(isIdentityField);
  // Every row must name a workload that scopes: a generic image (alpine, nginx) or an executable
  // in a temporary directory holds for anyone's container, so it does not count (exceptionPolicy.ts).
  const weak = rows.flatMap((row) => (Array.isArray(row) ? row : [])
    .map((value, i) => ({ field: slots[i]?.field ?? '', values: (Array.isArray(value) ? value : [value]).map(str) })))
    .filter(({ field }) => isWorkloadField(field));
  const scopedRows = rows.length > 0
    ? rows.every((row) => Array.isArray(row) && row.some((value, i) => scopesWorkload(slots[i]?.field ?? '', (Array.isArray(value) ? value : [value]).map(str))))
    : fields.some(isWorkloadField);
  // An audit principal with its origin (client IP) is scoped when the event names no target object.
  const hasWorkload = scopedRows || (needsIdentity(source) && hasIdentity && fields.some(isOriginField));
  if (!hasWorkload && fields.some(isWorkloadField)) {
    const reasons = [...new Set(weak.map(({ field, values }) => weakWorkloadReason(field, values)).filter(Boolean))];
    problems.push({ check: 'pairing', item: where, reason: `names no workload that scopes it: ${reasons.join('; ')}` });
  } else if (!hasWorkload) {
    problems.push({
      check: 'pairing',
      item: where,
      reason: hasIdentity
        ? 'excepts an identity alone: pair it with the workload (image, executable path, namespace, pod owner, target object) or, on audit events without a target, the origin'
        : 'names no workload (image, executable path, namespace, pod owner, target object)',
    });
  } else if (needsIdentity(source) && !hasIdentity) {
    problems.push({ check: 'pairing', item: where, reason: `names no identity: on ${source} events it would except the action for anyone` });
  }
  return problems;
}

function checkValue(field: string, comp: string, value: string, where: string, warned: Set<string>): TuningProblem[] {
  const problems: TuningProblem[] = [];
  const volatile = volatileValueReason(field, value);
  if (volatile) problems.push({ check: 'volatile', item: where, reason: `${field} = ${value} ${volatile}` });
  if (isProcessNameField(field) && comp !== '!=' && isNeverAllowProgram(value)) {
    problems.push({ check: 'never-allow', item: where, reason: `${field} = ${value} is a general-purpose program: excepting it silences anything run through it` });
  }
  const name = (isProcessNameField(field) ? programName(value) : value).toLowerCase();
  if (warned.has(name)) problems.push({ check: 'self-contradiction', item: where, reason: `the report warns against allowing ${value}` });
  return problems;
}

function checkList(item: Obj, catalog: TuningCatalog, warned: Set<string>): TuningProblem[] {
  const name = str(item.list);
  const at = `list "${name}"`;
  const problems: TuningProblem[] = [];
  if ('append' in item) problems.push({ check: 'syntax', item: at, reason: 'uses the deprecated append key; use override' });
  const exists = catalog.hasList?.(name);
  if (!isObj(item.override)) {
    if (exists) problems.push({ check: 'syntax', item: at, reason: 'redefines an existing list, dropping its items; use override: {items: append}' });
  } else if (exists === false) {
    problems.push({ check: 'target', item: at, reason: 'names no loaded list: Falco refuses an override on it' });
  }
  for (const raw of Array.isArray(item.items) ? item.items : []) {
    const value = str(raw);
    if (isNeverAllowProgram(value)) {
      problems.push({ check: 'never-allow', item: at, reason: `${value} is a general-purpose program (shell, interpreter, web server, coreutil, download or privilege tool): listing it silences anything run through it` });
    }
    if (warned.has(programName(value).toLowerCase()) || warned.has(value.toLowerCase())) {
      problems.push({ check: 'self-contradiction', item: at, reason: `the report warns against adding ${value}` });
    }
  }
  return problems;
}

function checkMacro(item: Obj, catalog: TuningCatalog): TuningProblem[] {
  const name = str(item.macro);
  const at = `macro "${name}"`;
  const exists = catalog.hasMacro?.(name);
  if (!isObj(item.override)) {
    return exists ? [{ check: 'syntax', item: at, reason: 'redefines an existing macro; use override' }] : [];
  }
  return exists === false ? [{ check: 'target', item: at, reason: 'names no loaded macro: Falco refuses an override on it' }] : [];
}
