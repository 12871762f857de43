/** The one entry to ingest: bytes or text in, Alerts (without id) and ParseIssues out. */
export { ingestStream } from './stream';
export { ingestText } from './text';
export { normalizeRecord, isParseIssue } from './normalize';
export { sniffBytes, sniffText, isGzip } from './detect';
export { diagnoseNoAlerts, type NoAlertsDiagnosis } from './noAlerts';
export { MAX_LINE_BYTES } from './lines';
export { MAX_DOCUMENT_BYTES } from './document';
export type { IngestedAlert, IngestFormat, IngestOptions, IngestResult, RecordSink } from './types';
