import { useEffect } from 'react';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { engine } from './engine';
import { useShallow } from 'zustand/react/shallow';
import type { FieldsPage, IncidentSummary, SessionCounters, TriageNote, TriageStatus, ViewContext } from '../model';
import { REPORT_FIELDS } from '../model';
import { useSession } from '../state/session';
import { useTriage } from '../state/triage';

/** Keep the session status (counts, version) in the store as the worker streams. */
export function useEngineStatus(): void {
  const setStatus = useSession((s) => s.setStatus);
  useEffect(() => engine.onChange(setStatus), [setStatus]);
}

/**
 * The page's one way to the engine's data: every component reads through these hooks (and
 * asks at a moment of its own through requests.ts); none calls the engine client itself.
 */

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
  const context = useViewContext();
  return useQuery({
    queryKey: ['view', version, filter, window, selectedId, context],
    queryFn: () => engine.request({ type: 'view', filter, window, selectedId, context }),
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

/**
 * Fields of a report past those it carries: `wanted` of them from `from` on, asked for a page of
 * REPORT_FIELDS at a time, so that asking for more fetches only the new page. `pages` holds the
 * pages come so far, in order; `pending` whether one is still on its way.
 */
export function useReportFields(incidentId: string, from: number, wanted: number): { pages: FieldsPage[]; pending: boolean } {
  const version = useSession((s) => s.status?.version ?? 0);
  const starts: number[] = [];
  for (let offset = from; offset < from + wanted; offset += REPORT_FIELDS) starts.push(offset);
  return useQueries({
    queries: starts.map((offset) => ({
      queryKey: ['reportFields', incidentId, offset, Math.min(REPORT_FIELDS, from + wanted - offset), version],
      queryFn: () => engine.request({ type: 'reportFields', incidentId, offset, limit: Math.min(REPORT_FIELDS, from + wanted - offset) }),
      ...EPHEMERAL,
    })),
    combine: (results) => {
      // Pages in order up to the first not come yet: rows are never shown with a gap.
      const pages: FieldsPage[] = [];
      for (const r of results) {
        if (!r.data) break;
        pages.push(r.data);
      }
      return { pages, pending: results.some((r) => r.isPending) };
    },
  });
}

/**
 * The session's counts as shown everywhere (header, progress strip, list): those the current view
 * was computed from, so every place shows the same numbers at every moment of a load. Before the
 * first view, the engine's latest status.
 */
export function useCounters(): SessionCounters | null {
  const status = useSession((s) => s.status);
  const view = useView();
  return view.data?.counters ?? status;
}

/**
 * What the engine needs besides the filter: triage statuses (only those not 'new', compared
 * shallowly so typing a note does not recompute the view) and the facet value searches.
 */
export function useViewContext(): ViewContext {
  const statuses = useTriage(useShallow((s) => triagedStatuses(s.byIncident)));
  const facetSearch = useSession((s) => s.facetSearch);
  return { statuses, facetSearch };
}

function triagedStatuses(byIncident: Record<string, TriageNote>): Record<string, TriageStatus> {
  const out: Record<string, TriageStatus> = {};
  for (const [id, note] of Object.entries(byIncident)) if (note.status !== 'new') out[id] = note.status;
  return out;
}

/** The Markdown of one incident, with its triage, as the preview shows and copies it. */
export function useIncidentMarkdown(incidentId: string | null) {
  const triage = useTriage((s) => (incidentId ? s.byIncident[incidentId] : undefined));
  const version = useSession((s) => s.status?.version ?? 0);
  return useQuery({
    queryKey: ['markdown', incidentId, version, triage],
    queryFn: () =>
      engine.request({
        type: 'markdown',
        incidentIds: [incidentId!],
        triage: triage ? { [incidentId!]: triage } : {},
        generatedAt: new Date().toISOString(),
      }),
    enabled: incidentId !== null,
    ...EPHEMERAL,
  });
}

/** One page of an incident's alerts in time order (the page never holds them all). */
export function useAlertsPage(incident: IncidentSummary, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['alerts', incident.id, incident.count, page],
    queryFn: () => engine.request({ type: 'alerts', incidentId: incident.id, offset: page * pageSize, limit: pageSize, order: 'time' }),
    placeholderData: keepPreviousData,
  });
}

/** The first `shown` problems, asked for only when there are some. */
export function useProblems(shown: number) {
  const version = useSession((s) => s.status?.version ?? 0);
  const problems = useSession((s) => s.status?.problems ?? 0);
  return useQuery({
    queryKey: ['problems', version],
    queryFn: () => engine.request({ type: 'problems', offset: 0, limit: shown }),
    enabled: problems > 0,
    ...EPHEMERAL,
  });
}
