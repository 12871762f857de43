import { TRIAGE_STATUSES, type SavedTriageNote, type TriageNote, type TriageStatus } from '../model';

/**
 * Triage notes come back from places the app does not control: IndexedDB written by an older
 * version, another tab, a session file made by hand. Each entry is restored on its own into a
 * complete note or dropped with a reason, so one bad value never breaks a preview or an export.
 */

/** Longest note kept: far beyond what anyone types, short of what freezes a textarea. */
export const MAX_NOTES_CHARS = 100_000;

export type RestoredNote = { note: TriageNote } | { problem: string };

const STATUSES: ReadonlySet<string> = new Set(TRIAGE_STATUSES);

export function isTriageStatus(value: unknown): value is TriageStatus {
  return typeof value === 'string' && STATUSES.has(value);
}

/** One entry: `fallbackTime` stands in for a missing `updatedAt` (notes saved before it existed). */
export function restoreTriageNote(value: unknown, fallbackTime: number): RestoredNote {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'not an object' };
  const entry = value as Record<string, unknown>;
  const status = entry.status ?? 'new';
  if (!isTriageStatus(status)) return { problem: `unknown status ${JSON.stringify(status)?.slice(0, 40)}` };
  const notes = entry.notes ?? '';
  if (typeof notes !== 'string') return { problem: `notes are ${Array.isArray(notes) ? 'a list' : typeof notes}, not text` };
  if (notes.length > MAX_NOTES_CHARS) return { problem: `notes longer than ${MAX_NOTES_CHARS} characters` };
  const updatedAt = entry.updatedAt ?? fallbackTime;
  if (typeof updatedAt !== 'number' || !Number.isFinite(updatedAt)) return { problem: 'updatedAt is not a time' };
  return { note: { status, notes, updatedAt } };
}

/**
 * Notes of a reopened session, already restored entry by entry (restore.ts), made complete:
 * a note saved before `updatedAt` existed counts as changed at `now`, so the session's notes win
 * as they always did. Prototype-less: incident ids in a session file are attacker-chosen.
 */
export function withChangeTime(saved: Record<string, SavedTriageNote>, now: number): Record<string, TriageNote> {
  const byIncident = Object.create(null) as Record<string, TriageNote>;
  for (const [incidentId, note] of Object.entries(saved)) byIncident[incidentId] = { ...note, updatedAt: note.updatedAt ?? now };
  return byIncident;
}

/** The note to keep when two copies meet: the later change; on a tie, the incoming one. */
export function newerNote(current: TriageNote | undefined, incoming: TriageNote): TriageNote {
  return current && current.updatedAt > incoming.updatedAt ? current : incoming;
}
