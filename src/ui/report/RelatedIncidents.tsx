import { useState } from 'react';
import { useRelated } from '../../data/contextHooks';
import { useSession } from '../../state/session';
import { formatMs } from '../format';
import { PlainSection } from './Section';
import { Clipped } from './Clipped';
import '../context/context.css';

const WINDOWS = [
  { ms: 15 * 60_000, label: '15 minutes' },
  { ms: 60 * 60_000, label: '1 hour' },
  { ms: 6 * 60 * 60_000, label: '6 hours' },
  { ms: 24 * 60 * 60_000, label: '24 hours' },
];

/** Incidents sharing the container, pod, user, host or source address, near in time. */
export function RelatedIncidents({ incidentId }: { incidentId: string }) {
  const [windowMs, setWindowMs] = useState(WINDOWS[1]!.ms);
  const related = useRelated(incidentId, windowMs);
  const select = useSession((s) => s.select);
  const data = related.data;
  return (
    <PlainSection id="related" title="Related incidents">
      <label className="related-window">
        Within{' '}
        <select value={windowMs} onChange={(e) => setWindowMs(Number(e.target.value))}>
          {WINDOWS.map((w) => (
            <option key={w.ms} value={w.ms}>
              {w.label}
            </option>
          ))}
        </select>{' '}
        of this incident, sharing its container, pod, user, host or source address
      </label>
      {!data ? (
        <p>{related.isError ? `Could not look: ${related.error.message}` : data === null ? 'This incident is not in the session.' : 'Looking…'}</p>
      ) : data.items.length === 0 ? (
        <p>No other incident shares these within the window.</p>
      ) : (
        <ul className="related-list">
          {data.items.map((r) => (
            <li key={r.id}>
              <button type="button" className="link" onClick={() => select(r.id)}>
                <Clipped text={r.rule} limit={200} />
              </button>{' '}
              <span className={`priority-${r.priority.toLowerCase()}`}>{r.priority}</span> · {r.count} alert{r.count === 1 ? '' : 's'} · <Clipped text={r.entityLabel} limit={200} />
              {Number.isFinite(r.firstSeenMs) ? ` · ${formatMs(r.firstSeenMs)}` : ''}
              <br />
              <span className="related-shared">
                shares{' '}
                {r.shared.map((s, i) => (
                  <span key={s.field}>
                    {i ? ', ' : ''}
                    <code>{s.field}</code> = <code><Clipped text={s.value} limit={120} /></code>
                  </span>
                ))}
              </span>
            </li>
          ))}
        </ul>
      )}
      {data && data.more ? <p className="cap-note">{data.more} more related incidents not listed (those sharing the most come first).</p> : null}
    </PlainSection>
  );
}
