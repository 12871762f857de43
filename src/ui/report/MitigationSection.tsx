import type { Report } from '../../model';
import { BulletList, Section } from './Section';

export function MitigationSection({ report }: { report: Report }) {
  const m = report.mitigations;
  return (
    <Section id="mitigation" title="Mitigation">
      <p>
        <strong>What the rule detects.</strong> {report.detects}
      </p>
      <p>
        <strong>Why it matters.</strong> {report.whyItMatters}
      </p>
      {report.benignCauses.length ? (
        <>
          <h3>Known benign causes</h3>
          <BulletList items={report.benignCauses} />
        </>
      ) : null}
      {report.distinguish.length ? (
        <>
          <h3>Telling them apart</h3>
          <BulletList items={report.distinguish} />
        </>
      ) : null}
      <h3>Immediate</h3>
      <BulletList items={m.immediate} />
      <h3>Short term</h3>
      <BulletList items={m.shortTerm} />
      <h3>Long term</h3>
      <BulletList items={m.longTerm} />
    </Section>
  );
}
