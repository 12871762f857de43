import { KeyTable } from './store/incidentBatch';
import { parseBatch, type BatchInput, type ParsedBatch } from './store/parseBatch';
import { Sequence } from './inOrder';

/** A parsed batch and the key space its key numbers belong to (see KeyTable). */
export interface ParsedIn {
  batch: ParsedBatch;
  keySpace: string;
}

/**
 * Lines to parse, or the promise of them (a range of a file still being read): the engine reads
 * ahead, several ranges at once, while the parsers work.
 */
export type ParseInput = BatchInput | Promise<BatchInput>;

/**
 * Where the engine's batches of lines get parsed. A job is one file: its batches may be parsed
 * anywhere, but each parser must parse its share in the order given (its key table numbers keys
 * as it first sees them, and the engine relies on that order).
 */
export interface BatchParsers {
  parse(job: number, input: ParseInput): Promise<ParsedIn>;
  /** The job's batches are all parsed: its key tables can go. */
  endJob(job: number): void;
}

/**
 * Parses inputs one after another in the order given, however long each takes to arrive. Used by
 * the parser worker and inline.
 */
export class OrderedParser {
  private readonly tables = new Map<number, KeyTable>();
  private readonly turns = new Sequence();

  parse(job: number, input: ParseInput): Promise<ParsedBatch> {
    return this.turns.then(async () => {
      const batch = await input;
      let table = this.tables.get(job);
      if (!table) this.tables.set(job, (table = new KeyTable()));
      return parseBatch(batch, table);
    });
  }

  endJob(job: number): void {
    this.tables.delete(job);
  }
}

/** Parses on the calling thread (the CLI, tests, and the worker until parser workers answer). */
export class InlineParsers implements BatchParsers {
  private readonly parser = new OrderedParser();

  async parse(job: number, input: ParseInput): Promise<ParsedIn> {
    return { batch: await this.parser.parse(job, input), keySpace: `inline:${job}` };
  }

  endJob(job: number): void {
    this.parser.endJob(job);
  }
}
