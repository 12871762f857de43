import type { Alert, IncidentSummary, RelatedIncident, RelatedResult } from '../../model';
import { HOSTNAME_FIELD, valueText } from './prevalence';
import { firstSorted } from './firstSorted';

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

type Found = { incident: IncidentSummary; shared: { field: string; value: string }[] };

/** Those sharing more values (`sharing`) first, then the riskier, then the noisier, then by id. */
function byRelevance(a: { incident: IncidentSummary; sharing: number }, b: { incident: IncidentSummary; sharing: number }): number {
  return (
    b.sharing - a.sharing ||
    b.incident.riskScore - a.incident.riskScore ||
    b.incident.count - a.incident.count ||
    (a.incident.id < b.incident.id ? -1 : a.incident.id > b.incident.id ? 1 : 0)
  );
}

function rowOf({ incident: o, shared: s }: Found): RelatedIncident {
  return {
    id: o.id,
    rule: o.rule,
    priority: o.priority,
    riskLevel: o.riskLevel,
    count: o.count,
    firstSeenMs: o.firstSeenMs,
    lastSeenMs: o.lastSeenMs,
    entityLabel: o.entity.label,
    shared: s,
  };
}

/**
 * Incidents sharing one of the given values with `self`, within `windowMs` of its span. Those
 * sharing more values come first, then the riskier, then the noisier. The plain form, over lists
 * of incidents: what relatedFromIndex answers from the session's index (and is tested against).
 */
export function relatedIncidents(
  self: IncidentSummary,
  shared: { field: string; value: string; incidents: readonly IncidentSummary[] }[],
  windowMs = RELATED_WINDOW_MS,
  limit = RELATED_LIMIT,
): RelatedResult {
  const found = new Map<string, Found>();
  for (const { field, value, incidents } of shared) {
    for (const other of incidents) {
      if (other.id === self.id || !near(self, other, windowMs)) continue;
      const known = found.get(other.id);
      if (known) known.shared.push({ field, value });
      else found.set(other.id, { incident: other, shared: [{ field, value }] });
    }
  }
  const ranked = [...found.values()].map((f) => ({ ...f, sharing: f.shared.length })).sort(byRelevance);
  return { windowMs, items: ranked.slice(0, limit).map(rowOf), more: Math.max(0, ranked.length - limit) };
}

/** Incidents by position in the session, and the positions holding a value (see PrevalenceIndex). */
export interface RelatedIndex {
  /** Calls `fn` once with each position of an incident that has the value. */
  forEachIncidentWith(field: string, value: string, fn: (position: number) => void): void;
  summaryAt(position: number): IncidentSummary;
}

/**
 * relatedIncidents answered from the session's index: a few lookups (one per value of the alert),
 * the time window checked once per candidate, which values each shares kept as bits (no list
 * per candidate), and only the listed `limit` ranked (O(n log limit), not a sort of every
 * candidate). A value shared by a whole host brings tens of thousands of candidates: each costs
 * one map entry.
 */
export function relatedFromIndex(
  self: IncidentSummary,
  keys: readonly { field: string; value: string }[],
  index: RelatedIndex,
  windowMs = RELATED_WINDOW_MS,
  limit = RELATED_LIMIT,
): RelatedResult {
  if (keys.length > 30) throw new Error(`at most 30 related values, not ${keys.length}`);
  // Per candidate position: bit i set when it shares keys[i]; 0 when ruled out (itself, out of the window).
  const shares = new Map<number, number>();
  keys.forEach(({ field, value }, i) => {
    const bit = 1 << i;
    index.forEachIncidentWith(field, value, (at) => {
      const known = shares.get(at);
      if (known !== undefined) {
        if (known !== 0) shares.set(at, known | bit);
        return;
      }
      const other = index.summaryAt(at);
      shares.set(at, other.id === self.id || !near(self, other, windowMs) ? 0 : bit);
    });
  });
  let found = 0;
  const candidates = (function* () {
    for (const [at, bits] of shares) {
      if (bits === 0) continue;
      found++;
      yield { incident: index.summaryAt(at), sharing: bitCount(bits), bits };
    }
  })();
  const items = firstSorted(candidates, limit, byRelevance).map(({ incident, bits }) =>
    rowOf({ incident, shared: keys.filter((_, i) => bits & (1 << i)).map(({ field, value }) => ({ field, value })) }),
  );
  return { windowMs, items, more: Math.max(0, found - limit) };
}

function bitCount(bits: number): number {
  let n = 0;
  for (let b = bits; b !== 0; b &= b - 1) n++;
  return n;
}
