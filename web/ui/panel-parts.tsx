/**
 * The parts of the panel above the results: the status line (count, widened terms, loading and
 * failure) and the filter bar (series, year, sort, with each value's page count).
 */
import type { JSX } from 'preact';
import type { Facets, SearchResponse } from '../core/search.ts';
import type { UiStrings } from './strings.ts';
import type { Filters } from './url-state.ts';

/** Where the index load stands ('version': the index is another format version). */
export type Status = 'idle' | 'loading' | 'ready' | 'error' | 'version';

/** The count of pages and topics, the terms widened (each with a link to search it as typed), or the load's state. */
export function StatusLine(props: { status: Status; slow: boolean; response: SearchResponse | undefined; strings: UiStrings; onExact: (term: string) => void }): JSX.Element | null {
  const { status, slow, response, strings } = props;
  if (status === 'loading') return <span>{slow ? strings.loadingSlow : strings.loading}</span>;
  if (status === 'error') return <span>{strings.loadFailed}</span>;
  if (status === 'version') return <span>{strings.wrongVersion}</span>;
  if (!response || response.total === 0) return null;
  return (
    <>
      <span>{strings.count(response.total, response.topics)}</span>
      {response.expansions.filter((e) => e.matched.length > 0).map((e) => (
        <span key={e.term}>
          {strings.expanded(e.term, e.matched.slice(0, 3).join('・'))}{' '}
          <a class="sg-link" href={`?q=${encodeURIComponent(`"${e.term}"`)}`} onClick={(ev: MouseEvent) => { ev.preventDefault(); props.onExact(e.term); }}>{strings.exactOnly(e.term)}</a>
        </span>
      ))}
    </>
  );
}

/** Menus for series, year and sort; a chosen value stays even when this query has no page for it. */
export function FilterBar(props: { strings: UiStrings; facets: Facets; filters: Filters; compact: boolean; onChange: (f: Filters) => void }): JSX.Element {
  const { strings, facets, filters, onChange } = props;
  // A chosen value stays in the menu even when this query has no page for it.
  const series = withChosen(facets.series, filters.series);
  const years = withChosen(facets.years, filters.year);
  return (
    <div class="sg-filters" part="filters">
      {series.length > 0 && (
        <label>{!props.compact && strings.series}
          <select aria-label={strings.series} value={filters.series} onChange={(e) => onChange({ ...filters, series: e.currentTarget.value })}>
            <option value="">{strings.allSeries}</option>
            {series.map(([name, n]) => <option value={name} key={name}>{`${name} (${n})`}</option>)}
          </select>
        </label>
      )}
      {years.length > 0 && (
        <label>{!props.compact && strings.year}
          <select aria-label={strings.year} value={filters.year} onChange={(e) => onChange({ ...filters, year: e.currentTarget.value })}>
            <option value="">{strings.allYears}</option>
            {years.map(([year, n]) => <option value={year} key={year}>{`${year} (${n})`}</option>)}
          </select>
        </label>
      )}
      <label>{!props.compact && strings.sort}
        <select aria-label={strings.sort} value={filters.sort} onChange={(e) => onChange({ ...filters, sort: e.currentTarget.value === 'date' ? 'date' : 'relevance' })}>
          <option value="relevance">{strings.sortRelevance}</option>
          <option value="date">{strings.sortDate}</option>
        </select>
      </label>
    </div>
  );
}

function withChosen(list: [string, number][], chosen: string): [string, number][] {
  return chosen === '' || list.some(([v]) => v === chosen) ? list : [...list, [chosen, 0]];
}
