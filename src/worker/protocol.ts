import type { NoAlertsDiagnosis } from '../ingest';
import type { Alert, ParseIssue, Report, RuleListing, RuleViewData, SessionCounters, ViewContext, ViewFilter, ViewResult, ViewWindow } from '../model';
import type { SavedTriageNote as TriageNote } from '../model';
import type { ContextRequest, ContextResponses } from './contextProtocol';

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
  /** A Falco rules file (format 'rules'): the rules, macros and lists it defines or changes. */
  rulesItems?: number;
}

export interface IngestProgress {
  name: string;
  bytesRead: number;
  totalBytes: number;
  records: number;
}

/** The counts the engine sends on every change (see SessionCounters). */
export type SessionStatus = SessionCounters;

export type ExportFormat = 'md' | 'csv' | 'json';
export type ExportTarget = { ids: string[] } | { filter: ViewFilter; context: ViewContext };

/** Requests the UI sends; each gets exactly one response with the same id. */
export type EngineRequest =
  // `more`: the page has more inputs queued behind this one (see EngineHost.bump).
  | { type: 'ingestFile'; file: File; more?: boolean }
  /** Small files, read as one (see readGroup); one summary each, in order. */
  | { type: 'ingestFiles'; files: File[]; more?: boolean }
  | { type: 'ingestText'; name: string; text: string; more?: boolean }
  | { type: 'view'; filter: ViewFilter; window?: ViewWindow; selectedId?: string | null; context?: ViewContext }
  /** Ids of rows `offset .. offset + limit` of the filtered, sorted list (range and "all" selection). */
  | { type: 'listIds'; filter: ViewFilter; context: ViewContext; offset: number; limit: number }
  /** The chosen incidents (by id, or every one the filter shows, in list order) as a document. */
  | { type: 'exportSet'; format: ExportFormat; target: ExportTarget; triage: Record<string, TriageNote>; generatedAt: string }
  | { type: 'report'; incidentId: string }
  | { type: 'alerts'; incidentId: string; offset: number; limit: number; order?: 'arrival' | 'time' }
  | { type: 'problems'; offset: number; limit: number }
  | { type: 'markdown'; incidentIds: string[] | 'all'; triage: Record<string, TriageNote>; generatedAt: string }
  | { type: 'saveSession'; triage: Record<string, TriageNote>; savedAt: string }
  /** The same two as Blobs built from parts (export/chunks.ts): no single string of the whole file. */
  | { type: 'markdownFile'; incidentIds: string[] | 'all'; triage: Record<string, TriageNote>; generatedAt: string }
  | { type: 'saveSessionFile'; triage: Record<string, TriageNote>; savedAt: string }
  | { type: 'status' }
  /** The rules of the rules files loaded, for the rule view's list. */
  | { type: 'rules' }
  /** One rule as loaded, with the incidents it matched in this session. */
  | { type: 'rule'; name: string }
  | { type: 'reset' }
  | { type: 'cancel'; target: number }
  | ContextRequest;

/** The value each request type resolves to. */
export interface EngineResponses extends ContextResponses {
  ingestFile: InputSummary;
  ingestFiles: InputSummary[];
  ingestText: InputSummary;
  view: ViewResult;
  listIds: string[];
  exportSet: { text: string; count: number };
  report: Report | null;
  alerts: Alert[];
  problems: { total: number; items: ParseIssue[] };
  markdown: string;
  saveSession: string;
  markdownFile: Blob;
  saveSessionFile: Blob;
  status: SessionStatus;
  rules: RuleListing[];
  rule: RuleViewData;
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
