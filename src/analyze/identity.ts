import type { Alert } from '../model';

/**
 * An alert's identity, so that the same alert arriving twice (a renamed copy, overlapping
 * exports, a session file opened twice) is counted once: its uuid when Falco gave one, otherwise
 * its content. The content is the canonical record, without where it was read from (file, line)
 * or what the engine derived (tags from the rule catalog, the inferred source flag): the same
 * alert read from NDJSON and restored from a saved session has the same identity.
 *
 * A 53-bit hash (exact in a double, so a batch carries identities in a Float64Array and the
 * engine keeps them in a Set of numbers, not strings). Two different alerts share one with a
 * probability of about n^2 / 2^54: 1 in 18,000 for a million alerts.
 */
export function alertIdentity(alert: Pick<Alert, 'uuid' | 'rule' | 'priority' | 'time' | 'timeMs' | 'output' | 'outputFields' | 'source' | 'hostname'>): number {
  if (typeof alert.uuid === 'string' && alert.uuid !== '') return hash53(`uuid\u0000${alert.uuid}`);
  return hash53(canonicalRecord(alert));
}

/** The record's content as one string: fields in a fixed order, output fields sorted by name. */
export function canonicalRecord(alert: Pick<Alert, 'rule' | 'priority' | 'time' | 'timeMs' | 'output' | 'outputFields' | 'source' | 'hostname'>): string {
  const fields = alert.outputFields;
  const names = Object.keys(fields).sort();
  const pairs: unknown[] = [];
  for (const name of names) pairs.push(name, canonicalValue(fields[name]));
  return JSON.stringify(['content', alert.rule, alert.priority, alert.time, alert.timeMs, alert.source, alert.hostname ?? null, alert.output, pairs]);
}

/** An integer beyond 2^53 and its digits as text: the engine's parsers read one, display the other. */
const HUGE_INTEGER = /^-?\d{16,}$/;

/**
 * A field value as compared. An integer beyond 2^53 (evt.time in nanoseconds) is kept as its
 * written digits where the alert is shown, but read as a number where only its incident is
 * computed (see ingest/record parseJsonRecord): both compare as the number. The alert's own time
 * text keeps the nanoseconds, so two events a few nanoseconds apart still differ.
 */
function canonicalValue(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) return `int:${value}`;
  if (typeof value === 'string' && HUGE_INTEGER.test(value)) {
    const n = Number(value);
    if (!Number.isSafeInteger(n)) return `int:${n}`;
  }
  return value;
}

/** cyrb53 (public domain): two 32-bit multiply-xor lanes folded into 53 bits. Not for security. */
export function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
