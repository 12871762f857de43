import type { Alert, IncidentSummary, RelatedIncident, RelatedResult } from '../../model';
import { HOSTNAME_FIELD, valueText } from './prevalence';

/** Fields that tie incidents together: the same container, pod, user, host or source address. */
export const RELATED_FIELDS = [
  'container.id',
  'k8s.pod.name',
  'user.name',
  'ka.user.name',
  'ct.user',
  'gcp.user',
  'okta.actor.name',
  'github.user',
  HOSTNAME_FIELD,
  'fd.cip',
  'ct.srcip',
  'okta.client.ip',
  'gcp.callerIP',
  'ka.sourceips',
];

/** Default window around the incident: related activity within an hour either side. */
export const RELATED_WINDOW_MS = 60 * 60 * 1000;
/** Related incidents listed; the rest are counted. */
export const RELATED_LIMIT = 50;

/** The values of RELATED_FIELDS the alert has (`container.id` `host` names no container). */
export function relatedKeys(alert: Alert): { field: string; value: string }[] {
  const out: { field: string; value: string }[] = [];
  for (const field of RELATED_FIELDS) {
    const value = field === HOSTNAME_FIELD ? alert.hostname : valueText(alert.outputFields[field]);
    if (value === undefined || value === '' || (field === 'container.id' && value === 'host')) continue;
    out.push({ field, value });
  }
  return out;
}

/** Whether two spans come within `windowMs` of each other; unknown times cannot be ruled out. */
function near(a: IncidentSummary, b: IncidentSummary, windowMs: number): boolean {
  if (Number.isNaN(a.firstSeenMs) || Number.isNaN(b.firstSeenMs)) return true;
  return b.lastSeenMs >= a.firstSeenMs - windowMs && b.firstSeenMs <= a.lastSeenMs + windowMs;
}

/**
 * Incidents sharing one of the given values with `self`, within `windowMs` of its span. Those
 * sharing more values come first, then the riskier, then the noisier. A value shared by a whole
 * host can bring tens of thousands of incidents: each is looked at once, and only the listed ones
 * become rows.
 */
export function relatedIncidents(
  self: IncidentSummary,
  shared: { field: string; value: string; incidents: readonly IncidentSummary[] }[],
  windowMs = RELATED_WINDOW_MS,
  limit = RELATED_LIMIT,
): RelatedResult {
  const found = new Map<string, { incident: IncidentSummary; shared: { field: string; value: string }[] }>();
  for (const { field, value, incidents } of shared) {
    for (const other of incidents) {
      if (other.id === self.id || !near(self, other, windowMs)) continue;
      const known = found.get(other.id);
      if (known) known.shared.push({ field, value });
      else found.set(other.id, { incident: other, shared: [{ field, value }] });
    }
  }
  const ranked = [...found.values()].sort(
    (a, b) =>
      b.shared.length - a.shared.length ||
      b.incident.riskScore - a.incident.riskScore ||
      b.incident.count - a.incident.count ||
      (a.incident.id < b.incident.id ? -1 : a.incident.id > b.incident.id ? 1 : 0),
  );
  const items: RelatedIncident[] = ranked.slice(0, limit).map(({ incident: o, shared: s }) => ({
    id: o.id,
    rule: o.rule,
    priority: o.priority,
    riskLevel: o.riskLevel,
    count: o.count,
    firstSeenMs: o.firstSeenMs,
    lastSeenMs: o.lastSeenMs,
    entityLabel: o.entity.label,
    shared: s,
  }));
  return { windowMs, items, more: Math.max(0, ranked.length - limit) };
}
