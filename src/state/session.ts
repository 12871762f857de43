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
}

export type ReportTab = 'report' | 'markdown' | 'alerts';

interface SessionState {
  inputs: InputEntry[];
  selectedId: string | null;
  filter: ViewFilter;
  tab: ReportTab;
  status: SessionStatus | null;
  /** Rows of the incident list the page holds: around the visible ones. */
  listWindow: ViewWindow;
  setListWindow: (window: ViewWindow) => void;
  addFiles: (files: File[]) => void;
  addText: (name: string, text: string) => void;
  select: (id: string | null) => void;
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

export const useSession = create<SessionState>((set) => ({
  inputs: [],
  selectedId: initial.incident,
  filter: initial.filter,
  tab: 'report',
  status: null,
  listWindow: { offset: 0, limit: LIST_WINDOW },
  setListWindow: (listWindow) => set({ listWindow }),
  addFiles: (files) =>
    set((s) => ({ inputs: [...s.inputs, ...files.map((file) => ({ key: `file:${++inputCounter}`, name: file.name, size: file.size, file }))] })),
  addText: (name, text) => set((s) => ({ inputs: [...s.inputs, { key: `text:${++inputCounter}`, name, size: text.length, text }] })),
  select: (id) => set({ selectedId: id }),
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
  clearInputs: () => set({ inputs: [], selectedId: null }),
}));
