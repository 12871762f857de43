/** The analyst's verdict on an incident, in the order an investigation moves through them. */
export const TRIAGE_STATUSES = ['new', 'investigating', 'benign', 'malicious', 'resolved'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

/** Status and notes of one incident. */
export interface TriageNote {
  status: TriageStatus;
  notes: string;
  /**
   * When the analyst last changed it (epoch ms). Two tabs, or a tab and a reopened session, can
   * hold different notes for one incident: the newer one wins, per incident, never the whole set.
   */
  updatedAt: number;
}

/** A note as session files and exports carry it: files saved before `updatedAt` existed lack it. */
export type SavedTriageNote = Omit<TriageNote, 'updatedAt'> & { updatedAt?: number };

/** What an export shows of a triage note: any text, escaped like alert text (it may come from a file). */
export type ExportedTriageNote = { status: string; notes: string };
