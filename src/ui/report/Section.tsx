import type { ReactNode } from 'react';
import { Clipped } from './Clipped';

/** A report section: an h2 the analyst can jump to, in the fixed order of the report. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="report-section" aria-labelledby={`section-${id}`}>
      <h2 id={`section-${id}`}>{title}</h2>
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
