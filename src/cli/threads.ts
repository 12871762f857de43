import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Alert, IncidentSummary, RuleDetail } from '../model';
import { PortParsers, type ParserPort } from '../worker/portParsers';
import type { RenderedIncident } from './incidentLine';
import type { RemoteRender } from './jsonReport';

/** Below this much input, starting threads costs more than working on one. */
export const THREADS_FROM_BYTES = 16 * 1024 * 1024;

/** The threads' entry, built beside the bundle (absent when run from source: then no threads). */
const ENTRY = new URL('./falcoscope-thread.mjs', import.meta.url);

export type RenderRequest = { id: number; incident: IncidentSummary; alert: Alert; rule?: RuleDetail | null };
export type RenderResponse = RenderedIncident & { id: number };

export interface Threads {
  /** Parse batches of lines there (EngineHost.useParsers). */
  parsers: PortParsers;
  /** Build incident reports there, each to the least busy thread. */
  render: RemoteRender;
  close(): Promise<void>;
}

/**
 * Worker threads for a large input, as the browser has parser workers: one per core (2 to 4).
 * They parse while this thread reads ranges and folds the results in order, then build the
 * incidents' reports while this thread writes them in order. Null when there is one core, no
 * built entry, or unless FALCOSCOPE_THREADS=1. Until a thread answers, PortParsers parses inline, so a thread that is slow to
 * start costs nothing but its start.
 */
export function startThreads(): Threads | null {
  const cores = availableParallelism();
  // Opt-in (FALCOSCOPE_THREADS=1): measured on this project's shared, loaded 2-core machine, the
  // threads cost ~60% more CPU (each isolate loads, compiles and collects on its own; alerts and
  // reports are copied between them) and were slower; bench/cli.ts times both ways.
  if (process.env.FALCOSCOPE_THREADS !== '1' || cores < 2 || ENTRY.protocol !== 'file:' || !existsSync(fileURLToPath(ENTRY))) return null;
  const workers: Worker[] = [];
  const parsePorts: MessagePort[] = [];
  const renderers: { port: MessagePort; busy: number }[] = [];
  const waiting = new Map<number, (r: RenderedIncident) => void>();
  let nextId = 0;
  for (let i = 0; i < Math.min(4, cores); i++) {
    const parse = new MessageChannel();
    const render = new MessageChannel();
    const worker = new Worker(ENTRY, { workerData: { parse: parse.port2, render: render.port2 }, transferList: [parse.port2, render.port2] });
    // A thread that dies (out of memory) would leave its work unanswered and the run waiting:
    // end the run with one line instead.
    worker.on('error', (error) => {
      process.stderr.write(`falcoscope: a worker thread failed: ${error.message.split('\n')[0]}\n`);
      process.exit(3);
    });
    const renderer = { port: render.port1, busy: 0 };
    render.port1.on('message', ({ id, ...rendered }: RenderResponse) => {
      renderer.busy--;
      const resolve = waiting.get(id);
      waiting.delete(id);
      resolve?.(rendered);
    });
    workers.push(worker);
    parsePorts.push(parse.port1);
    renderers.push(renderer);
  }
  return {
    parsers: new PortParsers(parsePorts as unknown as ParserPort[]),
    render: ({ incident, alert, rule }) =>
      new Promise((resolve) => {
        let to = renderers[0]!;
        for (const r of renderers) if (r.busy < to.busy) to = r;
        const id = nextId++;
        waiting.set(id, resolve);
        to.busy++;
        to.port.postMessage({ id, incident, alert, rule } satisfies RenderRequest);
      }),
    async close() {
      for (const port of parsePorts) port.close();
      for (const r of renderers) r.port.close();
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
