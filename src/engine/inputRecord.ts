import type { Alert, InputSummary, ParseIssue, RulesFileItem, SavedRulesFile } from '../model';

/** The bytes of one parsed batch of an input and where its lines sit in the input. */
export interface RecordedBatch {
  bytes: Uint8Array;
  lineOffset: number;
}

/**
 * What one input added to the session, kept so that closing another input re-derives the session
 * from memory (see replay.ts) instead of reading every other file again. The bytes are those the
 * column store keeps anyway (a batch's lines, alerts held as objects): only a batch whose alerts
 * were all duplicates costs memory of its own.
 */
export interface InputRecord {
  /** The page's key for the input (InputEntry.key); absent for the CLI and tests. */
  id?: string;
  summary: InputSummary;
  /** Batches of lines, in input order. */
  batches: RecordedBatch[];
  /** Alerts added as objects (JSON documents, pasted text, session files), in order. */
  objects: Alert[];
  /** Problems the input added, in order (for a rules file: those not from its rules, see rules). */
  problems: ParseIssue[];
  /**
   * Rules files (one, or those a session file carried): as read, to be saved with a session (see
   * export/sessionFile), their items and the problems of reading them (those of building the
   * rules depend on the files loaded before, and are worked out again by a replay).
   */
  rules?: {
    files: SavedRulesFile[];
    items: RulesFileItem[];
    readProblems: ParseIssue[];
    /** A session's rules: their problems are among the session's saved ones, not added again. */
    problemsSaved?: boolean;
  };
  /**
   * Set when the input has the same content (content hash) as one loaded before it: it adds no
   * alert and its problems are not counted again. Its bytes are dropped; a replay that no longer
   * has the first takes the first's (see replay.ts).
   */
  duplicateOf?: string;
}

export function newRecord(summary: InputSummary, id: string | undefined): InputRecord {
  return { ...(id === undefined ? {} : { id }), summary, batches: [], objects: [], problems: [] };
}

/**
 * The key under which an input read in full may repeat another: its content hash. None for a read
 * cut short, and none for a rules file (loading one again is Falco's own business: its items
 * override) or for a session that carries rules files.
 */
export function contentKey(record: InputRecord): string | undefined {
  const { summary } = record;
  if (summary.cancelled || summary.error !== undefined || summary.format === 'rules' || record.rules) return undefined;
  return summary.contentHash;
}
