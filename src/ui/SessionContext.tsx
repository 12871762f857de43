import { useState } from 'react';
import { OverviewPanel } from './overview/OverviewPanel';
import { ComparePanel } from './compare/ComparePanel';
import { PaneBoundary } from './PaneBoundary';
import './context/context.css';

type Panel = 'overview' | 'compare' | null;

/** Toggles above the workspace: the overview of the incidents shown, and the comparison with a baseline. */
export function SessionContext() {
  const [panel, setPanel] = useState<Panel>(null);
  const toggle = (p: Exclude<Panel, null>) => setPanel(panel === p ? null : p);
  return (
    <section className="session-context" aria-label="Session context">
      <div className="session-context-bar">
        <button type="button" aria-expanded={panel === 'overview'} aria-controls="context-panel" onClick={() => toggle('overview')}>
          Overview
        </button>
        <button type="button" aria-expanded={panel === 'compare'} aria-controls="context-panel" onClick={() => toggle('compare')}>
          Compare with a baseline
        </button>
      </div>
      {panel ? (
        <div id="context-panel" className="session-context-panel">
          <PaneBoundary what={panel === 'overview' ? 'The overview' : 'The comparison'}>{panel === 'overview' ? <OverviewPanel /> : <ComparePanel />}</PaneBoundary>
        </div>
      ) : null}
    </section>
  );
}
