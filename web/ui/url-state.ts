/**
 * The search page keeps its query, filters and sort in the URL (`?q=…&series=…&year=…&sort=date`),
 * so a search can be shared, reloaded, and walked back with the browser's Back button.
 */
import { useEffect, useRef } from 'preact/hooks';

/** The filters and sort of a search. */
export type Filters = { series: string; year: string; sort: 'relevance' | 'date' };

/** No filter, sorted by relevance. */
export const NO_FILTERS: Filters = { series: '', year: '', sort: 'relevance' };

/** Delay after which a settled query becomes its own history entry. */
const HISTORY_MS = 800;

/** `?q=…&series=…&year=…&sort=date` for a state ('' when everything is empty). */
export function urlSearch(query: string, filters: Filters): string {
  const params = new URLSearchParams();
  if (query !== '') params.set('q', query);
  if (filters.series) params.set('series', filters.series);
  if (filters.year) params.set('year', filters.year);
  if (filters.sort === 'date') params.set('sort', 'date');
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The query and filters in the current URL. */
export function readUrlState(): { query: string; filters: Filters } {
  const params = new URLSearchParams(window.location.search);
  return {
    query: params.get('q') ?? '',
    filters: { series: params.get('series') ?? '', year: params.get('year') ?? '', sort: params.get('sort') === 'date' ? 'date' : 'relevance' },
  };
}

function writeUrlState(query: string, filters: Filters, how: 'push' | 'replace'): void {
  const url = new URL(window.location.href);
  url.search = urlSearch(query, filters);
  if (how === 'push') window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
}

/**
 * Keeps the URL in step with `query` and `filters` when `enabled`, and hands back/forward to
 * `restore`. Typing rewrites the current history entry; the first change after a pause starts a
 * new one, so Back returns to the previous settled query.
 */
export function useUrlState(enabled: boolean, query: string, filters: Filters, restore: (query: string, filters: Filters) => void): void {
  const historyTimer = useRef<ReturnType<typeof setTimeout>>();
  const startEntry = useRef(true);
  const fromHistory = useRef(false);
  useEffect(() => {
    if (!enabled) return;
    const onPop = () => { fromHistory.current = true; const state = readUrlState(); restore(state.query, state.filters); };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => {
    if (!enabled) return;
    clearTimeout(historyTimer.current);
    if (fromHistory.current) { fromHistory.current = false; return; }
    if (window.location.search === urlSearch(query, filters)) return;
    writeUrlState(query, filters, startEntry.current ? 'push' : 'replace');
    startEntry.current = false;
    historyTimer.current = setTimeout(() => { startEntry.current = true; }, HISTORY_MS);
  }, [query, filters]);
}
