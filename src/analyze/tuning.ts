import { Document, Scalar, YAMLSeq } from 'yaml';
import { lookupTable } from '../knowledge/lookupTable';
import type { Alert, Tuning } from '../model';
import type { Playbook } from '../knowledge/types';
import { fieldText } from '../knowledge/fieldValue';
import { catalogEntry } from '../knowledge/ruleCatalog';

/** Identity fields to fall back on when a rule has no playbook, per event source. */
const GENERIC_TUNING_FIELDS: Record<string, string[]> = lookupTable({
  syscall: ['proc.exepath', 'proc.name', 'container.image.repository', 'k8s.ns.name'],
  k8s_audit: ['ka.user.name', 'ka.target.namespace', 'ka.target.resource'],
  aws_cloudtrail: ['ct.user.arn', 'ct.user', 'ct.name'],
  gcp_auditlog: ['gcp.user', 'gcp.methodName'],
  okta: ['okta.actor.name', 'okta.evt.type'],
  github: ['github.user', 'github.repo'],
});

/** Fields that change with every event: an exception on them would never match again. */
const VOLATILE = /^(evt\.(time|rawtime|num|latency|datetime|args?)|proc\.(pid|ppid|vpid|tid)|fd\.num|evt\.arg\.(fd|res))/;
/** A plain field name Falco accepts in `exceptions.fields` (no `[index]` arguments). */
const PLAIN_FIELD = /^[a-z][a-z0-9_]*(\.[a-zA-Z0-9_]+)+$/;
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

/** Pick the exception fields: the playbook's preference, then generic ones, present in the alert. */
export function exceptionFields(alert: Alert, playbook: Playbook | null): { field: string; value: string }[] {
  const candidates = [...(playbook?.tuningFields ?? []), ...(GENERIC_TUNING_FIELDS[alert.source] ?? [])];
  const picked: { field: string; value: string }[] = [];
  for (const field of new Set(candidates)) {
    if (!PLAIN_FIELD.test(field) || VOLATILE.test(field)) continue;
    const value = fieldText(alert, field);
    if (value === undefined) continue;
    picked.push({ field, value });
    if (picked.length === MAX_EXCEPTION_FIELDS) break;
  }
  return picked;
}

/** Every value double-quoted: YAML must never read an alert value as a number, bool or null. */
function quoted(value: string): Scalar {
  const scalar = new Scalar(value);
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}

function flowSeq(doc: Document, items: unknown[]): YAMLSeq {
  const seq = doc.createNode(items) as YAMLSeq;
  seq.flow = true;
  return seq;
}

function exceptionName(fields: string[]): string {
  return `falcoscope_${fields.map((f) => f.replace(/[^a-z0-9]+/gi, '_')).join('_')}`.toLowerCase();
}

function toYaml(doc: Document): string {
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/**
 * A Falco rules snippet that silences exactly this alert's pattern: an exception appended to the
 * rule (current `override` syntax), or, when the alert names nothing to match on, the rule
 * disabled. Built with the yaml library, so alert values can never break the document.
 */
export function buildTuning(alert: Alert, playbook: Playbook | null): Tuning {
  const picked = exceptionFields(alert, playbook);
  const rulesFile = INSTALLED_RULES_FILE[catalogEntry(alert.rule)?.file ?? ''];
  const validate = rulesFile
    ? `falco -V ${rulesFile} -V ${LOCAL_RULES_FILE}`
    : `falco -V <the rules file that defines this rule> -V ${LOCAL_RULES_FILE}`;
  const doc = new Document();
  if (picked.length === 0) {
    doc.contents = doc.createNode([
      { rule: alert.rule, enabled: false, override: { enabled: 'replace' } },
    ]) as YAMLSeq;
    return {
      yaml: toYaml(doc),
      explanation:
        `The alert carries no field that identifies a benign actor, so the only exact silencer is disabling the rule. ` +
        `Do that only if the rule is of no use in this environment. Put the snippet in ${LOCAL_RULES_FILE} ` +
        `(loaded after the upstream rules) and check it with: ${validate}`,
    };
  }
  const fields = picked.map((p) => p.field);
  const exception = {
    name: exceptionName(fields),
    fields: flowSeq(doc, fields),
    comps: flowSeq(doc, fields.map(() => '=')),
    values: doc.createNode([flowSeq(doc, picked.map((p) => quoted(p.value)))]),
  };
  doc.contents = doc.createNode([
    { rule: alert.rule, exceptions: [exception], override: { exceptions: 'append' } },
  ]) as YAMLSeq;
  const matchText = picked.map((p) => `${p.field} = ${p.value}`).join(' and ');
  const tuning: Tuning = {
    yaml: toYaml(doc),
    explanation:
      `Appends an exception to "${alert.rule}" that skips events where ${matchText}; every other event still alerts. ` +
      `Add it only once the activity is confirmed benign. Put it in ${LOCAL_RULES_FILE} (loaded after the upstream rules) ` +
      `and check it with: ${validate}`,
  };
  const allowList = playbook?.allowList;
  const listValue = allowList ? fieldText(alert, allowList.field) : undefined;
  if (allowList && listValue !== undefined) {
    const listDoc = new Document();
    listDoc.contents = listDoc.createNode([
      { list: allowList.list, items: flowSeq(listDoc, [quoted(listValue)]), override: { items: 'append' } },
    ]) as YAMLSeq;
    tuning.alternative = {
      yaml: toYaml(listDoc),
      explanation: `The rule consults the list ${allowList.list} (${allowList.field} values). ${allowList.note}`,
    };
  }
  return tuning;
}
