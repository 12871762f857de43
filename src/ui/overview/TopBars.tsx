import type { OverviewBar, OverviewDimension } from '../../model';
import { useSession } from '../../state/session';
import { clipLabel } from '../report/Clipped';

const FACET: Record<Exclude<OverviewDimension, 'user'>, 'rule' | 'hostname' | 'namespace' | 'image' | 'tactic'> = {
  rule: 'rule',
  hostname: 'hostname',
  namespace: 'namespace',
  image: 'image',
  tactic: 'tactic',
};

/** Characters of a value shown on a bar (the button's title holds more). */
const LABEL_LIMIT = 60;

/**
 * One dimension's top values as horizontal bars; each is a button that filters the list (facets
 * cycle include -> exclude -> clear, as in the facet panel; users filter by text).
 */
export function TopBars({ title, dimension, bars }: { title: string; dimension: OverviewDimension; bars: OverviewBar[] }) {
  const cycleFacet = useSession((s) => s.cycleFacet);
  const setFilter = useSession((s) => s.setFilter);
  // The selector returns the store's own array (a fresh [] each call would re-render forever).
  const included = useSession((s) => (dimension === 'user' ? undefined : s.filter.include[FACET[dimension]]));
  const include = included ?? [];
  const max = Math.max(1, ...bars.map((b) => b.alerts));
  return (
    <figure className="top-bars">
      <figcaption>{title}</figcaption>
      {bars.length === 0 ? (
        <p className="hint">None in these incidents.</p>
      ) : (
        <ul>
          {bars.map((b) => (
            <li key={b.value}>
              <button
                type="button"
                className={include.includes(b.value) ? 'top-bar active' : 'top-bar'}
                aria-pressed={include.includes(b.value)}
                aria-label={`${title}: ${clipLabel(b.value)}, ${b.alerts} alerts in ${b.incidents} incidents. Filter the list`}
                title={clipLabel(b.value, 400)}
                onClick={() => (dimension === 'user' ? setFilter({ text: b.value }) : cycleFacet(FACET[dimension], b.value))}
              >
                <span className="top-bar-label">{b.value.length > LABEL_LIMIT ? `${b.value.slice(0, LABEL_LIMIT)}…` : b.value}</span>
                <span className="top-bar-track" aria-hidden="true">
                  <span className="top-bar-fill" style={{ width: `${(b.alerts / max) * 100}%` }} />
                </span>
                <span className="top-bar-count">{b.alerts.toLocaleString('en')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
