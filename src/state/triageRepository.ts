import { createStore, del, entries, get, set, clear, type UseStore } from 'idb-keyval';
import type { TriageNote } from '../model';

/**
 * Where triage notes are kept: one record per incident, so a write from one tab changes that
 * incident only and can never overwrite what another tab wrote for another incident (the old
 * store kept the whole set as one document, and the last tab to write won everything).
 */
export interface TriageRepository {
  loadAll(): Promise<Array<[string, unknown]>>;
  put(incidentId: string, note: TriageNote): Promise<void>;
  /** Drops one record: used for entries that cannot be restored, so bad data does not stay forever. */
  remove(incidentId: string): Promise<void>;
  clear(): Promise<void>;
}

/** Tabs of the same origin tell each other of every change they make. */
export interface TriageChannel {
  post(message: TriageMessage): void;
  listen(onMessage: (message: TriageMessage) => void): void;
}

/** A note changed, or every note was cleared. `note` is unknown: another tab may run another version. */
export type TriageMessage = { incidentId: string; note: unknown } | { cleared: true };

/** Name of the single-document store of earlier versions (zustand persist in idb-keyval's default store). */
const LEGACY_KEY = 'falcoscope-triage';

export function indexedDbTriageRepository(): TriageRepository {
  let store: UseStore | null = null;
  const notes = (): UseStore => (store ??= createStore('falcoscope-triage', 'notes'));
  return {
    async loadAll() {
      const rows = await entries<string, unknown>(notes());
      return [...rows, ...(await takeLegacyNotes(notes()))];
    },
    put: (incidentId, note) => set(incidentId, note, notes()),
    remove: (incidentId) => del(incidentId, notes()),
    clear: () => clear(notes()),
  };
}

/** Notes saved by an earlier version move into the per-incident store once, then the old key goes. */
async function takeLegacyNotes(into: UseStore): Promise<Array<[string, unknown]>> {
  const raw = await get<unknown>(LEGACY_KEY);
  if (typeof raw !== 'string') return [];
  let byIncident: unknown;
  try {
    byIncident = (JSON.parse(raw) as { state?: { byIncident?: unknown } }).state?.byIncident;
  } catch {
    byIncident = undefined;
  }
  const rows = typeof byIncident === 'object' && byIncident !== null ? Object.entries(byIncident) : [];
  const existing = new Set((await entries<string, unknown>(into)).map(([id]) => id));
  for (const [id, note] of rows) if (!existing.has(id)) await set(id, note, into);
  await del(LEGACY_KEY);
  return rows.filter(([id]) => !existing.has(id));
}

export function broadcastTriageChannel(): TriageChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const channel = new BroadcastChannel('falcoscope-triage');
  return {
    post: (message) => channel.postMessage(message),
    listen: (onMessage) => {
      channel.onmessage = (event: MessageEvent<unknown>) => {
        const data = event.data as { incidentId?: unknown; note?: unknown; cleared?: unknown } | null;
        if (data?.cleared === true) onMessage({ cleared: true });
        else if (data && typeof data.incidentId === 'string') onMessage({ incidentId: data.incidentId, note: data.note });
      };
    },
  };
}
