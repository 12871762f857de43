import { describe, expect, it } from 'vitest';
import { AnalysisSession } from '../engine/store/session';
import { computeView, filterIncidents } from './view';
import { EMPTY_FILTER, type ViewFilter } from '../model';
import { makeAlert } from '../testing/alerts';

describe('filterIncidents', () => {
  it('gives the rows computeView lists, in the same order', () => {
    const session = new AnalysisSession();
    ['A', 'B', 'A', 'C', 'B', 'A', 'D'].forEach((rule, i) => {
      const { id: _id, ...record } = makeAlert({ rule, outputFields: { 'container.id': `c${i % 3}`, 'proc.name': `p${i % 2}` }, hostname: i % 2 ? 'h1' : 'h2' });
      session.addAlert(record);
    });
    const filters: ViewFilter[] = [
      EMPTY_FILTER,
      { ...EMPTY_FILTER, include: { hostname: ['h1'] } },
      { ...EMPTY_FILTER, exclude: { rule: ['A'] }, sort: 'count' },
      { ...EMPTY_FILTER, text: 'p0' },
    ];
    for (const filter of filters) {
      const rows = filterIncidents(session, filter);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((r) => r.id)).toEqual(computeView(session, filter).rows.map((r) => r.id));
    }
    expect(filterIncidents(session, { ...EMPTY_FILTER, include: { hostname: ['h1'] } }).every((r) => r.hostnames.includes('h1'))).toBe(true);
  });
});
