import type { IncidentSummary } from '../model';

/** Longest slug taken from one piece of free text (a rule name can be a megabyte). */
const PIECE_LIMIT = 60;

/**
 * Free text as a file-name piece: letters, digits, dot, underscore and dash only (rule names hold
 * spaces, slashes, colons; entity labels brackets), no leading dot (a hidden file), at most 60.
 */
export function slug(text: string, limit = PIECE_LIMIT): string {
  return text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, limit)
    .replace(/^[-.]+|[-.]+$/g, '');
}

/** `YYYY-MM-DD` of an ISO time, or of `fallback` when the time is missing or unreadable. */
function day(iso: string, fallback: string): string {
  return /^\d{4}-\d{2}-\d{2}/.exec(iso)?.[0] ?? fallback.slice(0, 10);
}

/**
 * One incident's export: `falcoscope-<rule>-<entity>-<first seen day>-<id>.<ext>`. The slugs make
 * it readable; the incident id (a hash of rule + entity) keeps two entities whose labels slug
 * alike, or differ past the cut, from ever sharing a name.
 */
export function incidentFileName(incident: Pick<IncidentSummary, 'id' | 'rule' | 'entity' | 'firstSeen'>, exportedAt: string, extension: string): string {
  const parts = ['falcoscope', slug(incident.rule) || 'rule', slug(incident.entity.label) || 'entity', day(incident.firstSeen, exportedAt), slug(incident.id, 12) || 'incident'];
  return `${parts.join('-')}.${extension}`;
}

/** Several incidents' export: `falcoscope-<what>-<n>-incidents-<day>.<ext>`, e.g. `selected-3`. */
export function incidentSetFileName(what: 'all' | 'filtered' | 'selected', count: number, exportedAt: string, extension: string): string {
  return `falcoscope-${what}-${count}-incident${count === 1 ? '' : 's'}-${day(exportedAt, exportedAt)}.${extension}`;
}
