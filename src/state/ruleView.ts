import { create } from 'zustand';

/** The rule view dialog: open or not, and the rule it shows (null: the list alone). */
interface RuleViewState {
  open: boolean;
  name: string | null;
  show: (name?: string | null) => void;
  select: (name: string | null) => void;
  close: () => void;
}

export const useRuleView = create<RuleViewState>((set) => ({
  open: false,
  name: null,
  show: (name = null) => set({ open: true, name }),
  select: (name) => set({ name }),
  close: () => set({ open: false }),
}));
