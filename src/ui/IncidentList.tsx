import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { IncidentSummary, ViewResult } from '../model';
import { LIST_WINDOW, useSession } from '../state/session';
import { useListSelection } from '../state/listSelection';
import { useTriage } from '../state/triage';
import { listIds } from '../data/requests';
import { useViewContext } from '../data/hooks';
import { formatCount, formatTime } from './format';
import { clipLabel } from './report/Clipped';
import { StatusChip } from './StatusChip';

const ROW_HEIGHT = 64;
/** Ask for a new window when the visible rows come this close to its edge. */
const WINDOW_MARGIN = 60;

/**
 * The incident list: virtualised (only visible rows are in the DOM) and windowed (the worker
 * sends only rows near the visible ones), so 100k incidents scroll. A listbox for keyboard use:
 * arrows or j/k move, Home/End jump, Enter moves focus to the report, Space or x ticks the row
 * (Shift: every row from the last tick). Ticks (checkbox, shift-click for a range) choose rows
 * for a bulk status or an export without changing the open report.
 */
export function IncidentList({ view }: { view: Pick<ViewResult, 'rows' | 'rowOffset' | 'totalRows' | 'selectedIndex'> }) {
  const { rows, rowOffset, totalRows } = view;
  const selectedId = useSession((s) => s.selectedId);
  // Position of the selection: from the loaded rows when it is among them (exact at once, even
  // between refreshes), else as the engine last reported it.
  const loadedAt = rows.findIndex((r) => r.id === selectedId);
  const selectedIndex = loadedAt >= 0 ? rowOffset + loadedAt : view.selectedIndex;
  const select = useSession((s) => s.select);
  const listWindow = useSession((s) => s.listWindow);
  const setListWindow = useSession((s) => s.setListWindow);
  const [pendingIndex, setPendingIndex] = useState<number | null>(null);
  const ticked = useListSelection((s) => s.ids);
  const statuses = useTriage((s) => s.byIncident);
  const filter = useSession((s) => s.filter);
  const context = useViewContext();
  const parent = useRef<HTMLDivElement>(null);
  // TanStack Virtual hands back fresh functions each render: that is how it tracks scrolling, so
  // the React Compiler's memoisation must skip this component (the lint rule says exactly that).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: totalRows,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const firstVisible = items[0]?.index ?? 0;
  const lastVisible = items.at(-1)?.index ?? 0;
  const rowAt = (index: number): IncidentSummary | undefined => rows[index - rowOffset];

  // Keep the requested window around what is on screen.
  useEffect(() => {
    const windowEnd = listWindow.offset + listWindow.limit;
    const nearStart = firstVisible < listWindow.offset + WINDOW_MARGIN && listWindow.offset > 0;
    const nearEnd = lastVisible > windowEnd - WINDOW_MARGIN && windowEnd < totalRows;
    if (nearStart || nearEnd) {
      setListWindow({ offset: Math.max(0, firstVisible - LIST_WINDOW / 2), limit: LIST_WINDOW });
    }
  }, [firstVisible, lastVisible, listWindow, totalRows, setListWindow]);

  // A keyboard move to a row not loaded yet completes once its window arrives.
  useEffect(() => {
    if (pendingIndex === null) return;
    const row = rows[pendingIndex - rowOffset];
    if (row) {
      select(row.id);
      setPendingIndex(null);
    }
  }, [pendingIndex, rows, rowOffset, select]);

  useEffect(() => {
    if (selectedIndex < 0) return;
    // scrollToIndex reads scrollHeight, which forces a synchronous layout of the whole page (80 ms
    // when the first view of a big file appears): skip it when the row is already fully on screen.
    // Rows have a fixed height, so the cached scroll offset and viewport tell without measuring.
    const top = selectedIndex * ROW_HEIGHT;
    const offset = virtualizer.scrollOffset ?? 0;
    const height = virtualizer.scrollRect?.height ?? 0;
    const onScreen = (top >= offset && top + ROW_HEIGHT <= offset + height) || (selectedIndex === 0 && offset === 0);
    if (!onScreen) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const move = (target: number) => {
    if (!totalRows) return;
    const index = Math.max(0, Math.min(totalRows - 1, target));
    const row = rowAt(index);
    if (row) select(row.id);
    else {
      setPendingIndex(index);
      virtualizer.scrollToIndex(index, { align: 'auto' });
    }
  };

  /** Tick a row; with shift, every row from the last tick to it (asking the engine for rows not loaded). */
  const tick = async (index: number, id: string, range: boolean) => {
    const { anchor, toggle, add } = useListSelection.getState();
    if (!range || anchor === null || anchor === index) return toggle(id, index);
    const from = Math.min(anchor, index);
    const to = Math.max(anchor, index);
    const loaded = rows.slice(from - rowOffset, to - rowOffset + 1);
    const all = from >= rowOffset && loaded.length === to - from + 1;
    add(all ? loaded.map((r) => r.id) : await listIds(filter, context, from, to - from + 1));
  };

  /** Open an incident; on a phone, where the report is below the list, bring the report into view. */
  const open = (id: string) => {
    select(id);
    if (window.matchMedia('(max-width: 700px)').matches) {
      requestAnimationFrame(() => document.getElementById('report-pane')?.scrollIntoView({ block: 'start' }));
    }
  };

  return (
    <div
      ref={parent}
      id="incident-list"
      className="incident-list"
      role="listbox"
      aria-label="Incidents"
      tabIndex={0}
      aria-activedescendant={selectedIndex >= 0 && rowAt(selectedIndex) ? `incident-${selectedId}` : undefined}
      onKeyDown={(event) => {
        const from = selectedIndex < 0 ? -1 : selectedIndex;
        if (event.key === 'ArrowDown' || event.key === 'j') move(from + 1);
        else if (event.key === 'ArrowUp' || event.key === 'k') move(Math.max(0, from - 1));
        else if (event.key === 'Home') move(0);
        else if (event.key === 'End') move(totalRows - 1);
        else if (event.key === 'Enter' && selectedIndex >= 0) document.getElementById('report-pane')?.focus();
        else if ((event.key === ' ' || event.key === 'x') && selectedId && selectedIndex >= 0) void tick(selectedIndex, selectedId, event.shiftKey);
        else return;
        event.preventDefault();
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const incident = rowAt(item.index);
          const style = { position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` } as const;
          if (!incident) {
            return <div key={`pending-${item.index}`} className="incident-row pending" style={style} aria-hidden />;
          }
          const selected = incident.id === selectedId;
          const checked = ticked.has(incident.id);
          const status = statuses[incident.id]?.status ?? 'new';
          return (
            <div
              key={incident.id}
              id={`incident-${incident.id}`}
              role="option"
              aria-selected={selected}
              aria-checked={checked}
              aria-posinset={item.index + 1}
              aria-setsize={totalRows}
              className={`incident-row level-${incident.riskLevel}${selected ? ' selected' : ''}${checked ? ' ticked' : ''}`}
              style={style}
              onClick={(event) => {
                if (event.shiftKey || event.ctrlKey || event.metaKey) void tick(item.index, incident.id, event.shiftKey);
                else open(incident.id);
              }}
            >
              {/* A drawn box, not an <input>: a control inside an option is a nested interactive
                  element. The option carries the state (aria-checked); Space or x ticks from the keyboard. */}
              <span
                className={`row-tick${checked ? ' checked' : ''}`}
                aria-hidden
                title={checked ? 'Untick (Shift: range)' : 'Tick for a bulk status or export (Shift: range)'}
                onClick={(event) => {
                  event.stopPropagation();
                  void tick(item.index, incident.id, event.shiftKey);
                }}
              >
                {checked ? '✓' : ''}
              </span>
              <span className="risk-badge" title={`Risk ${incident.riskScore}/100 (${incident.riskLevel})`}>
                {incident.riskScore}
              </span>
              {/* Three lines, each one line high, so the rule name gets the row's whole width. */}
              <span className="row-main">
                <span className="row-rule" title={clipLabel(incident.rule, 300)}>
                  {clipLabel(incident.rule, 300)}
                </span>
                <span className="row-entity">
                  {incident.entity.label}
                  {incident.hostnames.length ? ` · ${incident.hostnames.join(', ')}` : ''}
                </span>
                <span className="row-meta">
                  <StatusChip status={status} />
                  <span className={`priority priority-${incident.priority.toLowerCase()}`}>{incident.priority}</span>
                  <span className="row-count" title="Alerts in this incident">
                    ×{formatCount(incident.count)}
                  </span>
                  <span className="row-time" title={`First ${incident.firstSeen} · last ${incident.lastSeen}`}>
                    {formatTime(incident.firstSeen)}
                    {incident.lastSeen && incident.lastSeen !== incident.firstSeen ? ` → ${formatTime(incident.lastSeen).slice(11)}` : ''}
                  </span>
                </span>
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
