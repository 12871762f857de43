import { workerData } from 'node:worker_threads';
import { serveParser, type ServedPort } from '../worker/parserService';

/**
 * A CLI parser thread (bundled as dist-cli/falcoscope-parser.mjs): the same service the browser's
 * parser workers run, on the port the CLI hands over in workerData. No warm-up: the CLI starts
 * threads only for a file large enough that they warm up on it.
 */
serveParser((workerData as { port: ServedPort }).port);
