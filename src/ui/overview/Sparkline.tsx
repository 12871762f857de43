const WIDTH = 120;
const HEIGHT = 20;

/** A tiny line of counts over time (the overview's buckets), labelled with its peak. */
export function Sparkline({ buckets, label }: { buckets: number[]; label: string }) {
  if (!buckets.length) return <span className="hint">no times</span>;
  const max = Math.max(1, ...buckets);
  const peak = buckets.indexOf(Math.max(...buckets));
  const step = buckets.length > 1 ? WIDTH / (buckets.length - 1) : WIDTH;
  const points = buckets.map((c, i) => `${(i * step).toFixed(1)},${(HEIGHT - 1 - (c / max) * (HEIGHT - 2)).toFixed(1)}`).join(' ');
  return (
    <svg className="sparkline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={`${label}: peak of ${buckets[peak]} alerts in column ${peak + 1} of ${buckets.length}`}>
      <polyline points={points} fill="none" />
    </svg>
  );
}
