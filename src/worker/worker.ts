/// <reference lib="webworker" />
import { EngineHost } from '../engine/engineHost';
import { PortParsers } from './portParsers';
import type { ConfirmAnswer, ParsersMessage, RequestMessage, ResponseMessage } from './protocol';

/** Worker entry: postMessage transport around the EngineHost. */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: ResponseMessage) => scope.postMessage(message);
const host = new EngineHost((status) => post({ id: 0, kind: 'changed', status }));
const running = new Map<number, AbortController>();
/** Questions put to the page, waiting for its answer. */
const asked = new Map<number, (yes: boolean) => void>();
let nextAsk = 1;

scope.onmessage = async (event: MessageEvent<RequestMessage | ParsersMessage | ConfirmAnswer>) => {
  if ('parsers' in event.data) {
    host.useParsers(new PortParsers(event.data.parsers));
    return;
  }
  if ('answer' in event.data) {
    asked.get(event.data.answer)?.(event.data.yes);
    asked.delete(event.data.answer);
    return;
  }
  const { id, request } = event.data;
  if (request.type === 'cancel') {
    running.get(request.target)?.abort();
    post({ id, kind: 'result', value: running.has(request.target) });
    return;
  }
  const controller = new AbortController();
  running.set(id, controller);
  try {
    const value = await host.handle(request, {
      signal: controller.signal,
      progress: (progress) => post({ id, kind: 'progress', progress }),
      confirm: (question) =>
        new Promise<boolean>((resolve) => {
          const ask = nextAsk++;
          asked.set(ask, resolve);
          // A cancel while the question is open is a no.
          controller.signal.addEventListener('abort', () => resolve(false), { once: true });
          post({ id, kind: 'confirm', ask, question });
        }),
    });
    post({ id, kind: 'result', value });
  } catch (error) {
    post({ id, kind: 'error', message: error instanceof Error ? error.message : String(error) });
  } finally {
    running.delete(id);
  }
};
