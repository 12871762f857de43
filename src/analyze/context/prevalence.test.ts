import { describe, expect, it } from 'vitest';
import { makeAlert } from '../../testing/alerts';
import { MAX_DISTINCT, PrevalenceIndex, TallyBuilder, isPerEventField } from './prevalence';

describe('prevalence', () => {
  it('counts alerts and distinct incidents per field value, across batches and key spaces', () => {
    const index = new PrevalenceIndex();
    const first = new TallyBuilder();
    first.add(makeAlert({ hostname: 'node-1', outputFields: { 'proc.name': 'bash', 'user.name': 'root' } }), 0);
    first.add(makeAlert({ hostname: 'node-1', outputFields: { 'proc.name': 'bash' } }), 0);
    first.add(makeAlert({ hostname: 'node-2', outputFields: { 'proc.name': 'curl', 'user.name': 'www' } }), 1);
    index.add(first.result(), (key) => [10, 11][key]!);
    const second = new TallyBuilder();
    second.add(makeAlert({ hostname: 'node-1', outputFields: { 'proc.name': 'bash' } }), 0);
    // Key 0 of this batch's key space is incident 12.
    index.add(second.result(), () => 12);
    expect(index.lookup('proc.name', 'bash')).toMatchObject({ alerts: 3, incidents: 2 });
    expect(index.lookup('proc.name', 'curl')).toMatchObject({ alerts: 1, incidents: 1 });
    expect(index.lookup('hostname', 'node-1')).toMatchObject({ alerts: 3, incidents: 2 });
    expect(index.lookup('proc.name', 'nc')).toMatchObject({ alerts: 0, incidents: 0 });
    expect(index.incidentsWith('proc.name', 'bash').sort()).toEqual([10, 12]);
    expect(index.userOf(10)).toBe('root');
    expect(index.userOf(11)).toBe('www');
    expect(index.userOf(12)).toBeUndefined();
  });

  it('says why a value is not counted: per-event fields, over-long values, too-varied fields', () => {
    const index = new PrevalenceIndex();
    const tally = new TallyBuilder();
    for (let i = 0; i <= MAX_DISTINCT; i++) tally.add(makeAlert({ outputFields: { 'proc.pid': i, 'evt.time': i } }), 0);
    tally.add(makeAlert({ outputFields: { 'proc.cmdline': 'x'.repeat(5000) } }), 0);
    index.add(tally.result(), () => 0);
    expect(isPerEventField('evt.time')).toBe(true);
    expect(isPerEventField('evt.type')).toBe(false);
    expect(index.lookup('evt.time', '5').why).toMatch(/every event/);
    expect(index.lookup('proc.pid', '5').why).toMatch(/distinct values/);
    expect(index.lookup('proc.cmdline', 'x'.repeat(5000)).why).toMatch(/longer than/);
    expect(index.lookup('proc.pid', '5').alerts).toBeUndefined();
  });
});
