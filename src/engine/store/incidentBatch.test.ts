import { describe, expect, it } from 'vitest';
import { makeAlert } from '../../testing/alerts';
import { DELTA_NUMBERS, IncidentBatch, KeyTable, effectiveTags, forEachDelta, type IncidentDelta } from './incidentBatch';

describe('the packed delta codec', () => {
  it('reads back exactly the deltas it packed, field by field, with and without risk', () => {
    // Two batches of the same alerts: one gives its deltas as objects, the other packed.
    const batch = new IncidentBatch(new KeyTable());
    const twin = new IncidentBatch(new KeyTable());
    const alerts = [
      makeAlert({ rule: 'Terminal shell in container', priority: 'Notice', hostname: 'a', time: '2024-08-07T13:49:51.000000000Z' }),
      makeAlert({ rule: 'Terminal shell in container', priority: 'Critical', hostname: 'b', time: '2024-08-07T13:50:51.000000000Z' }),
      makeAlert({ rule: 'Read sensitive file untrusted', priority: 'Warning', hostname: 'a', time: '2024-08-07T13:49:00.000000000Z' }),
    ];
    for (const alert of alerts) {
      batch.add({ ...alert, tags: effectiveTags(alert.rule, alert.tags) });
      twin.add({ ...alert, tags: effectiveTags(alert.rule, alert.tags) });
    }
    const parts = batch.parts();
    const packed = twin.result().deltas;
    expect(packed.numbers.length).toBe(parts.deltas.length * DELTA_NUMBERS);
    const read: IncidentDelta[] = [];
    forEachDelta(packed, (d) => read.push(d));
    const plain = (d: IncidentDelta) => ({ ...d, timeline: Array.from(d.timeline) });
    expect(read.map(plain)).toEqual(parts.deltas.map(plain));
    expect(read.map((d) => [d.hostnames, d.severest, d.firstTime])).toEqual([
      [['a'], 'Notice', '2024-08-07T13:49:51.000000000Z'],
      [['b'], 'Critical', '2024-08-07T13:50:51.000000000Z'],
      [['a'], 'Warning', '2024-08-07T13:49:00.000000000Z'],
    ]);
  });
});
