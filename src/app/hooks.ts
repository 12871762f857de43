import { useEffect } from 'react';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { engine } from './engine';
import { useSession, type InputEntry } from '../state/session';
import { create } from 'zustand';
import { useTriage } from '../state/triage';
import type { IngestProgress } from '../worker/protocol';

/** Keep the session status (counts, version) in the store as the worker streams. */
export function useEngineStatus(): void {
  const setStatus = useSession((s) => s.setStatus);
  useEffect(() => engine.onChange(setStatus), [setStatus]);
}

/** Live read progress per input key: changes many times a second, so it has its own store. */
export const useProgress = create<{ byKey: Record<string, IngestProgress>; set: (key: string, p: IngestProgress) => void }>((set) => ({
  byKey: {},
  set: (key, p) => set((s) => ({ byKey: { ...s.byKey, [key]: p } })),
}));

/** Cancel handles per input. Ours, not react-query's: a cancelled read still resolves with what it read. */
const controllers = new Map<string, AbortController>();

export function cancelInput(key: string): void {
  controllers.get(key)?.abort();
}

function ingest(entry: InputEntry) {
  const controller = new AbortController();
  controllers.set(entry.key, controller);
  const signal = controller.signal;
  const onProgress = (p: IngestProgress) => useProgress.getState().set(entry.key, p);
  if (entry.file) {
    return engine.request({ type: 'ingestFile', file: entry.file }, { signal, onProgress }).then((summary) => {
      // A reopened session brings its triage: notes saved by the analyst (or a colleague) win.
      if (summary.triage) useTriage.getState().replaceAll({ ...useTriage.getState().byIncident, ...summary.triage });
      return summary;
    });
  }
  return engine.request({ type: 'ingestText', name: entry.name, text: entry.text ?? '' }, { signal, onProgress });
}

/** Each input's analysis is a query keyed by the input's identity: dropping it again is a no-op. */
export function useIngestQueries() {
  const inputs = useSession((s) => s.inputs);
  return useQueries({
    queries: inputs.map((entry) => ({
      queryKey: ['ingest', entry.key],
      queryFn: () => ingest(entry),
    })),
  });
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
