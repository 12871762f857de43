import type { FacetCount, FacetDefinition, FacetKey, Histogram, IncidentSummary, SortKey, TriageStatus, ViewContext, ViewFilter, ViewResult, ViewWindow } from '../model';
import { FACETS, FACET_KEYS, PRIORITIES } from '../model';

const HISTOGRAM_BUCKETS = 60;
/** Values sent per facet (the panel shows fewer; active values are always included). */
const FACET_VALUES = 50;
const ALL_ROWS: ViewWindow = { offset: 0, limit: Number.MAX_SAFE_INTEGER };

const NO_CONTEXT: ViewContext = { statuses: {}, facetSearch: {} };
const DEFINITIONS = new Map<FacetKey, FacetDefinition>(FACETS.map((f) => [f.key, f]));

/** The analyst's status of an incident: 'new' until triaged. */
export function statusOf(incident: IncidentSummary, statuses: ViewContext['statuses']): TriageStatus {
  return Object.hasOwn(statuses, incident.id) ? statuses[incident.id]! : 'new';
}

/** The values an incident has for a facet (several for tags, tactics and hosts), per the registry. */
export function facetValues(incident: IncidentSummary, key: FacetKey, context: ViewContext = NO_CONTEXT): string[] {
  const from = DEFINITIONS.get(key)!.from;
  if (from === 'triage') return [statusOf(incident, context.statuses)];
  const value = incident[from];
  if (value === undefined || value === '') return [];
  return typeof value === 'string' ? [value] : value;
}

function passesFacets(incident: IncidentSummary, filter: ViewFilter, context: ViewContext, skip?: FacetKey): boolean {
  for (const key of FACET_KEYS) {
    if (key === skip) continue;
    const include = filter.include[key];
    const exclude = filter.exclude[key];
    if (!include?.length && !exclude?.length) continue;
    const values = facetValues(incident, key, context);
    if (include?.length && !values.some((v) => include.includes(v))) return false;
    if (exclude?.length && values.some((v) => exclude.includes(v))) return false;
  }
  return true;
}

function overlapsTime(incident: IncidentSummary, filter: ViewFilter): boolean {
  if (filter.from === null && filter.to === null) return true;
  if (Number.isNaN(incident.firstSeenMs)) return false;
  if (filter.from !== null && incident.lastSeenMs < filter.from) return false;
  if (filter.to !== null && incident.firstSeenMs > filter.to) return false;
  return true;
}

function summaryText(incident: IncidentSummary): string {
  return [incident.rule, incident.entity.label, incident.source, ...incident.hostnames, incident.containerImage ?? '', incident.k8sNamespace ?? '', ...incident.tags]
    .join('\n')
    .toLowerCase();
}

const COMPARE: Record<SortKey, (a: IncidentSummary, b: IncidentSummary) => number> = {
  risk: (a, b) => b.riskScore - a.riskScore || b.count - a.count || a.rule.localeCompare(b.rule),
  count: (a, b) => b.count - a.count || b.riskScore - a.riskScore,
  time: (a, b) => (b.lastSeenMs || 0) - (a.lastSeenMs || 0) || b.riskScore - a.riskScore,
};

/** Incidents in list order (the list and "Export all" share it). */
export function sortIncidents(incidents: IncidentSummary[], sort: SortKey): IncidentSummary[] {
  return incidents.sort(COMPARE[sort]);
}

/** The list's order as a comparison (for taking its first few without sorting them all). */
export function listOrder(sort: SortKey): (a: IncidentSummary, b: IncidentSummary) => number {
  return COMPARE[sort];
}

/** Source of incidents and, on demand, their alerts: the session implements it. */
export interface ViewSource {
  summaries(): IncidentSummary[];
  /** Ids of incidents with an alert whose output or a field value contains the (lower-case) text. */
  incidentsMatchingText(needle: string): ReadonlySet<string>;
  /** Alert counts keyed by (second - timelineEpoch()) * PRIORITIES.length + priority index. */
  timelineOf(id: string): ReadonlyMap<number, number>;
  timelineEpoch(): number;
}

/**
 * The incidents the list shows, in its order, and nothing else (no facets, no histogram): what the
 * overview is built from. The same filter as computeView.
 */
export function filterIncidents(source: ViewSource, filter: ViewFilter, context: ViewContext = NO_CONTEXT): IncidentSummary[] {
  return sortIncidents(matchingIncidents(source, filter, context), filter.sort);
}

/** filterIncidents in arrival order: for who needs the set, not the order (or only its head, see listOrder). */
export function matchingIncidents(source: Pick<ViewSource, 'summaries' | 'incidentsMatchingText'>, filter: ViewFilter, context: ViewContext = NO_CONTEXT): IncidentSummary[] {
  const needle = filter.text.trim().toLowerCase();
  const alertHits = needle ? source.incidentsMatchingText(needle) : null;
  return source
    .summaries()
    .filter((i) => overlapsTime(i, filter) && (alertHits === null || alertHits.has(i.id) || summaryText(i).includes(needle)) && passesFacets(i, filter, context));
}

/** Filter, facet, sort and histogram in one pass over the session, for the incident list. */
export function computeView(
  source: ViewSource,
  filter: ViewFilter,
  window: ViewWindow = ALL_ROWS,
  selectedId: string | null = null,
  context: ViewContext = NO_CONTEXT,
): ViewResult {
  const all = source.summaries();
  const needle = filter.text.trim().toLowerCase();
  const alertHits = needle ? source.incidentsMatchingText(needle) : null;
  const matchesText = (incident: IncidentSummary): boolean =>
    alertHits === null || alertHits.has(incident.id) || summaryText(incident).includes(needle);
  const base = all.filter((i) => overlapsTime(i, filter) && matchesText(i));
  const rows = base.filter((i) => passesFacets(i, filter, context));
  sortIncidents(rows, filter.sort);
  // Each facet counts within every filter but its own. Facets whose "other filters" are the same
  // share one incident set: with no facet filter (the common case) all eight use `rows` itself.
  const active = FACET_KEYS.filter((k) => filter.include[k]?.length || filter.exclude[k]?.length);
  const setFor = new Map<string, IncidentSummary[]>();
  const facets = {} as Record<FacetKey, FacetCount[]>;
  const facetTotals = {} as Record<FacetKey, number>;
  for (const key of FACET_KEYS) {
    const others = active.filter((k) => k !== key).join(',');
    let set = setFor.get(others);
    if (!set) {
      set = others === active.join(',') ? rows : base.filter((i) => passesFacets(i, filter, context, key));
      setFor.set(others, set);
    }
    const top = topFacetValues(countFacet(set, key, context), filter, key, context.facetSearch[key]);
    facets[key] = top.values;
    facetTotals[key] = top.total;
  }
  const offset = Math.max(0, Math.min(window.offset, rows.length));
  return {
    rows: rows.slice(offset, offset + window.limit),
    rowOffset: offset,
    totalRows: rows.length,
    firstRowId: rows[0]?.id ?? null,
    selectedIndex: selectedId === null ? -1 : rows.findIndex((r) => r.id === selectedId),
    totalIncidents: all.length,
    matchedAlerts: rows.reduce((sum, r) => sum + r.count, 0),
    facets,
    facetTotals,
    histogram: buildHistogram(rows, source),
  };
}

/**
 * The most frequent values (those containing `search`, case-insensitive, when the analyst searches
 * the facet's values), plus any value the filter uses (so it can be cleared).
 */
function topFacetValues(counts: FacetCount[], filter: ViewFilter, key: FacetKey, search = ''): { values: FacetCount[]; total: number } {
  const needle = search.trim().toLowerCase();
  const active = new Set([...(filter.include[key] ?? []), ...(filter.exclude[key] ?? [])]);
  const values: FacetCount[] = [];
  let total = 0;
  for (const c of counts) {
    const matches = !needle || c.value.toLowerCase().includes(needle);
    if (matches) total++;
    if ((matches && total <= FACET_VALUES) || active.has(c.value)) values.push(c);
  }
  return { values, total };
}

/** Alerts per value; by descending count, or in the registry's fixed order when it has one. */
function countFacet(incidents: IncidentSummary[], key: FacetKey, context: ViewContext): FacetCount[] {
  const counts = new Map<string, number>();
  for (const incident of incidents) {
    for (const value of facetValues(incident, key, context)) counts.set(value, (counts.get(value) ?? 0) + incident.count);
  }
  const list = [...counts].map(([value, count]) => ({ value, count }));
  const order = DEFINITIONS.get(key)!.order;
  if (order) return list.sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value));
  return list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** Alerts over time, stacked by priority; the span is that of the incidents shown. */
function buildHistogram(rows: IncidentSummary[], source: ViewSource): Histogram | null {
  let start = Infinity;
  let end = -Infinity;
  for (const r of rows) {
    if (r.firstSeenMs < start) start = r.firstSeenMs;
    if (r.lastSeenMs > end) end = r.lastSeenMs;
  }
  if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
  const bucketMs = Math.max(1, Math.ceil((end - start + 1) / HISTOGRAM_BUCKETS));
  const buckets = Array.from({ length: HISTOGRAM_BUCKETS }, () => PRIORITIES.map(() => 0));
  const priorities = PRIORITIES.length;
  const epochMs = source.timelineEpoch() * 1000;
  for (const r of rows) {
    for (const [key, count] of source.timelineOf(r.id)) {
      const second = Math.floor(key / priorities);
      const i = Math.max(0, Math.min(HISTOGRAM_BUCKETS - 1, Math.floor((epochMs + second * 1000 - start) / bucketMs)));
      buckets[i]![key - second * priorities]! += count;
    }
  }
  return { startMs: start, bucketMs, buckets };
}
