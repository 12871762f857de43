import { describe, expect, it } from 'vitest';
import type { IncidentSummary } from '../../model';
import { PRIORITIES } from '../../model';
import { buildOverview, topValues } from './overview';
import { OverviewTotals } from './overviewTotals';

function incident(id: string, over: Partial<IncidentSummary>): IncidentSummary {
  return {
    id, rule: 'r', source: 'syscall', priority: 'Warning', count: 1, firstSeenMs: NaN, lastSeenMs: NaN, firstSeen: '', lastSeen: '',
    entity: { kind: 'container', field: 'container.id', value: id, label: id }, hostnames: [], tags: [], tactics: [],
    riskScore: 0, riskLevel: 'low', sampleAlertId: 0, playbookId: null, ...over,
  };
}

const W = PRIORITIES.indexOf('Warning');
const C = PRIORITIES.indexOf('Critical');

describe('overview', () => {
  const a = incident('a', { rule: 'Shell', count: 3, hostnames: ['n1'], k8sNamespace: 'prod', tactics: ['execution'], firstSeenMs: 0, lastSeenMs: 2000 });
  const b = incident('b', { rule: 'Shell', count: 1, hostnames: ['n1', 'n2'], containerImage: 'nginx', firstSeenMs: 59_000, lastSeenMs: 59_000 });
  const c = incident('c', { rule: 'Write', count: 2, hostnames: ['n2'], firstSeenMs: 30_000, lastSeenMs: 30_000 });
  const timelines: Record<string, Map<number, number>> = {
    a: new Map([[0 * 8 + W, 2], [2 * 8 + C, 1]]),
    b: new Map([[59 * 8 + W, 1]]),
    c: new Map([[30 * 8 + W, 2]]),
  };
  const source = { timelineOf: (id: string) => timelines[id]!, timelineEpoch: () => 0, userOf: (i: IncidentSummary) => (i.id === 'c' ? undefined : 'root') };

  it('ranks values by alerts, counting incidents too', () => {
    expect(topValues([a, b, c], 'rule', source)).toEqual([{ value: 'Shell', alerts: 4, incidents: 2 }, { value: 'Write', alerts: 2, incidents: 1 }]);
    expect(topValues([a, b, c], 'hostname', source)).toEqual([{ value: 'n1', alerts: 4, incidents: 2 }, { value: 'n2', alerts: 3, incidents: 2 }]);
    expect(topValues([a, b, c], 'user', source)).toEqual([{ value: 'root', alerts: 4, incidents: 2 }]);
    expect(topValues([a, b, c], 'rule', source, 1)).toHaveLength(1);
  });

  it('puts every alert in a timeline bucket by priority, and sparklines on the same buckets', () => {
    const o = buildOverview([a, b, c], 3, source, 6);
    expect(o.totalAlerts).toBe(6);
    expect(o.timeline).toMatchObject({ startMs: 0, bucketMs: 10_000 });
    const sums = o.timeline!.buckets.map((row) => row.reduce((s, n) => s + n, 0));
    expect(sums).toEqual([3, 0, 0, 2, 0, 1]);
    expect(o.timeline!.buckets[0]![C]).toBe(1);
    expect(o.sparks.map((s) => s.buckets)).toEqual([[3, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 1], [0, 0, 0, 2, 0, 0]]);
  });

  it('has no timeline when no incident has a time', () => {
    const o = buildOverview([incident('x', {})], 1, source);
    expect(o.timeline).toBeNull();
    expect(o.top.rule).toEqual([{ value: 'r', alerts: 1, incidents: 1 }]);
  });

  it('gives the same overview from the session sums less the incidents left out, those before and after the span shown too', () => {
    const before = incident('d', { rule: 'Early', count: 2, hostnames: ['n3'], firstSeenMs: -60_000, lastSeenMs: -50_000 });
    const after = incident('e', { rule: 'Late', count: 1, hostnames: ['n1'], firstSeenMs: 120_000, lastSeenMs: 120_000 });
    const all = [a, b, c, before, after];
    const lines: Record<string, Map<number, number>> = { ...timelines, d: new Map([[-60 * 8 + W, 1], [-50 * 8 + C, 1]]), e: new Map([[120 * 8 + W, 1]]) };
    const wider = { ...source, timelineOf: (id: string) => lines[id]! };
    const sums = new OverviewTotals();
    for (const i of all) {
      sums.open(i, wider.userOf(i));
      for (const [key, n] of lines[i.id]!) sums.at(key, n);
    }
    const shown = [a, b, c];
    const plain = buildOverview(shown, 5, wider, 6);
    expect(buildOverview(shown, 5, wider, 6, { session: { sums, all } })).toEqual(plain);
    expect(plain.timeline!.buckets.map((row) => row.reduce((s, n) => s + n, 0))).toEqual([3, 0, 0, 2, 0, 1]);
    // Every incident: the sums alone.
    expect(buildOverview(all, 5, wider, 6, { session: { sums, all } })).toEqual(buildOverview(all, 5, wider, 6));
  });
});
