/**
 * The worker's transport: the engine's requests and answers (model/engine.ts) wrapped in messages
 * with ids, plus progress, questions and change notices.
 */
import type { EngineRequest, IngestProgress, SessionStatus } from '../model';

export type { EngineRequest, EngineResponses, ExportFormat, ExportTarget, IngestProgress, InputSummary, SessionStatus } from '../model';

export type RequestMessage = { id: number; request: EngineRequest };

/** The page's answer to a `confirm` response (a yes/no question asked while a request runs). */
export type ConfirmAnswer = { answer: number; yes: boolean };

/** Sent once by the page right after start-up: ports to the parser workers it started. */
export type ParsersMessage = { parsers: MessagePort[] };

export type ResponseMessage =
  | { id: number; kind: 'result'; value: unknown }
  | { id: number; kind: 'error'; message: string }
  | { id: number; kind: 'progress'; progress: IngestProgress }
  | { id: number; kind: 'confirm'; ask: number; question: string }
  | { id: 0; kind: 'changed'; status: SessionStatus };
