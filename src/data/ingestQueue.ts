import { useEffect } from 'react';
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { engine } from './engine';
import { useSession, type InputEntry } from '../state/session';
import { useTriage } from '../state/triage';
import { withChangeTime } from '../ingest';
import type { EngineRequest, IngestProgress, InputSummary } from '../model';
import type { EngineClient } from '../worker/client';

/** Requests in flight: more only interleaves them in the one worker, and delays every result. */
const CONCURRENCY = 2;
/** Status changes reach React at most this often: 10k files must not mean 10k renders. */
const PUBLISH_MS = 150;
/**
 * Files up to this size go to the engine in groups (one request, one read of them all; see
 * worker/readGroup): one request per one-line file cost a round trip to the worker and one to the
 * browser's file thread each, and 2,000 such files took 25 to 75 times one file of their lines.
 * The engine parses files this small itself, so nothing is lost by sending them together.
 */
const SMALL_FILE_BYTES = 256 * 1024;
/** A group's limits: large enough that per-request costs vanish, small enough to show progress. */
const GROUP_FILES = 500;
const GROUP_BYTES = 8 * 1024 * 1024;

export type InputState =
  | { phase: 'queued' }
  | { phase: 'reading'; progress?: IngestProgress }
  | { phase: 'done'; summary: InputSummary }
  | { phase: 'failed'; message: string };

interface InputStatusStore {
  byKey: ReadonlyMap<string, InputState>;
}

const isSmallFile = (entry: InputEntry) => entry.file !== undefined && entry.size <= SMALL_FILE_BYTES;

/**
 * The page's inputs on their way into the engine: which are queued, being read, done or failed,
 * and the requests that read them. One instance per engine client, the one place this lives: the
 * Inputs strip reads `status`, a snapshot the queue publishes in batches (never written elsewhere).
 * An input's result is held here, not as a react-query query: its identity, the hash of its bytes,
 * is known only once it is read, and a query per file cost a cache entry and a notification each.
 */
export class IngestQueue {
  /** Per-input state as the strip shows it, published at most every PUBLISH_MS. */
  readonly status: UseBoundStore<StoreApi<InputStatusStore>> = create<InputStatusStore>(() => ({ byKey: new Map() }));
  private readonly states = new Map<string, InputState>();
  /** Per queued or reading input, the controller of its request (shared by a group's files). */
  private readonly controllers = new Map<string, AbortController>();
  private queue: InputEntry[] = [];
  /** Where the queue's unsent part starts (an index: shifting 10k entries one by one costs). */
  private head = 0;
  private running = 0;
  private publishTimer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by reset: results of requests sent before it are dropped. */
  private generation = 0;
  /** Inputs cancelled while still queued: skipped when their turn comes. */
  private readonly cancelledQueued = new Set<string>();
  /** Told of every input read to its end (data/savedSession keeps it in the browser). */
  private onRead: (entry: InputEntry, summary: InputSummary) => void = () => {};

  constructor(private readonly client: Pick<EngineClient, 'request'>) {}

  onInputRead(listener: (entry: InputEntry, summary: InputSummary) => void): void {
    this.onRead = listener;
  }

  private publish(now: boolean): void {
    if (now) {
      if (this.publishTimer) clearTimeout(this.publishTimer);
      this.publishTimer = null;
      this.status.setState({ byKey: new Map(this.states) });
      return;
    }
    if (this.publishTimer) return;
    this.publishTimer = setTimeout(() => this.publish(true), PUBLISH_MS);
  }

  cancel(key: string): void {
    const controller = this.controllers.get(key);
    if (controller) return controller.abort();
    const entry = this.states.get(key)?.phase === 'queued' ? this.queue.slice(this.head).find((e) => e.key === key) : undefined;
    if (!entry) return;
    this.cancelledQueued.add(key);
    this.states.set(key, { phase: 'done', summary: { name: entry.name, bytes: 0, format: 'unknown', gzip: false, records: 0, alerts: 0, problems: 0, duplicates: 0, cancelled: true } });
    this.publish(false);
  }

  /**
   * Close one input: its read stops, the engine drops what it added (from memory, see
   * engine/replay.ts), and the other inputs' counts are updated (an alert that was a duplicate of
   * it is theirs now).
   */
  async remove(key: string): Promise<void> {
    this.cancel(key);
    this.cancelledQueued.add(key);
    this.states.delete(key);
    this.publish(true);
    const generation = this.generation;
    const summaries = await this.client.request({ type: 'removeInput', id: key });
    if (generation !== this.generation) return;
    for (const { id, summary } of summaries) if (this.states.get(id)?.phase === 'done') this.states.set(id, { phase: 'done', summary });
    this.publish(true);
  }

  /** The next request's inputs: one large file or paste, or consecutive small files up to a group's limits. */
  private nextBatch(): InputEntry[] {
    const first = this.queue[this.head++]!;
    const batch = [first];
    if (!isSmallFile(first)) return batch;
    let bytes = first.size;
    for (
      this.skipCancelled();
      this.head < this.queue.length && batch.length < GROUP_FILES && isSmallFile(this.queue[this.head]!) && bytes + this.queue[this.head]!.size <= GROUP_BYTES;
      this.skipCancelled()
    ) {
      bytes += this.queue[this.head]!.size;
      batch.push(this.queue[this.head++]!);
    }
    return batch;
  }

  private finish(entry: InputEntry, summary: InputSummary): void {
    // Closed while it was read: nothing to show or keep.
    if (!this.states.has(entry.key)) return;
    // A reopened session brings its triage (restored by the engine): merged per incident, newer wins.
    if (summary.triage && !entry.restored) useTriage.getState().mergeAll(withChangeTime(summary.triage, Date.now()));
    if (summary.error === undefined && !summary.cancelled) this.onRead(entry, summary);
    this.states.set(entry.key, summary.error !== undefined ? { phase: 'failed', message: summary.error } : { phase: 'done', summary });
  }

  private ingest(batch: InputEntry[], more: boolean, signal: AbortSignal): Promise<InputSummary[]> {
    const first = batch[0]!;
    const onProgress = (progress: IngestProgress) => {
      if (!this.states.has(first.key)) return;
      this.states.set(first.key, { phase: 'reading', progress });
      this.publish(false);
    };
    let request: EngineRequest;
    if (!first.file) request = { type: 'ingestText', name: first.name, text: first.text ?? '', more, id: first.key };
    else if (batch.length === 1 && !isSmallFile(first)) request = { type: 'ingestFile', file: first.file, more, id: first.key };
    else return this.client.request({ type: 'ingestFiles', files: batch.map((e) => e.file!), ids: batch.map((e) => e.key), more }, { signal });
    return this.client.request(request, { signal, onProgress }).then((summary) => [summary as InputSummary]);
  }

  /** Step over the inputs at the head of the queue that were cancelled before their turn. */
  private skipCancelled(): void {
    while (this.head < this.queue.length && this.cancelledQueued.delete(this.queue[this.head]!.key)) this.head++;
  }

  private pump(): void {
    while (this.running < CONCURRENCY && (this.skipCancelled(), this.head < this.queue.length)) {
      const batch = this.nextBatch();
      if (this.head === this.queue.length) {
        this.queue = [];
        this.head = 0;
      }
      const controller = new AbortController();
      for (const entry of batch) {
        this.controllers.set(entry.key, controller);
        this.states.set(entry.key, { phase: 'reading' });
      }
      this.publish(false);
      this.running++;
      this.skipCancelled();
      const started = this.generation;
      this.ingest(batch, this.head < this.queue.length, controller.signal)
        .then(
          (summaries) => {
            // Read for a session since reset (the session cleared): nothing to show.
            if (started === this.generation) batch.forEach((entry, i) => this.finish(entry, summaries[i]!));
          },
          (error: unknown) => {
            if (started !== this.generation) return;
            const message = error instanceof Error ? error.message : String(error);
            for (const entry of batch) if (this.states.has(entry.key)) this.states.set(entry.key, { phase: 'failed', message });
          },
        )
        .finally(() => {
          if (started === this.generation) for (const entry of batch) this.controllers.delete(entry.key);
          this.running--;
          // The last input to finish shows at once: the analyst is waiting for exactly that.
          this.publish(this.running === 0 && this.head === this.queue.length);
          this.pump();
        });
    }
  }

  /**
   * Forget every input: queued ones are dropped, those being read are cancelled (what they still
   * add goes to the engine's previous session, which a reset replaced), and the strip empties.
   */
  reset(): void {
    this.generation++;
    for (const controller of this.controllers.values()) controller.abort();
    this.controllers.clear();
    this.states.clear();
    this.cancelledQueued.clear();
    this.queue = [];
    this.head = 0;
    this.publish(true);
  }

  /** Queue every input not seen before; called whenever the session's input list changes. */
  enqueue(inputs: readonly InputEntry[]): void {
    let added = false;
    for (const entry of inputs) {
      if (this.states.has(entry.key) || this.cancelledQueued.has(entry.key)) continue;
      this.states.set(entry.key, { phase: 'queued' });
      this.queue.push(entry);
      added = true;
    }
    if (added) {
      this.publish(false);
      this.pump();
    }
  }
}

/** The page's queue, for its one engine. */
export const ingestQueue = new IngestQueue(engine);

/** Per-input state for the Inputs strip, published in batches. */
export const useInputStatus = ingestQueue.status;

export const cancelInput = (key: string) => ingestQueue.cancel(key);

/** Feed the queue from the session store (mounted once, in the App shell). */
export function useIngestQueue(): void {
  const inputs = useSession((s) => s.inputs);
  useEffect(() => ingestQueue.enqueue(inputs), [inputs]);
}
