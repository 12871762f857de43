import { create } from 'zustand';

/**
 * The incidents ticked in the list for a bulk action or an export. Apart from the open incident
 * (session.selectedId): ticking rows never changes which report is shown.
 */
interface ListSelectionState {
  ids: ReadonlySet<string>;
  /** Row index of the last plain tick: a shift-tick selects from here. */
  anchor: number | null;
  toggle: (id: string, index: number) => void;
  /** Adds rows (a shift-click range, or every row shown); the anchor stays. */
  add: (ids: readonly string[]) => void;
  clear: () => void;
}

export const useListSelection = create<ListSelectionState>((set) => ({
  ids: new Set(),
  anchor: null,
  toggle: (id, index) =>
    set((s) => {
      const ids = new Set(s.ids);
      if (ids.has(id)) ids.delete(id);
      else ids.add(id);
      return { ids, anchor: index };
    }),
  add: (more) => set((s) => ({ ids: new Set([...s.ids, ...more]) })),
  clear: () => set({ ids: new Set(), anchor: null }),
}));
