/** The one entry to ingest: bytes or text in, Alerts (without id) and ParseIssues out. */
export { ingestStream } from './stream';
export { ingestText } from './text';
export { normalizeRecord, isParseIssue } from './normalize';
export { sniffBytes, sniffText, isGzip, looksLikeRulesFile, readsAsLines, type TextFormat } from './detect';
export { containerOf } from './formats';
export { readRulesFile } from './rulesFile';
export { diagnoseNoAlerts, type NoAlertsDiagnosis } from './noAlerts';
export { MAX_LINE_BYTES } from './lines';
export { MAX_DOCUMENT_BYTES } from './document';
export type { IngestedAlert, IngestFormat, IngestOptions, IngestResult, RecordSink } from './types';

// Used by the engine (src/engine), the CLI and the UI's stores: the rest of ingest stays inside.
export { LineBatcher, type LinePiece } from './batcher';
export { ContentHash, HASH_BLOCK, hashBytes, hashingStream } from './contentHash';
export { utf8BomLength } from './detect';
export { isRoundedInteger } from './exactInteger';
export { gunzip } from './gunzip';
export { type DecompressedLimits, decompressedLimitQuestion, parseSize } from './limits';
export { LineRecords } from './lineLayout';
export { splitLines } from './lines';
export { makeIssue } from './normalize';
export { parseLineRecord } from './record';
export { restoreSession } from './restore';
export { abortError, couldNotReadToEnd } from './stream';
export { newerNote, restoreTriageNote, withChangeTime } from './triageNote';
