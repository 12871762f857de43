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

const SEVERITY = ['Emergency', 'Alert', 'Critical', 'Error', 'Warning', 'Notice', 'Informational', 'Debug'];

/**
 * Incidents sharing one of the given values with `self`, within `windowMs` of its span. Those
 * sharing more values come first, then the riskier, then the noisier.
 */
export function relatedIncidents(
  self: IncidentSummary,
  shared: { field: string; value: string; incidents: readonly IncidentSummary[] }[],
  windowMs = RELATED_WINDOW_MS,
  limit = RELATED_LIMIT,
): RelatedResult {
  const byId = new Map<string, RelatedIncident>();
  const risk = new Map<string, number>();
  for (const { field, value, incidents } of shared) {
    for (const other of incidents) {
      if (other.id === self.id || !near(self, other, windowMs)) continue;
      let row = byId.get(other.id);
      if (!row) {
        row = {
          id: other.id,
          rule: other.rule,
          priority: other.priority,
          riskLevel: other.riskLevel,
          count: other.count,
          firstSeenMs: other.firstSeenMs,
          lastSeenMs: other.lastSeenMs,
          entityLabel: other.entity.label,
          shared: [],
        };
        byId.set(other.id, row);
        risk.set(other.id, other.riskScore);
      }
      row.shared.push({ field, value });
    }
  }
  const rows = [...byId.values()].sort(
    (a, b) =>
      b.shared.length - a.shared.length ||
      (risk.get(b.id) ?? 0) - (risk.get(a.id) ?? 0) ||
      SEVERITY.indexOf(a.priority) - SEVERITY.indexOf(b.priority) ||
      b.count - a.count ||
      a.id.localeCompare(b.id),
  );
  return { windowMs, items: rows.slice(0, limit), more: Math.max(0, rows.length - limit) };
}
