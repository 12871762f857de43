import type { BatchInput } from '../engine/store/parseBatch';
import { InlineParsers, type BatchParsers, type ParseInput, type ParsedIn } from '../engine/batchParsers';
import { Sequence } from '../engine/inOrder';
import type { ParserRequest, ParserResponse } from './parserProtocol';

/** The part of MessagePort used here (tests pass in-process ports). */
export interface ParserPort {
  postMessage(message: ParserRequest, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ParserResponse>) => void) | null;
}

interface Parser {
  index: number;
  port: ParserPort;
  busy: number;
  /** Inputs are posted in the order they were given, whichever arrives first. */
  posted: Sequence;
}

interface Waiting {
  resolve: (value: ParsedIn) => void;
  reject: (error: Error) => void;
  job: number;
  parser: number;
}

/**
 * Parser workers behind ports: each batch goes to the least busy one that has answered hello.
 * Until one has (or if none ever does), batches are parsed inline, so reading never waits for
 * workers that failed to start.
 */
export class PortParsers implements BatchParsers {
  private readonly ready: Parser[] = [];
  private readonly waiting = new Map<number, Waiting>();
  private readonly inline = new InlineParsers();
  private nextId = 1;

  constructor(ports: ParserPort[]) {
    ports.forEach((port, index) => {
      const parser: Parser = { index, port, busy: 0, posted: new Sequence() };
      port.onmessage = (event) => this.receive(parser, event.data);
      port.postMessage({ type: 'hello' });
    });
  }

  /** Parser workers that answered. */
  get workers(): number {
    return this.ready.length;
  }

  parse(job: number, input: ParseInput): Promise<ParsedIn> {
    if (this.ready.length === 0) return this.inline.parse(job, input);
    let parser = this.ready[0]!;
    for (const p of this.ready) if (p.busy < parser.busy) parser = p;
    const id = this.nextId++;
    parser.busy++;
    return new Promise<ParsedIn>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, job, parser: parser.index });
      void parser.posted.then(async () => {
        let batch: BatchInput;
        try {
          batch = await input;
        } catch (error) {
          this.settle(parser, id);
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        // The bytes move to the parser and come back with the result: no copy either way.
        parser.port.postMessage({ type: 'parse', id, job, input: batch }, [batch.bytes.buffer as ArrayBuffer]);
      });
    });
  }

  endJob(job: number): void {
    this.inline.endJob(job);
    for (const p of this.ready) p.port.postMessage({ type: 'end', job });
  }

  private settle(parser: Parser, id: number): Waiting | undefined {
    const waiting = this.waiting.get(id);
    if (!waiting) return undefined;
    this.waiting.delete(id);
    parser.busy--;
    return waiting;
  }

  private receive(parser: Parser, message: ParserResponse): void {
    if (message.type === 'ready') {
      if (!this.ready.includes(parser)) this.ready.push(parser);
      return;
    }
    const waiting = this.settle(parser, message.id);
    if (!waiting) return;
    if (message.type === 'parsed') waiting.resolve({ batch: message.batch, keySpace: `${waiting.job}:${waiting.parser}` });
    else waiting.reject(new Error(`parser worker failed: ${message.message}`));
  }
}
