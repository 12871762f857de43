import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { TriageNote, TriageStatus } from '../model';
import { newerNote, restoreTriageNote } from '../ingest';
import { broadcastTriageChannel, indexedDbTriageRepository, type TriageChannel, type TriageRepository } from './triageRepository';

export { TRIAGE_STATUSES, type TriageStatus } from '../model';

interface TriageState {
  /** Prototype-less map: incident ids from session files are attacker-chosen. */
  byIncident: Record<string, TriageNote>;
  /** Set when a note could not be stored; the UI says so, since the note lives only in this tab. */
  writeError: string | null;
  setStatus: (incidentId: string, status: TriageStatus) => void;
  /** One status for several incidents (the list's bulk action): one store update, one note each. */
  setStatusMany: (incidentIds: readonly string[], status: TriageStatus) => void;
  setNotes: (incidentId: string, notes: string) => void;
  /** Notes from a reopened session, merged per incident: the later change wins. */
  mergeAll: (byIncident: Record<string, TriageNote>) => void;
  clearAll: () => void;
  dismissWriteError: () => void;
}

export interface TriageDeps {
  repository: TriageRepository | null;
  channel: TriageChannel | null;
  now: () => number;
}

const emptyMap = (): Record<string, TriageNote> => Object.create(null) as Record<string, TriageNote>;
const blank = (now: number): TriageNote => ({ status: 'new', notes: '', updatedAt: now });

/** The triage store; built from its dependencies so tests can run two "tabs" on one fake database. */
export function createTriageStore(deps: TriageDeps): UseBoundStore<StoreApi<TriageState>> {
  const store = create<TriageState>()((setState, getState) => {
    const failed = (error: unknown) =>
      setState({ writeError: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });

    const keep = (updates: Record<string, TriageNote>, announce: boolean) => {
      const byIncident = Object.assign(emptyMap(), getState().byIncident);
      for (const [id, note] of Object.entries(updates)) {
        byIncident[id] = newerNote(byIncident[id], note);
        if (byIncident[id] !== note) continue;
        if (announce) {
          deps.repository?.put(id, note).catch(failed);
          deps.channel?.post({ incidentId: id, note });
        }
      }
      setState({ byIncident });
    };

    const changed = (id: string, patch: Partial<Pick<TriageNote, 'status' | 'notes'>>, now: number): TriageNote => {
      const current = getState().byIncident[id] ?? blank(now);
      return { ...current, ...patch, updatedAt: Math.max(now, current.updatedAt + 1) };
    };
    const change = (id: string, patch: Partial<Pick<TriageNote, 'status' | 'notes'>>) => keep({ [id]: changed(id, patch, deps.now()) }, true);

    return {
      byIncident: emptyMap(),
      writeError: null,
      setStatus: (id, status) => change(id, { status }),
      setStatusMany: (ids, status) => {
        const now = deps.now();
        const updates = emptyMap();
        for (const id of ids) updates[id] = changed(id, { status }, now);
        keep(updates, true);
      },
      setNotes: (id, notes) => change(id, { notes }),
      mergeAll: (incoming) => keep(incoming, true),
      clearAll: () => {
        setState({ byIncident: emptyMap() });
        deps.repository?.clear().catch(failed);
        deps.channel?.post({ cleared: true });
      },
      dismissWriteError: () => setState({ writeError: null }),
    };
  });

  /** Takes a note from storage or another tab; returns false when it cannot be restored. */
  const adopt = (id: string, value: unknown): boolean => {
    const restored = restoreTriageNote(value, 0);
    if (!('note' in restored)) return false;
    const byIncident = Object.assign(emptyMap(), store.getState().byIncident);
    byIncident[id] = newerNote(byIncident[id], restored.note);
    store.setState({ byIncident });
    return true;
  };

  deps.channel?.listen((message) => {
    if ('cleared' in message) store.setState({ byIncident: emptyMap() });
    else adopt(message.incidentId, message.note);
  });
  deps.repository
    ?.loadAll()
    .then((rows) => {
      for (const [id, value] of rows) if (!adopt(id, value)) void deps.repository?.remove(id).catch(() => undefined);
    })
    .catch((error: unknown) => store.setState({ writeError: `could not read saved triage: ${String(error)}` }));
  return store;
}

export const useTriage = createTriageStore({
  repository: typeof indexedDB === 'undefined' ? null : indexedDbTriageRepository(),
  channel: broadcastTriageChannel(),
  now: () => Date.now(),
});
