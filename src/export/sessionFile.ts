import { SESSION_FORMAT_VERSION, SESSION_MARKER, type SessionFile } from '../model';

export { SESSION_FORMAT_VERSION, type SessionFile };

/** Session files are read back by ingest/restore.ts (restoreSession), like every other input. */
export function serializeSession(parts: Omit<SessionFile, 'format' | 'version'>): string {
  const file: SessionFile = { format: SESSION_MARKER, version: SESSION_FORMAT_VERSION, ...parts };
  return JSON.stringify(file);
}
