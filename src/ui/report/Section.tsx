import type { ReactNode } from 'react';
import type { Report, ReportSectionId } from '../../model';
import { sectionTitle } from '../../model';
import { sectionMarkdown } from '../../data/exportText';
import { Clipped } from './Clipped';
import { CopyButton } from './CopyButton';

/** The id of a section's heading: the target of the jump links. */
export const sectionHeadingId = (id: ReportSectionId) => `section-${id}`;

/**
 * A report section: an h2 the analyst can jump to, titled from the section registry
 * (model/reportSections.ts), with its own "Copy as Markdown" (the export's text of that section).
 */
export function Section({ id, report, children }: { id: ReportSectionId; report: Report; children: ReactNode }) {
  const title = sectionTitle(id);
  return (
    <section className="report-section" aria-labelledby={sectionHeadingId(id)}>
      <div className="section-head">
        <h2 id={sectionHeadingId(id)} tabIndex={-1}>
          {title}
        </h2>
        <CopyButton className="copy-section" text={() => sectionMarkdown(report, id)} label="Copy as Markdown" />
      </div>
      {children}
    </section>
  );
}

/**
 * A section outside the registry: the context parts (process tree, related incidents, prevalence)
 * and the rule as loaded. Same look and jump target; no Markdown of its own to copy.
 */
export function PlainSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="report-section" aria-labelledby={`section-${id}`}>
      <div className="section-head">
        <h2 id={`section-${id}`} tabIndex={-1}>
          {title}
        </h2>
      </div>
      {children}
    </section>
  );
}

export function BulletList({ items }: { items: string[] }) {
  return items.length ? (
    <ul>
      {items.map((item, i) => (
        <li key={i}>
          <Clipped text={item} />
        </li>
      ))}
    </ul>
  ) : null;
}
