import { useRef, useState } from 'react';
import type { Histogram } from '../model';
import { PRIORITIES } from '../model';
import { useSession } from '../state/session';
import { formatMs } from './format';

const WIDTH = 300;
const HEIGHT = 70;

/** Alerts over time stacked by priority; drag across it to set the time range. */
export function Timeline({ histogram }: { histogram: Histogram | null }) {
  const setFilter = useSession((s) => s.setFilter);
  const filter = useSession((s) => s.filter);
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  if (!histogram) return null;
  const { buckets, startMs, bucketMs } = histogram;
  const max = Math.max(1, ...buckets.map((b) => b.reduce((s, n) => s + n, 0)));
  const barWidth = WIDTH / buckets.length;
  const xAt = (clientX: number) => {
    const box = svg.current!.getBoundingClientRect();
    return Math.max(0, Math.min(WIDTH, ((clientX - box.left) / box.width) * WIDTH));
  };
  // The brush snaps outward to whole buckets: what is drawn under it is exactly what it selects.
  const bucketAt = (x: number) => Math.max(0, Math.min(buckets.length - 1, Math.floor(x / barWidth)));
  return (
    <figure className="timeline">
      <figcaption>
        Alerts over time{' '}
        {filter.from !== null || filter.to !== null ? (
          <button type="button" className="link" onClick={() => setFilter({ from: null, to: null })}>
            clear time range
          </button>
        ) : (
          <span className="hint">(drag to select)</span>
        )}
      </figcaption>
      <svg
        ref={svg}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Alerts from ${formatMs(startMs)} to ${formatMs(startMs + bucketMs * buckets.length)}`}
        onPointerDown={(e) => {
          const x = xAt(e.clientX);
          setDrag({ a: x, b: x });
          e.currentTarget.setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => drag && setDrag({ ...drag, b: xAt(e.clientX) })}
        onPointerUp={() => {
          if (drag && Math.abs(drag.b - drag.a) > 2) {
            const first = bucketAt(Math.min(drag.a, drag.b));
            const last = bucketAt(Math.max(drag.a, drag.b));
            setFilter({ from: startMs + first * bucketMs, to: startMs + (last + 1) * bucketMs - 1 });
          }
          setDrag(null);
        }}
      >
        {buckets.map((counts, i) => {
          let y = HEIGHT;
          return counts.map((n, p) => {
            if (!n) return null;
            const h = (n / max) * (HEIGHT - 2);
            y -= h;
            return <rect key={`${i}-${p}`} x={i * barWidth} y={y} width={Math.max(1, barWidth - 0.5)} height={h} className={`bar priority-${PRIORITIES[p]!.toLowerCase()}`} />;
          });
        })}
        {drag ? <rect x={Math.min(drag.a, drag.b)} y={0} width={Math.abs(drag.b - drag.a)} height={HEIGHT} className="brush" /> : null}
      </svg>
      <div className="timeline-axis">
        <span>{formatMs(startMs)}</span>
        <span>{formatMs(startMs + bucketMs * buckets.length)}</span>
      </div>
    </figure>
  );
}
