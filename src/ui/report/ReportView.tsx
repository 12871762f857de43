import type { ComponentType } from 'react';
import type { Report, ReportSectionId } from '../../model';
import { REPORT_SECTIONS } from '../../model';
import { FieldsSection } from './FieldsSection';
import { MitigationSection } from './MitigationSection';
import { MitreSection } from './MitreSection';
import { NextStepsSection } from './NextStepsSection';
import { RiskSection } from './RiskSection';
import { SummarySection } from './SummarySection';
import { TuningSection } from './TuningSection';
import { VerdictBlock } from './VerdictBlock';
import { SectionNav } from './SectionNav';
import { clipLabel } from './Clipped';
import { RuleSection } from './RuleSection';

/** The renderer of each section of the registry (model/reportSections.ts), which sets the order. */
const SECTION_VIEWS: Record<ReportSectionId, ComponentType<{ report: Report }>> = {
  summary: SummarySection,
  fields: FieldsSection,
  risk: RiskSection,
  mitre: MitreSection,
  mitigation: MitigationSection,
  tuning: TuningSection,
  'next-steps': NextStepsSection,
};

/** The report: the verdict on top, jump links, then the sections in the registry's order (as the export). */
export function ReportView({ report }: { report: Report }) {
  return (
    <article className="report" aria-label={`Report: ${clipLabel(report.incident.rule)}`}>
      <VerdictBlock report={report} />
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
      <SectionNav />
      {REPORT_SECTIONS.map(({ id }) => {
        const View = SECTION_VIEWS[id];
        return <View key={id} report={report} />;
      })}
      {/* After the seven sections: the rule as the user's rules files load it, and the way into the rule view. */}
      <RuleSection report={report} />
    </article>
  );
}
