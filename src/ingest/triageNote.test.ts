import { describe, expect, it } from 'vitest';
import { newerNote, restoreTriageMap, restoreTriageNote } from './triageNote';

describe('restoreTriageNote', () => {
  it.each([
    ['a complete note', { status: 'benign', notes: 'ok', updatedAt: 5 }, { note: { status: 'benign', notes: 'ok', updatedAt: 5 } }],
    ['missing fields take defaults', {}, { note: { status: 'new', notes: '', updatedAt: 1 } }],
    ['notes an object', { status: 'new', notes: { a: 1 } }, { problem: 'notes are object, not text' }],
    ['notes a list', { notes: [] }, { problem: 'notes are a list, not text' }],
    ['status a number', { status: 3 }, { problem: 'unknown status 3' }],
    ['status unknown', { status: 'pwned' }, { problem: 'unknown status "pwned"' }],
    ['null entry', null, { problem: 'not an object' }],
    ['a string', 'malicious', { problem: 'not an object' }],
    ['updatedAt text', { updatedAt: 'now' }, { problem: 'updatedAt is not a time' }],
    ['notes too long', { notes: 'x'.repeat(100_001) }, { problem: 'notes longer than 100000 characters' }],
  ])('%s', (_name, input, expected) => {
    expect(restoreTriageNote(input, 1)).toEqual(expected);
  });
});

describe('restoreTriageMap', () => {
  it('keeps good entries, lists bad ones, and is safe for any incident id', () => {
    const raw = JSON.parse('{"a":{"status":"malicious","notes":"x"},"__proto__":{"status":"benign"},"b":{"status":7},"c":null}');
    const { byIncident, problems } = restoreTriageMap(raw, 9);
    expect(Object.keys(byIncident).sort()).toEqual(['__proto__', 'a']);
    expect(byIncident.a).toEqual({ status: 'malicious', notes: 'x', updatedAt: 9 });
    expect(Object.getPrototypeOf(byIncident)).toBeNull();
    expect(problems).toEqual([
      { incidentId: 'b', reason: 'unknown status 7' },
      { incidentId: 'c', reason: 'not an object' },
    ]);
  });

  it.each([[[]], ['text'], [42]])('reports a map that is not an object: %j', (raw) => {
    expect(restoreTriageMap(raw, 0)).toEqual({ byIncident: {}, problems: [{ incidentId: '', reason: 'triage is not an object' }] });
  });
});

describe('newerNote', () => {
  const old = { status: 'new', notes: '', updatedAt: 1 } as const;
  const recent = { status: 'benign', notes: 'seen', updatedAt: 2 } as const;
  it('keeps the later change whichever side it is on', () => {
    expect(newerNote(old, recent)).toBe(recent);
    expect(newerNote(recent, old)).toBe(recent);
    expect(newerNote(undefined, old)).toBe(old);
  });
});
