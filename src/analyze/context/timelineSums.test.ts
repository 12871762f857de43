import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PRIORITIES } from '../../model';
import { TimelineSums } from './timelineSums';

const P = PRIORITIES.length;

describe('TimelineSums', () => {
  it('sums any range of seconds as adding up every second of it does', () => {
    const key = fc.tuple(fc.integer({ min: -200_000, max: 400_000 }), fc.integer({ min: 0, max: P - 1 })).map(([s, p]) => s * P + p);
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer({ min: -2, max: 5 }))), fc.integer({ min: -250_000, max: 450_000 }), fc.integer({ min: 0, max: 300_000 }), (adds, from, length) => {
        const sums = new TimelineSums();
        const plain = new Map<number, number>();
        for (const [k, delta] of adds) {
          sums.add(k, delta);
          plain.set(k, (plain.get(k) ?? 0) + delta);
        }
        const want = new Array<number>(P).fill(0);
        for (const [k, n] of plain) {
          const second = Math.floor(k / P);
          if (second >= from && second < from + length) want[k - second * P]! += n;
        }
        const got = new Array<number>(P + 2).fill(0);
        sums.sumInto(from, from + length, got, 1);
        expect(got).toEqual([0, ...want, 0]);
      }),
      { numRuns: 300 },
    );
  });
});
