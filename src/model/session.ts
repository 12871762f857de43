import type { Alert, ParseIssue } from './alert';
import type { SavedTriageNote } from './triage';


/** The first key a falcoscope session file writes, and its value. */
export const SESSION_MARKER = 'falcoscope-session';
/** Bump when the file layout changes; older files must keep opening. */
export const SESSION_FORMAT_VERSION = 1;

/** A rules file as kept in a saved session: its name and its text. */
export interface SavedRulesFile {
  name: string;
  text: string;
}

/** A saved session: everything needed to reopen the analysis and the analyst's triage. */
export interface SessionFile {
  format: typeof SESSION_MARKER;
  version: number;
  savedAt: string;
  inputs: string[];
  /**
   * The rules files loaded, in load order, as they were read: reopening loads them again before
   * the alerts, so a custom rule's report is explained as it was. Absent in older files.
   */
  rules?: SavedRulesFile[];
  alerts: Omit<Alert, 'id'>[];
  problems: ParseIssue[];
  triage: Record<string, SavedTriageNote>;
}
