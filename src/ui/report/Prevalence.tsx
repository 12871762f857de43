import type { Prevalence, PrevalenceResult } from '../../model';
import { usePrevalence } from '../../data/contextHooks';
import { useReport } from '../../data/hooks';
import { useSession } from '../../state/session';
import { filterFor } from '../../state/contextFilter';
import { PlainSection } from './Section';
import { Clipped, clipLabel } from './Clipped';
import '../context/context.css';

/** A value in at most this share of the session's alerts is rare (and flagged). */
const RARE_SHARE = 0.01;

/** Rare: in this incident only, or in under 1% of the session's alerts. */
export function isRare(p: Prevalence, totals: Pick<PrevalenceResult, 'totalAlerts' | 'totalIncidents'>): boolean {
  if (p.alerts === undefined || p.incidents === undefined) return false;
  return totals.totalIncidents > 1 && (p.incidents <= 1 || p.alerts / totals.totalAlerts < RARE_SHARE);
}

/**
 * How many alerts and incidents of the session share a value, as a button that filters the list to
 * them: meant to sit beside the value wherever a report shows it.
 */
export function PrevalenceBadge({ item, totals }: { item: Prevalence; totals: Pick<PrevalenceResult, 'totalAlerts' | 'totalIncidents'> }) {
  const setFilter = useSession((s) => s.setFilter);
  const filter = useSession((s) => s.filter);
  if (item.alerts === undefined || item.incidents === undefined) return <span className="prevalence-none">{item.why}</span>;
  const rare = isRare(item, totals);
  const share = totals.totalAlerts ? item.alerts / totals.totalAlerts : 0;
  return (
    <button
      type="button"
      className={rare ? 'prevalence rare' : 'prevalence'}
      aria-label={`${clipLabel(item.field)} = ${clipLabel(item.value)}: ${item.alerts} alerts in ${item.incidents} incidents${rare ? ', rare' : ''}. Show those incidents`}
      onClick={() => setFilter(filterFor(filter, item.field, item.value))}
    >
      <svg className="prevalence-bar" viewBox="0 0 40 6" aria-hidden="true" focusable="false">
        <rect x="0" y="0" width="40" height="6" className="track" />
        <rect x="0" y="0" width={Math.max(1, share * 40)} height="6" className="fill" />
      </svg>
      <span>
        {item.alerts.toLocaleString('en')} alert{item.alerts === 1 ? '' : 's'} · {item.incidents.toLocaleString('en')} incident{item.incidents === 1 ? '' : 's'}
      </span>
      {rare ? <span className="rare-mark">rare</span> : null}
    </button>
  );
}

/**
 * The values of the fields the report shows with how common each is in the session: the same
 * request as the fields table's (one answer for both), never the whole of a record that can hold
 * 100,000 fields.
 */
export function PrevalenceSection({ incidentId }: { incidentId: string }) {
  const report = useReport(incidentId).data;
  const result = usePrevalence(incidentId, report?.incident.id === incidentId ? report.fields.map((f) => f.field) : []);
  const data = result.data;
  if (data === null) return null;
  const rare = data ? data.items.filter((i) => isRare(i, data)).length : 0;
  return (
    <PlainSection id="prevalence" title="How common are these values">
      {!data ? (
        <p>{result.isError ? `Could not count: ${result.error.message}` : 'Counting…'}</p>
      ) : (
        <>
          <p>
            In this session of {data.totalAlerts.toLocaleString('en')} alerts and {data.totalIncidents.toLocaleString('en')} incidents, {rare} value{rare === 1 ? ' is' : 's are'} rare
            (in this incident only, or under 1% of alerts). Click a count to list the incidents sharing the value.
          </p>
          <table className="fields prevalence-table">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Value</th>
                <th scope="col">Seen in</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((item) => (
                <tr key={item.field} className={isRare(item, data) ? 'rare-row' : undefined}>
                  <th scope="row">
                    <code>{item.field}</code>
                  </th>
                  <td className="value">
                    <bdi>
                      <Clipped text={item.value} limit={300} />
                    </bdi>
                  </td>
                  <td>
                    <PrevalenceBadge item={item} totals={data} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </PlainSection>
  );
}
