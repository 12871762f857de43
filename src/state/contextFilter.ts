import type { FacetKey, ViewFilter } from '../model';

/** Fields the list can facet on exactly; any other value filters by text (alerts containing it). */
const FACET_OF_FIELD: Record<string, FacetKey> = {
  hostname: 'hostname',
  'container.image.repository': 'image',
  'k8s.ns.name': 'namespace',
  rule: 'rule',
  tactic: 'tactic',
};

/**
 * The filter showing the incidents that have a field value: that facet value included when the
 * field is a facet, else the value as search text. Other filters are kept.
 */
export function filterFor(filter: ViewFilter, field: string, value: string): ViewFilter {
  const facet = FACET_OF_FIELD[field];
  if (facet) return { ...filter, include: { ...filter.include, [facet]: [value] }, exclude: { ...filter.exclude, [facet]: [] } };
  return { ...filter, text: value };
}
