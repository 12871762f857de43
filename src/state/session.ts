import { create } from 'zustand';
import type { FacetKey, ViewFilter, ViewWindow } from '../model';
import { EMPTY_FILTER } from '../model';
import type { SessionStatus } from '../model';
import { decodeHash } from './urlHash';

/** An input the analyst gave us. */
export interface InputEntry {
  /**
   * This addition of the input, unique: not its name, size and time (two nodes' `falco.ndjson` can
   * share all three), and not its content either, which is known once it is read (its summary's
   * contentHash). A file added again, after a cancel or not, is read again.
   */
  key: string;
  name: string;
  size: number;
  file?: File;
  text?: string;
  /** The built-in sample alerts, labelled as such wherever the input is listed. */
  sample?: boolean;
  /**
   * Read back from the browser's saved session: a session file's triage is not merged again
   * (the triage store kept it, with any change made since).
   */
  restored?: boolean;
}

export type ReportTab = 'report' | 'markdown' | 'alerts';

interface SessionState {
  inputs: InputEntry[];
  selectedId: string | null;
  /**
   * The selection was made for the analyst (the top of the list), not by them: it follows the
   * top while files load, until they pick an incident themselves.
   */
  selectionAuto: boolean;
  /** Saved inputs are being read back from the browser (see app/savedSession); null when done. */
  restoring: { files: number } | null;
  /** The files the opened link was made from (see HashState.files). */
  linkedFiles: string[];
  filter: ViewFilter;
  /** Text typed into each facet's value search (not in the URL: it narrows the panel, not the list). */
  facetSearch: Partial<Record<FacetKey, string>>;
  setFacetSearch: (key: FacetKey, text: string) => void;
  tab: ReportTab;
  status: SessionStatus | null;
  /** Rows of the incident list the page holds: around the visible ones. */
  listWindow: ViewWindow;
  setListWindow: (window: ViewWindow) => void;
  addFiles: (files: File[]) => void;
  addText: (name: string, text: string, options?: { sample?: boolean }) => void;
  /** Put these inputs in place of the current ones (each gets a new key, so it is read again). */
  replaceInputs: (inputs: readonly Omit<InputEntry, 'key'>[]) => void;
  /** Take one input out of the list (the others keep their keys: nothing is read again). */
  dropInput: (key: string) => void;
  setRestoring: (restoring: { files: number } | null) => void;
  select: (id: string | null) => void;
  /** Select the top of the list on the analyst's behalf (see selectionAuto). */
  autoSelect: (id: string) => void;
  setFilter: (patch: Partial<ViewFilter>) => void;
  /** Click: include; click again: exclude; a third time: clear. */
  cycleFacet: (key: FacetKey, value: string) => void;
  clearFilters: () => void;
  setTab: (tab: ReportTab) => void;
  setStatus: (status: SessionStatus) => void;
  clearInputs: () => void;
}

const initial = typeof location === 'undefined' ? decodeHash('') : decodeHash(location.hash);
let inputCounter = 0;
/** How many incident rows the page asks for at a time (a few screens' worth). */
export const LIST_WINDOW = 400;

/**
 * A dropped file's entry. Its size is asked of the file when first needed (the ingest queue gets
 * to it), not here: Chromium reads a dropped file's size from the disk, synchronously (0.7 to
 * 1.7 ms a file measured on the busy 2-core machine), and for 10k files that froze the page for
 * seconds before anything was read. Once read, the file carries its size to the worker.
 */
function fileEntry(file: File): InputEntry {
  let size: number | undefined;
  return {
    key: `file:${++inputCounter}`,
    name: file.name,
    get size() {
      return (size ??= file.size);
    },
    file,
  };
}

export const useSession = create<SessionState>((set) => ({
  inputs: [],
  selectedId: initial.incident,
  selectionAuto: initial.incident === null,
  restoring: null,
  linkedFiles: initial.files ?? [],
  filter: initial.filter,
  facetSearch: {},
  setFacetSearch: (key, text) => set((s) => ({ facetSearch: { ...s.facetSearch, [key]: text } })),
  tab: 'report',
  status: null,
  listWindow: { offset: 0, limit: LIST_WINDOW },
  setListWindow: (listWindow) => set({ listWindow }),
  addFiles: (files) => set((s) => ({ inputs: [...s.inputs, ...files.map(fileEntry)] })),
  addText: (name, text, options) =>
    set((s) => ({ inputs: [...s.inputs, { key: `text:${++inputCounter}`, name, size: text.length, text, ...(options?.sample ? { sample: true } : {}) }] })),
  replaceInputs: (inputs) => set({ inputs: inputs.map((entry) => ({ ...entry, key: `${entry.file ? 'file' : 'text'}:${++inputCounter}` })) }),
  dropInput: (key) => set((s) => ({ inputs: s.inputs.filter((entry) => entry.key !== key) })),
  setRestoring: (restoring) => set({ restoring }),
  select: (id) => set({ selectedId: id, selectionAuto: id === null }),
  autoSelect: (id) => set({ selectedId: id, selectionAuto: true }),
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  cycleFacet: (key, value) =>
    set((s) => {
      const include = new Set(s.filter.include[key] ?? []);
      const exclude = new Set(s.filter.exclude[key] ?? []);
      if (include.has(value)) {
        include.delete(value);
        exclude.add(value);
      } else if (exclude.has(value)) {
        exclude.delete(value);
      } else {
        include.add(value);
      }
      return {
        filter: {
          ...s.filter,
          include: { ...s.filter.include, [key]: [...include] },
          exclude: { ...s.filter.exclude, [key]: [...exclude] },
        },
      };
    }),
  clearFilters: () => set((s) => ({ filter: { ...EMPTY_FILTER, sort: s.filter.sort } })),
  setTab: (tab) => set({ tab }),
  setStatus: (status) => set({ status }),
  clearInputs: () => set({ inputs: [], selectedId: null, selectionAuto: true }),
}));
