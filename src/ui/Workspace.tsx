import { useEffect } from 'react';
import { useView } from '../app/hooks';
import { useSession } from '../state/session';
import { Filters } from './Filters';
import { IncidentList } from './IncidentList';
import { PaneBoundary } from './PaneBoundary';
import { ReportPane } from './ReportPane';

const EMPTY_LIST = { rows: [], rowOffset: 0, totalRows: 0, selectedIndex: -1 };

/**
 * Filters | incident list | report. Selects the riskiest incident when nothing is selected, and
 * keeps the top selected while files load (the riskiest of all, not of the first file read) until
 * the analyst picks one; the list scrolls to the selection.
 */
export function Workspace() {
  const view = useView();
  const selectedId = useSession((s) => s.selectedId);
  const selectionAuto = useSession((s) => s.selectionAuto);
  const autoSelect = useSession((s) => s.autoSelect);
  const first = view.data?.firstRowId;
  useEffect(() => {
    if ((!selectedId || selectionAuto) && first && first !== selectedId) autoSelect(first);
  }, [selectedId, selectionAuto, first, autoSelect]);
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
