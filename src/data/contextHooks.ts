import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { engine } from './engine';
import { EPHEMERAL, useViewContext } from './hooks';
import { useSession } from '../state/session';

/** While a new session version loads, keep showing the same incident's answer (never another's). */
function sameIncident(incidentId: string) {
  return <T,>(previous: T | undefined, query: { queryKey: readonly unknown[] } | undefined): T | undefined => (query?.queryKey[1] === incidentId ? previous : undefined);
}

export function useProcessTree(incidentId: string) {
  const version = useSession((s) => s.status?.version ?? 0);
  return useQuery({
    queryKey: ['processTree', incidentId, version],
    queryFn: () => engine.request({ type: 'processTree', incidentId }),
    placeholderData: sameIncident(incidentId),
    ...EPHEMERAL,
  });
}

/**
 * How common the values of these fields of the incident's report alert are (the fields a report
 * shows: one request for all of them), refreshed as the session grows. The same fields asked for
 * twice (the fields table and the prevalence section) are one request.
 */
export function usePrevalence(incidentId: string, fields: string[]) {
  const version = useSession((s) => s.status?.version ?? 0);
  return useQuery({
    queryKey: ['prevalence', incidentId, version, fields],
    queryFn: () => engine.request({ type: 'prevalence', incidentId, fields }),
    enabled: fields.length > 0,
    placeholderData: sameIncident(incidentId),
    ...EPHEMERAL,
  });
}

export function useRelated(incidentId: string, windowMs: number) {
  const version = useSession((s) => s.status?.version ?? 0);
  return useQuery({
    queryKey: ['related', incidentId, windowMs, version],
    queryFn: () => engine.request({ type: 'related', incidentId, windowMs }),
    placeholderData: sameIncident(incidentId),
    ...EPHEMERAL,
  });
}

/** The overview of what the list shows (the same filter). */
export function useOverview(enabled: boolean) {
  const filter = useSession((s) => s.filter);
  const version = useSession((s) => s.status?.version ?? 0);
  // The status facet filters by triage, which only the page knows: sent like the list's view.
  const context = useViewContext();
  return useQuery({
    queryKey: ['overview', version, filter, context],
    queryFn: () => engine.request({ type: 'overview', filter, context }),
    placeholderData: keepPreviousData,
    enabled,
    ...EPHEMERAL,
  });
}
