import { describe, expect, it } from 'vitest';
import type { IncidentSummary } from '../../model';
import { diffSessions, diffStatus } from './compare';

function incident(rule: string, entity: string, count: number): IncidentSummary {
  return {
    id: `${rule}/${entity}`, rule, source: 'syscall', priority: 'Warning', count, firstSeenMs: NaN, lastSeenMs: NaN, firstSeen: '', lastSeen: '',
    entity: { kind: 'container', field: 'container.id', value: entity, label: `container ${entity}` }, hostnames: [], tags: [], tactics: [],
    riskScore: 0, riskLevel: 'low', sampleAlertId: 0, playbookId: null,
  };
}

describe('diffSessions', () => {
  it('classifies volumes: new, gone, up and down past 1.5x, same within', () => {
    expect([diffStatus(0, 3), diffStatus(3, 0), diffStatus(100, 151), diffStatus(100, 66), diffStatus(100, 150), diffStatus(100, 67)]).toEqual(['new', 'gone', 'up', 'down', 'same', 'same']);
  });

  it('compares rules and entities, changes first, biggest first', () => {
    const yesterday = [incident('Shell', 'c1', 10), incident('Write', 'c1', 5), incident('Old', 'c2', 7)];
    const today = [incident('Shell', 'c1', 40), incident('Write', 'c1', 5), incident('Miner', 'c3', 2), incident('Shell', 'c3', 1)];
    const diff = diffSessions('monday.falcoscope.json', yesterday, today);
    expect(diff.baseline).toEqual({ alerts: 22, incidents: 3 });
    expect(diff.current).toEqual({ alerts: 48, incidents: 4 });
    expect(diff.rules.map((r) => [r.key, r.status, r.baseline, r.current])).toEqual([
      ['Miner', 'new', 0, 2],
      ['Old', 'gone', 7, 0],
      ['Shell', 'up', 10, 41],
      ['Write', 'same', 5, 5],
    ]);
    expect(diff.entities.map((r) => [r.key, r.status])).toEqual([
      ['container c3', 'new'],
      ['container c2', 'gone'],
      ['container c1', 'up'],
    ]);
  });
});
