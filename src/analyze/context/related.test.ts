import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { IncidentSummary } from '../../model';
import { makeAlert } from '../../testing/alerts';
import { relatedFromIndex, relatedIncidents, relatedKeys } from './related';

const HOUR = 3_600_000;
function incident(id: string, firstSeenMs: number, lastSeenMs = firstSeenMs, riskScore = 50): IncidentSummary {
  return {
    id, rule: `rule ${id}`, source: 'syscall', priority: 'Warning', count: 1, firstSeenMs, lastSeenMs, firstSeen: '', lastSeen: '',
    entity: { kind: 'container', field: 'container.id', value: id, label: `container ${id}` }, hostnames: [], tags: [], tactics: [],
    riskScore, riskLevel: 'medium', sampleAlertId: 0, playbookId: null,
  };
}

describe('related incidents', () => {
  it('takes the container, pod, user, host and source address of the alert, not the host pseudo-container', () => {
    const keys = relatedKeys(makeAlert({ hostname: 'node-1', outputFields: { 'container.id': 'host', 'user.name': 'root', 'fd.cip': '10.0.0.9', 'proc.name': 'sh' } }));
    expect(keys).toEqual([
      { field: 'user.name', value: 'root' },
      { field: 'hostname', value: 'node-1' },
      { field: 'fd.cip', value: '10.0.0.9' },
    ]);
  });

  it('lists others within the window, those sharing more first, and counts the rest', () => {
    const self = incident('self', 10 * HOUR);
    const both = incident('both', 10.5 * HOUR, 10.5 * HOUR, 10);
    const hostOnly = incident('host', 9.5 * HOUR, 9.5 * HOUR, 90);
    const far = incident('far', 20 * HOUR);
    const result = relatedIncidents(self, [
      { field: 'container.id', value: 'c1', incidents: [self, both, far] },
      { field: 'hostname', value: 'node-1', incidents: [self, both, hostOnly, far] },
    ], HOUR, 1);
    expect(result.items.map((r) => r.id)).toEqual(['both']);
    expect(result.items[0]!.shared).toEqual([{ field: 'container.id', value: 'c1' }, { field: 'hostname', value: 'node-1' }]);
    expect(result.more).toBe(1);
    const wide = relatedIncidents(self, [{ field: 'hostname', value: 'node-1', incidents: [self, both, hostOnly, far] }], 24 * HOUR);
    expect(wide.items.map((r) => r.id)).toEqual(['host', 'far', 'both']);
  });
});

describe('related incidents from the index', () => {
  const FIELDS = ['container.id', 'user.name', 'hostname', 'fd.cip'];
  /** A random session: incidents (some without time, equal risks and counts to test ties), each holding some values. */
  const session = fc.record({
    incidents: fc.array(
      fc.record({
        start: fc.option(fc.integer({ min: 0, max: 48 }), { nil: undefined }),
        length: fc.integer({ min: 0, max: 3 }),
        risk: fc.integer({ min: 0, max: 3 }),
        count: fc.integer({ min: 1, max: 3 }),
        values: fc.array(fc.record({ field: fc.constantFrom(...FIELDS), value: fc.constantFrom('a', 'b', 'c') }), { maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 40 },
    ),
    self: fc.nat(),
    windowHours: fc.integer({ min: 0, max: 24 }),
    limit: fc.integer({ min: 1, max: 10 }),
  });

  it('answers what the plain scan answers, on random sessions', () => {
    fc.assert(
      fc.property(session, ({ incidents, self, windowHours, limit }) => {
        const summaries = incidents.map((d, i) => ({
          ...incident(`i${(i * 7919) % 1000}-${i}`, d.start === undefined ? NaN : d.start * HOUR, d.start === undefined ? NaN : (d.start + d.length) * HOUR, d.risk),
          count: d.count,
        }));
        // The index: per value, the positions of the incidents holding it (each once, as PrevalenceIndex keeps them).
        const byValue = new Map<string, Set<number>>();
        incidents.forEach((d, at) => d.values.forEach(({ field, value }) => {
          const key = `${field}\u0000${value}`;
          if (!byValue.has(key)) byValue.set(key, new Set());
          byValue.get(key)!.add(at);
        }));
        const me = summaries[self % summaries.length]!;
        const keys = FIELDS.flatMap((field) => ['a', 'b'].map((value) => ({ field, value })));
        const index = {
          forEachIncidentWith: (field: string, value: string, fn: (at: number) => void) => byValue.get(`${field}\u0000${value}`)?.forEach(fn),
          summaryAt: (at: number) => summaries[at]!,
        };
        const plain = relatedIncidents(me, keys.map(({ field, value }) => ({ field, value, incidents: [...(byValue.get(`${field}\u0000${value}`) ?? [])].map((at) => summaries[at]!) })), windowHours * HOUR, limit);
        expect(relatedFromIndex(me, keys, index, windowHours * HOUR, limit)).toEqual(plain);
      }),
      { numRuns: 300 },
    );
  });
});
