import { useEffect } from 'react';
import { useView } from '../data/hooks';
import { useSession } from '../state/session';
import { Filters } from './Filters';
import { IncidentList } from './IncidentList';
import { PaneBoundary } from './PaneBoundary';
import { ReportPane } from './ReportPane';

const EMPTY_LIST = { rows: [], rowOffset: 0, totalRows: 0, selectedIndex: -1 };

/** Filters | incident list | report. Selects the riskiest incident when nothing is selected. */
export function Workspace() {
  const view = useView();
  const selectedId = useSession((s) => s.selectedId);
  const select = useSession((s) => s.select);
  const first = view.data?.firstRowId;
  useEffect(() => {
    if (!selectedId && first) select(first);
  }, [selectedId, first, select]);
  return (
    <div className="workspace">
      <PaneBoundary what="The filters" resetKey={view.data}>
        <Filters view={view.data} />
      </PaneBoundary>
      <section className="list-pane" aria-label="Incident list">
        <p className="list-count" aria-live="polite">
          {view.data ? `${view.data.totalRows} of ${view.data.totalIncidents} incidents · ${view.data.matchedAlerts} alerts` : 'Analysing…'}
        </p>
        <PaneBoundary what="The incident list" resetKey={view.data}>
          <IncidentList view={view.data ?? EMPTY_LIST} />
        </PaneBoundary>
      </section>
      <PaneBoundary what="This report" resetKey={selectedId}>
        <ReportPane />
      </PaneBoundary>
    </div>
  );
}
