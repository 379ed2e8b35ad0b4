/**
 * The search box: a combobox with results grouped by page. Three modes share it: `inline` (a
 * dropdown under the input, for a site header), `modal` (a button and a dialog, Ctrl/Cmd+K or
 * `/`), and `page` (the standalone search page, query kept in `?q=`). It receives a search
 * client and never fetches anything itself.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { SearchClient, IndexSummary } from '../client.ts';
import type { Facets, SearchHit, SearchResponse } from '../core/search.ts';
import { exactQuery, highlight, placePanel, shortHeading, shortcutHint, suggest, withChosen, type PanelPlace } from './helpers.ts';
import { snippetParts } from '../core/snippet.ts';
import type { UiStrings } from './strings.ts';

/** How the box is laid out. */
export type Mode = 'inline' | 'modal' | 'page';

/** Props of SearchBox. */
export type SearchBoxProps = {
  client: SearchClient;
  mode: Mode;
  strings: UiStrings;
  /** Starts loading the index at once and focuses the input (the standalone page). */
  autofocus?: boolean;
  /** Keeps the query in `?q=` with history entries (the standalone page). */
  syncUrl?: boolean;
  /** Opens a result; tests pass their own. */
  navigate?: (url: string) => void;
  /** Reports a load failure once (the embed logs it to the console). */
  onError?: (error: Error) => void;
  /** The standalone search page ("see all results" links there with the query); none: no link. */
  searchPage?: string;
};

type Status = 'idle' | 'loading' | 'ready' | 'error' | 'version';
type Filters = { series: string; year: string; sort: 'relevance' | 'date' };

const PAGE_STEP = 10;
/** Delay after which a settled query becomes its own history entry. */
const HISTORY_MS = 800;

let nextInstance = 0;
let shortcutOwner: number | undefined;

/** The search box component. */
export function SearchBox(props: SearchBoxProps): JSX.Element {
  const { client, mode, strings } = props;
  const [uid] = useState(() => nextInstance++);
  const ids = { listbox: `sagasu-${uid}-list`, status: `sagasu-${uid}-status`, option: (i: number) => `sagasu-${uid}-opt-${i}` };
  const [query, setQuery] = useState(() => (props.syncUrl ? readUrlState().q : ''));
  const [response, setResponse] = useState<SearchResponse | undefined>();
  const [status, setStatus] = useState<Status>('idle');
  const [summary, setSummary] = useState<IndexSummary | undefined>();
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(mode === 'page');
  const [filters, setFilters] = useState<Filters>(() => (props.syncUrl ? readUrlState().filters : { series: '', year: '', sort: 'relevance' }));
  const [suggestion, setSuggestion] = useState<{ query: string; total: number } | undefined>();
  const [place, setPlace] = useState<PanelPlace | undefined>();
  const [limit, setLimit] = useState(mode === 'page' ? PAGE_STEP : 8);
  const input = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const composing = useRef(false);
  const latest = useRef(0);
  const inFlight = useRef(false);
  const queued = useRef<(() => void) | undefined>();
  const historyTimer = useRef<ReturnType<typeof setTimeout>>();
  const startEntry = useRef(true);
  const fromHistory = useRef(false);

  const ensureLoaded = () => {
    // After a failed load, the next keystroke or focus tries again (the client forgets failures).
    if (status !== 'idle' && status !== 'error') return;
    setStatus('loading');
    client.load().then(
      (loaded) => { setSummary(loaded); setStatus('ready'); },
      (error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        setStatus(/format version/.test(failure.message) ? 'version' : 'error');
        props.onError?.(failure);
      },
    );
  };

  // Run the search whenever the query or the filters change. No fixed debounce: a query goes
  // out at once unless one is in flight; then only the newest waits, and older answers are dropped.
  useEffect(() => {
    const id = ++latest.current;
    queued.current = undefined;
    if (query.trim() === '') { setResponse(undefined); setActive(-1); return; }
    ensureLoaded();
    const run = () => {
      inFlight.current = true;
      const done = () => {
        inFlight.current = false;
        const next = queued.current;
        queued.current = undefined;
        next?.();
      };
      client.search(query, { ...filters, limit, topicsPerPage: mode === 'inline' ? 2 : 3 }).then(
        (result) => {
          if (id === latest.current) {
            setResponse(result);
            // DocSearch's way: the first result is visibly active, so Enter opens what is shown.
            setActive(mode !== 'page' && result.results.length > 0 ? 0 : -1);
            setSuggestion(undefined);
            if (result.total === 0) void suggest(client, query, filters).then((s) => { if (id === latest.current) setSuggestion(s); });
          }
          done();
        },
        done, // a failed load is reported once by ensureLoaded
      );
    };
    if (inFlight.current) queued.current = run;
    else run();
  }, [query, filters, limit]);

  // Composition events are bound directly: Preact maps onCompositionStart to a "CompositionStart"
  // listener because browsers have no oncompositionstart property to detect.
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    const start = () => { composing.current = true; };
    const end = () => { composing.current = false; setQuery(el.value); setOpen(true); };
    el.addEventListener('compositionstart', start);
    el.addEventListener('compositionend', end);
    return () => { el.removeEventListener('compositionstart', start); el.removeEventListener('compositionend', end); };
  }, []);

  // The standalone page: load at once, keep ?q= in the URL, follow back/forward.
  useEffect(() => {
    if (props.autofocus) { ensureLoaded(); input.current?.focus(); }
    if (!props.syncUrl) return;
    const onPop = () => { fromHistory.current = true; const state = readUrlState(); setQuery(state.q); setFilters(state.filters); };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  // Typing rewrites the current history entry; the first change after a pause starts a new one,
  // so Back returns to the previous settled query.
  useEffect(() => {
    if (!props.syncUrl) return;
    clearTimeout(historyTimer.current);
    if (fromHistory.current) { fromHistory.current = false; return; }
    const current = readUrlState();
    if (query === current.q && sameFilters(filters, current.filters)) return;
    writeUrlState(query, filters, startEntry.current ? 'push' : 'replace');
    startEntry.current = false;
    historyTimer.current = setTimeout(() => { startEntry.current = true; }, HISTORY_MS);
  }, [query, filters]);

  // Ctrl/Cmd+K and `/` open the box; one instance per page owns the shortcut.
  useEffect(() => {
    if (mode === 'page') return;
    if (shortcutOwner === undefined) shortcutOwner = uid;
    if (shortcutOwner !== uid) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.isComposing || event.defaultPrevented) return;
      const typing = isTypingTarget(event.composedPath()[0]);
      if (((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') || (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey)) {
        event.preventDefault();
        openBox();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => { document.removeEventListener('keydown', onKey); if (shortcutOwner === uid) shortcutOwner = undefined; };
  }, []);

  const openBox = () => {
    ensureLoaded();
    setOpen(true);
    if (mode === 'modal' && dialog.current && !dialog.current.open) dialog.current.showModal();
    input.current?.focus();
  };
  const closeBox = () => {
    if (mode === 'page') return;
    setOpen(false);
    if (mode === 'modal') dialog.current?.close();
  };

  const hits = response?.results ?? [];
  const expanded = open && query.trim() !== '' && status !== 'idle';
  const go = (hit: SearchHit | undefined) => {
    const href = hit && safeHref(hit.url);
    if (!href) return;
    closeBox();
    (props.navigate ?? ((url: string) => window.location.assign(url)))(href);
  };

  const onInput = (event: JSX.TargetedEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    // The input event says whether it is part of a composition; trust it over composition
    // events, which some commits (and CDP's insertText) never send.
    composing.current = (event as unknown as InputEvent).isComposing === true;
    // While an IME composes, the text is not what the visitor means yet; wait for the commit.
    // An all-ASCII composition is a phone keyboard's word suggestion, not kana: search it.
    if (composing.current && !/^[\x20-\x7E]*$/.test(value)) return;
    setQuery(value);
    setOpen(true);
  };
  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLInputElement>) => {
    // keyCode 229: Safari and Chrome report the composition-ending Enter this way.
    if (event.isComposing || composing.current || event.keyCode === 229) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (hits.length === 0) return;
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (step > 0 ? (i + 1 >= hits.length ? 0 : i + 1) : (i <= 0 ? hits.length - 1 : i - 1)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (active >= 0) go(hits[active]);
    } else if (event.key === 'Escape') {
      // The combobox pattern: Esc closes the list first, then clears the text, then the dialog.
      event.preventDefault();
      if (expanded && mode !== 'page') setOpen(false);
      else if (query !== '') setQuery('');
      else closeBox();
    }
  };

  useEffect(() => {
    if (active >= 0) input.current?.getRootNode() instanceof ShadowRoot && (input.current.getRootNode() as ShadowRoot).getElementById(ids.option(active))?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  // The inline panel is fixed to the viewport (out of any clipping or stacking ancestor), placed
  // under the input and kept on screen as the page scrolls or resizes.
  useEffect(() => {
    if (mode !== 'inline' || !expanded) return;
    const update = () => { if (input.current) setPlace(placePanel(input.current.getBoundingClientRect())); };
    update();
    window.addEventListener('scroll', update, true);
    window.addEventListener('resize', update);
    window.visualViewport?.addEventListener('resize', update);
    return () => {
      window.removeEventListener('scroll', update, true);
      window.removeEventListener('resize', update);
      window.visualViewport?.removeEventListener('resize', update);
    };
  }, [expanded]);

  const seeAll = props.searchPage && response && response.total > groupByPage(hits).length ? searchPageUrl(props.searchPage, query, filters) : undefined;
  const box = (
    <div class={`box mode-${mode}`} onFocusOut={mode === 'inline' ? (e: FocusEvent) => { if (!isInside(e.relatedTarget, e.currentTarget)) setOpen(false); } : undefined}>
      <input
        ref={input}
        part="input"
        type="search"
        role="combobox"
        aria-label={strings.label}
        aria-autocomplete="list"
        aria-expanded={expanded && hits.length > 0 ? 'true' : 'false'}
        aria-controls={ids.listbox}
        aria-activedescendant={active >= 0 ? ids.option(active) : undefined}
        aria-describedby={ids.status}
        placeholder={strings.placeholder}
        autocomplete="off"
        autocapitalize="off"
        spellcheck={false}
        enterkeyhint="search"
        value={query}
        onFocus={() => { ensureLoaded(); setOpen(true); }}
        onPointerEnter={ensureLoaded}
        onInput={onInput}
        onKeyDown={onKeyDown}
      />
      <div class="panel" part="panel" hidden={!expanded} style={mode === 'inline' && place ? place : undefined}>
        {mode !== 'inline' && summary && (
          <FilterBar strings={strings} facets={response?.facets ?? summary.facets} filters={filters} onChange={(f) => { setFilters(f); setLimit(mode === 'page' ? PAGE_STEP : 8); }} />
        )}
        <div id={ids.status} class="status" part="status" role="status" aria-live="polite">
          {statusText(status, response, strings)}
          {status === 'ready' && response?.expansions.map((e) => (
            <button type="button" key={e.term} onClick={() => setQuery(exactQuery(query, e.term))}>{strings.exact(e.term)}</button>
          ))}
        </div>
        {status === 'loading' && <div class="loading" aria-hidden="true" />}
        {response && response.total === 0 && status === 'ready' && (
          <div class="empty">
            <p>{strings.empty(query.trim())}</p>
            {suggestion
              ? <p><button type="button" onClick={() => setQuery(suggestion.query)}>{strings.suggest(suggestion.query, suggestion.total)}</button></p>
              : <p>{strings.emptyHint}</p>}
          </div>
        )}
        <div id={ids.listbox} role="listbox" aria-label={strings.label} data-query={response?.query ?? ''}>
          {groupByPage(hits).map((group, g) => (
            <div role="group" part="group" aria-labelledby={`${ids.listbox}-g${g}`} key={group.page}>
              <div id={`${ids.listbox}-g${g}`} class="group-title">
                <span>{group.title}</span>
                <small>{[group.date, group.series].filter(Boolean).join(' · ')}</small>
              </div>
              {group.hits.map(({ hit, index }) => (
                <a
                  role="option"
                  part="option"
                  id={ids.option(index)}
                  aria-selected={index === active ? 'true' : 'false'}
                  aria-describedby={`${ids.option(index)}-s`}
                  href={safeHref(hit.url) ?? undefined}
                  tabIndex={-1}
                  key={hit.topic}
                  onMouseMove={() => setActive(index)}
                  onClick={(e: MouseEvent) => { if (!e.ctrlKey && !e.metaKey && !e.shiftKey && e.button === 0) { e.preventDefault(); go(hit); } }}
                >
                  <span class="heading">{highlight(shortHeading(hit, strings), query).map((part, i) => (part.mark ? <mark part="mark" key={i}>{part.text}</mark> : part.text))}</span>
                  {/* The name is the short heading; the snippet is the description, read after it. */}
                  <span class="snippet" id={`${ids.option(index)}-s`} aria-hidden="true">
                    {snippetParts(hit.snippet).map((part, i) => (part.mark ? <mark part="mark" key={i}>{part.text}</mark> : part.text))}
                  </span>
                </a>
              ))}
            </div>
          ))}
        </div>
        {response && response.total > limit && mode !== 'inline' && (
          <button type="button" class="more" onClick={() => setLimit((n) => n + PAGE_STEP)}>{strings.more}</button>
        )}
        {seeAll && <a class="all" href={seeAll}>{strings.seeAll(response?.total ?? 0)}</a>}
        {hits.length > 0 && mode !== 'page' && <div class="hint" aria-hidden="true">{strings.hint}</div>}
      </div>
    </div>
  );

  if (mode !== 'modal') return box;
  return (
    <>
      <button type="button" class="open" part="button" aria-haspopup="dialog" onClick={openBox} onPointerEnter={ensureLoaded} onFocus={ensureLoaded}>
        <span>{strings.openButton}</span>{shortcutHint() && <kbd>{shortcutHint()}</kbd>}
      </button>
      <dialog
        ref={dialog}
        aria-label={strings.label}
        onClose={() => setOpen(false)}
        onCancel={(e: Event) => { if (composing.current) e.preventDefault(); }}
        // A tap on the backdrop lands on the dialog element itself: close, as a phone has no Esc.
        onClick={(e: MouseEvent) => { if (e.target === dialog.current) closeBox(); }}
      >
        <div class="top">{box}<button type="button" class="close" onClick={closeBox}>{strings.close}</button></div>
      </dialog>
    </>
  );
}

function FilterBar(props: { strings: UiStrings; facets: Facets; filters: Filters; onChange: (f: Filters) => void }): JSX.Element {
  const { strings, facets, filters, onChange } = props;
  // A chosen value stays in its menu even when the query no longer matches it.
  const series = withChosen(facets.series, filters.series);
  const years = withChosen(facets.years, filters.year);
  return (
    <div class="filters" part="filters">
      {series.length > 1 && (
        <label>{strings.series}
          <select value={filters.series} onChange={(e) => onChange({ ...filters, series: e.currentTarget.value })}>
            <option value="">{strings.allSeries}</option>
            {series.map(([name, n]) => <option value={name} key={name}>{`${name} (${n})`}</option>)}
          </select>
        </label>
      )}
      {years.length > 1 && (
        <label>{strings.year}
          <select value={filters.year} onChange={(e) => onChange({ ...filters, year: e.currentTarget.value })}>
            <option value="">{strings.allYears}</option>
            {years.map(([year, n]) => <option value={year} key={year}>{`${year} (${n})`}</option>)}
          </select>
        </label>
      )}
      <label>{strings.sort}
        <select value={filters.sort} onChange={(e) => onChange({ ...filters, sort: e.currentTarget.value === 'date' ? 'date' : 'relevance' })}>
          <option value="relevance">{strings.sortRelevance}</option>
          <option value="date">{strings.sortDate}</option>
        </select>
      </label>
    </div>
  );
}

function statusText(status: Status, response: SearchResponse | undefined, strings: UiStrings): string {
  if (status === 'loading') return strings.loading;
  if (status === 'error') return strings.loadFailed;
  if (status === 'version') return strings.wrongVersion;
  if (!response || response.total === 0) return '';
  const expansions = response.expansions.map((e) => strings.expanded(e.term, e.matched.slice(0, 3).join('・'))).join(' ');
  return [strings.count(response.total, response.topics), expansions].filter(Boolean).join(' ');
}

type Group = { page: string; title: string; date: string; series: string; hits: { hit: SearchHit; index: number }[] };

/** Consecutive hits of one page, in result order (the core already orders by page). */
function groupByPage(hits: SearchHit[]): Group[] {
  const groups: Group[] = [];
  hits.forEach((hit, index) => {
    const last = groups[groups.length - 1];
    if (last && last.page === hit.page) last.hits.push({ hit, index });
    else groups.push({ page: hit.page, title: hit.title, date: hit.date, series: hit.series, hits: [{ hit, index }] });
  });
  return groups;
}

/** A result link is only ever a site path or an http(s) URL built by the indexer; anything else is dropped. */
export function safeHref(url: string): string | undefined {
  return /^\/(?!\/)/.test(url) || /^https?:\/\//i.test(url) ? url : undefined;
}

function isInside(target: EventTarget | null, container: EventTarget | null): boolean {
  return target instanceof Node && container instanceof Node && container.contains(target);
}

function isTypingTarget(target: EventTarget | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

function readUrlState(): { q: string; filters: Filters } {
  const params = new URLSearchParams(window.location.search);
  return {
    q: params.get('q') ?? '',
    filters: { series: params.get('series') ?? '', year: params.get('year') ?? '', sort: params.get('sort') === 'date' ? 'date' : 'relevance' },
  };
}

function sameFilters(a: Filters, b: Filters): boolean {
  return a.series === b.series && a.year === b.year && a.sort === b.sort;
}

/** The query, filters and sort as URL parameters (empty ones left out). */
function setParams(url: URL, query: string, filters: Filters): URL {
  for (const [key, value] of [['q', query], ['series', filters.series], ['year', filters.year], ['sort', filters.sort === 'date' ? 'date' : '']] as const) {
    if (value === '') url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  return url;
}

function writeUrlState(query: string, filters: Filters, how: 'push' | 'replace'): void {
  const url = setParams(new URL(window.location.href), query, filters);
  if (how === 'push') window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
}

/** The search page's URL with the query, filters and sort. */
function searchPageUrl(page: string, query: string, filters: Filters): string {
  return setParams(new URL(page, window.location.href), query, filters).href;
}
