import { useEffect } from 'react';
import { useView } from '../app/hooks';
import { useSession } from '../state/session';
import { Filters } from './Filters';
import { IncidentList } from './IncidentList';
import { ReportPane } from './ReportPane';

/** Filters | incident list | report. Selects the riskiest incident when nothing is selected. */
export function Workspace() {
  const view = useView();
  const selectedId = useSession((s) => s.selectedId);
  const select = useSession((s) => s.select);
  const rows = view.data?.rows ?? [];
  const first = rows[0]?.id;
  useEffect(() => {
    if (!selectedId && first) select(first);
  }, [selectedId, first, select]);
  return (
    <div className="workspace">
      <Filters view={view.data} />
      <section className="list-pane" aria-label="Incident list">
        <p className="list-count" aria-live="polite">
          {view.data ? `${view.data.rows.length} of ${view.data.totalIncidents} incidents · ${view.data.matchedAlerts} alerts` : 'Analysing…'}
        </p>
        <IncidentList rows={rows} />
      </section>
      <ReportPane />
    </div>
  );
}
