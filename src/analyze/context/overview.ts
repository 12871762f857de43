import type { IncidentSpark, IncidentSummary, Overview, OverviewBar, OverviewDimension } from '../../model';
import { PRIORITIES } from '../../model';
import { firstSorted } from './firstSorted';
import type { TimelineSums } from './timelineSums';

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
  /** The user an incident's alerts name (see incidentUser). */
  userOf(incident: IncidentSummary): string | undefined;
}

/**
 * What the session sums up as alerts arrive (see OverviewTotals): every incident's bars and
 * timeline. With it an overview of most of the session is the totals less what is left out.
 */
export interface OverviewSums {
  bars(dimension: OverviewDimension): ReadonlyMap<string, OverviewBar>;
  /** The sum of every incident's timelineOf, by ranges of seconds. */
  readonly timeline: Pick<TimelineSums, 'span' | 'sumInto'>;
}

/** Incidents keyed on who acted: their entity is the user; others take the user their alerts name. */
const USER_ENTITIES = new Set(['k8s-user', 'cloud-principal', 'account']);

/** The user of an incident: its entity when that is a principal, else `named` (of its alerts, see context/prevalence USER_FIELDS). */
export function incidentUser(incident: IncidentSummary, named: () => string | undefined): string | undefined {
  return USER_ENTITIES.has(incident.entity.kind) ? incident.entity.value : named();
}

/** Whether an incident's user is its entity (known when it opens), not named by its alerts. */
export function userIsEntity(incident: IncidentSummary): boolean {
  return USER_ENTITIES.has(incident.entity.kind);
}

/** The values an incident counts under in a dimension, `user` being its user (see incidentUser). */
export function valuesOf(incident: IncidentSummary, dimension: OverviewDimension, user: string | undefined): readonly string[] {
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
    case 'user':
      return user === undefined ? [] : [user];
  }
}

export const DIMENSIONS: readonly OverviewDimension[] = ['rule', 'hostname', 'namespace', 'image', 'user', 'tactic'];

/** More alerts first, then more incidents, then by name (values are distinct: a total order). */
function byBar(a: OverviewBar, b: OverviewBar): number {
  return b.alerts - a.alerts || b.incidents - a.incidents || a.value.localeCompare(b.value);
}

/** Bars of the incidents' values in a dimension (not ranked). */
function barsOf(incidents: readonly IncidentSummary[], dimension: OverviewDimension, source: OverviewSource): Map<string, OverviewBar> {
  const bars = new Map<string, OverviewBar>();
  for (const incident of incidents) {
    for (const value of valuesOf(incident, dimension, dimension === 'user' ? source.userOf(incident) : undefined)) {
      let bar = bars.get(value);
      if (!bar) bars.set(value, (bar = { value, alerts: 0, incidents: 0 }));
      bar.alerts += incident.count;
      bar.incidents++;
    }
  }
  return bars;
}

/** The N values with most alerts (ties: more incidents, then by name, so the order is stable). */
export function topValues(incidents: readonly IncidentSummary[], dimension: OverviewDimension, source: OverviewSource, n = TOP_N): OverviewBar[] {
  return firstSorted(barsOf(incidents, dimension, source).values(), n, byBar);
}

/** topValues of every incident but `others`, from the session's totals: O(values + others), not O(incidents). */
function topValuesLess(sums: OverviewSums, others: readonly IncidentSummary[], dimension: OverviewDimension, source: OverviewSource, n = TOP_N): OverviewBar[] {
  const less = barsOf(others, dimension, source);
  const bars = (function* () {
    for (const [value, total] of sums.bars(dimension)) {
      const out = less.get(value);
      if (!out) yield total;
      else if (total.incidents > out.incidents) yield { value, alerts: total.alerts - out.alerts, incidents: total.incidents - out.incidents };
    }
  })();
  // Copies: the totals go on changing as alerts arrive.
  return firstSorted(bars, n, byBar).map((b) => ({ ...b }));
}

/** How the overview is worked out: the list's order for the sparklines, and the session's sums. */
export interface OverviewOptions {
  /** The list's order (see analyze/view listOrder): the sparklines are of its first incidents. Without it, `incidents` are in that order. */
  order?: (a: IncidentSummary, b: IncidentSummary) => number;
  /**
   * The session's sums and every incident of it: when the overview is of more than half of them,
   * it is the sums less the others (the same answer, from fewer incidents).
   */
  session?: { sums: OverviewSums; all: readonly IncidentSummary[] };
}

/**
 * The overview of the incidents shown (filtered as the list is): top values per dimension, alerts
 * over time by priority, and a sparkline for each of the first incidents, on the timeline's
 * buckets so they line up with it.
 */
export function buildOverview(
  incidents: readonly IncidentSummary[],
  totalIncidents: number,
  source: OverviewSource,
  buckets = OVERVIEW_BUCKETS,
  options: OverviewOptions = {},
): Overview {
  const { order, session } = options;
  const others = session && incidents.length * 2 > session.all.length ? without(session.all, incidents) : null;
  const top = {} as Record<OverviewDimension, OverviewBar[]>;
  for (const d of DIMENSIONS) top[d] = others ? topValuesLess(session!.sums, others, d, source) : topValues(incidents, d, source);
  let start = Infinity;
  let end = -Infinity;
  let totalAlerts = 0;
  for (const i of incidents) {
    if (i.firstSeenMs < start) start = i.firstSeenMs;
    if (i.lastSeenMs > end) end = i.lastSeenMs;
    totalAlerts += i.count;
  }
  const sparkOf = order ? firstSorted(incidents, SPARK_COUNT, order) : incidents.slice(0, SPARK_COUNT);
  if (!Number.isFinite(start) || !Number.isFinite(end)) {
    return { totalAlerts, totalIncidents, top, timeline: null, sparks: sparkOf.map((i) => spark(i, [])) };
  }
  // Whole seconds: the per-incident timelines count by second.
  const startMs = Math.floor(start / 1000) * 1000;
  const bucketMs = Math.max(1000, Math.ceil((end - startMs + 1) / buckets / 1000) * 1000);
  const priorities = PRIORITIES.length;
  const epochMs = source.timelineEpoch() * 1000;
  /** Adds (sign 1) or takes out (-1) a timeline's counts, by bucket and priority, into `rows` (flat). */
  const fold = (rows: number[], timeline: ReadonlyMap<number, number>, sign: number, byPriority: boolean) => {
    for (const [key, count] of timeline) {
      const second = Math.floor(key / priorities);
      const at = Math.max(0, Math.min(buckets - 1, Math.floor((epochMs + second * 1000 - startMs) / bucketMs)));
      rows[byPriority ? at * priorities + key - second * priorities : at]! += sign * count;
    }
  };
  const flat = new Array<number>(buckets * priorities).fill(0);
  if (others) {
    // Each bucket's seconds summed at once (whole minutes, hours, days; see TimelineSums). The
    // first and last bucket take every second before and after, as bucketing clamps: alerts of
    // the others outside the span shown land there, in the sums and in the others alike.
    const timeline = session!.sums.timeline;
    const span = timeline.span();
    const first = (startMs - epochMs) / 1000;
    const width = bucketMs / 1000;
    for (let at = 0; span && at < buckets; at++) {
      const from = at === 0 ? Math.min(span.first, first) : first + at * width;
      const to = at === buckets - 1 ? Math.max(span.last + 1, first + (at + 1) * width) : first + (at + 1) * width;
      if (from < to) timeline.sumInto(from, to, flat, at * priorities);
    }
    for (const i of others) fold(flat, source.timelineOf(i.id), -1, true);
  } else {
    for (const i of incidents) fold(flat, source.timelineOf(i.id), 1, true);
  }
  const rows = Array.from({ length: buckets }, (_, at) => flat.slice(at * priorities, (at + 1) * priorities));
  const sparks = sparkOf.map((i) => {
    const counts = new Array<number>(buckets).fill(0);
    fold(counts, source.timelineOf(i.id), 1, false);
    return spark(i, counts);
  });
  return { totalAlerts, totalIncidents, top, timeline: { startMs, bucketMs, buckets: rows }, sparks };
}

function without(all: readonly IncidentSummary[], shown: readonly IncidentSummary[]): IncidentSummary[] {
  if (shown.length === all.length) return [];
  const kept = new Set(shown);
  return all.filter((i) => !kept.has(i));
}

function spark(i: IncidentSummary, buckets: number[]): IncidentSpark {
  return { id: i.id, rule: i.rule, entityLabel: i.entity.label, priority: i.priority, count: i.count, buckets };
}
