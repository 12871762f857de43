import type { RulesFileItem } from '../model';
import { buildRuleSet } from '../analyze/ruleSet';
import { AnalysisSession } from './store/session';
import type { BatchParsers } from './batchParsers';
import type { InputRecord } from './inputRecord';

export interface Replayed {
  session: AnalysisSession;
  rulesItems: RulesFileItem[];
  /** How many problems the last rules build gave (see EngineHost.loadRules). */
  ruleProblems: number;
}

/**
 * A fresh session from what the inputs added, in their order, read from memory: rules files are
 * built again from their items, batches of lines parsed again from their bytes, object alerts
 * added again, problems as they were. Alerts that were duplicates of a closed input now count for
 * the input that still has them. Each record's summary gets its new counts.
 *
 * Parsed inline, never in the parser workers: their batches move the bytes away, and the session
 * being replaced keeps answering from those bytes until the new one is ready.
 */
export async function replay(records: readonly InputRecord[], parsers: BatchParsers, nextJob: () => number, pause: () => Promise<void> | void): Promise<Replayed> {
  const session = new AnalysisSession();
  const rulesItems: RulesFileItem[] = [];
  let ruleProblems = 0;
  for (const record of records) {
    const summary = record.summary;
    // A rules file, or a session's rules: before its alerts, as when it was opened.
    let rulesProblems = 0;
    if (record.rules) {
      rulesItems.push(...record.rules.items);
      const built = buildRuleSet(rulesItems);
      const problems = [...record.rules.readProblems, ...built.problems.slice(ruleProblems)];
      ruleProblems = built.problems.length;
      session.setRules(built.set);
      if (!record.rules.problemsSaved) {
        for (const problem of problems) session.addProblem(problem);
        rulesProblems = problems.length;
      }
    }
    if (record.duplicateOf !== undefined) {
      // The same content as an earlier input still loaded: every alert of it is one of those.
      session.addDuplicates(summary.duplicates);
      continue;
    }
    const alertsBefore = session.stats().alerts;
    const duplicatesBefore = session.duplicates;
    if (record.objects.length) session.addAlerts(record.objects.map(({ id: _id, ...alert }) => alert));
    const job = nextJob();
    const keySpaces = new Set<string>();
    try {
      for (const { bytes, lineOffset } of record.batches) {
        const { batch, keySpace } = await parsers.parse(job, { bytes, firstLine: 1, file: summary.name });
        keySpaces.add(keySpace);
        // Its problems were recorded with the input (with those no batch holds): added below.
        session.addBatch({ ...batch, problems: [] }, keySpace, lineOffset);
        await pause();
      }
    } finally {
      parsers.endJob(job);
      for (const space of keySpaces) session.endKeySpace(space);
    }
    for (const problem of record.problems) session.addProblem(problem);
    summary.alerts = session.stats().alerts - alertsBefore;
    summary.duplicates = session.duplicates - duplicatesBefore;
    summary.problems = rulesProblems + record.problems.length;
    summary.records = summary.alerts + summary.duplicates + summary.problems;
  }
  return { session, rulesItems, ruleProblems };
}

/**
 * The records left once `removed` closes. An input that repeated it takes over its bytes (the
 * first such one: it is no longer a repeat), named as itself.
 */
export function withoutRecord(records: readonly InputRecord[], removed: InputRecord): InputRecord[] {
  const rest = records.filter((r) => r !== removed);
  if (removed.duplicateOf !== undefined) return rest;
  const heir = rest.find((r) => r.duplicateOf !== undefined && r.summary.contentHash === removed.summary.contentHash);
  if (heir) {
    const name = heir.summary.name;
    heir.batches = removed.batches;
    heir.objects = removed.objects.map((alert) => (alert.file === removed.summary.name ? { ...alert, file: name } : alert));
    delete heir.duplicateOf;
    delete heir.summary.duplicateOf;
    for (const r of rest) if (r !== heir && r.duplicateOf !== undefined && r.summary.contentHash === heir.summary.contentHash) r.duplicateOf = r.summary.duplicateOf = name;
  }
  return rest;
}
