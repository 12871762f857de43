import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { firstSorted } from './firstSorted';

describe('firstSorted', () => {
  it('is the head of a stable sort, ties in arrival order', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ key: fc.integer({ min: 0, max: 5 }), at: fc.nat() })), fc.integer({ min: 0, max: 12 }), (items, k) => {
        const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
        expect(firstSorted(items, k, byKey)).toEqual([...items].sort(byKey).slice(0, k));
      }),
    );
  });
});
