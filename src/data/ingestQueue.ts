import { useEffect } from 'react';
import { create } from 'zustand';
import { engine } from './engine';
import { useSession, type InputEntry } from '../state/session';
import { useTriage } from '../state/triage';
import { withChangeTime } from '../ingest';
import type { EngineRequest, IngestProgress, InputSummary } from '../model';

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

/** Per-input state for the Inputs strip, published in batches. */
export const useInputStatus = create<InputStatusStore>(() => ({ byKey: new Map() }));

const states = new Map<string, InputState>();
/** Per queued or reading input, the controller of its request (shared by a group's files). */
const controllers = new Map<string, AbortController>();
let queue: InputEntry[] = [];
/** Where the queue's unsent part starts (an index: shifting 10k entries one by one costs). */
let head = 0;
let running = 0;
let publishTimer: ReturnType<typeof setTimeout> | null = null;
/** Bumped by resetQueue: results of requests sent before it are dropped. */
let generation = 0;

function publish(now: boolean): void {
  if (now) {
    if (publishTimer) clearTimeout(publishTimer);
    publishTimer = null;
    useInputStatus.setState({ byKey: new Map(states) });
    return;
  }
  if (publishTimer) return;
  publishTimer = setTimeout(() => publish(true), PUBLISH_MS);
}

/** Inputs cancelled while still queued: skipped when their turn comes. */
const cancelledQueued = new Set<string>();

export function cancelInput(key: string): void {
  const controller = controllers.get(key);
  if (controller) return controller.abort();
  const entry = states.get(key)?.phase === 'queued' ? queue.slice(head).find((e) => e.key === key) : undefined;
  if (!entry) return;
  cancelledQueued.add(key);
  states.set(key, { phase: 'done', summary: { name: entry.name, bytes: 0, format: 'unknown', gzip: false, records: 0, alerts: 0, problems: 0, duplicates: 0, cancelled: true } });
  publish(false);
}

const isSmallFile = (entry: InputEntry) => entry.file !== undefined && entry.size <= SMALL_FILE_BYTES;

/** The next request's inputs: one large file or paste, or consecutive small files up to a group's limits. */
function nextBatch(): InputEntry[] {
  const first = queue[head++]!;
  const batch = [first];
  if (!isSmallFile(first)) return batch;
  let bytes = first.size;
  for (skipCancelled(); head < queue.length && batch.length < GROUP_FILES && isSmallFile(queue[head]!) && bytes + queue[head]!.size <= GROUP_BYTES; skipCancelled()) {
    bytes += queue[head]!.size;
    batch.push(queue[head++]!);
  }
  return batch;
}

/** Told of every input read to its end (app/savedSession keeps it in the browser). */
let onRead: (entry: InputEntry, summary: InputSummary) => void = () => {};
export function onInputRead(listener: typeof onRead): void {
  onRead = listener;
}

function finish(entry: InputEntry, summary: InputSummary): void {
  // A reopened session brings its triage (restored by the engine): merged per incident, newer wins.
  if (summary.triage && !entry.restored) useTriage.getState().mergeAll(withChangeTime(summary.triage, Date.now()));
  if (summary.error === undefined && !summary.cancelled) onRead(entry, summary);
  states.set(entry.key, summary.error !== undefined ? { phase: 'failed', message: summary.error } : { phase: 'done', summary });
}

/**
 * An input's result is held here, not as a react-query query: its identity, the hash of its bytes,
 * is known only once it is read, and a query per file cost a cache entry and a notification each.
 */
function ingest(batch: InputEntry[], more: boolean, signal: AbortSignal): Promise<InputSummary[]> {
  const first = batch[0]!;
  const onProgress = (progress: IngestProgress) => {
    states.set(first.key, { phase: 'reading', progress });
    publish(false);
  };
  let request: EngineRequest;
  if (!first.file) request = { type: 'ingestText', name: first.name, text: first.text ?? '', more };
  else if (batch.length === 1 && !isSmallFile(first)) request = { type: 'ingestFile', file: first.file, more };
  else return engine.request({ type: 'ingestFiles', files: batch.map((e) => e.file!), more }, { signal });
  return engine.request(request, { signal, onProgress }).then((summary) => [summary as InputSummary]);
}

/** Step over the inputs at the head of the queue that were cancelled before their turn. */
function skipCancelled(): void {
  while (head < queue.length && cancelledQueued.delete(queue[head]!.key)) head++;
}

function pump(): void {
  while (running < CONCURRENCY && (skipCancelled(), head < queue.length)) {
    const batch = nextBatch();
    if (head === queue.length) {
      queue = [];
      head = 0;
    }
    const controller = new AbortController();
    for (const entry of batch) {
      controllers.set(entry.key, controller);
      states.set(entry.key, { phase: 'reading' });
    }
    publish(false);
    running++;
    skipCancelled();
    const started = generation;
    ingest(batch, head < queue.length, controller.signal)
      .then(
        (summaries) => {
          // Read for a session since reset (a file removed, the session cleared): nothing to show.
          if (started === generation) batch.forEach((entry, i) => finish(entry, summaries[i]!));
        },
        (error: unknown) => {
          if (started !== generation) return;
          const message = error instanceof Error ? error.message : String(error);
          for (const entry of batch) states.set(entry.key, { phase: 'failed', message });
        },
      )
      .finally(() => {
        if (started === generation) for (const entry of batch) controllers.delete(entry.key);
        running--;
        // The last input to finish shows at once: the analyst is waiting for exactly that.
        publish(running === 0 && head === queue.length);
        pump();
      });
  }
}

/**
 * Forget every input: queued ones are dropped, those being read are cancelled (what they still
 * add goes to the engine's previous session, which a reset replaced), and the strip empties.
 */
export function resetQueue(): void {
  generation++;
  for (const controller of controllers.values()) controller.abort();
  controllers.clear();
  states.clear();
  cancelledQueued.clear();
  queue = [];
  head = 0;
  publish(true);
}

/** Queue every input not seen before; called whenever the session's input list changes. */
export function enqueueInputs(inputs: readonly InputEntry[]): void {
  let added = false;
  for (const entry of inputs) {
    if (states.has(entry.key)) continue;
    states.set(entry.key, { phase: 'queued' });
    queue.push(entry);
    added = true;
  }
  if (added) {
    publish(false);
    pump();
  }
}

/** Feed the queue from the session store (mounted once, in the App shell). */
export function useIngestQueue(): void {
  const inputs = useSession((s) => s.inputs);
  useEffect(() => enqueueInputs(inputs), [inputs]);
}
