/**
 * The search: a query in, ranked topics grouped by page out. The browser and the CLI run this
 * very code on the same files; it fetches only the posting chunks of the query's keys, the
 * expansion table entries a term asks for, and the display files of the pages it returns.
 */
import { ANCHOR_OF_PARENT, FRAGMENT_IS_HEADING, type PageFile, type PageRecord, type TopicRecord } from './format.ts';
import type { IndexStore } from './load.ts';
import { findTerm, releaseMatches, type TermMatch } from './find.ts';
import { idfOf, rankContext, scorePage, scoreTopic } from './rank.ts';
import { topicUrl } from './links.ts';
import { foldCase } from './normalize.ts';
import { parseQuery, type QueryTerm } from './query.ts';
import { termsRegExp } from './match.ts';
import { makeSnippet, type Snippet } from './snippet.ts';
import { termProbes, toUnits, chunkOf } from './units.ts';

/** How a search is run; every field has a default in SEARCH_DEFAULTS. */
export type SearchOptions = {
  /** Most pages returned; 0 returns every matching page. */
  limit?: number;
  /** Pages skipped before the first returned ("load more" asks for the next `limit`). */
  offset?: number;
  /** Most topics returned per page; 0 returns every matching topic. */
  topicsPerPage?: number;
  /** Keeps only pages of this series (see `seriesOf`); '' or absent keeps all. */
  series?: string;
  /** Keeps only pages of this year (`2019`); '' or absent keeps all. */
  year?: string;
  sort?: 'relevance' | 'date';
  /** Characters of text in each snippet. */
  snippetLength?: number;
};

/** Defaults for SearchOptions. */
export const SEARCH_DEFAULTS: Required<SearchOptions> = {
  series: '',
  year: '',
  limit: 20,
  offset: 0,
  topicsPerPage: 3,
  sort: 'relevance',
  snippetLength: 120,
};

/** One matching topic: where it is and what to show for it. */
export type SearchHit = {
  /** Page URL plus `#heading-id` (and a text fragment for a list thread): lands on the topic. */
  url: string;
  /** Page URL. */
  page: string;
  title: string;
  date: string;
  section: string;
  /** The study group the page belongs to (see seriesOf). */
  series: string;
  heading: string[];
  snippet: Snippet;
  score: number;
  /** Topic number in the index, stable for one index build. */
  topic: number;
};

/** How a term was widened beyond what was typed: readings, typo corrections, synonyms. */
export type Expansion = { term: string; kind: 'reading' | 'typo' | 'synonym'; matched: string[] };

/** What a filter menu shows: each series and year with its number of pages, most recent year first. */
export type Facets = { series: [string, number][]; years: [string, number][] };

/** The answer to one query. `results` is ordered: pages by rank, topics by rank within a page. */
export type SearchResponse = {
  query: string;
  /** Matching pages before `limit`. */
  total: number;
  /** Matching topics before `limit` and `topicsPerPage`. */
  topics: number;
  results: SearchHit[];
  expansions: Expansion[];
  /**
   * Pages matching the query per series and per year. Each dimension ignores its own filter and
   * honours the other (the counts a filter menu shows: what choosing that value would give).
   */
  facets: Facets;
};

/** Another spelling of a term that counts as a match, for less (`weight` < 1). */
export type Alternative = { text: string; kind: Expansion['kind']; weight: number };

/**
 * Widens terms (readings, typos, synonyms) from expansion tables: `keys` says which table
 * entries it will read, so they are fetched first; `expand` then runs synchronously.
 */
export type Expander = {
  keys(term: QueryTerm): [string, string][];
  /** Keys needed only once the literal's page count is known (fetched after its postings). */
  laterKeys?(term: QueryTerm, literalPages: number): [string, string][];
  expand(term: QueryTerm, lookup: (table: string, key: string) => unknown, literalPages: number): Alternative[];
  /** True when an alternative counts only where a word ends after it. */
  wholeWordOnly?(alternative: Alternative): boolean;
};

/** Most terms of one query that are widened. */
const MAX_EXPANDED_TERMS = 3;
/** Longest term that is widened; longer ones are matched as typed. */
const MAX_EXPANDED_LENGTH = 24;
const MAX_RANGES = 24;
/** Every script a query can hold: kanji, katakana with a long vowel, hiragana, full-width and Latin words, a phrase. */
const WARM_UP_QUERY = '構成管理 サーバー かこがわ ＡＷＳ node.js "let\'s encrypt" Prome';

/** An opened index, ready to answer queries. */
export class SearchIndex {
  /** Year of each page (0 when undated): filters and facets count with numbers, not strings. */
  private readonly year: Uint16Array;

  constructor(readonly store: IndexStore, private readonly expander?: Expander) {
    this.year = Uint16Array.from(store.meta.date, (d) => Number(d.slice(0, 4)) || 0);
  }

  /** Pages and topics of the whole index, and what the filters offer before any query. */
  summary(): { pages: number; topics: number; facets: Facets } {
    const { manifest } = this.store;
    const all = Array.from({ length: manifest.pages }, (_, p) => p);
    return { pages: manifest.pages, topics: manifest.topics, facets: this.facets(all, -1, 0) };
  }

  /**
   * Pages per series and per year among `pages`; each dimension ignores its own filter and
   * honours the other (the counts a filter menu shows: what choosing that value would give).
   */
  private facets(pages: number[], series: number, year: number): Facets {
    const { meta } = this.store;
    const bySeries = new Map<number, number>();
    const byYear = new Map<number, number>();
    for (const p of pages) {
      const s = meta.series[p] ?? -1;
      const y = this.year[p] ?? 0;
      if (s >= 0 && (year === 0 || y === year)) bySeries.set(s, (bySeries.get(s) ?? 0) + 1);
      if (y > 0 && (series < 0 || s === series)) byYear.set(y, (byYear.get(y) ?? 0) + 1);
    }
    return {
      series: [...bySeries].map(([s, n]): [string, number] => [meta.seriesNames[s] ?? '', n]).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
      years: [...byYear].sort((a, b) => b[0] - a[0]).map(([y, n]): [string, number] => [String(y).padStart(4, '0'), n]),
    };
  }

  /**
   * Runs what every query runs before its first fetch — normalisation, the Unicode regular
   * expressions of units and matching, the expander's keys — on a sample, reading no file: a
   * browser compiles those on first use, which cost the first query ~40 ms in a cold worker.
   */
  warmUp(): void {
    const parsed = parseQuery(WARM_UP_QUERY);
    for (const term of parsed.terms) {
      for (const probe of termProbes(term.text)) chunkOf(probe.key, this.store.manifest.chunks);
      this.expander?.keys(term);
      this.expander?.laterKeys?.(term, 0);
    }
    const highlight = termsRegExp(parsed.terms.map((t) => t.text));
    makeSnippet(WARM_UP_QUERY, [...foldCase(WARM_UP_QUERY).matchAll(highlight)].map((m) => [m.index, m.index + m[0].length]), 20);
  }

  /** Runs one query. Never throws for any input string (a failed fetch rejects). */
  async search(query: string, options: SearchOptions = {}): Promise<SearchResponse> {
    const opts = { ...SEARCH_DEFAULTS, ...options };
    const parsed = parseQuery(query);
    const empty: SearchResponse = { query, total: 0, topics: 0, results: [], expansions: [], facets: { series: [], years: [] } };
    if (parsed.terms.length === 0) return empty;

    const expansions: Expansion[] = [];
    const { store } = this;
    const [matches, excludedMatches] = await Promise.all([
      Promise.all(parsed.terms.map((term, i) => this.matchTerm(term, i < MAX_EXPANDED_TERMS, expansions))),
      Promise.all(parsed.excluded.map((term) => findTerm(store, term.text))),
    ]);
    // Arrays the size of the whole index, reused query after query (a search still waiting for
    // its display files holds its own set).
    const scratch = this.scratchFree.pop() ?? newScratch(store.manifest.pages, store.manifest.topics);
    try {
      expansions.sort((a, b) => parsed.terms.findIndex((t) => t.text === a.term) - parsed.terms.findIndex((t) => t.text === b.term));
      if (matches.some((m) => m.pages.size === 0)) return { ...empty, expansions };
      return await this.rank(query, parsed.terms, matches, excludedMatches, expansions, opts, scratch);
    } finally {
      clearScratch(scratch, matches);
      if (this.scratchFree.length < 4) this.scratchFree.push(scratch);
      releaseMatches(store, [...matches, ...excludedMatches]);
    }
  }

  private readonly scratchFree: Scratch[] = [];

  /** Filters, facets, ranking, and the display of the pages shown. */
  private async rank(query: string, terms: QueryTerm[], matches: TermMatch[], excludedMatches: TermMatch[], expansions: Expansion[], opts: Required<SearchOptions>, scratch: Scratch): Promise<SearchResponse> {
    const { store } = this;
    const excluded = new Set<number>();
    for (const m of excludedMatches) for (const t of m.topics) excluded.add(t);

    // A page matches when every term occurs in its title or in one of its topics not excluded.
    const termPages = excluded.size === 0 ? matches.map((m) => m.pages) : matches.map((m) => pagesWithout(m, excluded, store.topicPage));
    const matching = pagesInAll(termPages, store.manifest.pages);
    // A series or year filter the index does not know keeps nothing.
    const series = opts.series === '' ? -1 : store.meta.seriesNames.indexOf(opts.series);
    const year = opts.year === '' ? 0 : /^\d{4}$/.test(opts.year) ? Number(opts.year) : -1;
    const facets = this.facets(matching, opts.series !== '' && series < 0 ? -2 : series, year);
    const { candidate, best, total, count, scored } = scratch;
    for (const p of matching) {
      if ((opts.series === '' || (store.meta.series[p] ?? -1) === series) && (year === 0 || this.year[p] === year)) candidate[p] = 1;
    }

    // Only topics that contain a term are scored; a page keeps its best score, the sum and count.
    const idf = idfOf(matches, store.manifest.pages);
    const context = rankContext(terms.map((t) => toUnits(t.text).text.length), idf, store.manifest.averageBody);
    for (const m of matches) {
      for (const t of m.topics) {
        const p = store.topicPage[t] ?? 0;
        if (candidate[p] !== 1 || scored[t] === 1 || (excluded.size > 0 && excluded.has(t))) continue;
        scored[t] = 1;
        const score = scoreTopic(t, matches, context);
        best[p] = Math.max(best[p] ?? 0, score);
        total[p] = (total[p] ?? 0) + score;
        count[p] = (count[p] ?? 0) + 1;
      }
    }
    const ranked: Ranked[] = [];
    let topicCount = 0;
    for (const p of matching) {
      if (candidate[p] !== 1) continue;
      if (count[p] === 0 && this.firstTopicNotExcluded(p, excluded) === undefined) continue;
      topicCount += Math.max(1, count[p] ?? 0);
      ranked.push({ page: p, score: scorePage(p, best[p] ?? 0, (total[p] ?? 0) - (best[p] ?? 0), matches, idf) });
    }
    const date = (p: number) => store.meta.date[p] ?? '';
    const order = opts.sort === 'date'
      ? (a: Ranked, b: Ranked) => date(b.page).localeCompare(date(a.page)) || b.score - a.score || a.page - b.page
      : (a: Ranked, b: Ranked) => b.score - a.score || a.page - b.page;
    const end = opts.limit > 0 ? opts.offset + opts.limit : ranked.length;
    const shown = firstInOrder(ranked, end, order).slice(opts.offset, end);
    // The topics of the pages shown, best first (scored again: a few pages, not the whole match).
    const topicsOf = shown.map(({ page }) => {
      const list: { topic: number; score: number }[] = [];
      for (let t = store.firstTopic[page] ?? 0; t < (store.firstTopic[page + 1] ?? 0); t++) {
        if (scored[t] === 1) list.push({ topic: t, score: scoreTopic(t, matches, context) });
      }
      if (list.length === 0) list.push({ topic: this.firstTopicNotExcluded(page, excluded) ?? 0, score: 0 });
      list.sort((a, b) => b.score - a.score || a.topic - b.topic);
      return opts.topicsPerPage > 0 ? list.slice(0, opts.topicsPerPage) : list;
    });
    const files = await Promise.all(shown.map((r) => store.page(r.page)));
    const highlight = termsRegExp(expansionsAndTerms(terms, expansions));
    const results: SearchHit[] = [];
    shown.forEach((r, i) => {
      const file = files[i] as PageFile;
      for (const { topic, score } of topicsOf[i] ?? []) {
        results.push(hitOf(file, topic, topic - (store.firstTopic[r.page] ?? 0), score, highlight, opts.snippetLength));
      }
    });
    return { query, total: ranked.length, topics: topicCount, results, expansions, facets };
  }

  /** A page's first topic that is not excluded (where a match through the title alone lands). */
  private firstTopicNotExcluded(page: number, excluded: Set<number>): number | undefined {
    for (let t = this.store.firstTopic[page] ?? 0; t < (this.store.firstTopic[page + 1] ?? 0); t++) if (!excluded.has(t)) return t;
    return undefined;
  }

  /** A term as typed, plus what the expander widens it to (each found as typed, weighted). */
  private async matchTerm(term: QueryTerm, widen: boolean, expansions: Expansion[]): Promise<TermMatch> {
    const expander = widen && !term.phrase && term.text.length <= MAX_EXPANDED_LENGTH ? this.expander : undefined;
    const keys = expander?.keys(term) ?? [];
    const [literal, values] = await Promise.all([
      findTerm(this.store, term.text),
      Promise.all(keys.map(([table, key]) => this.store.tableEntry(table, key))),
    ]);
    if (!expander) return literal;
    const table = new Map(keys.map(([t, k], i) => [`${t}\u0000${k}`, values[i]]));
    const later = expander.laterKeys?.(term, literal.pages.size) ?? [];
    const laterValues = await Promise.all(later.map(([t, k]) => this.store.tableEntry(t, k)));
    later.forEach(([t, k], i) => table.set(`${t}\u0000${k}`, laterValues[i]));
    const alternatives = expander.expand(term, (t, k) => table.get(`${t}\u0000${k}`), literal.pages.size).filter((a) => a.text !== term.text);
    if (alternatives.length === 0) return literal;
    const found = await Promise.all(alternatives.map((a) => findTerm(this.store, a.text, a.weight, expander.wholeWordOnly?.(a) ?? false)));
    const kinds = new Map<Expansion['kind'], string[]>();
    alternatives.forEach((a, i) => {
      const match = found[i] as TermMatch;
      if (match.pages.size > 0) kinds.set(a.kind, [...(kinds.get(a.kind) ?? []), a.text]);
      literal.merge(match);
    });
    releaseMatches(this.store, found);
    for (const [kind, matched] of kinds) expansions.push({ term: term.text, kind, matched });
    return literal;
  }

}

/** A set of pages as the search reads it (a term's NumberSet, or a Set without excluded topics). */
type PageSet = Iterable<number> & { readonly size: number; has(page: number): boolean };

/** Pages in every set, ascending. */
function pagesInAll(sets: PageSet[], pages: number): number[] {
  const smallest = sets.reduce((a, b) => (b.size < a.size ? b : a));
  const inAll: number[] = [];
  const inEvery = (p: number) => {
    for (const set of sets) if (!set.has(p)) return false;
    return true;
  };
  // A common word is on most pages: a walk in page order costs less than sorting them.
  if (smallest.size * 8 > pages) {
    for (let p = 0; p < pages; p++) if (inEvery(p)) inAll.push(p);
    return inAll;
  }
  for (const p of smallest) if (inEvery(p)) inAll.push(p);
  return Array.from(Uint32Array.from(inAll).sort());
}

/** A matching page and its score. */
type Ranked = { page: number; score: number };

/**
 * The first `k` items in `order` (a total order), sorted: a common word matches most of the site
 * and a query shows ten pages, so the rest is never sorted.
 */
function firstInOrder<T>(items: T[], k: number, order: (a: T, b: T) => number): T[] {
  if (k >= items.length / 8) return items.sort(order).slice(0, k);
  const kept: T[] = [];
  for (const item of items) {
    if (kept.length === k && order(item, kept[k - 1] as T) >= 0) continue;
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(kept[mid] as T, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    kept.splice(lo, 0, item);
    if (kept.length > k) kept.pop();
  }
  return kept;
}

/** Per-query scoring arrays: which pages are candidates, each page's best and total topic score and count, which topics were scored. */
type Scratch = { candidate: Uint8Array; best: Float64Array; total: Float64Array; count: Uint32Array; scored: Uint8Array };

function newScratch(pages: number, topics: number): Scratch {
  return { candidate: new Uint8Array(pages), best: new Float64Array(pages), total: new Float64Array(pages), count: new Uint32Array(pages), scored: new Uint8Array(topics) };
}

/** Zeroes what a query may have set: the entries of every page and topic its terms matched. */
function clearScratch(scratch: Scratch, matches: TermMatch[]): void {
  for (const m of matches) {
    for (const p of m.pages) { scratch.candidate[p] = 0; scratch.best[p] = 0; scratch.total[p] = 0; scratch.count[p] = 0; }
    for (const t of m.topics) scratch.scored[t] = 0;
  }
}

/** The texts to highlight: every term as typed and everything it was widened to. */
function expansionsAndTerms(terms: QueryTerm[], expansions: Expansion[]): string[] {
  return [...terms.map((t) => t.text), ...expansions.flatMap((e) => e.matched)];
}

/** One result: URL with the topic's anchor, heading path, snippet around the highlighted words. */
function hitOf(file: PageFile, topic: number, local: number, score: number, highlight: RegExp, snippetLength: number): SearchHit {
  const record = topicRecord(file, local);
  const ranges: [number, number][] = [];
  const folded = foldCase(record.text);
  highlight.lastIndex = 0;
  for (let found = highlight.exec(folded); found && ranges.length < MAX_RANGES; found = highlight.exec(folded)) {
    if (found[0] === '') { highlight.lastIndex++; continue; }
    ranges.push([found.index, found.index + found[0].length]);
  }
  const page = file.page;
  return {
    url: topicUrl(page, record),
    page: page.url,
    title: page.title,
    date: page.date,
    section: page.section,
    series: seriesOf(page),
    heading: headingPath(file, local),
    snippet: makeSnippet(record.text, ranges, snippetLength),
    score: Math.round(score * 1000) / 1000,
    topic,
  };
}

/** A topic of a page file as a record: anchor inherited from its section, fragment spelled out. */
export function topicRecord(file: PageFile, local: number): TopicRecord {
  let at = local;
  for (let guard = 0; guard < 64 && file.anchor[at] === ANCHOR_OF_PARENT; guard++) at = file.parent[at] ?? -1;
  const anchor = file.anchor[at] ?? '';
  const heading = file.heading[local] ?? '';
  const fragment = file.fragment[local] ?? '';
  return {
    page: -1,
    parent: file.parent[local] ?? -1,
    anchor: anchor === ANCHOR_OF_PARENT ? '' : anchor,
    fragment: fragment === FRAGMENT_IS_HEADING ? heading : fragment,
    heading,
    text: file.text[local] ?? '',
  };
}

/** Heading path of a topic, outermost first. */
function headingPath(file: PageFile, local: number): string[] {
  const path: string[] = [];
  for (let at = local, guard = 0; at >= 0 && guard < 64; at = file.parent[at] ?? -1, guard++) {
    const heading = file.heading[at] ?? '';
    if (heading !== '') path.unshift(heading);
  }
  return path;
}

/** Pages where a term occurs in the title or in a topic that is not excluded. */
function pagesWithout(match: TermMatch, excluded: Set<number>, topicPage: Uint32Array): Set<number> {
  const pages = new Set<number>(match.titles);
  for (const t of match.topics) if (!excluded.has(t)) pages.add(topicPage[t] ?? 0);
  return pages;
}

/**
 * The series a page belongs to: the first tag of its front matter (the study group), '' when it
 * has none. Folder names are not series: Hugo list pages (`_index.md`) carry no tags.
 */
export function seriesOf(page: PageRecord): string {
  return page.tags[0] ?? '';
}
