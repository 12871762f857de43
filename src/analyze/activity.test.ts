import { describe, expect, it } from 'vitest';
import { activityBins } from './activity';
import { sparkText } from '../export/sparkText';

describe('activityBins', () => {
  it('spreads alerts over equal bins from the first to the last, the last instant in the last bin', () => {
    const a = activityBins([[0, 2], [500, 1], [1000, 3]], 4)!;
    expect(a).toEqual({ startMs: 0, endMs: 1000, binMs: 250, counts: [2, 0, 1, 3] });
    expect(a.counts.reduce((s, c) => s + c, 0)).toBe(6);
  });

  it('draws nothing for one alert, one instant, or points without a time', () => {
    expect(activityBins([[1000, 1]])).toBeNull();
    expect(activityBins([[1000, 5]])).toBeNull();
    expect(activityBins([[NaN, 3], [1000, 1]])).toBeNull();
    expect(activityBins([])).toBeNull();
  });

  it('accepts points in any order', () => {
    expect(activityBins([[3000, 1], [0, 1], [1500, 1]], 3)!.counts).toEqual([1, 1, 1]);
  });
});

describe('sparkText', () => {
  it('draws the bins as blocks, empty as the lowest and the peak as the highest', () => {
    expect(sparkText([0, 1, 7, 14])).toBe('▁▂▅█');
  });
});
