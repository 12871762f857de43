import { useEffect } from 'react';
import { create } from 'zustand';
import { engine } from './engine';
import { queryClient } from './queryClient';
import { useSession, type InputEntry } from '../state/session';
import { useTriage } from '../state/triage';
import { restoreTriageMap } from '../ingest/triageNote';
import type { IngestProgress, InputSummary } from '../worker/protocol';

/** Files read at once: more only interleaves them in the one worker, and delays every result. */
const CONCURRENCY = 2;
/** Status changes reach React at most this often: 10k files must not mean 10k renders. */
const PUBLISH_MS = 150;

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
const controllers = new Map<string, AbortController>();
const queue: InputEntry[] = [];
let running = 0;
let publishTimer: ReturnType<typeof setTimeout> | null = null;

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

function setState(key: string, state: InputState): void {
  states.set(key, state);
  // The last input to finish shows at once: the analyst is waiting for exactly that.
  const last = (state.phase === 'done' || state.phase === 'failed') && queue.length === 0 && running <= 1;
  publish(last);
}

export function cancelInput(key: string): void {
  controllers.get(key)?.abort();
}

function ingest(entry: InputEntry): Promise<InputSummary> {
  const controller = new AbortController();
  controllers.set(entry.key, controller);
  const options = {
    signal: controller.signal,
    onProgress: (progress: IngestProgress) => setState(entry.key, { phase: 'reading', progress }),
  };
  if (!entry.file) return engine.request({ type: 'ingestText', name: entry.name, text: entry.text ?? '' }, options);
  return engine.request({ type: 'ingestFile', file: entry.file }, options).then((summary) => {
    // A reopened session brings its triage: notes saved by the analyst (or a colleague) win.
    // Entries without a time count as changed now, so the session's notes win as they always did.
    if (summary.triage) useTriage.getState().mergeAll(restoreTriageMap(summary.triage, Date.now()).byIncident);
    return summary;
  });
}

function pump(): void {
  while (running < CONCURRENCY && queue.length) {
    const entry = queue.shift()!;
    running++;
    setState(entry.key, { phase: 'reading' });
    // Each input's analysis is a query keyed by the input's identity: react-query holds its
    // result and error, and the same file dropped again is answered from the cache.
    queryClient
      .fetchQuery({ queryKey: ['ingest', entry.key], queryFn: () => ingest(entry), staleTime: Infinity, gcTime: Infinity })
      .then(
        (summary) => setState(entry.key, { phase: 'done', summary }),
        (error: unknown) => setState(entry.key, { phase: 'failed', message: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        controllers.delete(entry.key);
        running--;
        pump();
      });
  }
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
