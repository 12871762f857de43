import { describe, expect, it } from 'vitest';
import { AnalysisSession } from '../engine/store/session';
import { computeView, facetValues } from './view';
import { EMPTY_FILTER, FACETS, FACET_KEYS, type ViewContext } from '../model';
import { makeAlert } from '../testing/alerts';

function session(): AnalysisSession {
  const s = new AnalysisSession();
  const add = (rule: string, container: string, image: string, second: number) => {
    const { id: _id, ...record } = makeAlert({ rule, timeMs: second * 1000, time: new Date(second * 1000).toISOString(), outputFields: { 'container.id': container, 'container.image.repository': image } });
    s.addAlert(record);
  };
  for (let i = 0; i < 3; i++) add('Noisy rule', 'c1', 'nginx', 1000 + i);
  add('Rare rule', 'c2', 'alpine', 1100);
  add('Other rule', 'c3', 'redis', 1200);
  for (let i = 0; i < 60; i++) add(`Custom rule ${String(i).padStart(2, '0')}`, `x${i}`, 'busybox', 2000 + i);
  return s;
}

const idOf = (s: AnalysisSession, rule: string) => s.summaries().find((i) => i.rule === rule)!.id;

describe('facet registry', () => {
  it('lists each facet once, status first, and every key the filter and URL use comes from it', () => {
    expect(FACET_KEYS).toEqual(FACETS.map((f) => f.key));
    expect(new Set(FACET_KEYS).size).toBe(FACET_KEYS.length);
    expect(FACET_KEYS[0]).toBe('status');
  });

  it('reads each facet from the field the registry names', () => {
    const s = session();
    const incident = s.incident(idOf(s, 'Noisy rule'))!;
    expect(facetValues(incident, 'rule')).toEqual(['Noisy rule']);
    expect(facetValues(incident, 'image')).toEqual(['nginx']);
    expect(facetValues(incident, 'namespace')).toEqual([]);
    expect(facetValues(incident, 'status')).toEqual(['new']);
    expect(facetValues(incident, 'status', { statuses: { [incident.id]: 'benign' }, facetSearch: {} })).toEqual(['benign']);
  });

  it('counts statuses in workflow order, untriaged first, and filters on them', () => {
    const s = session();
    const context: ViewContext = { statuses: { [idOf(s, 'Noisy rule')]: 'benign', [idOf(s, 'Rare rule')]: 'malicious' }, facetSearch: {} };
    const view = computeView(s, EMPTY_FILTER, undefined, null, context);
    expect(view.facets.status).toEqual([
      { value: 'new', count: 61 },
      { value: 'benign', count: 3 },
      { value: 'malicious', count: 1 },
    ]);
    const untriaged = computeView(s, { ...EMPTY_FILTER, include: { status: ['new'] } }, undefined, null, context);
    expect(untriaged.totalRows).toBe(61);
    expect(untriaged.rows.map((r) => r.rule)).not.toContain('Noisy rule');
    const notBenign = computeView(s, { ...EMPTY_FILTER, exclude: { status: ['benign'] } }, undefined, null, context);
    expect(notBenign.rows.map((r) => r.rule)).toContain('Rare rule');
    expect(notBenign.rows.map((r) => r.rule)).not.toContain('Noisy rule');
  });

  it('searches within a facet values, beyond the top values it sends, and says how many match', () => {
    const s = session();
    const all = computeView(s, EMPTY_FILTER);
    expect(all.facetTotals.rule).toBe(63);
    expect(all.facets.rule.map((c) => c.value)).not.toContain('Rare rule'); // one alert: past the top 50
    const searched = computeView(s, EMPTY_FILTER, undefined, null, { statuses: {}, facetSearch: { rule: 'RARE' } });
    expect(searched.facets.rule).toEqual([{ value: 'Rare rule', count: 1 }]);
    expect(searched.facetTotals.rule).toBe(1);
    // The list itself is not narrowed by a facet search.
    expect(searched.totalRows).toBe(all.totalRows);
  });

  it('keeps a value the filter uses even when the search does not match it (so it can be cleared)', () => {
    const s = session();
    const view = computeView(s, { ...EMPTY_FILTER, exclude: { rule: ['Noisy rule'] } }, undefined, null, { statuses: {}, facetSearch: { rule: 'custom rule 0' } });
    expect(view.facets.rule.map((c) => c.value)).toContain('Noisy rule');
    expect(view.facetTotals.rule).toBe(10);
  });
});
