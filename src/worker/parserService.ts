import { OrderedParser } from '../engine/batchParsers';
import { transferablesOf, type ParserRequest, type ParserResponse } from './parserProtocol';

/** The part of MessagePort a parser serves on (a MessagePort in the browser and in Node tests). */
export interface ServedPort {
  postMessage(message: ParserResponse, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<ParserRequest>) => void) | null;
}

/**
 * Answer the engine's requests on `port`: batches of lines are parsed in the order they come,
 * results go back with their buffers transferred. `warm` runs before the parser says it is ready.
 */
export function serveParser(port: ServedPort, warm?: () => unknown): void {
  const parser = new OrderedParser();
  const reply = (message: ParserResponse, transfer: Transferable[] = []) => port.postMessage(message, transfer);
  port.onmessage = (e) => {
    const request = e.data;
    switch (request.type) {
      case 'hello':
        if (warm) warm();
        reply({ type: 'ready' });
        return;
      case 'end':
        parser.endJob(request.job);
        return;
      case 'parse':
        parser.parse(request.job, request.input).then(
          (batch) => reply({ type: 'parsed', id: request.id, batch }, transferablesOf(batch)),
          (error: unknown) => reply({ type: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) }),
        );
    }
  };
}
