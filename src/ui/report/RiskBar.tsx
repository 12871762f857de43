import type { Risk } from '../../model';
import { riskBarLayout } from './riskBarLayout';

/**
 * The score as a bar of its factors (plain SVG): each raising factor a solid block, each lowering
 * one a hatched block taken back from the end, a mark at the score. The factor names and points
 * are in the text beside it, so the picture is never the only place they are said.
 */
export function RiskBar({ risk }: { risk: Risk }) {
  const { segments, axis, score } = riskBarLayout(risk);
  const x = (points: number) => (points / axis) * 100;
  return (
    <svg className="risk-bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label={`Risk ${score} of 100, from ${segments.length} factors`}>
      <defs>
        <pattern id="risk-bar-hatch" width="2" height="2" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="1" height="2" className="hatch" />
        </pattern>
      </defs>
      <rect className="track" x="0" y="2" width="100" height="6" />
      {segments.map((s, i) => (
        <rect key={`${s.id}-${i}`} className={s.lowers ? 'lowers' : `raises raises-${i % 4}`} x={x(s.from)} y={s.lowers ? 1 : 2} width={Math.max(0, x(s.to) - x(s.from))} height={s.lowers ? 8 : 6}>
          <title>{`${s.label}: ${s.delta > 0 ? '+' : ''}${s.delta}`}</title>
        </rect>
      ))}
      <rect className="score-mark" x={Math.min(99.4, x(score))} y="0" width="0.6" height="10" />
    </svg>
  );
}
