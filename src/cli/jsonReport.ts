import type { EngineHost } from '../engine/engineHost';
import { oneLine } from './oneLine';
import type { ChunkedWriter } from './output';
import { renderIncident, type RenderedIncident } from './incidentLine';

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
  /** Alerts of this input already read from an earlier one (same uuid or content): counted once. */
  duplicates?: number;
  /** The earlier argument with the same file or bytes: this one was not read again. */
  sameAs?: string;
}

/** Renders an incident elsewhere (a report thread); the main thread's renderIncident otherwise. */
export type RemoteRender = (input: NonNullable<ReturnType<EngineHost['reportInput']>>) => Promise<RenderedIncident>;

/** Incidents rendered ahead of the one being written: keeps report threads busy, memory small. */
const AHEAD = 64;

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
 * built, written and dropped before long, so neither the reports nor the document are ever held
 * whole (a million incidents fit Node's default heap). One item per line, for `grep` and
 * line-wise tools. An incident whose report cannot be built is written with its summary and an
 * `error`, and reported through `onError`: the document stays whole and valid.
 */
export async function writeJsonReport(
  host: EngineHost,
  out: ChunkedWriter,
  head: { alerts: number; inputs: InputJson[]; problems: readonly unknown[] },
  onError: (message: string) => void,
  remote?: RemoteRender,
): Promise<void> {
  await out.write(`{"alerts":${head.alerts},\n"inputs":[`);
  await writeItems(out, head.inputs, (i) => JSON.stringify(i));
  await out.write('],\n"problems":[');
  await writeItems(out, head.problems, (p) => JSON.stringify(problemJson(p)));
  await out.write('],\n"incidents":[');
  const ids = host.incidentIdsByRisk();
  const render = (id: string): RenderedIncident | Promise<RenderedIncident> => {
    const input = host.reportInput(id);
    if (!input) return { json: JSON.stringify({ id, error: 'no such incident' }), error: 'no such incident' };
    return remote ? remote(input) : renderIncident(input.incident, input.alert, input.rule);
  };
  const ahead: (RenderedIncident | Promise<RenderedIncident>)[] = [];
  let scheduled = 0;
  for (let i = 0; i < ids.length; i++) {
    while (scheduled < ids.length && scheduled - i < AHEAD) ahead.push(render(ids[scheduled++]!));
    const next = ahead.shift()!;
    const rendered = next instanceof Promise ? await next : next;
    if ('error' in rendered) onError(`incident ${ids[i]}: report failed: ${oneLine(rendered.error)}`);
    const pending = out.write(`${i === 0 ? '\n' : ',\n'}${rendered.json}`);
    if (pending) await pending;
  }
  if (ids.length) await out.write('\n');
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
