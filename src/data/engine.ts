import AnalysisWorker from '../worker/worker?worker&inline';
import ParserWorker from '../worker/parser?worker&inline';
import { EngineClient } from '../worker/client';
import type { ParsersMessage } from '../worker/protocol';
import type { ParserConnect } from '../worker/parserProtocol';

/**
 * Parser workers for the engine: large files are parsed on every core while the engine only reads
 * and folds the results. Two at least (on two cores the engine's own share is small), four at most.
 */
function startParsers(): MessagePort[] {
  const count = Math.min(4, Math.max(2, navigator.hardwareConcurrency || 2));
  const ports: MessagePort[] = [];
  for (let i = 0; i < count; i++) {
    try {
      const channel = new MessageChannel();
      const connect: ParserConnect = { type: 'connect', port: channel.port1 };
      new ParserWorker().postMessage(connect, [channel.port1]);
      ports.push(channel.port2);
    } catch {
      // No parser worker: the engine parses inline.
    }
  }
  return ports;
}

function startEngine(): EngineClient {
  const worker = new AnalysisWorker();
  const parsers = startParsers();
  const message: ParsersMessage = { parsers };
  worker.postMessage(message, parsers);
  const client = new EngineClient(worker as unknown as ConstructorParameters<typeof EngineClient>[0]);
  // Past a decompressed-size limit (a gzip bomb?), reading pauses until the user says to go on.
  client.confirm = (question) => window.confirm(question);
  return client;
}

/** The one analysis worker of the page, and its parsers. Inline so the single-file build carries them. */
export const engine = startEngine();
