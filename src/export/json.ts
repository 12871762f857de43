import type { ParseIssue, Report } from '../model';
import { reportToMarkdown } from './markdown';

/** The CLI's JSON document: stable field names that pipelines can rely on. */
export interface JsonExport {
  alerts: number;
  problems: { file: string; line: number; message: string }[];
  incidents: {
    id: string;
    rule: string;
    priority: string;
    source: string;
    entity: string;
    count: number;
    firstSeen: string;
    lastSeen: string;
    risk: { score: number; level: string; factors: { label: string; delta: number; field: string; value: string; reason: string }[] };
    mitre: { id: string; name: string; tactic: string; tacticId: string }[];
    playbook: string | null;
    mitigations: string[];
    tuning: string;
    nextSteps: { title: string; command: string }[];
    markdown: string;
    /** Only when the user's rules files define or change the rule: the rule as loaded. */
    loadedRule?: {
      file: string;
      line: number;
      enabled: boolean;
      condition: string;
      expandedCondition: string;
      lists: { name: string; items: string[] }[];
      changes: { file: string; line: number; change: string }[];
    };
  }[];
}

export type JsonIncident = JsonExport['incidents'][number];

/** One incident of the JSON document (the CLI streams them one by one). */
export function incidentToJson(r: Report): JsonIncident {
  const json: JsonIncident = {
    id: r.incident.id,
    rule: r.incident.rule,
    priority: r.incident.priority,
    source: r.incident.source,
    entity: r.incident.entity.label,
    count: r.incident.count,
    firstSeen: r.incident.firstSeen,
    lastSeen: r.incident.lastSeen,
    risk: {
      score: r.risk.score,
      level: r.risk.level,
      factors: r.risk.factors.map(({ label, delta, field, value, reason }) => ({ label, delta, field, value, reason })),
    },
    mitre: r.mitre,
    playbook: r.playbook && !r.playbook.generic ? r.playbook.id : null,
    mitigations: [...r.mitigations.immediate, ...r.mitigations.shortTerm, ...r.mitigations.longTerm],
    tuning: r.tuning.yaml,
    nextSteps: r.nextSteps,
    markdown: reportToMarkdown(r),
  };
  if (r.rule) {
    const rule = r.rule.rule;
    json.loadedRule = {
      file: rule.origin.file,
      line: rule.origin.line,
      enabled: rule.enabled,
      condition: rule.condition,
      expandedCondition: r.rule.expandedCondition,
      lists: r.rule.lists.map((l) => ({ name: l.name, items: l.items })),
      changes: rule.changes.map((c) => ({ file: c.origin.file, line: c.origin.line, change: c.text })),
    };
  }
  return json;
}

export function toJsonExport(alerts: number, problems: readonly ParseIssue[], reports: Report[]): JsonExport {
  return {
    alerts,
    problems: problems.map(({ file, line, message }) => ({ file, line, message })),
    incidents: reports.map(incidentToJson),
  };
}
