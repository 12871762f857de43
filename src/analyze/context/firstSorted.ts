/**
 * The first `k` items of `items` as a stable sort by `compare` would order them, without sorting
 * them all: a view lists 50 related incidents or 12 sparklines out of tens of thousands, so this
 * is O(n log k) instead of O(n log n). Ties keep arrival order, exactly like Array.prototype.sort.
 */
export function firstSorted<T>(items: Iterable<T>, k: number, compare: (a: T, b: T) => number): T[] {
  const kept: T[] = [];
  if (k <= 0) return kept;
  for (const item of items) {
    // Full, and not before the last kept: an equal item arrived later, so it sorts after.
    if (kept.length === k && compare(item, kept[k - 1]!) >= 0) continue;
    // After every kept item that is not greater (upper bound), so ties stay in arrival order.
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(item, kept[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    kept.splice(lo, 0, item);
    if (kept.length > k) kept.pop();
  }
  return kept;
}
