import type { Alert, FieldExplanation, IncidentSummary, NextStep, Report, RuleDetail } from '../model';
import type { CommandTemplate, Playbook } from '../knowledge/types';
import { playbookForRule } from '../knowledge/playbooks';
import { explainField } from '../knowledge/fields';
import { mitreFromTags } from '../knowledge/mitre';
import { fillStep, fillText } from './fillTemplate';
import { genericContent, stripOutputPrefix } from './generic';
import { assessRisk } from './risk';
import { buildTuning } from './tuning';
import { commonObservations } from './observations';
import { mergeObservations } from '../knowledge/observation';
import { formatRange } from './time';
import { changeSentences, customRuleContent } from './customRule';

/** Top-level alert keys explained alongside output_fields, in the order an analyst reads them. */
const TOP_LEVEL_FIELDS: [keyof Alert, string][] = [
  ['rule', 'The name of the Falco rule whose condition matched.'],
  ['priority', "The rule's severity, from Emergency (highest) to Debug."],
  ['source', 'The event source the rule reads: syscall for the kernel, or a plugin (k8s_audit, aws_cloudtrail, ...).'],
  ['time', 'When the event happened (UTC, nanosecond precision).'],
  ['hostname', 'The machine (or Falco pod) that emitted the alert.'],
  ['uuid', 'Unique id of this alert, added by Falco for correlation across outputs.'],
];

export function explainFields(alert: Alert): FieldExplanation[] {
  const top: FieldExplanation[] = [];
  for (const [key, meaning] of TOP_LEVEL_FIELDS) {
    const value = alert[key];
    if (value === undefined || value === '') continue;
    top.push({ field: key, value: String(value), meaning });
  }
  if (alert.tags.length) {
    top.push({
      field: 'tags',
      value: alert.tags.join(', '),
      meaning: alert.tagsInferred
        ? "Inferred, not in the alert: the tags of today's upstream rule of this name (maturity, what it watches, MITRE ATT&CK)."
        : 'Labels from the rule: maturity, what it watches, and MITRE ATT&CK tactics and techniques.',
    });
  }
  const fields = Object.keys(alert.outputFields)
    .sort()
    .map((field) => ({ field, value: String(alert.outputFields[field]), meaning: explainField(field) }));
  return [...top, ...fields];
}

/**
 * The steps that apply where the event happened and that the alert fills completely. A step
 * with a hole (a missing field, a value that would be read as an option) is left out: a command
 * pasted at 3 a.m. must run as printed.
 */
export function nextSteps(templates: CommandTemplate[], alert: Alert): NextStep[] {
  return templates.flatMap((t) => fillStep(t, alert) ?? []);
}

function summaryParagraphs(incident: IncidentSummary, alert: Alert, playbook: Playbook | null, score: number, level: string, rule: RuleDetail | null): string[] {
  const when = formatRange(incident.firstSeen, incident.lastSeen);
  const times = incident.count === 1 ? 'once' : `${incident.count} times`;
  const hosts = incident.hostnames.length ? ` on ${incident.hostnames.join(', ')}` : '';
  const first = `Falco rule "${alert.rule}" (${alert.priority}, source ${alert.source}) fired ${times} for ${incident.entity.label}${hosts}${when ? `, ${when}` : ''}.`;
  const message = stripOutputPrefix(alert.output);
  const paragraphs = [first];
  if (message) paragraphs.push(`Falco reported: ${message}`);
  const judgement = playbook
    ? `Risk ${score}/100 (${level}). ${playbook.detects}`
    : rule && !rule.stock
      ? `Risk ${score}/100 (${level}). No playbook covers this rule: this report is built from its definition in ${rule.rule.origin.file}:${rule.rule.origin.line} (description, condition, lists, exceptions, tags).`
      : `Risk ${score}/100 (${level}). No playbook covers this rule, so this report is generic: built from the alert's tags, priority and fields.`;
  paragraphs.push(judgement);
  if (rule?.stock) {
    const changes = changeSentences(rule);
    if (changes.length) paragraphs.push(`Your rules files change this stock rule: ${changes.join(' ')}`);
  }
  return paragraphs;
}

/**
 * The full incident report for one incident, from its representative alert and, when the user's
 * rules files define or change its rule, the rule as loaded.
 */
export function buildReport(incident: IncidentSummary, sample: Alert, rule: RuleDetail | null = null): Report {
  // An alert without tags (older Falco outputs omit them) takes its loaded rule's: risk and ATT&CK use them.
  const alert = sample.tags.length === 0 && rule && rule.rule.tags.length > 0 ? { ...sample, tags: rule.rule.tags, tagsInferred: true } : sample;
  const playbook = playbookForRule(alert.rule);
  const custom = rule && !rule.stock ? rule : null;
  const content = playbook ?? (custom ? customRuleContent(alert, custom) : genericContent(alert));
  const risk = assessRisk(alert);
  const specific = playbook?.observe?.(alert) ?? [];
  const observations = mergeObservations(commonObservations(alert, incident), specific);
  if (rule && rule.rule.priority && rule.rule.priority.toLowerCase() !== alert.priority.toLowerCase() && !rule.rule.stockOnly) {
    observations.push(`The loaded rule's priority is ${rule.rule.priority}, the alert's ${alert.priority}: the alert was raised before the rules files changed it, or by other rules.`);
  }
  const report: Report = {
    incident,
    alert,
    playbook: playbook
      ? { id: playbook.id, title: playbook.title, generic: false }
      : custom
        ? { id: 'custom-rule', title: `Custom rule from ${custom.rule.origin.file}`, generic: false }
        : { id: 'generic', title: 'Generic report (no playbook for this rule)', generic: true },
    summary: summaryParagraphs(incident, alert, playbook, risk.score, risk.level, rule),
    detects: content.detects,
    whyItMatters: content.whyItMatters,
    benignCauses: content.benignCauses,
    distinguish: content.distinguish,
    observations: [...new Set(observations)],
    fields: explainFields(alert),
    risk,
    mitre: mitreFromTags(alert.tags),
    mitigations: {
      immediate: content.mitigations.immediate.map((m) => fillText(m, alert)),
      shortTerm: content.mitigations.shortTerm.map((m) => fillText(m, alert)),
      longTerm: content.mitigations.longTerm.map((m) => fillText(m, alert)),
    },
    tuning: buildTuning(alert, playbook, rule),
    nextSteps: nextSteps(content.investigate, alert),
  };
  if (rule) report.rule = rule;
  return report;
}
