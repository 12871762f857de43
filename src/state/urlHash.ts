import type { FacetKey, SortKey, ViewFilter } from '../model';
import { EMPTY_FILTER, FACET_KEYS } from '../model';

/** What the URL hash holds: the view, so a reload or a shared link shows the same list. */
export interface HashState {
  filter: ViewFilter;
  incident: string | null;
  /**
   * Names of the files the view was made from: opened elsewhere (a shared link, a browser
   * without the saved session), the page can say which files to open. Absent when there are more
   * than LINKED_FILES (the link would grow without bound).
   */
  files?: string[];
}

/** At most this many file names go into a link. */
export const LINKED_FILES = 20;

const SORTS: SortKey[] = ['risk', 'count', 'time'];

/** `#sort=count&q=shell&priority=Critical,Error&-rule=X&from=..&to=..&incident=abc` */
export function encodeHash(state: HashState): string {
  const params = new URLSearchParams();
  const { filter } = state;
  if (filter.sort !== 'risk') params.set('sort', filter.sort);
  if (filter.text) params.set('q', filter.text);
  for (const key of FACET_KEYS) {
    if (filter.include[key]?.length) params.set(key, JSON.stringify(filter.include[key]));
    if (filter.exclude[key]?.length) params.set(`-${key}`, JSON.stringify(filter.exclude[key]));
  }
  if (filter.from !== null) params.set('from', String(filter.from));
  if (filter.to !== null) params.set('to', String(filter.to));
  if (state.incident) params.set('incident', state.incident);
  if (state.files?.length && state.files.length <= LINKED_FILES) params.set('files', JSON.stringify(state.files));
  const text = params.toString();
  return text ? `#${text}` : '';
}

function stringList(raw: string | null): string[] | undefined {
  if (!raw) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : undefined;
  } catch {
    return undefined;
  }
}

function timeParam(raw: string | null): number | null {
  if (raw === null) return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** Tolerant: anything malformed in a hand-edited link falls back to the default. */
export function decodeHash(hash: string): HashState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const include: Partial<Record<FacetKey, string[]>> = {};
  const exclude: Partial<Record<FacetKey, string[]>> = {};
  for (const key of FACET_KEYS) {
    const inc = stringList(params.get(key));
    if (inc?.length) include[key] = inc;
    const exc = stringList(params.get(`-${key}`));
    if (exc?.length) exclude[key] = exc;
  }
  const sort = params.get('sort') as SortKey | null;
  return {
    filter: {
      ...EMPTY_FILTER,
      include,
      exclude,
      text: params.get('q') ?? '',
      from: timeParam(params.get('from')),
      to: timeParam(params.get('to')),
      sort: sort && SORTS.includes(sort) ? sort : 'risk',
    },
    incident: params.get('incident'),
    files: stringList(params.get('files')) ?? [],
  };
}
