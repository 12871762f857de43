/// <reference lib="webworker" />
import type { ParserConnect } from './parserProtocol';
import { serveParser } from './parserService';
import { warmUp } from './warmUp';

/**
 * Parser worker entry: the page hands it a port, and the engine sends it batches of lines on it
 * (see serveParser). One worker per core, so a large file is parsed on all of them.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<ParserConnect>) => {
  if (event.data.type === 'connect') serveParser(event.data.port as unknown as Parameters<typeof serveParser>[0], warmUp);
};
