import type { MouseEvent } from 'react';
import { REPORT_SECTIONS } from '../../model';
import { sectionHeadingId } from './Section';

/**
 * Jump links to the report's sections, from the section registry. The page's hash belongs to the
 * selection (app/useHashSync.ts), so a click scrolls and moves focus instead of following the link.
 */
export function SectionNav() {
  const jump = (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    const heading = document.getElementById(id);
    if (!heading) return;
    event.preventDefault();
    heading.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  };
  return (
    <nav className="section-nav" aria-label="Report sections">
      <ul>
        {REPORT_SECTIONS.map((s) => (
          <li key={s.id}>
            <a href={`#${sectionHeadingId(s.id)}`} onClick={(e) => jump(e, sectionHeadingId(s.id))}>
              {s.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
