import { describe, expect, it } from 'vitest';
import type { Risk, RiskFactor } from '../../model';
import { riskBarLayout } from './riskBarLayout';

const factor = (id: string, delta: number): RiskFactor => ({ id, label: id, delta, field: 'f', value: 'v', reason: 'r' });
const risk = (score: number, ...factors: RiskFactor[]): Risk => ({ score, level: 'low', factors });

describe('riskBarLayout', () => {
  it('stacks raising factors from 0 and takes lowering ones back from the end', () => {
    const layout = riskBarLayout(risk(15, factor('priority', 40), factor('tactic', 15), factor('test-payload', -40)));
    expect(layout.axis).toBe(100);
    expect(layout.segments.map((s) => [s.id, s.from, s.to, s.lowers])).toEqual([
      ['priority', 0, 40, false],
      ['tactic', 40, 55, false],
      ['test-payload', 15, 55, true],
    ]);
    expect(layout.score).toBe(15);
  });

  it('widens the axis when the raising factors pass 100, and stops lowering at 0', () => {
    const up = riskBarLayout(risk(100, factor('priority', 85), factor('root-user', 10), factor('download-and-execute', 20)));
    expect(up.axis).toBe(115);
    expect(up.segments.at(-1)).toMatchObject({ from: 95, to: 115 });
    const down = riskBarLayout(risk(0, factor('priority', 5), factor('test-payload', -40)));
    expect(down.segments.at(-1)).toMatchObject({ from: 0, to: 5, lowers: true });
    expect(down.score).toBe(0);
  });
});
