import { useState } from 'react';
import { useAlertsPage } from '../data/hooks';
import type { IncidentSummary } from '../model';
import { formatCount, formatTime } from './format';
import { Clipped } from './report/Clipped';

const PAGE = 50;

/** The incident's alerts, earliest first, a page at a time from the worker (the page never holds them all). */
export function AlertsTab({ incident }: { incident: IncidentSummary }) {
  const [page, setPage] = useState(0);
  const query = useAlertsPage(incident, page, PAGE);
  const pages = Math.ceil(incident.count / PAGE);
  return (
    <div className="alerts-tab">
      <table>
        <caption className="visually-hidden">Alerts in time order, earliest first</caption>
        <thead>
          <tr>
            <th scope="col" aria-sort="ascending">
              Time
            </th>
            <th scope="col">Priority</th>
            <th scope="col">Output</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {(query.data ?? []).map((alert) => (
            <tr key={alert.id}>
              <td className="alert-time">
                <time dateTime={alert.time}>{formatTime(alert.time)}</time>
              </td>
              <td>{alert.priority}</td>
              <td className="value">
                <bdi>
                  <Clipped text={alert.output} />
                </bdi>
              </td>
              <td className="alert-from">
                {alert.file}:{alert.line}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 ? (
        <nav className="pager" aria-label="Alert pages">
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous
          </button>
          <span>
            Page {formatCount(page + 1)} of {formatCount(pages)}
          </span>
          <button type="button" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
            Next
          </button>
        </nav>
      ) : null}
    </div>
  );
}
