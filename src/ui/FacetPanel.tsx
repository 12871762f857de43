import type { FacetCount, FacetKey } from '../model';
import { clipLabel } from './report/Clipped';
import { FACET_KEYS } from '../model';
import { useSession } from '../state/session';

const TITLES: Record<FacetKey, string> = {
  priority: 'Priority',
  rule: 'Rule',
  source: 'Source',
  hostname: 'Host',
  image: 'Container image',
  namespace: 'Namespace',
  tag: 'Tag',
  tactic: 'MITRE tactic',
};

const SHOWN = 8;

/** Facet lists with counts: click includes a value, click again excludes it, a third click clears. */
export function FacetPanel({ facets }: { facets: Record<FacetKey, FacetCount[]> }) {
  const filter = useSession((s) => s.filter);
  const cycle = useSession((s) => s.cycleFacet);
  return (
    <div className="facets">
      {FACET_KEYS.map((key) => {
        const values = facets[key];
        const active = [...(filter.include[key] ?? []), ...(filter.exclude[key] ?? [])];
        const shown = values.slice(0, SHOWN);
        for (const value of active) if (!shown.some((v) => v.value === value)) shown.push({ value, count: 0 });
        if (!shown.length) return null;
        return (
          <fieldset key={key} className="facet">
            <legend>{TITLES[key]}</legend>
            {shown.map(({ value, count }) => {
              const state = filter.include[key]?.includes(value) ? 'include' : filter.exclude[key]?.includes(value) ? 'exclude' : 'off';
              return (
                <button
                  key={value}
                  type="button"
                  className={`facet-value facet-${state}`}
                  aria-pressed={state !== 'off'}
                  title={state === 'include' ? 'Showing only this: click to exclude it' : state === 'exclude' ? 'Excluded: click to clear' : 'Click to show only this'}
                  onClick={() => cycle(key, value)}
                >
                  <span className="facet-mark" aria-hidden>
                    {state === 'include' ? '✓' : state === 'exclude' ? '✕' : ''}
                  </span>
                  <span className="facet-label">{clipLabel(value, 300)}</span>
                  <span className="facet-count">{count}</span>
                </button>
              );
            })}
            {values.length > SHOWN ? <p className="facet-more">+{values.length - SHOWN} more (use search)</p> : null}
          </fieldset>
        );
      })}
    </div>
  );
}
