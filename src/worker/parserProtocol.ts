import type { BatchInput, ParsedBatch } from '../engine/store/parseBatch';

/** Page -> parser worker: the port the engine will talk to it on. */
export type ParserConnect = { type: 'connect'; port: MessagePort };

/** Engine -> parser worker, on that port. */
export type ParserRequest =
  | { type: 'hello' }
  | { type: 'parse'; id: number; job: number; input: BatchInput }
  | { type: 'end'; job: number };

/** Parser worker -> engine. */
export type ParserResponse =
  | { type: 'ready' }
  | { type: 'parsed'; id: number; batch: ParsedBatch }
  | { type: 'failed'; id: number; message: string };

/** Buffers a parsed batch can hand back without copying. */
export function transferablesOf(batch: ParsedBatch): ArrayBuffer[] {
  const views = [batch.bytes, batch.keys, batch.identities, batch.timelineKeys, batch.byteStart, batch.byteEnd, batch.line, batch.plain, batch.deltas.numbers, batch.deltas.timeline];
  return [...new Set(views.map((v) => v.buffer as ArrayBuffer))];
}
