import { PRIORITIES, type Priority } from '../model';

const BY_WORD = new Map<string, Priority>(PRIORITIES.map((p) => [p.toLowerCase(), p]));
BY_WORD.set('info', 'Informational');

/**
 * Falco's priority as a word (any case, plus 'info') or as Falco's number (0=Emergency..7=Debug).
 * Returns the priority, or an error message naming the value.
 */
export function parsePriority(value: unknown): Priority | { error: string } {
  if (value === undefined || value === null) return 'Informational';
  if (typeof value === 'number') {
    const p = Number.isInteger(value) ? PRIORITIES[value] : undefined;
    return p ?? { error: `unknown priority ${value} (Falco's numbers are 0 to 7)` };
  }
  if (typeof value === 'string') {
    const word = value.trim();
    const p = BY_WORD.get(word.toLowerCase()) ?? (/^[0-7]$/.test(word) ? PRIORITIES[Number(word)] : undefined);
    return p ?? { error: `unknown priority ${JSON.stringify(clip(value))}` };
  }
  return { error: `"priority" must be a string or number, got ${typeName(value)}` };
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
