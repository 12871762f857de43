import type { Report } from '../../model';
import { FieldsSection } from './FieldsSection';
import { MitigationSection } from './MitigationSection';
import { MitreSection } from './MitreSection';
import { NextStepsSection } from './NextStepsSection';
import { RiskSection } from './RiskSection';
import { SummarySection } from './SummarySection';
import { TuningSection } from './TuningSection';
import { clipLabel } from './Clipped';
import { RuleSection } from './RuleSection';

/** The report, sections in the fixed order analysts expect (and the export follows). */
export function ReportView({ report }: { report: Report }) {
  return (
    <article className="report" aria-label={`Report: ${clipLabel(report.incident.rule)}`}>
      {report.playbook?.id === 'custom-rule' && report.rule ? (
        <p className="generic-note" role="note">
          Custom rule: no playbook covers it, so this report is built from its definition in {report.rule.rule.origin.file} (line {report.rule.rule.origin.line}).
        </p>
      ) : null}
      {report.playbook?.generic ? (
        <p className="generic-note" role="note">
          Generic report: falcoscope has no playbook for this rule, so this is built from the alert's tags, priority and fields.
        </p>
      ) : null}
      <SummarySection report={report} />
      <FieldsSection report={report} />
      <RiskSection report={report} />
      <MitreSection report={report} />
      <RuleSection report={report} />
      <MitigationSection report={report} />
      <TuningSection report={report} />
      <NextStepsSection report={report} />
    </article>
  );
}
