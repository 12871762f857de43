import { workerData, type MessagePort } from 'node:worker_threads';
import { serveParser, type ServedPort } from '../worker/parserService';
import { renderIncident } from './incidentLine';
import type { RenderRequest, RenderResponse } from './threads';

/**
 * A CLI worker thread (bundled as dist-cli/falcoscope-thread.mjs), on two ports from workerData:
 * `parse`, the same service the browser's parser workers run (batches of lines), and `render`,
 * incident reports as JSON lines. No warm-up: the CLI starts threads only for inputs large
 * enough that they warm up on them.
 */
const { parse, render } = workerData as { parse: ServedPort; render: MessagePort };
serveParser(parse);
render.on('message', ({ id, incident, alert, rule }: RenderRequest) => {
  render.postMessage({ id, ...renderIncident(incident, alert, rule) } satisfies RenderResponse);
});
