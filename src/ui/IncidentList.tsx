import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { IncidentSummary } from '../model';
import { useSession } from '../state/session';
import { formatTime } from './format';

const ROW_HEIGHT = 64;

/**
 * The incident list: virtualised (only visible rows are in the DOM, so 100k incidents scroll),
 * a listbox for keyboard use: arrows or j/k move, Enter or click opens.
 */
export function IncidentList({ rows }: { rows: IncidentSummary[] }) {
  const selectedId = useSession((s) => s.selectedId);
  const select = useSession((s) => s.select);
  const parent = useRef<HTMLDivElement>(null);
  // TanStack Virtual hands back fresh functions each render: that is how it tracks scrolling, so
  // the React Compiler's memoisation must skip this component (the lint rule says exactly that).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const selectedIndex = rows.findIndex((r) => r.id === selectedId);

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const move = (delta: number) => {
    if (!rows.length) return;
    const next = Math.max(0, Math.min(rows.length - 1, (selectedIndex < 0 ? -1 : selectedIndex) + delta));
    select(rows[next]!.id);
  };

  return (
    <div
      ref={parent}
      className="incident-list"
      role="listbox"
      aria-label="Incidents"
      tabIndex={0}
      aria-activedescendant={selectedIndex >= 0 ? `incident-${rows[selectedIndex]!.id}` : undefined}
      onKeyDown={(event) => {
        if (event.key === 'ArrowDown' || event.key === 'j') move(1);
        else if (event.key === 'ArrowUp' || event.key === 'k') move(-1);
        else if (event.key === 'Home') move(-rows.length);
        else if (event.key === 'End') move(rows.length);
        else if (event.key === 'Enter' && selectedIndex >= 0) {
          document.getElementById('report-pane')?.focus();
        } else return;
        event.preventDefault();
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const incident = rows[item.index]!;
          const selected = incident.id === selectedId;
          return (
            <div
              key={incident.id}
              id={`incident-${incident.id}`}
              role="option"
              aria-selected={selected}
              className={`incident-row level-${incident.riskLevel}${selected ? ' selected' : ''}`}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              onClick={() => select(incident.id)}
            >
              <span className="risk-badge" title={`Risk ${incident.riskScore}/100 (${incident.riskLevel})`}>
                {incident.riskScore}
              </span>
              <span className="row-main">
                <span className="row-rule">{incident.rule}</span>
                <span className="row-entity">
                  {incident.entity.label}
                  {incident.hostnames.length ? ` · ${incident.hostnames.join(', ')}` : ''}
                </span>
              </span>
              <span className="row-meta">
                <span className={`priority priority-${incident.priority.toLowerCase()}`}>{incident.priority}</span>
                <span className="row-count" title="Alerts in this incident">
                  ×{incident.count}
                </span>
                <span className="row-time" title={`First ${incident.firstSeen} · last ${incident.lastSeen}`}>
                  {formatTime(incident.firstSeen)}
                  {incident.lastSeen && incident.lastSeen !== incident.firstSeen ? ` → ${formatTime(incident.lastSeen).slice(11)}` : ''}
                </span>
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
