import type { Report } from '../../model';
import { FieldsSection } from './FieldsSection';
import { MitigationSection } from './MitigationSection';
import { MitreSection } from './MitreSection';
import { NextStepsSection } from './NextStepsSection';
import { RiskSection } from './RiskSection';
import { SummarySection } from './SummarySection';
import { TuningSection } from './TuningSection';
import { clipLabel } from './Clipped';

/** The report, sections in the fixed order analysts expect (and the export follows). */
export function ReportView({ report }: { report: Report }) {
  return (
    <article className="report" aria-label={`Report: ${clipLabel(report.incident.rule)}`}>
      {report.playbook?.generic ? (
        <p className="generic-note" role="note">
          Generic report: falcoscope has no playbook for this rule, so this is built from the alert's tags, priority and fields.
        </p>
      ) : null}
      <SummarySection report={report} />
      <FieldsSection report={report} />
      <RiskSection report={report} />
      <MitreSection report={report} />
      <MitigationSection report={report} />
      <TuningSection report={report} />
      <NextStepsSection report={report} />
    </article>
  );
}
