/**
 * Every input format falcoscope reads, in one table: how each is recognised from its content
 * (never from a file name) and which reader takes it. Each format is one row; a sniffer returns
 * null for "not mine" (the model is speedscope's import/index.ts: importers tried in order).
 *
 * Three levels, tried from the outside in:
 *  - containers wrap the bytes (gzip): unwrapped first, their content sniffed again;
 *  - file formats lay records out in the content (session, JSON array or document, NDJSON,
 *    lines with JSON after a prefix such as syslog's);
 *  - record formats wrap one Falco alert in one JSON value (falcosidekick, or none).
 *
 * Every detection site asks this module: ingest/detect.ts (bytes and pasted text), the stream
 * and range readers (gzip), the engine (session files), record.ts (where a prefixed line's JSON
 * starts) and normalize.ts (sidekick). A new format is a row here plus its reader; see
 * docs/architecture.md for the test to add.
 */
import { SESSION_MARKER } from '../model';
import { topLevelEntries } from './jsonLayout';
import { isOneCompleteObject } from './scan';
import { exportFormatOfKeys, type ExportFormat } from './exportSniff';
import { textHeader } from './textHeader';

// ---- Containers ----

export interface ContainerFormat {
  id: 'gzip';
  label: string;
  /** The first bytes every such file starts with. */
  magic: readonly number[];
}

export const CONTAINER_FORMATS: readonly ContainerFormat[] = [
  // RFC 1952: ID1 ID2. Every member is read (ingest/gunzip.ts), as `zcat` does.
  { id: 'gzip', label: 'gzip-compressed (every member is read)', magic: [0x1f, 0x8b] },
];

/** The container the bytes open with, or null for plain content. */
export function containerOf(head: Uint8Array): ContainerFormat | null {
  for (const c of CONTAINER_FORMATS) if (startsWith(head, c.magic)) return c;
  return null;
}

export function isGzip(head: Uint8Array): boolean {
  return containerOf(head)?.id === 'gzip';
}

// ---- File formats ----

/** What a file format's sniffer sees of the content's start (decompressed, BOM removed). */
export interface ContentHead {
  /** The content's first non-blank character ('' when none yet). */
  first: string;
  /**
   * The first line, from that character to the line break (or the end when `eof`); null when the
   * line runs past what is at hand.
   */
  firstLine: string | null;
  /** The first line is longer than any line kept (MAX_LINE_BYTES): NDJSON, whose reader reports it. */
  overlong?: boolean;
  /** The start of the content as text (decoded as far as it is at hand, at most 64K characters; only when asked). */
  text(): string;
}

/** What each row sees: the head, and what fileFormatOf works out from it once for all rows. */
export interface SniffedHead extends ContentHead {
  /** The top-level keys of the object the content opens, each with where its value starts (see topLevelEntries). */
  topKeys(): ReadonlyMap<string, number>;
  /** The export of an event store the content opens (ingest/exportSniff.ts), or null. */
  exportKind(): ExportFormat | null;
}

/** The file formats by id. The reader: whole (held as text, then cut) or lines (streamed). */
export type FileFormatId = 'session' | 'array' | ExportFormat | 'ndjson' | 'document' | 'falco-text' | 'lines';

export interface FileFormat {
  id: FileFormatId;
  label: string;
  reader: 'session' | 'whole' | 'lines';
  /** True: mine; false: not mine; null: cannot tell without more of the content. */
  sniff(head: SniffedHead): boolean | null;
}

/** In the order tried: the first that says "mine" wins. */
export const FILE_FORMATS: readonly FileFormat[] = [
  {
    id: 'session',
    label: 'a falcoscope session file',
    reader: 'session',
    sniff: (h) => h.first === '{' && sessionKeys(h.topKeys(), h.text()),
  },
  { id: 'array', label: 'a JSON array of alerts', reader: 'whole', sniff: (h) => h.first === '[' },
  // Exports of where Falco events are stored at scale (ingest/exports.ts reads them).
  { id: 'es-search', label: 'an Elasticsearch/OpenSearch search response', reader: 'whole', sniff: (h) => h.exportKind() === 'es-search' },
  { id: 'loki-query', label: "a Loki query_range response (or push body)", reader: 'whole', sniff: (h) => h.exportKind() === 'loki-query' },
  { id: 'es-bulk', label: 'an Elasticsearch/OpenSearch _bulk body or NDJSON export', reader: 'lines', sniff: (h) => h.exportKind() === 'es-bulk' },
  { id: 'loki-jsonl', label: 'Loki logcli --output=jsonl lines', reader: 'lines', sniff: (h) => h.exportKind() === 'loki-jsonl' },
  {
    id: 'ndjson',
    label: 'NDJSON (one alert per line)',
    reader: 'lines',
    sniff: (h) => (h.first !== '{' ? false : h.overlong ? true : h.firstLine === null ? null : isOneCompleteObject(h.firstLine)),
  },
  // A '{' whose first line is not a whole object: pretty-printed, or several objects on a line.
  { id: 'document', label: 'a JSON document (pretty-printed alerts)', reader: 'whole', sniff: (h) => h.first === '{' },
  // Falco's plain-text output (json_output: false), bare or behind a syslog prefix.
  {
    id: 'falco-text',
    label: "Falco's plain-text output",
    reader: 'lines',
    sniff: (h) => h.first !== '{' && h.first !== '' && textHeader(h.firstLine ?? h.text().slice(0, TEXT_HEADER_CHARS)) !== null,
  },
  // Anything else that is text: lines whose JSON follows a prefix (syslog), see jsonStartOnLine.
  { id: 'lines', label: 'lines with JSON after a prefix (syslog)', reader: 'lines', sniff: (h) => h.first !== '' },
];

/** Characters of a first line without its end at hand that the text-output sniff looks at. */
const TEXT_HEADER_CHARS = 1024;

/** Formats whose records are whole documents (or cut from one), read after the whole text is in. */
export function readsAsDocument(format: string): boolean {
  return FILE_FORMATS.some((f) => f.id === format && f.reader === 'whole');
}

/** Formats read line by line: each line is one record (or none: a blank line, a bulk action line). */
export function readsAsLines(format: string): format is FileFormatId {
  return FILE_FORMATS.some((f) => f.id === format && f.reader === 'lines');
}

/** The format of the content, null when more of it is needed, 'empty' when it holds nothing but blanks. */
export function fileFormatOf(head: ContentHead): FileFormat | 'empty' | null {
  if (head.first === '') return 'empty';
  const sniffed = withKeys(head);
  for (const format of FILE_FORMATS) {
    const mine = format.sniff(sniffed);
    if (mine === null) return null;
    if (mine) return format;
  }
  return null; // unreachable: 'lines' takes any text
}

/**
 * The head with the top-level keys of the object it opens, read once (they were read twice per
 * file, for the session row and the export rows), and the export kind derived from them once.
 */
function withKeys(head: ContentHead): SniffedHead {
  let keys: ReadonlyMap<string, number> | undefined;
  let kind: ExportFormat | null | undefined;
  const topKeys = () => (keys ??= head.first === '{' ? topLevelEntries(head.text()) : new Map<string, number>());
  return {
    first: head.first,
    firstLine: head.firstLine,
    overlong: head.overlong,
    text: () => head.text(),
    topKeys,
    exportKind: () => (kind === undefined ? (kind = head.first === '{' ? exportFormatOfKeys(topKeys(), head.text()) : null) : kind),
  };
}

/**
 * Whether a content's first characters open a session file: an object with a top-level
 * "format": "falcoscope-session" among the keys those characters hold, wherever it comes (a
 * hand-made or re-indented session need not start with it).
 */
export function looksLikeSession(head: string): boolean {
  return sessionKeys(topLevelEntries(head), head);
}

/** The same from the object's top-level keys (topLevelEntries of `head`). */
function sessionKeys(keys: ReadonlyMap<string, number>, head: string): boolean {
  const at = keys.get('format');
  return at !== undefined && head.startsWith(JSON.stringify(SESSION_MARKER), at);
}

/**
 * Where the JSON of one line of a 'lines' (or NDJSON) file starts, from its first non-blank
 * character `start`: there when it opens a value, else at the first '{' after a prefix such as
 * syslog's `<6>2024-08-07T13:49:51Z host Falco[1]: `; -1 when the line holds no object.
 */
export function jsonStartOnLine(text: string, start: number): number {
  const first = text.charCodeAt(start);
  return first === 0x7b /* { */ || first === 0x5b /* [ */ ? start : text.indexOf('{', start);
}

// ---- Record formats ----

type Obj = Record<string, unknown>;

export interface RecordFormat {
  id: 'sidekick' | 'es-hit' | 'es-bulk-doc';
  label: string;
  /** The Falco alert inside the record, or null when the record is not of this format. */
  unwrap(record: Obj): Obj | null;
}

/** The object under `key` of a record that is no alert itself (it has no "rule"), or null. */
function wrapped(record: Obj, key: string): Obj | null {
  if (Object.prototype.hasOwnProperty.call(record, 'rule')) return null;
  const inner = Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
  return inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Obj) : null;
}

export const RECORD_FORMATS: readonly RecordFormat[] = [
  // falcosidekick wrappers: {"event": {...alert}, "outputs": [...]} (falcosidekick-ui payload).
  { id: 'sidekick', label: 'a falcosidekick event', unwrap: (record) => wrapped(record, 'event') },
  // An Elasticsearch/OpenSearch hit {"_index", "_id", "_source": {...alert}} (search results, elasticdump exports).
  { id: 'es-hit', label: 'an Elasticsearch/OpenSearch hit', unwrap: (record) => wrapped(record, '_source') },
  // A `_bulk` update's {"doc": {...alert}}.
  { id: 'es-bulk-doc', label: 'a _bulk update document', unwrap: (record) => wrapped(record, 'doc') },
];

/** The Falco alert a record holds: unwrapped by the first record format that claims it, else itself. */
export function unwrapRecord(record: Obj): Obj {
  for (const format of RECORD_FORMATS) {
    const inner = format.unwrap(record);
    if (inner) return inner;
  }
  return record;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic[i]) return false;
  return true;
}
