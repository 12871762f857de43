import { useEffect } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { engine } from './engine';
import { useSession } from '../state/session';

/** Keep the session status (counts, version) in the store as the worker streams. */
export function useEngineStatus(): void {
  const setStatus = useSession((s) => s.setStatus);
  useEffect(() => engine.onChange(setStatus), [setStatus]);
}

/**
 * Versioned results are dropped as soon as nothing shows them (gcTime 0): while a file streams,
 * each session version is a new key, and caching them all held hundreds of MB on the page.
 */
export const EPHEMERAL = { gcTime: 0 } as const;

export function useView() {
  const filter = useSession((s) => s.filter);
  const window = useSession((s) => s.listWindow);
  const selectedId = useSession((s) => s.selectedId);
  const version = useSession((s) => s.status?.version ?? 0);
  return useQuery({
    queryKey: ['view', version, filter, window, selectedId],
    queryFn: () => engine.request({ type: 'view', filter, window, selectedId }),
    placeholderData: keepPreviousData,
    ...EPHEMERAL,
  });
}

export function useReport(incidentId: string | null) {
  const version = useSession((s) => s.status?.version ?? 0);
  return useQuery({
    queryKey: ['report', incidentId, version],
    queryFn: () => engine.request({ type: 'report', incidentId: incidentId! }),
    enabled: incidentId !== null,
    placeholderData: (previous) => (previous?.incident.id === incidentId ? previous : undefined),
    ...EPHEMERAL,
  });
}
