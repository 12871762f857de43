/**
 * The one way a record becomes data the engine holds: a Falco record read from a file, or an
 * alert, problem or triage note read back from a saved session, is restored field by field into
 * a complete, valid value, or into a ParseIssue that says where it was and why it is not one.
 * Nothing from a file reaches the engine or the UI without passing here.
 */
import type { ParseIssue, SavedRulesFile } from '../model';
import { SESSION_FORMAT_VERSION, SESSION_MARKER } from '../model';
import type { SavedTriageNote as TriageNote } from '../model';
import { isTriageStatus } from './triageNote';
import { restoreExportEntry } from './exports';
import { clipExcerpt, makeIssue, normalizeRecord } from './normalize';
import { typeName } from './priority';
import { elementLines, lineAt, topLevelEntries } from './jsonLayout';
import type { IngestedAlert, RecordSink } from './types';

/**
 * A Falco record (or falcosidekick wrapper) parsed from a file; an entry of a store's export
 * (a Loki line with its labels) is unwrapped first (see exports.ts).
 */
export function restoreRecord(value: unknown, file: string, line: number, raw?: string): IngestedAlert | ParseIssue {
  return restoreExportEntry(value, file, line) ?? normalizeRecord(value, file, line, raw);
}

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function own(obj: Obj, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

function excerpt(v: unknown): string | undefined {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? undefined : clipExcerpt(s.slice(0, 1000));
  } catch {
    return undefined; // nested too deeply to print: the message says enough
  }
}

/**
 * An alert as a session file holds it (the Alert shape, without id). It is put back into Falco's
 * shape and restored by the same function as any record read from a file, so a saved alert is
 * checked exactly as strictly (and its time recomputed, never trusted).
 */
export function restoreSavedAlert(value: unknown, file: string, index: number, line: number): IngestedAlert | ParseIssue {
  const where = `saved alert ${index + 1}`;
  if (!isObject(value)) return makeIssue(file, line, `${where}: expected an alert object, got ${typeName(value)}`, excerpt(value));
  const inferred = own(value, 'sourceInferred') === true;
  const record: Obj = {
    rule: own(value, 'rule') ?? null,
    priority: own(value, 'priority'),
    time: own(value, 'time'),
    output: own(value, 'output') ?? '',
    output_fields: own(value, 'outputFields'),
    tags: own(value, 'tags'),
    uuid: own(value, 'uuid'),
    hostname: own(value, 'hostname'),
    source: inferred ? undefined : own(value, 'source'),
  };
  const r = normalizeRecord(record, file, line);
  if ('message' in r) return makeIssue(file, line, `${where}: ${r.message}`, excerpt(value));
  // Where the alert was first read: kept when it is a plausible file name and line.
  const from = own(value, 'file');
  const at = own(value, 'line');
  if (typeof from === 'string' && from.trim() !== '') r.file = from;
  r.line = typeof at === 'number' && Number.isSafeInteger(at) && at >= 0 ? at : 0;
  return r;
}

/**
 * A problem as a session file holds it. A valid one comes back as it was saved; any other entry
 * becomes a problem about the session file itself. Either way it is one problem: the counts match.
 */
export function restoreSavedProblem(value: unknown, file: string, index: number, line: number): ParseIssue {
  const where = `saved problem ${index + 1}`;
  if (!isObject(value)) return makeIssue(file, line, `${where}: expected {file, line, message}, got ${typeName(value)}`, excerpt(value));
  const message = own(value, 'message');
  if (typeof message !== 'string' || message === '') {
    return makeIssue(file, line, `${where}: "message" must be a non-empty string, got ${typeName(message)}`, excerpt(value));
  }
  const from = own(value, 'file');
  const at = own(value, 'line');
  const text = own(value, 'excerpt');
  return makeIssue(
    typeof from === 'string' && from !== '' ? from : file,
    typeof at === 'number' && Number.isSafeInteger(at) && at >= 0 ? at : 0,
    message,
    typeof text === 'string' ? text : undefined,
  );
}

/**
 * Triage notes by incident id (from a session file, or from storage). Entries that are not an
 * object are dropped; a status that is not one of TRIAGE_STATUSES becomes "new" and notes that
 * are not text become "", each with a problem. `line` is where the triage starts in its file.
 */
export function restoreTriage(value: unknown, file: string, line = 0): { triage: Record<string, TriageNote>; problems: ParseIssue[] } {
  const problems: ParseIssue[] = [];
  const entries: [string, TriageNote][] = [];
  if (value === undefined) return { triage: {}, problems };
  if (!isObject(value)) {
    problems.push(makeIssue(file, line, `triage: expected an object of notes by incident, got ${typeName(value)}: ignored`, excerpt(value)));
    return { triage: {}, problems };
  }
  for (const id of Object.keys(value)) {
    const entry = value[id];
    const where = `triage of incident ${JSON.stringify(clipExcerpt(id))}`;
    if (!isObject(entry)) {
      problems.push(makeIssue(file, line, `${where}: expected {status, notes}, got ${typeName(entry)}: dropped`, excerpt(entry)));
      continue;
    }
    const status = own(entry, 'status');
    const notes = own(entry, 'notes');
    const updatedAt = own(entry, 'updatedAt');
    const note: TriageNote = { status: 'new', notes: '' };
    // The time of the last change lets a newer note elsewhere win; a bad one is simply not kept.
    if (typeof updatedAt === 'number' && Number.isFinite(updatedAt)) note.updatedAt = updatedAt;
    if (isTriageStatus(status)) note.status = status;
    else if (status !== undefined) problems.push(makeIssue(file, line, `${where}: unknown status ${clipExcerpt(excerpt(status) ?? '')}: set to "new"`));
    if (typeof notes === 'string') note.notes = notes;
    else if (notes !== undefined) problems.push(makeIssue(file, line, `${where}: notes must be text, got ${typeName(notes)}: dropped`, excerpt(notes)));
    entries.push([id, note]);
  }
  // fromEntries defines own properties: an id such as "__proto__" stays an ordinary key.
  return { triage: Object.fromEntries(entries), problems };
}

export interface RestoredSession {
  savedAt: string;
  inputs: string[];
  /** The rules files saved with the session, in load order (loaded before its alerts). */
  rules: SavedRulesFile[];
  alerts: IngestedAlert[];
  /** The saved problems, then one for each entry that could not be restored. */
  problems: ParseIssue[];
  triage: Record<string, TriageNote>;
}

/**
 * Read a session file's text. Never throws for anything in the file: a file that is not a
 * readable session at all comes back as one problem (line 0); every entry is restored on its own.
 */
export function restoreSession(text: string, file: string): RestoredSession {
  const empty: RestoredSession = { savedAt: '', inputs: [], rules: [], alerts: [], problems: [], triage: {} };
  const fail = (message: string): RestoredSession => ({ ...empty, problems: [makeIssue(file, 0, message)] });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail(`not a readable session file (${error instanceof Error ? error.message.slice(0, 200) : String(error)})`);
  }
  if (!isObject(data) || own(data, 'format') !== SESSION_MARKER) return fail('not a falcoscope session file');
  const version = own(data, 'version');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return fail('the session file has no valid version');
  if (version > SESSION_FORMAT_VERSION) {
    return fail(
      `saved by a newer falcoscope (session format ${version}); this version opens format ${SESSION_FORMAT_VERSION} and older. Update falcoscope to open it.`,
    );
  }
  const savedAlerts = own(data, 'alerts');
  if (!Array.isArray(savedAlerts)) return fail('the session file is incomplete (no list of alerts)');
  const layout = topLevelEntries(text);
  const linesOf = (key: string, count: number): number[] => {
    const at = layout.get(key);
    const lines = at === undefined ? [] : elementLines(text, at);
    return Array.from({ length: count }, (_, i) => lines[i] ?? 1);
  };

  const out: RestoredSession = { ...empty, alerts: [], problems: [] };
  const badEntries: ParseIssue[] = [];
  const alertLines = linesOf('alerts', savedAlerts.length);
  savedAlerts.forEach((value, i) => {
    const r = restoreSavedAlert(value, file, i, alertLines[i]!);
    if ('message' in r) badEntries.push(r);
    else out.alerts.push(r);
  });

  const savedProblems = own(data, 'problems');
  if (Array.isArray(savedProblems)) {
    const problemLines = linesOf('problems', savedProblems.length);
    savedProblems.forEach((value, i) => out.problems.push(restoreSavedProblem(value, file, i, problemLines[i]!)));
  } else if (savedProblems !== undefined) {
    badEntries.push(makeIssue(file, lineOfKey('problems'), `"problems" must be a list, got ${typeName(savedProblems)}: ignored`));
  }

  const rules = restoreRulesFiles(own(data, 'rules'), file, lineOfKey('rules'));
  out.rules = rules.files;
  badEntries.push(...rules.problems);

  const triage = restoreTriage(own(data, 'triage'), file, lineOfKey('triage'));
  out.triage = triage.triage;
  out.problems.push(...badEntries, ...triage.problems);

  const savedAt = own(data, 'savedAt');
  out.savedAt = typeof savedAt === 'string' ? savedAt : '';
  const inputs = own(data, 'inputs');
  out.inputs = Array.isArray(inputs) ? inputs.filter((i): i is string => typeof i === 'string') : [];
  return out;

  function lineOfKey(key: string): number {
    const at = layout.get(key);
    return at === undefined ? 0 : lineAt(text, at);
  }
}

/** A session's rules files: each a name and a text; anything else is a problem and is skipped. */
function restoreRulesFiles(value: unknown, file: string, line: number): { files: SavedRulesFile[]; problems: ParseIssue[] } {
  if (value === undefined) return { files: [], problems: [] };
  if (!Array.isArray(value)) return { files: [], problems: [makeIssue(file, line, `"rules" must be a list, got ${typeName(value)}: ignored`)] };
  const files: SavedRulesFile[] = [];
  const problems: ParseIssue[] = [];
  value.forEach((entry: unknown, i) => {
    const name = isObject(entry) ? own(entry, 'name') : undefined;
    const text = isObject(entry) ? own(entry, 'text') : undefined;
    if (typeof name === 'string' && typeof text === 'string') files.push({ name, text });
    else problems.push(makeIssue(file, line, `rules file ${i + 1} of the session has no name and text: not loaded`));
  });
  return { files, problems };
}

/** Session files are recognised by the format table; re-exported for their readers. */
export { looksLikeSession } from './formats';

/**
 * A session file read like any input: each saved alert and problem goes to the sink as one
 * record, in the file's order (alerts, then problems); its triage comes back for the caller.
 */
export function ingestSession(text: string, file: string, sink: RecordSink): Record<string, TriageNote> {
  const saved = restoreSession(text, file);
  for (const alert of saved.alerts) sink.alert(alert);
  for (const problem of saved.problems) sink.problem(problem);
  return saved.triage;
}
