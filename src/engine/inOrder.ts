/**
 * The one way the engine keeps things in order. Sequence runs steps one after another in the order
 * given, however long each takes to arrive (a parser parsing its share of a file, a port posting
 * batches); InOrder applies results that arrive in any order in the order they were added.
 */

/** Steps run one after another in the order given; a step that fails does not stop the next. */
export class Sequence {
  private tail: Promise<unknown> = Promise.resolve();

  then<T>(step: () => T | Promise<T>): Promise<T> {
    const run = this.tail.then(step);
    this.tail = run.catch(() => {});
    return run;
  }

  /** Settles once every step given so far has. */
  idle(): Promise<void> {
    return this.tail.then(() => {});
  }
}

/**
 * Results that arrive in any order, applied in the order they were added: batches of one file are
 * parsed concurrently but must reach the session in file order. At most `maxPending` wait at once;
 * add() waits for room, so the reader cannot run ahead of the parsers.
 */
export class InOrder {
  private readonly order = new Sequence();
  private readonly pending: Promise<void>[] = [];
  private failure: { error: unknown } | null = null;

  constructor(private readonly maxPending: number) {}

  async add<T>(result: Promise<T>, apply: (value: T) => void): Promise<void> {
    // Observed at once, so a rejection is never "unhandled" while earlier results are awaited.
    const settled = result.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const applied = this.order.then(async () => {
      const r = await settled;
      if (this.failure) return;
      if (!r.ok) {
        this.failure = { error: r.error };
        return;
      }
      try {
        apply(r.value);
      } catch (error) {
        this.failure = { error };
      }
    });
    this.pending.push(applied);
    if (this.pending.length > this.maxPending) await this.pending.shift();
    this.throwIfFailed();
  }

  /** Wait until everything added is applied; rejects with the first failure. */
  async drain(): Promise<void> {
    await this.order.idle();
    this.pending.length = 0;
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
