import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../model';
import { filterFor } from './contextFilter';

describe('filterFor', () => {
  it('includes a facet value for facet fields, keeping the other filters', () => {
    const base = { ...EMPTY_FILTER, text: 'curl', exclude: { hostname: ['n1'] }, include: { rule: ['Shell'] } };
    expect(filterFor(base, 'hostname', 'n1')).toEqual({ ...base, include: { rule: ['Shell'], hostname: ['n1'] }, exclude: { hostname: [] } });
    expect(filterFor(base, 'container.image.repository', 'nginx').include).toEqual({ rule: ['Shell'], image: ['nginx'] });
    expect(filterFor(base, 'k8s.ns.name', 'prod').include.namespace).toEqual(['prod']);
  });

  it('searches for the value of any other field', () => {
    expect(filterFor(EMPTY_FILTER, 'proc.exepath', '/tmp/x')).toEqual({ ...EMPTY_FILTER, text: '/tmp/x' });
  });
});
