import { describe, expect, it } from 'vitest';
import { alertIdentity, canonicalRecord, hash53 } from './identity';
import { makeAlert } from '../testing/alerts';

describe('alertIdentity', () => {
  it('is the uuid when there is one, whatever else differs (where it was read from, its text)', () => {
    const a = makeAlert({ uuid: 'u-1', file: 'a.ndjson', line: 3 });
    const b = makeAlert({ uuid: 'u-1', file: 'copy of a.ndjson', line: 90, output: 'other' });
    expect(alertIdentity(a)).toBe(alertIdentity(b));
    expect(alertIdentity(makeAlert({ uuid: 'u-2' }))).not.toBe(alertIdentity(a));
  });

  it('is the content without a uuid: provenance, derived tags and field order do not count', () => {
    const a = makeAlert({ outputFields: { 'proc.name': 'sh', 'container.id': 'abc' }, file: 'a', line: 1, tags: [] });
    const b = makeAlert({ outputFields: { 'container.id': 'abc', 'proc.name': 'sh' }, file: 'b', line: 7, tags: ['container'], tagsInferred: true });
    expect(canonicalRecord(a)).toBe(canonicalRecord(b));
    expect(alertIdentity(a)).toBe(alertIdentity(b));
  });

  it('tells apart alerts that differ in any part of their content', () => {
    const base = makeAlert({ outputFields: { 'proc.name': 'sh' }, hostname: 'node-a' });
    const variants = [
      makeAlert({ ...base, rule: 'Other rule' }),
      makeAlert({ ...base, priority: 'Critical' }),
      makeAlert({ ...base, time: '2024-08-07T13:49:52.703321833Z', timeMs: base.timeMs + 1000 }),
      makeAlert({ ...base, output: base.output + '!' }),
      makeAlert({ ...base, outputFields: { 'proc.name': 'bash' } }),
      makeAlert({ ...base, outputFields: { 'proc.name': 'sh', 'proc.pid': 1 } }),
      makeAlert({ ...base, source: 'k8s_audit' }),
      makeAlert({ ...base, hostname: 'node-b' }),
      // A number and its digits as text are different values.
      makeAlert({ ...base, outputFields: { 'proc.name': 'sh', 'proc.pid': '1' } }),
    ];
    const ids = new Set([base, ...variants].map(alertIdentity));
    expect(ids.size).toBe(variants.length + 1);
  });

  it('an integer beyond 2^53 matches whether kept as its digits or read as a number', () => {
    const digits = makeAlert({ outputFields: { 'evt.time': '1739178940698757000' } });
    const number = makeAlert({ outputFields: { 'evt.time': 1739178940698757000 } });
    expect(alertIdentity(digits)).toBe(alertIdentity(number));
    expect(alertIdentity(makeAlert({ outputFields: { 'evt.time': '1739178940698759999' } }))).not.toBe(alertIdentity(digits));
  });

  it('hashes to an exact integer below 2^53, stably', () => {
    const h = hash53('falco');
    expect(Number.isSafeInteger(h)).toBe(true);
    expect(h).toBe(hash53('falco'));
    expect(hash53('falco')).not.toBe(hash53('falcO'));
  });
});
