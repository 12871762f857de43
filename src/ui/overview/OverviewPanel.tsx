import type { OverviewDimension } from '../../model';
import { useOverview } from '../../data/contextHooks';
import { useSession } from '../../state/session';
import { TopBars } from './TopBars';
import { OverviewTimeline } from './OverviewTimeline';
import { countOf } from '../format';
import { Sparkline } from './Sparkline';
import { Clipped } from '../report/Clipped';
import '../context/context.css';

const DIMENSIONS: { id: OverviewDimension; title: string }[] = [
  { id: 'rule', title: 'Rules' },
  { id: 'hostname', title: 'Hosts' },
  { id: 'namespace', title: 'Namespaces' },
  { id: 'image', title: 'Images' },
  { id: 'user', title: 'Users' },
  { id: 'tactic', title: 'MITRE tactics' },
];

/** The incidents the list shows, at a glance: top values, the timeline, the first incidents' sparklines. */
export function OverviewPanel() {
  const overview = useOverview(true);
  const select = useSession((s) => s.select);
  const o = overview.data;
  if (!o) return <p>{overview.isError ? `Could not build the overview: ${overview.error.message}` : 'Building the overview…'}</p>;
  return (
    <div className="overview" aria-label="Overview">
      <p className="overview-totals">
        {countOf(o.totalAlerts, 'alert')} in the incidents shown (of {countOf(o.totalIncidents, 'incident')}). Click a bar to filter the list.
      </p>
      {o.timeline ? <OverviewTimeline timeline={o.timeline} /> : <p>No alert has a time: no timeline.</p>}
      <div className="top-grid">
        {DIMENSIONS.map((d) => (
          <TopBars key={d.id} title={d.title} dimension={d.id} bars={o.top[d.id]} />
        ))}
      </div>
      {o.sparks.length ? (
        <table className="spark-table">
          <caption>First incidents of the list over the same span</caption>
          <thead>
            <tr>
              <th scope="col">Incident</th>
              <th scope="col">Alerts</th>
              <th scope="col">Over time</th>
            </tr>
          </thead>
          <tbody>
            {o.sparks.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => select(s.id)}>
                    <Clipped text={s.rule} limit={120} />
                  </button>{' '}
                  <span className="hint">
                    <Clipped text={s.entityLabel} limit={120} />
                  </span>
                </th>
                <td className={`priority-${s.priority.toLowerCase()}`}>{s.count.toLocaleString('en')}</td>
                <td>
                  <Sparkline buckets={s.buckets} label={`Alerts of ${s.rule.slice(0, 100)} over time`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
