import { create } from 'zustand';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { del, get, set } from 'idb-keyval';
import { TRIAGE_STATUSES, type TriageNote, type TriageStatus } from '../model/session';
import { restoreTriage } from '../ingest/restore';

export { TRIAGE_STATUSES, type TriageStatus };

interface TriageState {
  byIncident: Record<string, TriageNote>;
  setStatus: (incidentId: string, status: TriageStatus) => void;
  setNotes: (incidentId: string, notes: string) => void;
  replaceAll: (byIncident: Record<string, TriageNote>) => void;
}

/** IndexedDB, not localStorage: notes can be long and the session can hold thousands. */
const indexedDbStorage: StateStorage = {
  getItem: async (name) => (await get<string>(name)) ?? null,
  setItem: (name, value) => set(name, value),
  removeItem: (name) => del(name),
};

const blank: TriageNote = { status: 'new', notes: '' };

export const useTriage = create<TriageState>()(
  persist(
    (setState) => ({
      byIncident: {},
      setStatus: (id, status) =>
        setState((s) => ({ byIncident: { ...s.byIncident, [id]: { ...(s.byIncident[id] ?? blank), status } } })),
      setNotes: (id, notes) =>
        setState((s) => ({ byIncident: { ...s.byIncident, [id]: { ...(s.byIncident[id] ?? blank), notes } } })),
      replaceAll: (byIncident) => setState({ byIncident }),
    }),
    {
      name: 'falcoscope-triage',
      version: 1,
      storage: createJSONStorage(() => indexedDbStorage),
      // What storage holds may predate the checks on session files (a bad note saved then): it is
      // restored like a session's triage, so one bad entry never breaks the preview or exports.
      merge: (persisted, current) => ({
        ...current,
        byIncident: restoreTriage((persisted as { byIncident?: unknown } | null)?.byIncident, 'stored triage').triage,
      }),
    },
  ),
);
