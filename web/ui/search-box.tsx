/**
 * The search box: a combobox with results grouped by page. Three modes share it: `inline` (a
 * dropdown under the input, for a site header), `modal` (a button and a dialog, ⌘K/Ctrl+K or
 * `/`), and `page` (the standalone search page, query, filters and sort kept in the URL). It
 * receives a search client and never fetches anything itself.
 *
 * Keyboard (DocSearch's behaviour): the first result is active as soon as results arrive, so
 * Enter opens what is highlighted and nothing else; ↑/↓ move; Esc closes first, then clears.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { SearchClient } from '../client.ts';
import type { SearchHit, SearchResponse } from '../core/search.ts';
import type { UiStrings } from './strings.ts';
import { queryWords, subQueries } from './highlight.ts';
import { FilterBar, StatusLine, type Status } from './panel-parts.tsx';
import { ResultList, safeHref } from './result-list.tsx';
import { useFloatPlace } from './float-place.ts';
import { NO_FILTERS, readUrlState, urlSearch, useUrlState, type Filters } from './url-state.ts';
import { isTouchOnly, readHostTheme, shortcutLabel, type HostTheme } from './host.ts';
import { clearRecent, loadRecent, saveRecent } from './recent.ts';

/** How the box is laid out. */
export type Mode = 'inline' | 'modal' | 'page';

/** Props of SearchBox. */
export type SearchBoxProps = {
  client: SearchClient;
  mode: Mode;
  strings: UiStrings;
  /** Starts loading the index at once and focuses the input (the standalone page). */
  autofocus?: boolean;
  /** Keeps the query, filters and sort in the URL with history entries (the standalone page). */
  syncUrl?: boolean;
  /** URL of the standalone search page, for "see all results"; no link without it. */
  searchPage?: string;
  /** Opens a result; tests pass their own. */
  navigate?: (url: string) => void;
  /** Reports a load failure once (the embed logs it to the console). */
  onError?: (error: Error) => void;
};

type Suggestion = { query: string; pages: number };

/** Pages per request on the search page ("load more" asks for the next ones). */
const PAGE_STEP = 10;
/**
 * The search page shows this many pages first, the next PAGE_STEP when the visitor scrolls to the
 * end (or presses the button): each page shown costs its display file, and on a phone's link the
 * first five come sooner alone.
 */
const FIRST_PAGES = 5;
/**
 * When the first pages leave the end of the list on screen, the next ones load only after the
 * answer has stood this long: a visitor still typing never shares the worker, the network or
 * the layout with pages of a query already gone (loading them at once added 10 display files
 * and a 40 ms layout to the next keystroke's answer).
 */
const SETTLE_MS = 400;
/** Pages in a dropdown or dialog; the rest are one link away. */
const POPUP_PAGES = 6;
/** After this long a load counts as slow and says so. */
const SLOW_MS = 1500;

let nextInstance = 0;
let shortcutOwner: number | undefined;

/** The search box component. */
export function SearchBox(props: SearchBoxProps): JSX.Element {
  const { client, mode, strings } = props;
  /** Topics shown under each page: the search page has the room for one more. */
  const topicsPerPage = mode === 'page' ? 3 : 2;
  const [uid] = useState(() => nextInstance++);
  const ids = { listbox: `sagasu-${uid}-list`, status: `sagasu-${uid}-status`, option: (i: number) => `sagasu-${uid}-opt-${i}` };
  const [query, setQuery] = useState(() => (props.syncUrl ? readUrlState().query : ''));
  const [filters, setFilters] = useState<Filters>(() => (props.syncUrl ? readUrlState().filters : NO_FILTERS));
  const [response, setResponse] = useState<SearchResponse | undefined>();
  const [extra, setExtra] = useState<SearchHit[]>([]);
  const moreButton = useRef<HTMLButtonElement>(null);
  const loadingMore = useRef(false);
  const loadMoreRef = useRef(() => {});
  const [status, setStatus] = useState<Status>('idle');
  const [slow, setSlow] = useState(false);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(mode === 'page');
  const [suggestion, setSuggestion] = useState<Suggestion | undefined>();
  const [recent, setRecent] = useState<string[]>([]);
  const [theme, setTheme] = useState<HostTheme>({ dark: false });
  const [touch] = useState(isTouchOnly);
  const root = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const composing = useRef(false);
  const latest = useRef(0);
  const inFlight = useRef(false);
  const queued = useRef<(() => void) | undefined>();
  /** Query and filters of the newest search sent and not failed. */
  const sent = useRef<string>();
  const byKeyboard = useRef(false);
  const statusRef = useRef<Status>('idle');
  statusRef.current = status;

  const ensureLoaded = () => {
    // A failed load is tried again on the next intent (the next keystroke, focus or hover).
    if (statusRef.current !== 'idle' && statusRef.current !== 'error') return;
    statusRef.current = 'loading';
    setStatus('loading');
    setSlow(false);
    const timer = setTimeout(() => setSlow(true), SLOW_MS);
    client.load().then(
      () => { clearTimeout(timer); setStatus('ready'); },
      (error: unknown) => {
        clearTimeout(timer);
        const failure = error instanceof Error ? error : new Error(String(error));
        setStatus(/format version/.test(failure.message) ? 'version' : 'error');
        props.onError?.(failure);
      },
    );
  };

  // Run the search whenever the query or the filters change (or a retried load succeeds). No
  // fixed debounce: a query goes out at once unless one is in flight; then only the newest
  // waits, and older answers are dropped. A layout effect: a plain effect waits for the next
  // frame, 20–50 ms before the query even reaches the worker.
  useLayoutEffect(() => {
    // The index becoming ready re-runs this effect; a search already sent for the same query
    // and filters answers by itself (it waits for the load), so only a failed one goes again.
    const key = JSON.stringify([query, filters]);
    if (key === sent.current && query.trim() !== '') return;
    const id = ++latest.current;
    queued.current = undefined;
    sent.current = undefined;
    setSuggestion(undefined);
    if (query.trim() === '') { setResponse(undefined); setExtra([]); setActive(-1); return; }
    ensureLoaded();
    if (statusRef.current === 'error') return;
    const run = () => {
      inFlight.current = true;
      sent.current = key;
      const done = () => {
        inFlight.current = false;
        const next = queued.current;
        queued.current = undefined;
        next?.();
      };
      const first = mode === 'page' ? FIRST_PAGES : POPUP_PAGES;
      client.search(query, { ...filters, limit: first, topicsPerPage }).then(
        (result) => {
          if (id === latest.current) { setResponse(result); setExtra([]); setActive(result.results.length > 0 ? 0 : -1); }
          done();
        },
        () => {
          if (id === latest.current) sent.current = undefined;
          done(); // a failed load is reported once by ensureLoaded
        },
      );
    };
    if (inFlight.current) queued.current = run;
    else run();
  }, [query, filters, status === 'ready']);

  // Nothing found: look for the longest part of the query that does match.
  useEffect(() => {
    if (!response || response.total > 0 || status !== 'ready') return;
    const id = latest.current;
    let cancelled = false;
    void (async () => {
      for (const sub of subQueries(response.query)) {
        if (cancelled || id !== latest.current) return;
        const found = await client.search(sub, { limit: 1, topicsPerPage: 1 }).catch(() => undefined);
        if (found && found.total > 0) {
          if (!cancelled && id === latest.current) setSuggestion({ query: sub, pages: found.total });
          return;
        }
      }
    })();
    return () => { cancelled = true; };
  }, [response]);

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

  // Light or dark and the accent follow the page the widget sits in.
  useEffect(() => {
    const host = root.current && root.current.getRootNode() instanceof ShadowRoot ? (root.current.getRootNode() as ShadowRoot).host : root.current;
    if (!host) return;
    const update = () => setTheme(readHostTheme(host));
    update();
    const media = matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener?.('change', update);
    return () => media.removeEventListener?.('change', update);
  }, []);

  // The standalone page loads at once.
  useEffect(() => {
    if (props.autofocus) { ensureLoaded(); input.current?.focus(); }
  }, []);
  useUrlState(props.syncUrl === true, query, filters, (q, f) => { setQuery(q); setFilters(f); });

  // ⌘K / Ctrl+K and `/` open the box; one instance per page owns the shortcut.
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
    setRecent(loadRecent());
    setOpen(true);
    if (mode === 'modal' && dialog.current && !dialog.current.open) dialog.current.showModal();
    input.current?.focus();
  };
  const closeBox = () => {
    if (mode === 'page') return;
    setOpen(false);
    if (mode === 'modal' && dialog.current?.open) dialog.current.close();
  };

  const hits = [...(response?.results ?? []), ...extra];
  const pagesShown = new Set(hits.map((h) => h.page)).size;
  const remember = () => setRecent(saveRecent(query));
  const go = (hit: SearchHit | undefined) => {
    const href = hit && safeHref(hit.url);
    if (!href) return;
    remember();
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
      byKeyboard.current = true;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (step > 0 ? (i + 1 >= hits.length ? 0 : i + 1) : (i <= 0 ? hits.length - 1 : i - 1)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // Only what is visibly active opens (the first result is, as soon as results arrive).
      if (expanded && active >= 0) go(hits[active]);
    } else if (event.key === 'Escape') {
      // The combobox pattern: close the list first, clear on the next Esc. In the modal the
      // dialog's own cancel closes it.
      if (mode === 'modal') return;
      event.preventDefault();
      if (mode === 'inline' && open && query !== '') setOpen(false);
      else if (query !== '') { setQuery(''); setOpen(mode === 'page'); }
      else closeBox();
    }
  };

  // The active option stays visible when the keyboard moves it.
  useEffect(() => {
    if (active < 0 || !byKeyboard.current) return;
    byKeyboard.current = false;
    const rootNode = input.current?.getRootNode();
    if (rootNode instanceof ShadowRoot || rootNode instanceof Document) rootNode.getElementById(ids.option(active))?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const hasQuery = query.trim() !== '';
  const showRecent = open && !hasQuery && recent.length > 0 && mode !== 'page';
  const expanded = open && ((hasQuery && status !== 'idle') || showRecent);

  const place = useFloatPlace(mode === 'inline', expanded, panel, input);

  const words = queryWords(response?.query ?? query);
  const facets = response?.facets;
  const showFilters = hasQuery && !!facets && (facets.series.length > 1 || facets.years.length > 1 || filters.series !== '' || filters.year !== '');
  const seeAllHref = props.searchPage && response && response.total > 0 && mode !== 'page' ? props.searchPage + urlSearch(query, filters) : undefined;

  const loadMore = () => {
    if (loadingMore.current) return;
    loadingMore.current = true;
    const id = latest.current;
    client.search(query, { ...filters, limit: PAGE_STEP, offset: pagesShown, topicsPerPage }).then(
      (more) => { if (id === latest.current) setExtra((list) => [...list, ...more.results]); },
      () => undefined,
    ).finally(() => { loadingMore.current = false; });
  };
  loadMoreRef.current = loadMore;
  // Scrolling near the end of the list loads the next pages by itself; the button stays for the
  // keyboard. The observer is renewed with every render (every keystroke): its first report is
  // where the list ends now, and loads after SETTLE_MS; later ones come from scrolling, and load.
  useEffect(() => {
    const el = moreButton.current;
    if (!el || typeof IntersectionObserver !== 'function') return;
    let first = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new IntersectionObserver((entries) => {
      const near = entries.some((e) => e.isIntersecting);
      clearTimeout(timer);
      if (near && first) timer = setTimeout(() => loadMoreRef.current(), SETTLE_MS);
      else if (near) loadMoreRef.current();
      first = false;
    }, { rootMargin: '200px' });
    observer.observe(el);
    return () => { observer.disconnect(); clearTimeout(timer); };
  });

  const changeFilters = (f: Filters) => { setFilters(f); setExtra([]); };

  const inputEl = (
    <input
      ref={input}
      class="sg-input"
      part="input"
      type="search"
      role="combobox"
      aria-label={strings.label}
      aria-autocomplete="list"
      aria-expanded={expanded && hits.length > 0 ? 'true' : 'false'}
      aria-controls={ids.listbox}
      aria-activedescendant={active >= 0 && expanded ? ids.option(active) : undefined}
      aria-describedby={ids.status}
      placeholder={strings.placeholder}
      autocomplete="off"
      autocapitalize="off"
      spellcheck={false}
      enterkeyhint="search"
      value={query}
      onFocus={() => { ensureLoaded(); setRecent(loadRecent()); setOpen(true); }}
      onPointerEnter={ensureLoaded}
      onInput={onInput}
      onKeyDown={onKeyDown}
    />
  );

  const loading = hasQuery && status === 'loading';
  const body = (
    <>
      {showFilters && facets && <FilterBar strings={strings} facets={facets} filters={filters} compact={mode !== 'page'} onChange={changeFilters} />}
      <div id={ids.status} class="sg-status" part="status" role="status" aria-live="polite">
        {hasQuery ? <StatusLine status={status} slow={slow} response={response} strings={strings} onExact={(term) => setQuery(`"${term}"`)} /> : null}
      </div>
      {loading && <div class="sg-progress" role="progressbar" aria-label={strings.loading}><span /></div>}
      {showRecent && (
        <div class="sg-recent">
          <div class="sg-recent-head"><span>{strings.recent}</span><button type="button" onClick={() => { clearRecent(); setRecent([]); }}>{strings.clearRecent}</button></div>
          {recent.map((r) => (
            <button type="button" class="sg-option sg-recent-item" key={r} onClick={() => { setQuery(r); input.current?.focus(); }}>{r}</button>
          ))}
        </div>
      )}
      {hasQuery && response && response.total === 0 && status === 'ready' && (
        <div class="sg-empty">
          <p>{strings.empty(query.trim())}</p>
          {suggestion
            ? <p><a class="sg-link" href={`?q=${encodeURIComponent(suggestion.query)}`} onClick={(e: MouseEvent) => { e.preventDefault(); setQuery(suggestion.query); input.current?.focus(); }}>{strings.suggest(suggestion.query, suggestion.pages)}</a></p>
            : <p>{strings.emptyHint}</p>}
        </div>
      )}
      <ResultList
        ids={ids}
        label={strings.label}
        top={strings.top}
        query={response?.query ?? ''}
        hits={hasQuery ? hits : []}
        words={words}
        active={active}
        onActive={(index) => { if (active !== index) setActive(index); }}
        onGo={go}
      />
      {hasQuery && mode === 'page' && response && pagesShown < response.total && (
        <button type="button" class="sg-more" ref={moreButton} onClick={loadMore}>{strings.more}</button>
      )}
      {(seeAllHref || (hits.length > 0 && !touch && mode !== 'page')) && hasQuery && (
        <div class="sg-foot">
          {seeAllHref && response ? <a class="sg-link sg-see-all" href={seeAllHref} onClick={remember}>{strings.seeAll(response.total)}</a> : <span />}
          {hits.length > 0 && !touch && mode !== 'page' && <span class="sg-hint" aria-hidden="true">{strings.hint}</span>}
        </div>
      )}
    </>
  );

  const rootClass = ['sg', `sg-${mode}`, theme.dark ? 'sg-dark' : '', touch ? 'sg-touch' : ''].filter(Boolean).join(' ');
  const rootStyle = theme.accent ? { '--sg-host-accent': theme.accent } as JSX.CSSProperties : undefined;

  if (mode === 'modal') {
    const key = shortcutLabel();
    return (
      <div ref={root} class={rootClass} style={rootStyle}>
        <button type="button" class="sg-open" part="button" aria-haspopup="dialog" onClick={openBox} onPointerEnter={ensureLoaded} onFocus={ensureLoaded}>
          <span>{strings.openButton}</span>{key && <kbd>{key}</kbd>}
        </button>
        <dialog
          ref={dialog}
          class="sg-dialog"
          aria-label={strings.label}
          onClose={() => setOpen(false)}
          onCancel={(e: Event) => { if (composing.current) e.preventDefault(); }}
          // A tap on the backdrop reaches the dialog element itself: close.
          onClick={(e: MouseEvent) => { if (e.target === e.currentTarget) closeBox(); }}
        >
          <div class="sg-top">{inputEl}<button type="button" class="sg-close" onClick={closeBox}>{strings.close}</button></div>
          <div class="sg-scroll sg-panel" part="panel">{body}</div>
        </dialog>
      </div>
    );
  }
  return (
    <div
      ref={root}
      class={rootClass}
      style={rootStyle}
      onFocusOut={mode === 'inline' ? (e: FocusEvent) => { if (!isInside(e.relatedTarget, e.currentTarget)) setOpen(false); } : undefined}
    >
      {inputEl}
      <div
        ref={panel}
        class={`sg-panel ${mode === 'inline' ? 'sg-float sg-compact' : ''}`}
        part="panel"
        hidden={!expanded}
        tabIndex={-1}
        {...(mode === 'inline' ? { popover: 'manual', style: place } : {})}
      >
        {body}
      </div>
    </div>
  );
}

function isInside(target: EventTarget | null, container: EventTarget | null): boolean {
  return target instanceof Node && container instanceof Node && container.contains(target);
}

function isTypingTarget(target: EventTarget | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}
