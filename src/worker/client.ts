import type { ConfirmAnswer, EngineRequest, EngineResponses, IngestProgress, RequestMessage, ResponseMessage, SessionStatus } from './protocol';

/** The part of Worker the client needs: lets tests use an in-process port. */
export interface EnginePort {
  postMessage(message: RequestMessage | ConfirmAnswer): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ResponseMessage>) => void): void;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: (progress: IngestProgress) => void;
}

/** Typed request/response client for the analysis worker. */
export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(status: SessionStatus) => void>();
  /** Answers the engine's yes/no questions (past a decompressed-size limit); no by default. */
  confirm: (question: string) => Promise<boolean> | boolean = () => false;

  constructor(private readonly port: EnginePort) {
    port.addEventListener('message', (event) => this.receive(event.data));
  }

  request<T extends EngineRequest>(
    request: T,
    options: { signal?: AbortSignal; onProgress?: (p: IngestProgress) => void } = {},
  ): Promise<EngineResponses[T['type']]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress: options.onProgress });
      if (options.signal) {
        if (options.signal.aborted) return this.cancel(id);
        options.signal.addEventListener('abort', () => this.cancel(id), { once: true });
      }
      this.port.postMessage({ id, request });
    });
  }

  /** Subscribe to session changes (streamed while files are read). Returns the unsubscriber. */
  onChange(listener: (status: SessionStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private cancel(target: number): void {
    this.port.postMessage({ id: this.nextId++, request: { type: 'cancel', target } });
  }

  private receive(message: ResponseMessage): void {
    if (message.kind === 'changed') {
      for (const listener of this.listeners) listener(message.status);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.kind === 'progress') {
      pending.onProgress?.(message.progress);
      return;
    }
    if (message.kind === 'confirm') {
      const answer = (yes: boolean) => this.port.postMessage({ answer: message.ask, yes });
      Promise.resolve(this.confirm(message.question)).then(answer, () => answer(false));
      return;
    }
    this.pending.delete(message.id);
    if (message.kind === 'result') pending.resolve(message.value);
    else pending.reject(new Error(message.message));
  }
}
