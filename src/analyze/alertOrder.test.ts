import { describe, expect, it } from 'vitest';
import { AnalysisSession } from '../engine/store/session';
import { makeAlert } from '../testing/alerts';

describe('alertsOf in time order', () => {
  it('pages an incident by time, earliest first, alerts with no time last, ties in arrival order', () => {
    const s = new AnalysisSession();
    const add = (second: number | null, tag: string) => {
      const timeMs = second === null ? NaN : second * 1000;
      const { id: _id, ...record } = makeAlert({ rule: 'R', output: tag, timeMs, time: second === null ? '' : new Date(timeMs).toISOString(), outputFields: { 'container.id': 'c1' } });
      s.addAlert(record);
    };
    add(30, 'third');
    add(null, 'no time');
    add(10, 'first');
    add(20, 'second-a');
    add(20, 'second-b');
    const id = s.summaries()[0]!.id;
    expect(s.alertsOf(id, 0, 10, 'time').map((a) => a.output)).toEqual(['first', 'second-a', 'second-b', 'third', 'no time']);
    expect(s.alertsOf(id, 1, 2, 'time').map((a) => a.output)).toEqual(['second-a', 'second-b']);
    // Arrival order stays the default.
    expect(s.alertsOf(id, 0, 2).map((a) => a.output)).toEqual(['third', 'no time']);
    // An alert arriving later is placed in time.
    add(5, 'zeroth');
    expect(s.alertsOf(id, 0, 1, 'time').map((a) => a.output)).toEqual(['zeroth']);
  });
});
