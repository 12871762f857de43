import { lookupTable } from '../knowledge/lookupTable';
import type { Alert, RuleDetail, Tuning } from '../model';
import type { Playbook } from '../knowledge/types';
import { fieldText } from '../knowledge/fieldValue';
import { catalogEntry } from '../knowledge/ruleCatalog';
import { LIST_VALUE_OPERATORS, fieldInfo } from '../knowledge/fieldMetadata';
import { listValues } from '../knowledge/listValue';
import { internalEventTuning, isFalcoInternalRule } from '../knowledge/falcoInternal';
import { defaultOffMacro } from '../knowledge/defaultOffRules';
import {
  isIdentityField,
  isNeverAllowProgram,
  isOriginField,
  isProcessNameField,
  isVolatileField,
  scopesWorkload,
  needsIdentity,
  podOwnerPrefix,
  volatileValueReason,
} from '../knowledge/exceptionPolicy';
import { validateTuningDocument, type TuningCatalog, type TuningValidationOptions } from './tuningValidator';
import { Flow, Quoted, tuningJs, tuningYaml, type FlowItem, type YamlMap, type YamlNode } from './tuningYaml';

/**
 * Fields to fall back on when the playbook's own do not name both who and what, per event source:
 * identity and workload fields first (see knowledge/exceptionPolicy.ts).
 */
const GENERIC_TUNING_FIELDS: Record<string, string[]> = lookupTable({
  syscall: ['container.image.repository', 'proc.exepath', 'k8s.ns.name', 'proc.name'],
  k8s_audit: ['ka.user.name', 'ka.target.namespace', 'ka.target.name'],
  aws_cloudtrail: ['ct.user.arn', 'ct.user', 's3.bucket', 'ct.region', 'ct.srcip'],
  gcp_auditlog: ['gcp.user', 'gcp.resourceName', 'gcp.projectId', 'gcp.callerIP'],
  okta: ['okta.actor.name', 'okta.target.user.name', 'okta.app', 'okta.client.ip'],
  github: ['github.user', 'github.repo.name', 'github.repo', 'github.org'],
});

const MAX_EXCEPTION_FIELDS = 3;

/** Where the upstream rules file is installed by Falco's packages and charts. */
const INSTALLED_RULES_FILE: Record<string, string> = lookupTable({
  'falco_rules.yaml': '/etc/falco/falco_rules.yaml',
  'falco-incubating_rules.yaml': '/etc/falco/falco-incubating_rules.yaml',
  'falco-sandbox_rules.yaml': '/etc/falco/falco-sandbox_rules.yaml',
  'archive/falco-deprecated_rules.yaml': '/etc/falco/falco-deprecated_rules.yaml',
  'plugins/k8s_audit_rules.yaml': '/etc/falco/k8s_audit_rules.yaml',
  'plugins/k8s_audit_rules_gke.yaml': '/etc/falco/k8s_audit_rules_gke.yaml',
  'plugins/aws_cloudtrail_rules.yaml': '/etc/falco/aws_cloudtrail_rules.yaml',
  'plugins/gcp_auditlog_rules.yaml': '/etc/falco/gcp_auditlog_rules.yaml',
  'plugins/okta_rules.yaml': '/etc/falco/okta_rules.yaml',
  'plugins/github.yaml': '/etc/falco/github.yaml',
});
const LOCAL_RULES_FILE = '/etc/falco/falco_rules.local.yaml';

/** One condition of an exception: field, operator and the value(s) it matches. */
export interface ExceptionClause {
  field: string;
  comp: '=' | 'in' | 'startswith';
  /** One value, or the list `in` takes. */
  value: string | string[];
}

/** A candidate field left out of the exception, and why (shown in the explanation). */
export interface LeftOut {
  field: string;
  reason: string;
  /** The value, for reasons the explanation gives once for several fields (general-purpose programs). */
  value?: string;
}

/** Why a process name is never excepted; said once however many fields it leaves out. */
const GENERAL_PURPOSE = 'general-purpose program';
const generalPurpose = (n: number) =>
  n === 1 ? 'as a general-purpose program: an exception on it would silence anything run through it' : 'as general-purpose programs: an exception on them would silence anything run through them';

/**
 * The clause a field contributes, or why it cannot: the field must exist for the source, hold a
 * stable value, and not name a general-purpose program. List fields take `in` with every item (all
 * of the pod's images must be known ones); a generated pod name becomes its owner's prefix.
 */
export function clauseFor(alert: Alert, field: string): ExceptionClause | LeftOut | null {
  const text = fieldText(alert, field);
  if (text === undefined) return null;
  const info = fieldInfo(field, alert.source);
  if (!info) return { field, reason: `not a field Falco accepts for ${alert.source} events` };
  if (isVolatileField(field)) return { field, reason: 'changes with every event' };
  if (info.list) {
    const items = listValues(text);
    const bad = items.map((v) => volatileValueReason(field, v)).find(Boolean);
    if (items.length === 0 || bad) return { field, reason: bad ?? 'empty list' };
    return { field, comp: 'in', value: items };
  }
  const owner = podOwnerPrefix(text);
  if (owner !== undefined && volatileValueReason(field, text)) {
    return { field, comp: 'startswith', value: owner };
  }
  const volatile = volatileValueReason(field, text);
  if (volatile) return { field, reason: `${text} ${volatile}` };
  if (isProcessNameField(field) && isNeverAllowProgram(text)) {
    return { field, reason: GENERAL_PURPOSE, value: text };
  }
  return { field, comp: '=', value: text };
}

const isClause = (c: ExceptionClause | LeftOut): c is ExceptionClause => 'comp' in c;

const clauseValues = (c: ExceptionClause): string[] => (Array.isArray(c.value) ? c.value.map(String) : [String(c.value)]);

/**
 * Pick the exception: a workload clause always (and an identity clause on audit sources), then the
 * playbook's preferences in order, up to three. Returns the clauses in preference order, or none
 * when the alert offers no safe pair.
 */
export function exceptionClauses(alert: Alert, playbook: Playbook | null): { clauses: ExceptionClause[]; leftOut: LeftOut[] } {
  const candidates = [...new Set([...(playbook?.tuningFields ?? []), ...(GENERIC_TUNING_FIELDS[alert.source] ?? [])])];
  const usable: ExceptionClause[] = [];
  const leftOut: LeftOut[] = [];
  for (const field of candidates) {
    const c = clauseFor(alert, field);
    if (c === null) continue;
    if (isClause(c)) usable.push(c);
    else leftOut.push(c);
  }
  const identity = usable.find((c) => isIdentityField(c.field));
  const workload =
    usable.find((c) => scopesWorkload(c.field, clauseValues(c))) ?? (identity && needsIdentity(alert.source) ? usable.find((c) => isOriginField(c.field)) : undefined);
  if (!workload || (needsIdentity(alert.source) && !identity)) return { clauses: [], leftOut };
  const chosen = new Set<ExceptionClause>([workload]);
  if (identity) chosen.add(identity);
  for (const c of usable) if (chosen.size < MAX_EXCEPTION_FIELDS) chosen.add(c);
  return { clauses: usable.filter((c) => chosen.has(c)), leftOut };
}

/** Every value double-quoted: YAML must never read an alert value as a number, bool or null. */
const quoted = (value: string) => new Quoted(value);

function exceptionName(fields: string[]): string {
  return `falcoscope_${fields.map((f) => f.replace(/[^a-z0-9]+/gi, '_')).join('_')}`.toLowerCase();
}


/**
 * The rules loaded in Falco as far as this alert shows: the upstream catalog, plus the alert's own
 * rule (Falco raised the alert, so a rule of that name is loaded; Falco's own messages excepted).
 */
export function alertCatalog(alert: Alert, rule?: RuleDetail | null): TuningCatalog {
  const own = (name: string) => name.trim().toLowerCase() === alert.rule.trim().toLowerCase();
  return {
    ruleSource: (name) =>
      (rule && rule.rule.name === name ? rule.rule.source : undefined) ??
      catalogEntry(name)?.source ??
      (own(name) && !isFalcoInternalRule(name) ? alert.source : undefined),
    // The named exceptions of the rule as the user's files define it.
    ruleException: (ruleName, exceptionName) =>
      rule && rule.rule.name === ruleName ? rule.rule.exceptions.find((e) => e.name === exceptionName && e.fields !== undefined) : undefined,
  };
}

/** Everything the report says in prose about this rule: the snippet must not contradict it. */
export function playbookText(playbook: Playbook | null): string {
  if (!playbook) return '';
  const m = playbook.mitigations;
  return [playbook.detects, playbook.whyItMatters, ...playbook.benignCauses, ...playbook.distinguish, ...m.immediate, ...m.shortTerm, ...m.longTerm, playbook.allowList?.note ?? ''].join('\n');
}

/**
 * What the snippet's values do not show on their own: a prefix match and why. The fields and values
 * themselves are in the YAML printed right after, so the explanation does not repeat them.
 */
function prefixNotes(clauses: ExceptionClause[]): string {
  const prefixed = clauses.filter((c) => c.comp === 'startswith').map((c) => c.field);
  return prefixed.length ? ` ${prefixed.join(', ')} match by prefix: pods of the same owner share it, the generated suffix changes with every pod.` : '';
}

/** The fields left out and why, each reason said once for the fields it applies to. */
function leftOutText(leftOut: LeftOut[]): string {
  const byReason = new Map<string, LeftOut[]>();
  for (const l of leftOut) byReason.set(l.reason, [...(byReason.get(l.reason) ?? []), l]);
  const parts = [...byReason].map(([reason, fields]) =>
    reason === GENERAL_PURPOSE
      ? `${fields.map((l) => `${l.field} (${l.value})`).join(', ')}, ${generalPurpose(fields.length)}`
      : `${fields.map((l) => l.field).join(', ')} (${reason})`,
  );
  return parts.length ? ` Left out: ${parts.join('; ')}.` : '';
}

function noSnippet(reason: string): Tuning {
  return { yaml: '', explanation: reason };
}

/**
 * A Falco tuning snippet for this alert's pattern: an exception appended to the rule (current
 * `override` syntax) that pairs who with what, written so alert values can never break the document (analyze/tuningYaml.ts), and checked by the tuning validator before it is shown. Falco's own messages
 * get their falco.yaml setting. When no safe exception exists the report says why instead of
 * printing a hole.
 */
export function buildTuning(alert: Alert, playbook: Playbook | null, rule?: RuleDetail | null): Tuning {
  if (isFalcoInternalRule(alert.rule)) {
    const internal = internalEventTuning(alert.rule);
    return { yaml: internal.yaml, explanation: internal.explanation, target: 'falco.yaml' };
  }
  const entry = catalogEntry(alert.rule);
  const rulesFile = INSTALLED_RULES_FILE[entry?.file ?? ''];
  const custom = rule && !rule.stock ? rule.rule.origin.file : undefined;
  const validate = rulesFile
    ? `falco -V ${rulesFile} -V ${LOCAL_RULES_FILE}`
    : // In words, not a `<placeholder>`: the report would render it as a command to paste.
      `falco -V, given first the path of ${custom ?? 'the rules file that defines this rule'} and then -V ${LOCAL_RULES_FILE}`;
  const where = custom
    ? `Put it in ${LOCAL_RULES_FILE} (or any rules file loaded after ${custom}); check with: ${validate}`
    : `Put it in ${LOCAL_RULES_FILE} (loaded after the upstream rules); check with: ${validate}`;
  const options = { catalog: alertCatalog(alert, rule), reportText: playbookText(playbook) };
  if (playbook?.noException) return noSnippet(`No safe exception: ${playbook.noException}`);
  const named = rule ? namedExceptionTuning(alert, rule, options, where) : null;
  if (named) return named;
  const { clauses, leftOut } = exceptionClauses(alert, playbook);
  const alternative = allowListAlternative(alert, playbook, options);

  if (clauses.length === 0 && alternative) {
    // The rule's own allow-list is the tuning its authors intended (allowed_k8s_users ...).
    return {
      yaml: alternative.yaml,
      explanation: `No exception that pairs who with what is safe for this alert. ${alternative.explanation} ${where}`,
    };
  }
  const offMacro = defaultOffMacro(alert.rule);
  if (clauses.length === 0 && offMacro) {
    return {
      yaml: tuningYaml([{ macro: offMacro.macro, condition: offMacro.condition, override: { condition: 'replace' } }]),
      explanation: `"${alert.rule}" is off upstream: its condition requires the macro ${offMacro.macro}, which is never true until someone overrides it. This restores the upstream macro. ${where}`,
    };
  }
  if (clauses.length === 0) {
    if (entry && !entry.enabled) {
      // The rule is off upstream: someone enabled it, and turning it off again restores the default.
      return {
        yaml: tuningYaml([{ rule: alert.rule, enabled: false, override: { enabled: 'replace' } }]),
        explanation: `"${alert.rule}" is disabled in the upstream rules file and was enabled here; this restores the default. ${where}`,
      };
    }
    const needs = needsIdentity(alert.source) ? 'who acted (user or principal) and what was acted on' : 'the workload (image, executable path, namespace)';
    return noSnippet(
      `No safe exception: it must name ${needs} with values that stay the same from event to event, and this alert has none.${leftOutText(leftOut)} ` +
        'Do not disable the rule (it would go blind for everyone); once the activity is confirmed benign, write an exception by hand on stable fields that identify it.',
    );
  }

  const fields = clauses.map((c) => c.field);
  const exception = {
    name: exceptionName(fields),
    fields: new Flow(fields),
    comps: new Flow(clauses.map((c) => c.comp)),
    values: [new Flow(clauses.map((c) => (Array.isArray(c.value) ? new Flow(c.value.map(quoted)) : quoted(c.value))))],
  };
  const items: YamlMap[] = [{ rule: alert.rule, exceptions: [exception], override: { exceptions: 'append' } }];
  const problems = validateTuningDocument(tuningJs(items), options);
  if (problems.length > 0) {
    return noSnippet(`No safe exception: the one this alert suggests would ${problems.map((p) => p.reason).join('; ')}.`);
  }
  const tuning: Tuning = {
    yaml: tuningYaml(items),
    explanation:
      `Add it only once the activity is confirmed benign: it skips events matching every value below; others still alert.` +
      `${prefixNotes(clauses)}${leftOutText(leftOut)} ${where}`,
  };
  if (alternative) tuning.alternative = alternative;
  return tuning;
}

/** Appending the alert's value to the list the rule consults, when that opens no hole. */
function allowListAlternative(
  alert: Alert,
  playbook: Playbook | null,
  options: TuningValidationOptions,
): Tuning['alternative'] | undefined {
  const allowList = playbook?.allowList;
  const text = allowList ? fieldText(alert, allowList.field) : undefined;
  if (!allowList || text === undefined) return undefined;
  const items = fieldInfo(allowList.field, alert.source)?.list ? listValues(text) : [text];
  if (items.length === 0 || items.some((v) => volatileValueReason(allowList.field, v))) return undefined;
  const snippet: YamlMap[] = [{ list: allowList.list, items: new Flow(items.map(quoted)), override: { items: 'append' } }];
  if (validateTuningDocument(tuningJs(snippet), options).length > 0) return undefined;
  return { yaml: tuningYaml(snippet), explanation: `The rule consults the list ${allowList.list} (${allowList.field} values). ${allowList.note}` };
}

/**
 * The values of one of the rule's own named exceptions, taken from the alert, appended to it:
 * the rule author chose those fields, so this is the tuning they meant. The first exception whose
 * every field the alert fills with a stable value, and which the validator accepts; null when none.
 */
function namedExceptionTuning(alert: Alert, rule: RuleDetail, options: TuningValidationOptions, where: string): Tuning | null {
  for (const ex of rule.rule.exceptions) {
    const single = typeof ex.fields === 'string';
    const fields = Array.isArray(ex.fields) ? ex.fields.map(String) : single ? [ex.fields as string] : [];
    if (fields.length === 0) continue;
    const comps = single ? [typeof ex.comps === 'string' ? ex.comps : 'in'] : Array.isArray(ex.comps) ? ex.comps.map(String) : fields.map(() => '=');
    const row: FlowItem[] = [];
    for (const [i, field] of fields.entries()) {
      const text = fieldText(alert, field);
      if (text === undefined || isVolatileField(field) || volatileValueReason(field, text)) break;
      const comp = (comps[i] ?? '=').trim();
      const listField = fieldInfo(field, alert.source)?.list === true;
      // Single-field form: a flat list of values, each compared with `in`.
      if (single) row.push(quoted(text));
      else if (LIST_VALUE_OPERATORS.has(comp)) row.push(new Flow((listField ? listValues(text) : [text]).map(quoted)));
      else row.push(quoted(text));
    }
    if (row.length !== fields.length) continue;
    const values: YamlNode = single ? new Flow(row) : [new Flow(row)];
    const snippet: YamlMap[] = [{ rule: rule.rule.name, exceptions: [{ name: ex.name, values }], override: { exceptions: 'append' } }];
    if (validateTuningDocument(tuningJs(snippet), options).length > 0) continue;
    const pairs = fields.map((f, i) => `${f} ${single ? 'in' : (comps[i] ?? '=').trim()} ${fieldText(alert, f)}`).join(' and ');
    return {
      yaml: tuningYaml(snippet),
      explanation:
        `Appends a row of values to the rule's own exception ${ex.name} (defined in ${rule.rule.origin.file}:${rule.rule.origin.line} on ${fields.join(', ')}), ` +
        `so events where ${pairs} no longer alert; every other event still does. Add it only once the activity is confirmed benign. ${where}`,
    };
  }
  return null;
}

