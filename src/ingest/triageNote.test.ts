import { describe, expect, it } from 'vitest';
import { newerNote, restoreTriageNote, withChangeTime } from './triageNote';

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

describe('withChangeTime', () => {
  it('keeps a saved time, gives notes without one the time of opening, and is safe for any incident id', () => {
    const saved = JSON.parse('{"a":{"status":"malicious","notes":"x","updatedAt":5},"__proto__":{"status":"benign","notes":""}}');
    const byIncident = withChangeTime(saved, 9);
    expect(Object.keys(byIncident).sort()).toEqual(['__proto__', 'a']);
    expect(byIncident.a).toEqual({ status: 'malicious', notes: 'x', updatedAt: 5 });
    expect(byIncident['__proto__']).toEqual({ status: 'benign', notes: '', updatedAt: 9 });
    expect(Object.getPrototypeOf(byIncident)).toBeNull();
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
