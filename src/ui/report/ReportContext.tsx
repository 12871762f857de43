import { PaneBoundary } from '../PaneBoundary';
import { ProcessTreeSection } from './ProcessTree';
import { PrevalenceSection } from './Prevalence';
import { RelatedIncidents } from './RelatedIncidents';

/**
 * The context parts of a report: process tree, related incidents, prevalence of its values. Each
 * is self-contained (it asks the engine for its own data by incident id) and can be placed alone.
 */
export function ReportContext({ incidentId }: { incidentId: string }) {
  return (
    <div className="report report-context">
      <PaneBoundary what="The process tree" resetKey={incidentId}>
        <ProcessTreeSection incidentId={incidentId} />
      </PaneBoundary>
      <PaneBoundary what="Related incidents" resetKey={incidentId}>
        <RelatedIncidents incidentId={incidentId} />
      </PaneBoundary>
      <PaneBoundary what="The prevalence table" resetKey={incidentId}>
        <PrevalenceSection incidentId={incidentId} />
      </PaneBoundary>
    </div>
  );
}
