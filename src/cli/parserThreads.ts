import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { PortParsers, type ParserPort } from '../worker/portParsers';

/** Below this much input, starting threads costs more than parsing on one. */
export const THREADS_FROM_BYTES = 16 * 1024 * 1024;

/** The threads' entry, built beside the bundle (absent when run from source: then no threads). */
const ENTRY = new URL('./falcoscope-parser.mjs', import.meta.url);

export interface ParserThreads {
  parsers: PortParsers;
  close(): Promise<void>;
}

/**
 * Parser threads for a large input, as the browser has parser workers: one per core (2 to 4),
 * while this thread reads ranges and folds the results in order. Null when there is one core or
 * no built entry. Until a thread answers, PortParsers parses inline, so a thread that fails to
 * start costs nothing but its start.
 */
export function startParserThreads(): ParserThreads | null {
  const cores = availableParallelism();
  if (cores < 2 || ENTRY.protocol !== 'file:' || !existsSync(fileURLToPath(ENTRY))) return null;
  const workers: Worker[] = [];
  const ports: MessagePort[] = [];
  for (let i = 0; i < Math.min(4, cores); i++) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(ENTRY, { workerData: { port: port2 }, transferList: [port2] });
    // A thread that dies (out of memory) would leave its batches unanswered and the run waiting:
    // end the run with one line instead. Nothing is on stdout yet while files are read.
    worker.on('error', (error) => {
      process.stderr.write(`falcoscope: a parser thread failed: ${error.message.split('\n')[0]}\n`);
      process.exit(3);
    });
    workers.push(worker);
    ports.push(port1);
  }
  return {
    parsers: new PortParsers(ports as unknown as ParserPort[]),
    async close() {
      for (const port of ports) port.close();
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
