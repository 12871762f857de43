import type { Activity } from '../../model';

function instant(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** The incident's alerts over time as small bars (plain SVG), with the span and peak in words. */
export function Sparkline({ activity, total }: { activity: Activity; total: number }) {
  const { counts } = activity;
  const max = Math.max(1, ...counts);
  const width = 100 / counts.length;
  const words = `${total} alerts from ${instant(activity.startMs)} to ${instant(activity.endMs)} UTC, at most ${max} in one slice`;
  return (
    <figure className="sparkline">
      <svg viewBox="0 0 100 20" preserveAspectRatio="none" role="img" aria-label={`Alerts over time: ${words}`}>
        {counts.map((c, i) => (c ? <rect key={i} x={i * width + width * 0.1} y={20 - (c / max) * 20} width={width * 0.8} height={(c / max) * 20} /> : null))}
      </svg>
      <figcaption>Alerts over time: {words}</figcaption>
    </figure>
  );
}
