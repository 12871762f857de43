import type { Risk } from '../../model';

/** One factor's stretch of the risk bar, in points along an axis from 0 to `axis`. */
export interface BarSegment {
  id: string;
  label: string;
  delta: number;
  from: number;
  to: number;
  /** Raising factors stack up from 0; lowering ones are cut back from the top of that stack. */
  lowers: boolean;
}

export interface RiskBarLayout {
  segments: BarSegment[];
  /** Length of the axis in points: 100, or more when the raising factors add up past 100. */
  axis: number;
  /** Where the score sits on the axis (the factors' sum, kept within 0-100). */
  score: number;
}

/**
 * The risk as a bar built from its factors: raising factors laid end to end from 0, then each
 * lowering factor taken back from the end, so the bar ends where the factors' sum does and the
 * marker sits at the score. Pure geometry in points; the component scales it to pixels.
 */
export function riskBarLayout(risk: Risk): RiskBarLayout {
  const segments: BarSegment[] = [];
  let top = 0;
  for (const f of risk.factors) {
    if (f.delta <= 0) continue;
    segments.push({ id: f.id, label: f.label, delta: f.delta, from: top, to: top + f.delta, lowers: false });
    top += f.delta;
  }
  let end = top;
  for (const f of risk.factors) {
    if (f.delta >= 0) continue;
    const from = Math.max(0, end + f.delta);
    segments.push({ id: f.id, label: f.label, delta: f.delta, from, to: end, lowers: true });
    end = from;
  }
  return { segments, axis: Math.max(100, top), score: risk.score };
}
