import type { IncidentSpark, IncidentSummary, Overview, OverviewBar, OverviewDimension } from '../../model';
import { PRIORITIES } from '../../model';

/** Columns of the full-width timeline: one per 12 minutes of a day. */
export const OVERVIEW_BUCKETS = 120;
/** Bars per dimension. */
export const TOP_N = 10;
/** Incidents given a sparkline: the first of the list, in its order. */
export const SPARK_COUNT = 12;

export interface OverviewSource {
  /** Alert counts keyed by (second - timelineEpoch()) * PRIORITIES.length + priority index. */
  timelineOf(id: string): ReadonlyMap<number, number>;
  timelineEpoch(): number;
  /** The user an incident's alerts name (see context/prevalence USER_FIELDS). */
  userOf(incident: IncidentSummary): string | undefined;
}

function valuesOf(incident: IncidentSummary, dimension: OverviewDimension, source: OverviewSource): readonly string[] {
  switch (dimension) {
    case 'rule':
      return [incident.rule];
    case 'hostname':
      return incident.hostnames;
    case 'namespace':
      return incident.k8sNamespace ? [incident.k8sNamespace] : [];
    case 'image':
      return incident.containerImage ? [incident.containerImage] : [];
    case 'tactic':
      return incident.tactics;
    case 'user': {
      const user = source.userOf(incident);
      return user === undefined ? [] : [user];
    }
  }
}

const DIMENSIONS: OverviewDimension[] = ['rule', 'hostname', 'namespace', 'image', 'user', 'tactic'];

/** The N values with most alerts (ties: more incidents, then by name, so the order is stable). */
export function topValues(incidents: readonly IncidentSummary[], dimension: OverviewDimension, source: OverviewSource, n = TOP_N): OverviewBar[] {
  const bars = new Map<string, OverviewBar>();
  for (const incident of incidents) {
    for (const value of valuesOf(incident, dimension, source)) {
      let bar = bars.get(value);
      if (!bar) bars.set(value, (bar = { value, alerts: 0, incidents: 0 }));
      bar.alerts += incident.count;
      bar.incidents++;
    }
  }
  return [...bars.values()].sort((a, b) => b.alerts - a.alerts || b.incidents - a.incidents || a.value.localeCompare(b.value)).slice(0, n);
}

/**
 * The overview of the incidents shown (already filtered and sorted as the list is): top values per
 * dimension, alerts over time by priority, and a sparkline for each of the first incidents, on the
 * timeline's buckets so they line up with it.
 */
export function buildOverview(incidents: readonly IncidentSummary[], totalIncidents: number, source: OverviewSource, buckets = OVERVIEW_BUCKETS): Overview {
  const top = {} as Record<OverviewDimension, OverviewBar[]>;
  for (const d of DIMENSIONS) top[d] = topValues(incidents, d, source);
  let start = Infinity;
  let end = -Infinity;
  for (const i of incidents) {
    if (i.firstSeenMs < start) start = i.firstSeenMs;
    if (i.lastSeenMs > end) end = i.lastSeenMs;
  }
  const totalAlerts = incidents.reduce((n, i) => n + i.count, 0);
  const sparkOf = incidents.slice(0, SPARK_COUNT);
  if (!Number.isFinite(start) || !Number.isFinite(end)) {
    return { totalAlerts, totalIncidents, top, timeline: null, sparks: sparkOf.map((i) => spark(i, [])) };
  }
  // Whole seconds: the per-incident timelines count by second.
  const startMs = Math.floor(start / 1000) * 1000;
  const bucketMs = Math.max(1000, Math.ceil((end - startMs + 1) / buckets / 1000) * 1000);
  const rows = Array.from({ length: buckets }, () => PRIORITIES.map(() => 0));
  const priorities = PRIORITIES.length;
  const epochMs = source.timelineEpoch() * 1000;
  const bucketOf = (key: number) => {
    const second = Math.floor(key / priorities);
    return { at: Math.max(0, Math.min(buckets - 1, Math.floor((epochMs + second * 1000 - startMs) / bucketMs))), priority: key - second * priorities };
  };
  for (const i of incidents) {
    for (const [key, count] of source.timelineOf(i.id)) {
      const { at, priority } = bucketOf(key);
      rows[at]![priority]! += count;
    }
  }
  const sparks = sparkOf.map((i) => {
    const counts = new Array<number>(buckets).fill(0);
    for (const [key, count] of source.timelineOf(i.id)) counts[bucketOf(key).at]! += count;
    return spark(i, counts);
  });
  return { totalAlerts, totalIncidents, top, timeline: { startMs, bucketMs, buckets: rows }, sparks };
}

function spark(i: IncidentSummary, buckets: number[]): IncidentSpark {
  return { id: i.id, rule: i.rule, entityLabel: i.entity.label, priority: i.priority, count: i.count, buckets };
}
