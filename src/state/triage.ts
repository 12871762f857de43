import { create } from 'zustand';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { del, get, set } from 'idb-keyval';
import type { TriageNote } from '../export/markdown';

export const TRIAGE_STATUSES = ['new', 'investigating', 'benign', 'malicious', 'resolved'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

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
    { name: 'falcoscope-triage', version: 1, storage: createJSONStorage(() => indexedDbStorage) },
  ),
);
