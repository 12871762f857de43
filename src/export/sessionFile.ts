import type { Alert, ParseIssue } from '../model';
import type { TriageNote } from './markdown';

/** Bump when the file layout changes; older files must keep opening. */
export const SESSION_FORMAT_VERSION = 1;
const MARKER = 'falcoscope-session';

/** A saved session: everything needed to reopen the analysis and the analyst's triage. */
export interface SessionFile {
  format: typeof MARKER;
  version: number;
  savedAt: string;
  inputs: string[];
  alerts: Omit<Alert, 'id'>[];
  problems: ParseIssue[];
  triage: Record<string, TriageNote>;
}

/** Thrown for a file a user gave us that we cannot open: shown to them as is. */
export class SessionFileError extends Error {}

export function serializeSession(parts: Omit<SessionFile, 'format' | 'version'>): string {
  const file: SessionFile = { format: MARKER, version: SESSION_FORMAT_VERSION, ...parts };
  return JSON.stringify(file);
}

/** Cheap check on a file's first bytes, so alert files never pay for a full parse. */
export function looksLikeSessionFile(head: string): boolean {
  return /^\s*\{\s*"format"\s*:\s*"falcoscope-session"/.test(head);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parse and check a session file; every failure is a SessionFileError with a clear reason. */
export function parseSessionFile(text: string, fileName: string): SessionFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SessionFileError(`${fileName}: not a readable session file (${(error as Error).message})`);
  }
  if (!isRecord(data) || data.format !== MARKER) throw new SessionFileError(`${fileName}: not a falcoscope session file`);
  const version = data.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new SessionFileError(`${fileName}: the session file has no valid version`);
  }
  if (version > SESSION_FORMAT_VERSION) {
    throw new SessionFileError(
      `${fileName}: saved by a newer falcoscope (session format ${version}); this version opens format ${SESSION_FORMAT_VERSION} and older. Update falcoscope to open it.`,
    );
  }
  if (!Array.isArray(data.alerts) || !Array.isArray(data.problems) || !isRecord(data.triage)) {
    throw new SessionFileError(`${fileName}: the session file is incomplete (alerts, problems or triage missing)`);
  }
  return {
    format: MARKER,
    version,
    savedAt: typeof data.savedAt === 'string' ? data.savedAt : '',
    inputs: Array.isArray(data.inputs) ? data.inputs.filter((i): i is string => typeof i === 'string') : [],
    alerts: data.alerts as SessionFile['alerts'],
    problems: data.problems as ParseIssue[],
    triage: data.triage as Record<string, TriageNote>,
  };
}
