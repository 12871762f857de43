import type { Alert, IncidentSummary, NextStep, Report, ReportHeadline, Risk, RuleDetail } from '../model';
import type { CommandTemplate } from '../knowledge/types';
import { playbookForRule } from '../knowledge/playbooks';
import { mitreFromTags } from '../knowledge/mitre';
import { fillStep, fillText } from './fillTemplate';
import { genericContent } from './generic';
import { assessRisk } from './risk';
import { buildTuning } from './tuning';
import { commonObservations, drillObservations } from './observations';
import { mergeObservations } from '../knowledge/observation';
import { formatRange } from './time';
import { changeSentences, customRuleContent } from './customRule';
import { judgeRisk, topFactors } from './verdict';
import { fitMitigations, fitProse } from './reportFit';
import { activityBins } from './activity';
import { eventGeneratorDoubt } from '../knowledge/eventGenerator';
import { fieldText } from '../knowledge/fieldValue';
import { testPayload } from '../knowledge/testPayload';
import { reportRecord } from './reportFields';

/**
 * The steps that apply where the event happened and that the alert fills completely. A step
 * with a hole (a missing field, a value that would be read as an option) is left out: a command
 * pasted at 3 a.m. must run as printed.
 */
export function nextSteps(templates: CommandTemplate[], alert: Alert): NextStep[] {
  return templates.flatMap((t) => fillStep(t, alert) ?? []);
}

/**
 * One line of who did what, where, when: the entity (and the user, when the entity is not one),
 * the rule, the hosts the entity label does not already name, how often and when.
 */
export function headlineLine(incident: IncidentSummary, alert: Alert): string {
  const when = formatRange(incident.firstSeen, incident.lastSeen);
  const times = incident.count === 1 ? 'once' : `${incident.count} times`;
  const user = fieldText(alert, 'user.name');
  const who = user && incident.entity.kind !== 'k8s-user' && incident.entity.kind !== 'account' && incident.entity.kind !== 'cloud-principal' ? ` as user ${user}` : '';
  const hosts = incident.hostnames.filter((h) => !incident.entity.label.includes(h));
  const where = hosts.length ? ` on ${hosts.join(', ')}` : '';
  return `${incident.entity.label}${who}${where} triggered "${alert.rule}" (${alert.priority}, ${alert.source}) ${times}${when ? `, ${when}` : ''}.`;
}

function headlineOf(incident: IncidentSummary, alert: Alert, risk: Risk, steps: NextStep[]): ReportHeadline {
  const verdict = judgeRisk(risk, { claimsToBeDrill: eventGeneratorDoubt(alert) !== undefined, testPayloadWhy: testPayload(alert)?.why });
  return { line: headlineLine(incident, alert), verdict, topFactors: topFactors(risk), firstAction: steps[0] ?? null };
}

/**
 * What the user's rules files say about the incident's rule: for a custom rule, where its report
 * comes from; for a stock rule they change, what they change.
 */
function ruleNotes(rule: RuleDetail | null): string[] {
  if (rule && !rule.stock) {
    return [`No playbook covers this rule: this report is built from its definition in ${rule.rule.origin.file}:${rule.rule.origin.line} (description, condition, lists, exceptions, tags).`];
  }
  const changes = rule?.stock ? changeSentences(rule) : [];
  return changes.length ? [`Your rules files change this stock rule: ${changes.join(' ')}`] : [];
}

/**
 * The alert a report speaks for: the sample itself, or, when it has no tags (older Falco outputs
 * omit them) and its loaded rule has some, the sample with the rule's: risk and ATT&CK use them.
 */
export function reportAlert(sample: Alert, rule: RuleDetail | null = null): Alert {
  return sample.tags.length === 0 && rule && rule.rule.tags.length > 0 ? { ...sample, tags: rule.rule.tags, tagsInferred: true } : sample;
}

/** The risk score the incident's report shows, without building the report (an export's overview). */
export function reportRiskScore(sample: Alert, rule: RuleDetail | null = null): number {
  return assessRisk(reportAlert(sample, rule)).score;
}

/**
 * The full incident report for one incident, from its representative alert; when the user's rules
 * files define or change its rule, the rule as loaded; for the Summary's chart, the incident's
 * (time in ms, alert count) points.
 */
export function buildReport(incident: IncidentSummary, sample: Alert, rule: RuleDetail | null = null, timeline: Iterable<readonly [number, number]> = []): Report {
  const alert = reportAlert(sample, rule);
  const playbook = playbookForRule(alert.rule);
  const custom = rule && !rule.stock ? rule : null;
  const content = playbook ?? (custom ? customRuleContent(alert, custom) : genericContent(alert));
  const risk = assessRisk(alert);
  const specific = playbook?.observe?.(alert) ?? [];
  const observations = mergeObservations(commonObservations(alert, incident), specific);
  if (rule && rule.rule.priority && rule.rule.priority.toLowerCase() !== alert.priority.toLowerCase() && !rule.rule.stockOnly) {
    observations.push(`The loaded rule's priority is ${rule.rule.priority}, the alert's ${alert.priority}: the alert was raised before the rules files changed it, or by other rules.`);
  }
  const steps = nextSteps(content.investigate, alert);
  const headline = headlineOf(incident, alert, risk, steps);
  const mitigations = {
    immediate: content.mitigations.immediate.map((m) => fillText(m, alert)),
    shortTerm: content.mitigations.shortTerm.map((m) => fillText(m, alert)),
    longTerm: content.mitigations.longTerm.map((m) => fillText(m, alert)),
  };
  const prose = fitProse(
    {
      // What the rule detects and why it matters, said here once; the headline says who, where, when.
      summary: [content.detects, content.whyItMatters, ...ruleNotes(rule)],
      benignCauses: content.benignCauses,
      distinguish: content.distinguish,
      observations: [...new Set(observations)],
    },
    headline.verdict,
    drillObservations(alert),
  );
  // Worked out from the whole alert above; carried cut to what a page lays out (see reportFields).
  const record = reportRecord(alert);
  const report: Report = {
    incident,
    headline,
    activity: activityBins(timeline),
    alert: record.alert,
    playbook: playbook
      ? { id: playbook.id, title: playbook.title, generic: false }
      : custom
        ? { id: 'custom-rule', title: `Custom rule from ${custom.rule.origin.file}`, generic: false }
        : { id: 'generic', title: 'Generic report (no playbook for this rule)', generic: true },
    summary: prose.summary,
    detects: content.detects,
    whyItMatters: content.whyItMatters,
    benignCauses: prose.benignCauses,
    distinguish: prose.distinguish,
    observations: prose.observations,
    fields: record.fields,
    fieldCount: record.fieldCount,
    risk,
    mitre: mitreFromTags(alert.tags),
    mitigations: fitMitigations(mitigations, headline.verdict, risk),
    tuning: buildTuning(alert, playbook, rule),
    nextSteps: steps,
  };
  if (record.cut) report.cut = record.cut;
  if (rule) report.rule = rule;
  return report;
}
