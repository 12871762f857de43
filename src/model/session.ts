import type { Alert, ParseIssue } from './alert';

/** The analyst's verdict on an incident; anything else read from a file or storage is dropped. */
export const TRIAGE_STATUSES = ['new', 'investigating', 'benign', 'malicious', 'resolved'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

export interface TriageNote {
  status: string;
  notes: string;
}

/** The first key a falcoscope session file writes, and its value. */
export const SESSION_MARKER = 'falcoscope-session';
/** Bump when the file layout changes; older files must keep opening. */
export const SESSION_FORMAT_VERSION = 1;

/** A saved session: everything needed to reopen the analysis and the analyst's triage. */
export interface SessionFile {
  format: typeof SESSION_MARKER;
  version: number;
  savedAt: string;
  inputs: string[];
  alerts: Omit<Alert, 'id'>[];
  problems: ParseIssue[];
  triage: Record<string, TriageNote>;
}
