/**
 * The engine's API as plain data: what the page (through the worker), the CLI and tests ask the
 * engine (src/engine/engineHost.ts) and what it answers. The transport (worker/protocol.ts) only
 * wraps these in messages.
 */
import type { Alert, ParseIssue } from './alert';
import type { FieldsPage, Report } from './report';
import type { SavedTriageNote } from './triage';
import type { SessionCounters, ViewContext, ViewFilter, ViewResult, ViewWindow } from './view';
import type { RuleListing, RuleViewData } from './rules';
import type { BaselineSummary, Overview, PrevalenceResult, ProcessTree, RelatedResult, SessionDiff } from './context';

/** How a file's content was read (detected from its bytes by ingest/formats.ts, never from its name). */
export type IngestFormat =
  | 'session'
  | 'ndjson'
  | 'lines'
  | 'array'
  | 'document'
  | 'falco-text'
  | 'es-bulk'
  | 'loki-jsonl'
  | 'es-search'
  | 'loki-query'
  | 'rules'
  | 'empty'
  | 'binary';

/** What an input was read as: an ingest format, or nothing yet (cancelled, unreadable). */
export type InputFormat = IngestFormat | 'unknown';

/** How far reading one input has got. */
export interface ReadProgress {
  bytesRead: number;
  records: number;
}

/** The same for the page: which input, and out of how many bytes. */
export interface IngestProgress extends ReadProgress {
  name: string;
  totalBytes: number;
}

/** Why an input gave no alert at all, and what to do (shown at the top of the page). */
export interface NoAlertsDiagnosis {
  cause: string;
  fix: string;
}

/** What the engine knows about one ingested input (a file or a paste). */
export interface InputSummary {
  name: string;
  bytes: number;
  format: InputFormat;
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
  triage?: Record<string, SavedTriageNote>;
  /** When the input gave no alert at all: why, and what to do (shown at the top of the page). */
  noAlerts?: NoAlertsDiagnosis;
  /** A Falco rules file (format 'rules'): the rules, macros and lists it defines or changes. */
  rulesItems?: number;
  /**
   * The name of an input loaded before with the same content: this one adds nothing (its alerts
   * are all duplicates, its problems are that input's and are not counted again).
   */
  duplicateOf?: string;
}

/** The counts the engine sends on every change (see SessionCounters). */
export type SessionStatus = SessionCounters;

export type ExportFormat = 'md' | 'csv' | 'json';
export type ExportTarget = { ids: string[] } | { filter: ViewFilter; context: ViewContext };

/** Requests for the context around incidents (issue 17); part of EngineRequest. */
export type ContextRequest =
  | { type: 'processTree'; incidentId: string }
  /**
   * How common each field value of the incident's report alert is; with `fields`, of those fields
   * only (the report's fields shown, by name; `hostname` is the alert's host), in that order.
   */
  | { type: 'prevalence'; incidentId: string; fields?: string[] }
  | { type: 'related'; incidentId: string; windowMs?: number }
  | { type: 'overview'; filter: ViewFilter; context?: ViewContext }
  /** Read files (alert files or a saved session) as the baseline to compare with; replaces any earlier one. */
  | { type: 'openBaseline'; files: File[] }
  | { type: 'compare' }
  | { type: 'compareMarkdown'; generatedAt: string }
  | { type: 'clearBaseline' };

export interface ContextResponses {
  processTree: ProcessTree | null;
  prevalence: PrevalenceResult | null;
  related: RelatedResult | null;
  overview: Overview;
  openBaseline: BaselineSummary;
  /** Null when no baseline is open. */
  compare: SessionDiff | null;
  compareMarkdown: string | null;
  clearBaseline: boolean;
}

/** Requests to the engine; each gets exactly one response. */
export type EngineRequest =
  // `more`: the page has more inputs queued behind this one (see EngineHost.bump).
  // `id`: the page's name for the input, by which it can close it later (removeInput).
  | { type: 'ingestFile'; file: File; more?: boolean; id?: string }
  /** Small files, read as one (see readGroup); one summary each, in order; `ids` one per file. */
  | { type: 'ingestFiles'; files: File[]; more?: boolean; ids?: string[] }
  | { type: 'ingestText'; name: string; text: string; more?: boolean; id?: string }
  /**
   * Close one input: the session is derived again from what the other inputs added, from memory
   * (nothing is read again). Answers the other inputs' summaries, whose counts may change (an
   * alert that was a duplicate of the closed input is now theirs).
   */
  | { type: 'removeInput'; id: string }
  | { type: 'view'; filter: ViewFilter; window?: ViewWindow; selectedId?: string | null; context?: ViewContext }
  /** Ids of rows `offset .. offset + limit` of the filtered, sorted list (range and "all" selection). */
  | { type: 'listIds'; filter: ViewFilter; context: ViewContext; offset: number; limit: number }
  /** The chosen incidents (by id, or every one the filter shows, in list order) as a document. */
  | { type: 'exportSet'; format: ExportFormat; target: ExportTarget; triage: Record<string, SavedTriageNote>; generatedAt: string }
  | { type: 'report'; incidentId: string }
  /** Fields `offset .. offset + limit` of the report (it carries the first REPORT_FIELDS); at most REPORT_FIELDS_PAGE_MAX of them. */
  | { type: 'reportFields'; incidentId: string; offset: number; limit: number }
  | { type: 'alerts'; incidentId: string; offset: number; limit: number; order?: 'arrival' | 'time' }
  | { type: 'problems'; offset: number; limit: number }
  | { type: 'markdown'; incidentIds: string[] | 'all'; triage: Record<string, SavedTriageNote>; generatedAt: string }
  | { type: 'saveSession'; triage: Record<string, SavedTriageNote>; savedAt: string }
  /** The same two as Blobs built from parts (export/chunks.ts): no single string of the whole file. */
  | { type: 'markdownFile'; incidentIds: string[] | 'all'; triage: Record<string, SavedTriageNote>; generatedAt: string }
  | { type: 'saveSessionFile'; triage: Record<string, SavedTriageNote>; savedAt: string }
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
  reportFields: FieldsPage | null;
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
  removeInput: { id: string; summary: InputSummary }[];
  cancel: boolean;
}
