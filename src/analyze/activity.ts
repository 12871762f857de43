import type { Activity } from '../model';

/** Bins of the Summary's sparkline: enough to show bursts, few enough to read at a glance. */
export const ACTIVITY_BINS = 24;

/**
 * Alerts over time as equal bins across the incident's span, from (time in ms, alert count) points
 * (the session's per-second timeline). Null when there is nothing to draw: fewer than two alerts
 * with a time, or all of them in one instant.
 */
export function activityBins(points: Iterable<readonly [number, number]>, bins = ACTIVITY_BINS): Activity | null {
  let startMs = Infinity;
  let endMs = -Infinity;
  let total = 0;
  const kept: [number, number][] = [];
  for (const [ms, count] of points) {
    if (!Number.isFinite(ms) || !(count > 0)) continue;
    kept.push([ms, count]);
    total += count;
    if (ms < startMs) startMs = ms;
    if (ms > endMs) endMs = ms;
  }
  if (total < 2 || endMs <= startMs || bins < 1) return null;
  const span = endMs - startMs;
  const binMs = span / bins;
  const counts = new Array<number>(bins).fill(0);
  // The last instant belongs to the last bin, not to a bin past the end.
  for (const [ms, count] of kept) counts[Math.min(bins - 1, Math.floor((ms - startMs) / binMs))]! += count;
  return { startMs, endMs, binMs, counts };
}
