import { describe, expect, it } from 'vitest';
import type { IncidentSummary } from '../../model';
import { makeAlert } from '../../testing/alerts';
import { relatedIncidents, relatedKeys } from './related';

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
