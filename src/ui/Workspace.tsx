import { useEffect, useState, type CSSProperties } from 'react';
import { useView } from '../data/hooks';
import { useSession } from '../state/session';
import { Filters } from './Filters';
import { countOf, formatCount } from './format';
import { IncidentList } from './IncidentList';
import { ListToolbar } from './ListToolbar';
import { PaneBoundary } from './PaneBoundary';
import { LIST_WIDTH, PaneSplitter } from './PaneSplitter';
import { ReportPane } from './ReportPane';
import { SessionContext } from './SessionContext';

const EMPTY_LIST = { rows: [], rowOffset: 0, totalRows: 0, selectedIndex: -1 };
/** The list width the analyst chose, kept for the next visit (a preference, not session data). */
const WIDTH_KEY = 'falcoscope.listWidth';

function savedWidth(): number {
  try {
    const n = Number(localStorage.getItem(WIDTH_KEY));
    return n >= LIST_WIDTH.min && n <= LIST_WIDTH.max ? n : LIST_WIDTH.initial;
  } catch {
    return LIST_WIDTH.initial;
  }
}

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
  const [listWidth, setListWidth] = useState(savedWidth);
  useEffect(() => {
    if ((!selectedId || selectionAuto) && first && first !== selectedId) autoSelect(first);
  }, [selectedId, selectionAuto, first, autoSelect]);
  const resize = (width: number) => {
    setListWidth(width);
    try {
      localStorage.setItem(WIDTH_KEY, String(width));
    } catch {
      // Storage refused (private mode, file://): the width lasts for this visit.
    }
  };
  return (
    <>
    <SessionContext />
    <div className="workspace" style={{ '--list-width': `${listWidth}px` } as CSSProperties}>
      <PaneBoundary what="The filters" resetKey={view.data}>
        <Filters view={view.data} />
      </PaneBoundary>
      <section className="list-pane" id="incident-list-pane" aria-label="Incident list">
        <p className="list-count" aria-live="polite">
          {view.data ? `${formatCount(view.data.totalRows)} of ${countOf(view.data.totalIncidents, 'incident')} · ${countOf(view.data.matchedAlerts, 'alert')}` : 'Analysing…'}
        </p>
        <PaneBoundary what="The incident list" resetKey={view.data}>
          <IncidentList view={view.data ?? EMPTY_LIST} />
        </PaneBoundary>
        {/* Below the list: Tab reaches the list first, and the actions act on what is above them. */}
        <PaneBoundary what="The list actions">
          <ListToolbar shown={view.data?.totalRows ?? 0} />
        </PaneBoundary>
      </section>
      <PaneSplitter width={listWidth} onWidth={resize} />
      <PaneBoundary what="This report" resetKey={selectedId}>
        <ReportPane />
      </PaneBoundary>
    </div>
    </>
  );
}
