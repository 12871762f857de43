/**
 * The engine's API as plain data: what the page (through the worker), the CLI and tests ask the
 * engine (src/engine/engineHost.ts) and what it answers. The transport (worker/protocol.ts) only
 * wraps these in messages.
 */
import type { Alert, ParseIssue } from './alert';
import type { Report } from './report';
import type { SavedTriageNote } from './triage';
import type { ViewFilter, ViewResult, ViewWindow } from './view';

/** How a file's content was read (detected from its bytes by ingest/formats.ts, never from its name). */
export type IngestFormat = 'session' | 'ndjson' | 'lines' | 'array' | 'document' | 'empty' | 'binary';

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
}

export interface SessionStatus {
  version: number;
  alerts: number;
  problems: number;
  incidents: number;
  /** Inputs read or being read (their summaries come back with each ingest request). */
  inputs: number;
  /** Inputs still being read. */
  reading: number;
}

/** Requests to the engine; each gets exactly one response. */
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
  | { type: 'markdown'; incidentIds: string[] | 'all'; triage: Record<string, SavedTriageNote>; generatedAt: string }
  | { type: 'saveSession'; triage: Record<string, SavedTriageNote>; savedAt: string }
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
