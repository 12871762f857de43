import type { Report } from '../../model';
import { BulletList, Section } from './Section';
import { Clipped } from './Clipped';
import { Sparkline } from './Sparkline';

export function SummarySection({ report }: { report: Report }) {
  return (
    <Section id="summary" report={report}>
      {report.summary.map((paragraph, i) => (
        <p key={i}>
          <Clipped text={paragraph} />
        </p>
      ))}
      {report.activity ? <Sparkline activity={report.activity} total={report.incident.count} /> : null}
      {report.observations.length ? (
        <>
          <h3>Observations</h3>
          <BulletList items={report.observations} />
        </>
      ) : null}
    </Section>
  );
}
