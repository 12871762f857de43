import type { Priority } from './alert';
import type { IncidentSummary } from './incident';

import type { FacetKey } from './facets';
import type { TriageStatus } from './triage';

export { FACETS, FACET_KEYS, type FacetDefinition, type FacetField, type FacetKey } from './facets';

export type SortKey = 'risk' | 'count' | 'time';

/** What the analyst filters on; serialised into the URL hash so a view can be shared. */
export interface ViewFilter {
  include: Partial<Record<FacetKey, string[]>>;
  exclude: Partial<Record<FacetKey, string[]>>;
  text: string;
  /** Epoch ms, inclusive; null = open. */
  from: number | null;
  to: number | null;
  sort: SortKey;
}

export interface FacetCount {
  value: string;
  /** Alerts (not incidents) with this value, within the other filters. */
  count: number;
}

export interface Histogram {
  startMs: number;
  bucketMs: number;
  /** buckets[i][p]: alerts in bucket i with priority PRIORITIES[p]. */
  buckets: number[][];
}

/** The slice of the sorted list the page asks for: only rows near the visible ones cross over. */
export interface ViewWindow {
  offset: number;
  limit: number;
}

/**
 * The session's counts at one moment (one engine version): what the header, the progress strip
 * and the list all show, so that they agree at every moment of a load.
 */
export interface SessionCounters {
  version: number;
  alerts: number;
  problems: number;
  incidents: number;
  /** Alerts that arrived again and were counted once. */
  duplicates: number;
  /** Inputs read or being read. */
  inputs: number;
  /** Inputs still being read. */
  reading: number;
}

export interface ViewResult {
  /** Rows `rowOffset .. rowOffset + rows.length` of the filtered, sorted list. */
  rows: IncidentSummary[];
  rowOffset: number;
  /** Incidents that pass the filter (the list's length). */
  totalRows: number;
  /** Id of the first row of the whole list (what to open when nothing is selected). */
  firstRowId: string | null;
  /** Position of the requested incident in the whole list, or -1. */
  selectedIndex: number;
  totalIncidents: number;
  matchedAlerts: number;
  facets: Record<FacetKey, FacetCount[]>;
  /** Distinct values per facet (matching its value search, if any); `facets` holds the top ones. */
  facetTotals: Record<FacetKey, number>;
  histogram: Histogram | null;
  /** The session's counts when this view was computed (set by the engine). */
  counters?: SessionCounters;
}

/**
 * What the view needs besides the filter: the analyst's triage statuses (kept on the page; an
 * incident absent here is 'new') and the text typed into each facet's value search.
 */
export interface ViewContext {
  statuses: Readonly<Record<string, TriageStatus>>;
  facetSearch: Partial<Record<FacetKey, string>>;
}

export const EMPTY_FILTER: ViewFilter = { include: {}, exclude: {}, text: '', from: null, to: null, sort: 'risk' };

export type { Priority };
