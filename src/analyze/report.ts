import type { Alert, FieldExplanation, IncidentSummary, NextStep, Report } from '../model';
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

function summaryParagraphs(incident: IncidentSummary, alert: Alert, playbook: Playbook | null, score: number, level: string): string[] {
  const when = formatRange(incident.firstSeen, incident.lastSeen);
  const times = incident.count === 1 ? 'once' : `${incident.count} times`;
  const hosts = incident.hostnames.length ? ` on ${incident.hostnames.join(', ')}` : '';
  const first = `Falco rule "${alert.rule}" (${alert.priority}, source ${alert.source}) fired ${times} for ${incident.entity.label}${hosts}${when ? `, ${when}` : ''}.`;
  const message = stripOutputPrefix(alert.output);
  const paragraphs = [first];
  if (message) paragraphs.push(`Falco reported: ${message}`);
  const judgement = playbook
    ? `Risk ${score}/100 (${level}). ${playbook.detects}`
    : `Risk ${score}/100 (${level}). No playbook covers this rule, so this report is generic: built from the alert's tags, priority and fields.`;
  paragraphs.push(judgement);
  return paragraphs;
}

/** The full incident report for one incident, from its representative alert. */
export function buildReport(incident: IncidentSummary, alert: Alert): Report {
  const playbook = playbookForRule(alert.rule);
  const content = playbook ?? genericContent(alert);
  const risk = assessRisk(alert);
  const specific = playbook?.observe?.(alert) ?? [];
  const observations = mergeObservations(commonObservations(alert, incident), specific);
  return {
    incident,
    alert,
    playbook: playbook
      ? { id: playbook.id, title: playbook.title, generic: false }
      : { id: 'generic', title: 'Generic report (no playbook for this rule)', generic: true },
    summary: summaryParagraphs(incident, alert, playbook, risk.score, risk.level),
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
    tuning: buildTuning(alert, playbook),
    nextSteps: nextSteps(content.investigate, alert),
  };
}
