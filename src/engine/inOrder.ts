/**
 * Results that arrive in any order, applied in the order they were added: batches of one file are
 * parsed concurrently but must reach the session in file order. At most `maxPending` wait at once;
 * add() waits for room, so the reader cannot run ahead of the parsers.
 */
export class InOrder {
  private tail: Promise<void> = Promise.resolve();
  private readonly pending: Promise<void>[] = [];
  private failure: { error: unknown } | null = null;

  constructor(private readonly maxPending: number) {}

  async add<T>(result: Promise<T>, apply: (value: T) => void): Promise<void> {
    // Observed at once, so a rejection is never "unhandled" while earlier results are awaited.
    const settled = result.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    this.tail = this.tail.then(async () => {
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
    this.pending.push(this.tail);
    if (this.pending.length > this.maxPending) await this.pending.shift();
    this.throwIfFailed();
  }

  /** Wait until everything added is applied; rejects with the first failure. */
  async drain(): Promise<void> {
    await this.tail;
    this.pending.length = 0;
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
