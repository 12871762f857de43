import { describe, expect, it } from 'vitest';
import { incidentsToJson } from './incidentsJson';
import { AnalysisSession } from '../engine/store/session';
import { makeAlert } from '../testing/alerts';

describe('incidentsToJson', () => {
  it('lists the incidents in the order given, with entity, risk, counts and triage', () => {
    const s = new AnalysisSession();
    // Two distinct alerts in c2 (an identical one would be counted once: the same alert again).
    for (const [pid, container] of ['c1', 'c2', 'c2'].entries()) {
      const { id: _id, ...record } = makeAlert({ rule: 'Terminal shell in container', outputFields: { 'container.id': container, 'proc.pid': pid } });
      s.addAlert(record);
    }
    const [one, two] = s.summaries();
    const doc = JSON.parse(incidentsToJson([two!, one!], { [two!.id]: { status: 'benign', notes: 'admin' } }, '2026-12-02T00:00:00Z'));
    expect(doc.generatedAt).toBe('2026-12-02T00:00:00Z');
    expect(doc.incidents.map((i: { entity: { value: string } }) => i.entity.value)).toEqual(['c2', 'c1']);
    expect(doc.incidents[0]).toMatchObject({ id: two!.id, rule: 'Terminal shell in container', alerts: 2, status: 'benign', notes: 'admin' });
    expect(doc.incidents[1]).toMatchObject({ alerts: 1, status: 'new', notes: '' });
    expect(doc.incidents[0].risk.score).toBe(two!.riskScore);
  });
});
