import { TRIAGE_STATUSES, type TriageNote, type TriageStatus } from '../model/triage';

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

export interface RestoredTriage {
  /** Prototype-less: incident ids in a session file are attacker-chosen (`__proto__`). */
  byIncident: Record<string, TriageNote>;
  problems: Array<{ incidentId: string; reason: string }>;
}

/** A whole map of notes, as a session file or the old single-document store holds it. */
export function restoreTriageMap(value: unknown, fallbackTime: number): RestoredTriage {
  const byIncident = Object.create(null) as Record<string, TriageNote>;
  const problems: RestoredTriage['problems'] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    if (value !== undefined && value !== null) problems.push({ incidentId: '', reason: 'triage is not an object' });
    return { byIncident, problems };
  }
  for (const [incidentId, entry] of Object.entries(value)) {
    const restored = restoreTriageNote(entry, fallbackTime);
    if ('note' in restored) byIncident[incidentId] = restored.note;
    else problems.push({ incidentId, reason: restored.problem });
  }
  return { byIncident, problems };
}

/** The note to keep when two copies meet: the later change; on a tie, the incoming one. */
export function newerNote(current: TriageNote | undefined, incoming: TriageNote): TriageNote {
  return current && current.updatedAt > incoming.updatedAt ? current : incoming;
}
