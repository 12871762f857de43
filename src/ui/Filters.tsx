import type { SortKey, ViewResult } from '../model';
import { useSession } from '../state/session';
import { FacetPanel } from './FacetPanel';
import { Timeline } from './Timeline';

/** Search, sort, time range and facets; all of it lives in the URL hash. */
export function Filters({ view }: { view: ViewResult | undefined }) {
  const filter = useSession((s) => s.filter);
  const setFilter = useSession((s) => s.setFilter);
  const clear = useSession((s) => s.clearFilters);
  const active = filter.text || filter.from !== null || filter.to !== null || Object.values(filter.include).some((v) => v?.length) || Object.values(filter.exclude).some((v) => v?.length);
  return (
    <aside className="filters" aria-label="Filters">
      <label className="search">
        <span className="visually-hidden">Search alerts</span>
        <input type="search" placeholder="Search output and fields" value={filter.text} onChange={(e) => setFilter({ text: e.target.value })} aria-label="Search alerts" />
      </label>
      <label className="sort">
        Sort by{' '}
        <select value={filter.sort} onChange={(e) => setFilter({ sort: e.target.value as SortKey })}>
          <option value="risk">risk</option>
          <option value="count">count</option>
          <option value="time">last seen</option>
        </select>
      </label>
      {active ? (
        <button type="button" className="link" onClick={clear}>
          Clear filters
        </button>
      ) : null}
      {view ? <Timeline histogram={view.histogram} /> : null}
      {view ? <FacetPanel facets={view.facets} totals={view.facetTotals} /> : null}
    </aside>
  );
}
