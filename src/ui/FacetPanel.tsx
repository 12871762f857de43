import type { ReactNode } from 'react';
import type { FacetCount, FacetKey } from '../model';
import { FACETS } from '../model';
import { useSession } from '../state/session';
import { formatCount } from './format';
import { clipLabel } from './report/Clipped';
import { StatusChip } from './StatusChip';

const SHOWN = 8;

/** How a facet's value is drawn, where plain text does not suit it (the registry is model/facets.ts). */
const RENDERERS: Partial<Record<FacetKey, (value: string) => ReactNode>> = {
  status: (value) => <StatusChip status={value} />,
};

const plain = (value: string): ReactNode => clipLabel(value, 300);

/** Facet lists with counts: click includes a value, click again excludes it, a third click clears. */
export function FacetPanel({ facets, totals }: { facets: Record<FacetKey, FacetCount[]>; totals: Record<FacetKey, number> }) {
  const filter = useSession((s) => s.filter);
  const cycle = useSession((s) => s.cycleFacet);
  const searches = useSession((s) => s.facetSearch);
  const setSearch = useSession((s) => s.setFacetSearch);
  return (
    <div className="facets">
      {FACETS.map(({ key, title }) => {
        const values = facets[key];
        const search = searches[key] ?? '';
        const active = [...(filter.include[key] ?? []), ...(filter.exclude[key] ?? [])];
        const shown = values.slice(0, SHOWN);
        for (const value of active) if (!shown.some((v) => v.value === value)) shown.push({ value, count: 0 });
        // A search that matches nothing keeps the facet on screen, so the search can be changed.
        if (!shown.length && !search) return null;
        const render = RENDERERS[key] ?? plain;
        const more = Math.max(0, totals[key] - SHOWN);
        return (
          <fieldset key={key} className="facet">
            <legend>{title}</legend>
            {more > 0 || search ? (
              <input
                type="search"
                className="facet-search"
                aria-label={`Search ${title} values`}
                placeholder={`Search ${title.toLowerCase()} values`}
                value={search}
                onChange={(e) => setSearch(key, e.target.value)}
              />
            ) : null}
            {shown.map(({ value, count }) => {
              const state = filter.include[key]?.includes(value) ? 'include' : filter.exclude[key]?.includes(value) ? 'exclude' : 'off';
              return (
                <button
                  key={value}
                  type="button"
                  className={`facet-value facet-${state}`}
                  aria-pressed={state !== 'off'}
                  title={`${value}: ${state === 'include' ? 'showing only this, click to exclude it' : state === 'exclude' ? 'excluded, click to clear' : 'click to show only this'}`}
                  onClick={() => cycle(key, value)}
                >
                  <span className="facet-mark" aria-hidden>
                    {state === 'include' ? '✓' : state === 'exclude' ? '✕' : ''}
                  </span>
                  <span className="facet-label">{render(value)}</span>
                  <span className="facet-count">{formatCount(count)}</span>
                </button>
              );
            })}
            {search && totals[key] === 0 ? <p className="facet-more">No value contains “{search}”</p> : null}
            {more > 0 ? (
              <p className="facet-more">
                +{formatCount(more)} more{search ? ' match: refine the search' : ': search above'}
              </p>
            ) : null}
          </fieldset>
        );
      })}
    </div>
  );
}
