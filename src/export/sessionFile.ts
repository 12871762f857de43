import { SESSION_FORMAT_VERSION, SESSION_MARKER, type SessionFile } from '../model';

export { SESSION_FORMAT_VERSION, type SessionFile };

/** Session files are read back by ingest/restore.ts (restoreSession), like every other input. */
export function serializeSession(parts: Omit<SessionFile, 'format' | 'version'>): string {
  const file: SessionFile = { format: SESSION_MARKER, version: SESSION_FORMAT_VERSION, ...parts };
  return JSON.stringify(file);
}

/**
 * The same JSON text as serializeSession, as a sequence of parts: one per alert and per problem,
 * so a session of any size is written without building one string (export/chunks.ts).
 * `alerts` and `problems` are iterated once.
 */
export function* sessionFileParts(parts: Omit<SessionFile, 'format' | 'version' | 'alerts' | 'problems'> & {
  alerts: Iterable<SessionFile['alerts'][number]>;
  problems: Iterable<SessionFile['problems'][number]>;
}): Generator<string> {
  const { alerts, problems, ...rest } = parts;
  const head: Omit<SessionFile, 'alerts' | 'problems'> = { format: SESSION_MARKER, version: SESSION_FORMAT_VERSION, ...rest };
  // the fixed keys first, in the order serializeSession writes them, then the two long arrays
  const order = Object.keys({ format: 0, version: 0, ...parts }) as (keyof SessionFile)[];
  yield '{';
  let first = true;
  for (const key of order) {
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (key === 'alerts' || key === 'problems') {
      yield '[';
      let i = 0;
      for (const item of key === 'alerts' ? alerts : problems) yield `${i++ ? ',' : ''}${JSON.stringify(item) ?? 'null'}`;
      yield ']';
    } else {
      yield JSON.stringify((head as Record<string, unknown>)[key]) ?? 'null';
    }
  }
  yield '}';
}
