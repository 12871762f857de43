import type { NoAlertsDiagnosis } from '../ingest';
import type { Alert, ParseIssue, Report, SessionCounters, ViewFilter, ViewResult, ViewWindow } from '../model';
import type { SavedTriageNote as TriageNote } from '../model';

/** What the engine knows about one ingested input (a file or a paste). */
export interface InputSummary {
  name: string;
  bytes: number;
  format: string;
  gzip: boolean;
  records: number;
  alerts: number;
  problems: number;
  /**
   * Alerts of this input already in the session (same uuid, or same content: see
   * analyze/identity), counted once and so not in `alerts`.
   */
  duplicates: number;
  cancelled: boolean;
  /**
   * The input's identity: a hash of its bytes (see ingest/contentHash), computed as they are read.
   * Absent when the read was cancelled or failed, or where Web Crypto is not available.
   */
  contentHash?: string;
  /** Why the file could not be read at all (one file of an `ingestFiles` group). */
  error?: string;
  /** Triage restored from a session file, for the UI to merge into its store. */
  triage?: Record<string, TriageNote>;
  /** When the input gave no alert at all: why, and what to do (shown at the top of the page). */
  noAlerts?: NoAlertsDiagnosis;
}

export interface IngestProgress {
  name: string;
  bytesRead: number;
  totalBytes: number;
  records: number;
}

/** The counts the engine sends on every change (see SessionCounters). */
export type SessionStatus = SessionCounters;

/** Requests the UI sends; each gets exactly one response with the same id. */
export type EngineRequest =
  // `more`: the page has more inputs queued behind this one (see EngineHost.bump).
  | { type: 'ingestFile'; file: File; more?: boolean }
  /** Small files, read as one (see readGroup); one summary each, in order. */
  | { type: 'ingestFiles'; files: File[]; more?: boolean }
  | { type: 'ingestText'; name: string; text: string; more?: boolean }
  | { type: 'view'; filter: ViewFilter; window?: ViewWindow; selectedId?: string | null }
  | { type: 'report'; incidentId: string }
  | { type: 'alerts'; incidentId: string; offset: number; limit: number }
  | { type: 'problems'; offset: number; limit: number }
  | { type: 'markdown'; incidentIds: string[] | 'all'; triage: Record<string, TriageNote>; generatedAt: string }
  | { type: 'saveSession'; triage: Record<string, TriageNote>; savedAt: string }
  | { type: 'status' }
  | { type: 'reset' }
  | { type: 'cancel'; target: number };

/** The value each request type resolves to. */
export interface EngineResponses {
  ingestFile: InputSummary;
  ingestFiles: InputSummary[];
  ingestText: InputSummary;
  view: ViewResult;
  report: Report | null;
  alerts: Alert[];
  problems: { total: number; items: ParseIssue[] };
  markdown: string;
  saveSession: string;
  status: SessionStatus;
  reset: SessionStatus;
  cancel: boolean;
}

export type RequestMessage = { id: number; request: EngineRequest };

/** The page's answer to a `confirm` response (a yes/no question asked while a request runs). */
export type ConfirmAnswer = { answer: number; yes: boolean };

/** Sent once by the page right after start-up: ports to the parser workers it started. */
export type ParsersMessage = { parsers: MessagePort[] };

export type ResponseMessage =
  | { id: number; kind: 'result'; value: unknown }
  | { id: number; kind: 'error'; message: string; userError: boolean }
  | { id: number; kind: 'progress'; progress: IngestProgress }
  | { id: number; kind: 'confirm'; ask: number; question: string }
  | { id: 0; kind: 'changed'; status: SessionStatus };
