import { KeyTable } from '../engine/store/incidentBatch';
import { parseBatch } from '../engine/store/parseBatch';
import samples from '../samples/falco-samples.ndjson?raw';

/** Lines parsed to warm up: enough calls for the JIT to optimise the parsing path. */
const WARM_UP_LINES = 1000;

/**
 * Parse the built-in samples, repeated to a thousand lines, once, while the page is idle: a fresh
 * worker runs its first megabytes of a dropped file in the interpreter, several times slower.
 * Each copy gets its own container id, as real files have many incidents. Returns the alerts parsed.
 */
export function warmUp(): number {
  const lines = samples.split('\n').filter((l) => l.trim() !== '');
  const out: string[] = [];
  for (let i = 0; out.length < WARM_UP_LINES; i++) {
    out.push(lines[i % lines.length]!.replace(/"container\.id":"/, `"container.id":"w${i % 97}`));
  }
  return parseBatch({ bytes: new TextEncoder().encode(out.join('\n')), firstLine: 1, file: 'warm-up' }, new KeyTable()).alerts;
}
