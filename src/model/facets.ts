import type { IncidentSummary } from './incident';
import { TRIAGE_STATUSES } from './triage';

/** Fields of an incident summary that hold a facet value (a string) or several (a string list). */
export type FacetField = {
  [K in keyof IncidentSummary]-?: IncidentSummary[K] extends string | string[] | undefined ? K : never;
}[keyof IncidentSummary];

/**
 * One facet of the incident list. Data only: `analyze/view.ts` reads the values, `ui/FacetPanel.tsx`
 * draws them (with a renderer of its own where a facet wants one, e.g. status chips).
 */
export interface FacetDefinition {
  /** Name in the URL hash and in the filter. */
  key: string;
  /** Heading in the facet panel. */
  title: string;
  /** Where an incident's values come from: a summary field, or the analyst's triage status. */
  from: FacetField | 'triage';
  /** Values in this fixed order rather than by descending count. */
  order?: readonly string[];
}

/**
 * The facet registry: adding a facet is one entry here (plus a renderer in FacetPanel if the
 * plain value-and-count row does not suit it). Order here is order in the panel.
 */
export const FACETS = [
  // Untriaged ('new') first: that is the work left to do.
  { key: 'status', title: 'Status', from: 'triage', order: TRIAGE_STATUSES },
  { key: 'priority', title: 'Priority', from: 'priority' },
  { key: 'rule', title: 'Rule', from: 'rule' },
  { key: 'source', title: 'Source', from: 'source' },
  { key: 'hostname', title: 'Host', from: 'hostnames' },
  { key: 'image', title: 'Container image', from: 'containerImage' },
  { key: 'namespace', title: 'Namespace', from: 'k8sNamespace' },
  { key: 'tag', title: 'Tag', from: 'tags' },
  { key: 'tactic', title: 'MITRE tactic', from: 'tactics' },
] as const satisfies readonly FacetDefinition[];

/** Dimensions the incident list can be faceted on. */
export type FacetKey = (typeof FACETS)[number]['key'];
export const FACET_KEYS: readonly FacetKey[] = FACETS.map((f) => f.key);
