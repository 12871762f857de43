/**
 * Which export of a Falco event store (Elasticsearch/OpenSearch, Loki) a JSON object opens: kept
 * apart from exports.ts (the readers) so that the format table (formats.ts) can ask without
 * loading the readers and the rules' templates.
 */
import { topLevelEntries } from './jsonLayout';

export type ExportFormat = 'es-search' | 'es-bulk' | 'loki-jsonl' | 'loki-query';

export const BULK_ACTIONS = new Set(['index', 'create', 'update', 'delete']);
export const ACTION_KEYS = [...BULK_ACTIONS].map((k) => `"${k}"`);

/** Which export the JSON object at the start of `head` opens (the text may stop anywhere), or null. */
export function exportFormatOfObject(head: string): ExportFormat | null {
  return exportFormatOfKeys(topLevelEntries(head), head);
}

/** The same from the object's top-level keys (topLevelEntries of `head`), read once by the caller. */
export function exportFormatOfKeys(keys: ReadonlyMap<string, number>, head: string): ExportFormat | null {
  if (keys.size === 0 || keys.has('rule')) return null;
  if (keys.has('hits') && (keys.has('took') || keys.has('_shards') || keys.has('timed_out'))) return 'es-search';
  if (keys.has('took') && keys.has('timed_out')) return 'es-search';
  const data = keys.get('data');
  if (keys.has('status') && data !== undefined && head.slice(data, data + 200).includes('"resultType"')) return 'loki-query';
  const streams = keys.get('streams');
  if (streams !== undefined && head.slice(streams, streams + 200).includes('"stream"')) return 'loki-query';
  const line = keys.get('line');
  if (line !== undefined && head.charCodeAt(line) === 0x22 && (keys.has('labels') || keys.has('timestamp'))) return 'loki-jsonl';
  if (keys.size === 1) {
    const [key, at] = [...keys][0]!;
    if (BULK_ACTIONS.has(key) && head.charCodeAt(at) === 0x7b) return 'es-bulk';
  }
  return null;
}

