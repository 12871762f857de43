import type { Alert, ParseIssue } from './alert';
import type { SavedTriageNote } from './triage';


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
  triage: Record<string, SavedTriageNote>;
}
