import { MAX_DOCUMENT_BYTES, TOO_BIG_DOCUMENT, ingestDocument } from './document';
import { readsAsDocument, sniffText } from './detect';
import { makeIssue } from './normalize';
import { lineRecords } from './lineLayout';
import { splitLines } from './lines';
import { ingestSession } from './restore';
import { Tally } from './tally';
import { utf8Length } from './bytes';
import type { IngestResult, RecordSink } from './types';

/** Ingest text already in memory (pasted JSON): the same detection and parsing as a file. */
export function ingestText(text: string, file: string, sink: RecordSink): IngestResult {
  const tally = new Tally(sink);
  const bytes = utf8Length(text);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const detected = sniffText(body);
  const result = (): IngestResult => ({ format: detected.format, gzip: false, bytes, records: tally.records, alerts: tally.alerts, problems: tally.problems });
  if (detected.format === 'empty' || detected.format === 'binary') {
    tally.problem(makeIssue(file, 0, detected.message));
    return result();
  }
  if (detected.format === 'session') {
    const triage = ingestSession(body, file, tally);
    return { ...result(), triage };
  }
  if (readsAsDocument(detected.format)) {
    if (bytes > MAX_DOCUMENT_BYTES) tally.problem(makeIssue(file, 0, TOO_BIG_DOCUMENT));
    else ingestDocument(body, file, tally, { exports: detected.format === 'es-search' || detected.format === 'loki-query' });
    return result();
  }
  // The same splitter as every file (lines.ts): pasted text is encoded back to its UTF-8 bytes.
  const records = lineRecords(file, tally);
  splitLines(new TextEncoder().encode(body), 1, records);
  records.end();
  return result();
}

export { utf8Length } from './bytes';
