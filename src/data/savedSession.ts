import { useEffect } from 'react';
import { engine } from './engine';
import { ingestQueue } from './ingestQueue';
import { useSession, type InputEntry } from '../state/session';
import { useTriage } from '../state/triage';
import { EMPTY_FILTER } from '../model';
import { indexedDbSavedInputs, type SavedInput, type SavedInputsRepository } from '../state/savedInputs';

/**
 * The session kept in the browser: every input read to its end is saved (its bytes once, by
 * content hash, and its place in the list); a reload reads them back through the normal ingest.
 * Triage has its own store (state/triage). Saving is best effort: a browser without IndexedDB
 * (or out of quota) still works, it only forgets on reload.
 */
const repository: SavedInputsRepository = indexedDbSavedInputs();
/** What is saved for each input of the current list, by input key. */
const saved = new Map<string, SavedInput>();
/** Saves run one after another, so the list written last is the list as it is now. */
let writes: Promise<void> = Promise.resolve();

function enqueueWrite(write: () => Promise<void>): Promise<void> {
  writes = writes.then(write).catch((error: unknown) => console.warn('falcoscope: the session could not be kept in this browser', error));
  return writes;
}

function currentList(): SavedInput[] {
  return useSession
    .getState()
    .inputs.map((entry) => saved.get(entry.key))
    .filter((s): s is SavedInput => s !== undefined);
}

ingestQueue.onInputRead((entry, summary) => {
  if (!summary.contentHash) return;
  const data = entry.file ?? entry.text;
  if (data === undefined) return;
  saved.set(entry.key, { hash: summary.contentHash, name: entry.name, kind: entry.file ? 'file' : 'text', ...(entry.sample ? { sample: true } : {}) });
  const hash = summary.contentHash;
  void enqueueWrite(async () => {
    await repository.putData(hash, data);
    saveListSoon();
  });
});

/** A list write is queued and has not started: it will write the list as it is by then. */
let listQueued = false;

/**
 * The list is written once after the bytes queued before it, not once per input: it holds every
 * input, so writing it per file made a drop of 10k files write 10k lists of up to 10k entries.
 */
function saveListSoon(): void {
  if (listQueued) return;
  listQueued = true;
  void enqueueWrite(async () => {
    listQueued = false;
    await repository.saveList(currentList());
  });
}

/** Read the saved session back, once, at start-up: its inputs are read again like new ones. */
async function restore(): Promise<void> {
  const list = await repository.list();
  if (!list.length || useSession.getState().inputs.length) return;
  useSession.getState().setRestoring({ files: list.length });
  const entries: Omit<InputEntry, 'key'>[] = [];
  const savedAs: SavedInput[] = [];
  for (const input of list) {
    const data = await repository.data(input.hash);
    if (data === undefined) continue;
    savedAs.push(input);
    const common = { name: input.name, restored: true, ...(input.sample ? { sample: true } : {}) };
    if (typeof data === 'string') entries.push({ ...common, size: data.length, text: data });
    // Named as opened (a file read back from OPFS has the name it is kept under there).
    else entries.push({ ...common, size: data.size, file: data instanceof File && data.name === input.name ? data : new File([data], input.name) });
  }
  // Something opened meanwhile (a drop during the restore) comes after the restored inputs.
  const opened = useSession.getState().inputs;
  useSession.getState().replaceInputs([...entries, ...opened]);
  useSession
    .getState()
    .inputs.slice(0, savedAs.length)
    .forEach((entry, i) => saved.set(entry.key, savedAs[i]!));
}

/** Restore the saved session when the page opens (mounted once, in the App shell). */
export function useSavedSession(): void {
  useEffect(() => {
    restore()
      .catch((error: unknown) => console.warn('falcoscope: the saved session could not be read', error))
      .finally(() => useSession.getState().setRestoring(null));
  }, []);
}

/**
 * Close one input: its alerts and problems leave the session (the engine derives it again from
 * what the other inputs added, without reading them again), and it leaves the saved list.
 */
export async function removeInput(key: string): Promise<void> {
  saved.delete(key);
  useSession.getState().dropInput(key);
  await Promise.all([ingestQueue.remove(key), enqueueWrite(() => repository.saveList(currentList()))]);
}

/** Close everything and forget it: inputs, their saved bytes, triage, filters and selection. */
export async function clearSession(): Promise<void> {
  ingestQueue.reset();
  saved.clear();
  useSession.setState({ inputs: [], selectedId: null, selectionAuto: true, filter: EMPTY_FILTER });
  useTriage.getState().clearAll();
  await engine.request({ type: 'reset' });
  await enqueueWrite(() => repository.clear());
}
