import type { Alert, ParseIssue } from '../../model';
import { splitLines, LineRecords } from '../../ingest';
import { IncidentBatch, effectiveTags, type IncidentBatchResult, type KeyTable } from './incidentBatch';
import { TallyBuilder, type PrevalenceTally } from '../../analyze/context/prevalence';

/**
 * A batch of whole lines to parse (see LineBatcher), from the file named `file`. Its lines are
 * numbered from `firstLine`; the engine passes 1 and shifts the numbers when the batch takes its
 * place in the file (see AnalysisSession.addBatch).
 */
export interface BatchInput {
  bytes: Uint8Array;
  firstLine: number;
  file: string;
}

/**
 * A parsed batch: nothing of the parsed alerts is kept but where each one lies in `bytes` (handed
 * back, to be stored and parsed again on demand) and what it adds to the incidents.
 */
export interface ParsedBatch extends IncidentBatchResult {
  bytes: Uint8Array;
  file: string;
  /** Lines in the batch (blank ones included), and alerts among them. */
  lines: number;
  alerts: number;
  /** Per alert: its line's bytes in `bytes`, and its line number. */
  byteStart: Int32Array;
  byteEnd: Int32Array;
  line: Int32Array;
  /**
   * Per alert, 1 when its line holds its text values exactly as written (no JSON escape, every
   * number as JavaScript prints it): text found in a value is then found in the raw line, so
   * search may skip, unparsed, a line that lacks it.
   */
  plain: Uint8Array;
  problems: ParseIssue[];
  /** How often each field value occurs, per incident key (see context/prevalence). */
  prevalence: PrevalenceTally;
}

/** Parse a batch of lines: alerts become positions and incident deltas, the rest problems. */
export function parseBatch(input: BatchInput, table: KeyTable): ParsedBatch {
  const { bytes, file } = input;
  const incidents = new IncidentBatch(table);
  const tally = new TallyBuilder();
  const byteStart: number[] = [];
  const byteEnd: number[] = [];
  const lines: number[] = [];
  const plain: number[] = [];
  const problems: ParseIssue[] = [];
  // Grouping never reads the digits of huge integers: not worth a scan of every line here.
  const records = new LineRecords(file, false, (r, lineNo, start, end, source) => {
    if ('message' in r) {
      problems.push(r);
      return;
    }
    const alert = r as Alert;
    alert.id = -1;
    const carried = alert.tags.length;
    alert.tags = effectiveTags(alert.rule, alert.tags);
    if (carried === 0 && alert.tags.length > 0) alert.tagsInferred = true;
    tally.add(alert, incidents.keyAt(incidents.add(alert)));
    byteStart.push(start);
    byteEnd.push(end);
    lines.push(lineNo);
    plain.push(isPlain(source, alert) ? 1 : 0);
  });
  const lineCount = splitLines(bytes, input.firstLine, records);
  records.end();
  return {
    ...incidents.result(),
    bytes,
    file,
    lines: lineCount,
    alerts: lines.length,
    byteStart: Int32Array.from(byteStart),
    byteEnd: Int32Array.from(byteEnd),
    line: Int32Array.from(lines),
    plain: Uint8Array.from(plain),
    problems,
    prevalence: tally.result(),
  };
}

/**
 * The value counts of some alerts of a parsed batch (by position in it), parsed again from their
 * bytes exactly as parseBatch read them: the session takes its duplicates back out of the
 * batch's tally with it (a parser cannot know which alerts the session has already).
 */
export function tallyOfAlerts(batch: ParsedBatch, positions: Iterable<number>): PrevalenceTally {
  const tally = new TallyBuilder();
  for (const i of positions) {
    const records = new LineRecords(batch.file, false, (r) => {
      if (!('message' in r)) tally.add(r as Alert, batch.keys[i]!);
    });
    splitLines(batch.bytes.subarray(batch.byteStart[i]!, batch.byteEnd[i]!), 1, records);
    records.end();
  }
  return tally.result();
}

/**
 * See ParsedBatch.plain. Integers are taken to be written as their digits, as every JSON writer
 * does: checking each would cost more than the rest of the line's grouping. Those beyond 2^53
 * (Falco's nanosecond evt.time) are kept as the digits written when the alert is parsed again
 * (see keepWrittenIntegers), and never matched when they cannot be (see alertMatchesText).
 * Other numbers are looked for as JavaScript prints them (1.50 is printed 1.5).
 */
function isPlain(line: string, alert: Alert): boolean {
  if (line.indexOf('\\') !== -1) return false;
  const fields = alert.outputFields;
  for (const key in fields) {
    const value = fields[key];
    if (typeof value === 'number' && !Number.isInteger(value) && !line.includes(String(value))) return false;
  }
  return true;
}
