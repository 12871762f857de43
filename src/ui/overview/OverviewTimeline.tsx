import { useState, type KeyboardEvent } from 'react';
import type { Overview } from '../../model';
import { PRIORITIES } from '../../model';
import { useSession } from '../../state/session';
import { formatMs } from '../format';

const WIDTH = 1000;
const HEIGHT = 90;

type Timeline = NonNullable<Overview['timeline']>;

function describe(t: Timeline, i: number): string {
  const counts = t.buckets[i]!;
  const total = counts.reduce((s, n) => s + n, 0);
  const parts = PRIORITIES.map((p, k) => (counts[k] ? `${counts[k]} ${p}` : '')).filter(Boolean);
  return `${formatMs(t.startMs + i * t.bucketMs)} – ${formatMs(t.startMs + (i + 1) * t.bucketMs)}: ${total.toLocaleString('en')} alert${total === 1 ? '' : 's'}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/**
 * Alerts over the whole span, full width, stacked by priority. Hover or arrow keys move a cursor
 * whose counts show in a tooltip (read out too); click or Enter narrows the list to that column.
 */
export function OverviewTimeline({ timeline }: { timeline: Timeline }) {
  const setFilter = useSession((s) => s.setFilter);
  const [at, setAt] = useState<number | null>(null);
  const n = timeline.buckets.length;
  const totals = timeline.buckets.map((b) => b.reduce((s, x) => s + x, 0));
  const max = Math.max(1, ...totals);
  const w = WIDTH / n;
  const narrow = (i: number) => setFilter({ from: timeline.startMs + i * timeline.bucketMs, to: timeline.startMs + (i + 1) * timeline.bucketMs - 1 });
  const onKey = (e: KeyboardEvent) => {
    const current = at ?? 0;
    const next = e.key === 'ArrowRight' ? current + 1 : e.key === 'ArrowLeft' ? current - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : null;
    if (next !== null) {
      e.preventDefault();
      setAt(Math.max(0, Math.min(n - 1, next)));
    } else if ((e.key === 'Enter' || e.key === ' ') && at !== null) {
      e.preventDefault();
      narrow(at);
    }
  };
  return (
    <figure className="overview-timeline">
      <figcaption>
        Alerts over time <span className="hint">(hover or focus and use the arrow keys; click or Enter narrows the list to that time)</span>
      </figcaption>
      <div className="overview-timeline-plot">
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          tabIndex={0}
          role="slider"
          aria-label="Alerts over time"
          aria-valuemin={0}
          aria-valuemax={n - 1}
          aria-valuenow={at ?? 0}
          aria-valuetext={at === null ? `${formatMs(timeline.startMs)} to ${formatMs(timeline.startMs + n * timeline.bucketMs)}` : describe(timeline, at)}
          onKeyDown={onKey}
          onPointerLeave={() => setAt(null)}
          onBlur={() => setAt(null)}
        >
          {timeline.buckets.map((counts, i) => {
            let y = HEIGHT;
            return (
              <g key={i} onPointerEnter={() => setAt(i)} onClick={() => narrow(i)} className="overview-column">
                <rect x={i * w} y={0} width={w} height={HEIGHT} className={at === i ? 'column-hit active' : 'column-hit'} />
                {counts.map((c, p) => {
                  if (!c) return null;
                  const h = (c / max) * (HEIGHT - 4);
                  y -= h;
                  return <rect key={p} x={i * w + 0.5} y={y} width={Math.max(1, w - 1)} height={h} className={`bar priority-${PRIORITIES[p]!.toLowerCase()}`} />;
                })}
              </g>
            );
          })}
        </svg>
        {at !== null ? (
          <div className="overview-tooltip" role="tooltip" style={{ left: `${Math.min(80, (at / n) * 100)}%` }}>
            {describe(timeline, at)}
          </div>
        ) : null}
      </div>
      <div className="timeline-axis">
        <span>{formatMs(timeline.startMs)}</span>
        <span>{formatMs(timeline.startMs + n * timeline.bucketMs)}</span>
      </div>
    </figure>
  );
}
