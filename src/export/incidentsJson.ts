import type { IncidentSummary, SavedTriageNote } from '../model';

/** One incident of the list export: what the list row shows, plus the analyst's triage. */
export interface ListedIncident {
  id: string;
  rule: string;
  priority: string;
  source: string;
  entity: { kind: string; field: string; value: string; label: string };
  risk: { score: number; level: string };
  alerts: number;
  firstSeen: string;
  lastSeen: string;
  hostnames: string[];
  containerImage: string | null;
  k8sNamespace: string | null;
  tags: string[];
  mitreTactics: string[];
  status: string;
  notes: string;
}

/** The filtered or selected incidents as JSON (for scripts and tickets), in list order. */
export function incidentsToJson(incidents: readonly IncidentSummary[], triage: Readonly<Record<string, SavedTriageNote>>, generatedAt: string): string {
  const listed: ListedIncident[] = incidents.map((i) => {
    const note = Object.hasOwn(triage, i.id) ? triage[i.id] : undefined;
    return {
      id: i.id,
      rule: i.rule,
      priority: i.priority,
      source: i.source,
      entity: { kind: i.entity.kind, field: i.entity.field, value: i.entity.value, label: i.entity.label },
      risk: { score: i.riskScore, level: i.riskLevel },
      alerts: i.count,
      firstSeen: i.firstSeen,
      lastSeen: i.lastSeen,
      hostnames: i.hostnames,
      containerImage: i.containerImage ?? null,
      k8sNamespace: i.k8sNamespace ?? null,
      tags: i.tags,
      mitreTactics: i.tactics,
      status: note?.status ?? 'new',
      notes: note?.notes ?? '',
    };
  });
  return `${JSON.stringify({ generatedAt, incidents: listed }, null, 2)}\n`;
}
