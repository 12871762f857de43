import type { EngineHost } from '../worker/engineHost';
import { incidentToJson } from '../export/json';
import { oneLine } from './oneLine';
import type { ChunkedWriter } from './output';

export interface ProblemJson {
  file: string;
  line: number;
  message: string;
}

export interface InputJson {
  file: string;
  format: string;
  alerts: number;
  problems: number;
  /** The earlier argument with the same file or bytes: this one was not read again. */
  sameAs?: string;
}

/**
 * A problem as the JSON promises it, whatever the engine holds: a saved session's problems come
 * from a file that may have been edited, and one bad entry must not cost the whole output.
 */
export function problemJson(p: unknown): ProblemJson {
  if (typeof p !== 'object' || p === null) return { file: '', line: 0, message: `invalid problem entry (${p === null ? 'null' : typeof p})` };
  const { file, line, message } = p as Record<string, unknown>;
  return {
    file: typeof file === 'string' ? file : '',
    line: typeof line === 'number' && Number.isSafeInteger(line) && line >= 0 ? line : 0,
    message: typeof message === 'string' ? message : 'invalid problem entry',
  };
}

/**
 * Writes `{"alerts", "inputs", "problems", "incidents"}` piece by piece: each incident's report is
 * built, written and dropped before the next, so neither the reports nor the document are ever
 * held whole (a million incidents fit Node's default heap). One item per line, for `grep` and
 * line-wise tools. An incident whose report cannot be built is written with its summary and an
 * `error`, and reported through `onError`: the document stays whole and valid.
 */
export async function writeJsonReport(
  host: EngineHost,
  out: ChunkedWriter,
  head: { alerts: number; inputs: InputJson[]; problems: readonly unknown[] },
  onError: (message: string) => void,
): Promise<void> {
  await out.write(`{"alerts":${head.alerts},\n"inputs":[`);
  await writeItems(out, head.inputs, (i) => JSON.stringify(i));
  await out.write('],\n"problems":[');
  await writeItems(out, head.problems, (p) => JSON.stringify(problemJson(p)));
  await out.write('],\n"incidents":[');
  await writeItems(out, host.incidentIdsByRisk(), (id) => {
    try {
      const report = host.report(id);
      if (report) return JSON.stringify(incidentToJson(report));
      throw new Error('no such incident');
    } catch (error) {
      const message = oneLine(error instanceof Error ? error.message : String(error));
      const s = host.incident(id);
      onError(`incident ${id}${s ? ` (${oneLine(String(s.rule))})` : ''}: report failed: ${message}`);
      return JSON.stringify({ id, rule: s?.rule ?? '', priority: s?.priority ?? '', count: s?.count ?? 0, error: message });
    }
  });
  await out.write(']}\n');
  await out.flush();
}

async function writeItems<T>(out: ChunkedWriter, items: readonly T[], json: (item: T) => string): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    const pending = out.write(`${i === 0 ? '\n' : ',\n'}${json(items[i]!)}`);
    if (pending) await pending;
  }
  if (items.length) await out.write('\n');
}
