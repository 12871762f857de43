import type { Report } from '../../model';
import { BulletList, Section } from './Section';
import { Clipped } from './Clipped';

export function SummarySection({ report }: { report: Report }) {
  return (
    <Section id="summary" title="Summary">
      {report.summary.map((paragraph, i) => (
        <p key={i}>
          <Clipped text={paragraph} />
        </p>
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
