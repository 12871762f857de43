import type { Report } from '../../model';
import { BulletList, Section } from './Section';

/** How to tell benign from hostile, then what to do now, soon and for good (lists the verdict left open). */
export function MitigationSection({ report }: { report: Report }) {
  const m = report.mitigations;
  const list = (title: string, items: string[]) =>
    items.length ? (
      <>
        <h3>{title}</h3>
        <BulletList items={items} />
      </>
    ) : null;
  return (
    <Section id="mitigation" report={report}>
      {list('Known benign causes', report.benignCauses)}
      {list('Telling them apart', report.distinguish)}
      {list('Immediate', m.immediate)}
      {list('Short term', m.shortTerm)}
      {list('Long term', m.longTerm)}
    </Section>
  );
}
