/// <reference lib="webworker" />
import { EngineHost } from './engineHost';
import { PortParsers } from './portParsers';
import type { ParsersMessage, RequestMessage, ResponseMessage } from './protocol';

/** Worker entry: postMessage transport around the EngineHost. */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: ResponseMessage) => scope.postMessage(message);
const host = new EngineHost((status) => post({ id: 0, kind: 'changed', status }));
const running = new Map<number, AbortController>();

scope.onmessage = async (event: MessageEvent<RequestMessage | ParsersMessage>) => {
  if ('parsers' in event.data) {
    host.useParsers(new PortParsers(event.data.parsers));
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
    });
    post({ id, kind: 'result', value });
  } catch (error) {
    post({ id, kind: 'error', message: error instanceof Error ? error.message : String(error), userError: false });
  } finally {
    running.delete(id);
  }
};
