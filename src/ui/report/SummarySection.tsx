import type { Report } from '../../model';
import { BulletList, Section } from './Section';

export function SummarySection({ report }: { report: Report }) {
  return (
    <Section id="summary" title="Summary">
      {report.summary.map((paragraph, i) => (
        <p key={i}>{paragraph}</p>
      ))}
      {report.observations.length ? (
        <>
          <h3>Observations</h3>
          <BulletList items={report.observations} />
        </>
      ) : null}
    </Section>
  );
}
