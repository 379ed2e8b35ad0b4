/**
 * The search: index data in, ranked topics grouped by page out. The browser and the CLI run
 * this very code on the same files.
 *
 * Matching scans the stored, folded text (one string per index, one regex per term), so a
 * page that contains what was typed is always found. Ranking then uses what the indexer
 * knew and the browser cannot: kuromoji's word boundaries (marks in the text), its readings,
 * and the Latin vocabulary (MiniSearch) for typos.
 */
import { ANCHOR_OF_PARENT, FRAGMENT_IS_HEADING, SEGMENT_END, WORD_BREAK, type IndexData, type IndexExtras, type PageRecord, type TopicColumns, type TopicRecord } from './format.ts';
import { topicUrl } from './links.ts';
import { foldCase, isHiragana, isKatakana, scriptOf } from './normalize.ts';
import { parseQuery, type QueryTerm } from './query.ts';
import { termPattern } from './match.ts';
import { makeSnippet, type Snippet } from './snippet.ts';
import { expandTerm, wholeWordOnly, expansionKeys, type Alternative, type TableLookup, type TableName } from './expand.ts';

export { editDistance } from './expand.ts';

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
  /** Topic number in the index, stable for one index file. */
  topic: number;
};

/**
 * What a term was widened to besides itself, per kind, listing the alternatives that matched
 * (web/core/expand.ts). `pending`: it may be widened, but the extras file is not loaded yet
 * (search again once it is).
 */
export type Expansion = { term: string; kind: Alternative['kind']; matched: string[]; pending?: true };

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

/** Occurrences of a term in one topic: in its heading, in its body, and as a whole word. */
type TopicHits = { head: number; body: number; word: boolean; ranges: [number, number][] };
type TermMatch = { pages: Set<number>; titles: Set<number>; topics: Map<number, TopicHits> };

const HEAD_WEIGHT = 4;
const TITLE_WEIGHT = 1.5;
const WORD_BONUS = 1.5;
const MAX_RANGES = 24;
/** Most terms of one query widened (each adds alternatives to its scan). */
const MAX_EXPANSIONS = 3;
/** Body occurrences counted per topic and term; more add nothing to the saturating body score. */
const MAX_BODY_HITS = 8;

/** A loaded index, ready to answer queries. Build it once per index file. */
export class SearchIndex {
  readonly pages: PageRecord[];
  private readonly columns: TopicColumns;
  /** All text, WORD_BREAK marks removed: what snippets and headings are cut from. */
  private readonly display: string;
  /** `display` case-folded (same length): what the patterns run on. */
  private readonly haystack: string;
  /** 1 where kuromoji put a word boundary inside a same-script run (東京|都), per offset. */
  private readonly breaks: Uint8Array;
  /** Start offset of each segment (page titles, then topics) and, at the end, the text length + 1. */
  private readonly starts: Int32Array;
  /** Where each segment's body starts (after the heading and its "\n"). */
  private readonly bodyStarts: Int32Array;
  /** The expansion tables (from the extras file); undefined until attachExtras. */
  private tables: Record<TableName, Map<string, unknown>> | undefined;
  private readonly pageTopics: number[][];
  private readonly averageLength: number;
  private readonly paths = new Map<number, string[]>();

  constructor(data: IndexData) {
    this.pages = data.pages;
    this.columns = data.topics;
    // One split removes the word-break marks and tells where they were.
    const pieces = data.text.split(WORD_BREAK);
    const breaks = new Uint8Array(data.text.length + 1);
    let at = 0;
    pieces.forEach((piece, i) => {
      if (i > 0) breaks[at] = 1;
      at += piece.length;
    });
    this.display = pieces.join('');
    this.haystack = foldCase(this.display);
    this.breaks = breaks;
    const pageCount = data.pages.length;
    const count = pageCount + data.topics.page.length;
    this.starts = new Int32Array(count + 1);
    this.bodyStarts = new Int32Array(count);
    this.pageTopics = data.pages.map(() => []);
    let start = 0;
    let total = 0;
    for (let seg = 0; seg < count; seg++) {
      const end = this.display.indexOf(SEGMENT_END, start);
      this.starts[seg] = start;
      this.bodyStarts[seg] = seg < pageCount ? start : this.display.indexOf('\n', start) + 1;
      if (seg >= pageCount) {
        const t = seg - pageCount;
        this.pageTopics[data.topics.page[t] ?? 0]?.push(t);
        total += end - (this.bodyStarts[seg] ?? end);
      }
      start = end + 1;
    }
    this.starts[count] = start;
    this.averageLength = Math.max(1, total / Math.max(1, data.topics.page.length));
  }

  /** Adds the extras file: from then on terms are widened by reading, typo correction and synonym. */
  attachExtras(extras: IndexExtras): void {
    this.tables = { readings: new Map(extras.tables.readings), synonyms: new Map(extras.tables.synonyms), vocabulary: new Map(extras.tables.vocabulary) };
  }

  /** A topic's own heading, as displayed. */
  private heading(t: number): string {
    const seg = this.pages.length + t;
    const start = this.starts[seg] ?? 0;
    return this.display.slice(start, Math.max(start, (this.bodyStarts[seg] ?? start) - 1));
  }

  /** One topic as a record (marks removed, fragment spelled out). */
  topic(t: number): TopicRecord {
    const seg = this.pages.length + t;
    const body = this.bodyStarts[seg] ?? 0;
    const end = (this.starts[seg + 1] ?? 1) - 1;
    const heading = this.heading(t);
    const fragment = this.columns.fragment[t] ?? '';
    const parent = this.columns.parent[t] ?? -1;
    return {
      page: this.columns.page[t] ?? 0,
      parent,
      anchor: this.anchor(t),
      fragment: fragment === FRAGMENT_IS_HEADING ? heading : fragment,
      heading,
      text: this.display.slice(body, end),
    };
  }

  /** Hugo heading id of a topic, following ANCHOR_OF_PARENT up to the section that carries it. */
  private anchor(t: number): string {
    let at = t;
    for (let guard = 0; guard < 64 && this.columns.anchor[at] === ANCHOR_OF_PARENT; guard++) at = this.columns.parent[at] ?? -1;
    const anchor = this.columns.anchor[at] ?? '';
    return anchor === ANCHOR_OF_PARENT ? '' : anchor;
  }

  /** Heading path of a topic, outermost first. */
  path(t: number): string[] {
    let path = this.paths.get(t);
    if (!path) {
      const parent = this.columns.parent[t] ?? -1;
      const heading = this.heading(t);
      const above = parent >= 0 && parent < t ? this.path(parent) : [];
      path = heading === '' ? above : [...above, heading];
      this.paths.set(t, path);
    }
    return path;
  }

  /** Runs one query. Never throws for any input string. */
  search(query: string, options: SearchOptions = {}): SearchResponse {
    const opts = { ...SEARCH_DEFAULTS, ...options };
    const parsed = parseQuery(query);
    const empty: SearchResponse = { query, total: 0, topics: 0, results: [], expansions: [], facets: { series: [], years: [] } };
    if (parsed.terms.length === 0) return empty;

    const expansions: Expansion[] = [];
    const matches: TermMatch[] = [];
    for (const term of parsed.terms) {
      // Every term must match: once one matches nothing, no page can, so stop scanning.
      const match = this.matchTerm(term, expansions.length < MAX_EXPANSIONS ? expansions : undefined);
      if (match.pages.size === 0) return { ...empty, expansions };
      matches.push(match);
    }
    const excludedTopics = new Set<number>();
    for (const term of parsed.excluded) {
      for (const topic of this.scan([termPattern(term.text)], [1], true).match.topics.keys()) excludedTopics.add(topic);
    }

    // A page matches when every term occurs somewhere in it (title or a topic not excluded).
    const termsOk = (p: number) => matches.every((m) => m.titles.has(p) || (this.pageTopics[p] ?? []).some((t) => m.topics.has(t) && !excludedTopics.has(t)));
    const matching = [...(matches[0]?.pages ?? [])].filter(termsOk);
    const facets = queryFacets(matching.map((p) => this.pages[p] as PageRecord), opts.series, opts.year);
    const candidatePages = matching.filter((p) => inFilters(this.pages[p] as PageRecord, opts.series, opts.year));
    const idf = matches.map((m) => Math.log(1 + this.pages.length / Math.max(1, m.pages.size)));
    const termTexts = parsed.terms.map((t) => t.text);
    const phrase = foldCase(termTexts.join(' '));

    type Ranked = { page: number; score: number; topics: { topic: number; score: number }[] };
    const ranked: Ranked[] = [];
    let topicCount = 0;
    for (const p of candidatePages) {
      const scored: { topic: number; score: number }[] = [];
      for (const t of this.pageTopics[p] ?? []) {
        if (excludedTopics.has(t)) continue;
        const score = this.scoreTopic(t, matches, idf, termTexts, phrase);
        if (score > 0) scored.push({ topic: t, score });
      }
      if (scored.length === 0) {
        // Matched through the title alone: point at the page's first topic.
        const first = (this.pageTopics[p] ?? []).find((t) => !excludedTopics.has(t));
        if (first === undefined) continue;
        scored.push({ topic: first, score: 0 });
      }
      scored.sort((a, b) => b.score - a.score || a.topic - b.topic);
      const titleScore = matches.reduce((sum, m, i) => sum + (m.titles.has(p) ? TITLE_WEIGHT * (idf[i] ?? 0) : 0), 0);
      const rest = scored.slice(1).reduce((sum, s) => sum + s.score, 0);
      const score = (scored[0]?.score ?? 0) + titleScore + 0.1 * Math.min(rest, 5 * (scored[0]?.score ?? 0));
      topicCount += scored.length;
      ranked.push({ page: p, score, topics: scored });
    }
    ranked.sort(opts.sort === 'date'
      ? (a, b) => compareDates(this.pages[b.page], this.pages[a.page]) || b.score - a.score || a.page - b.page
      : (a, b) => b.score - a.score || a.page - b.page);

    const pageLimit = opts.limit > 0 ? opts.limit : ranked.length;
    const results: SearchHit[] = [];
    for (const r of ranked.slice(opts.offset, opts.offset + pageLimit)) {
      const topics = opts.topicsPerPage > 0 ? r.topics.slice(0, opts.topicsPerPage) : r.topics;
      for (const { topic, score } of topics) results.push(this.hit(topic, score, matches, opts.snippetLength));
    }
    return { query, total: ranked.length, topics: topicCount, results, expansions, facets };
  }

  /**
   * Finds a term as typed and, unless quoted, what it is widened to (expand.ts): each alternative
   * is matched as an exact term with its weight below 1, in the same scan. `expansions` collects
   * what the term was widened to; undefined once the query has used up MAX_EXPANSIONS.
   */
  private matchTerm(term: QueryTerm, expansions: Expansion[] | undefined): TermMatch {
    const exact = this.scan([termPattern(term.text)], [1]);
    if (!expansions || expansionKeys(term).length === 0) return exact.match;
    if (!this.tables) {
      const kind = isHiragana(term.text) || isKatakana(term.text) ? 'reading' : /^[a-z]/.test(term.text) ? 'typo' : 'synonym';
      expansions.push({ term: term.text, kind, matched: [], pending: true });
      return exact.match;
    }
    const tables = this.tables;
    const lookup: TableLookup = (table, key) => tables[table].get(key);
    const alternatives = expandTerm(term, lookup, exact.match.pages.size);
    if (alternatives.length === 0) return exact.match;
    const widened = this.scan([termPattern(term.text), ...alternatives.map((a) => termPattern(a.text))], [1, ...alternatives.map((a) => a.weight)], false, [false, ...alternatives.map(wholeWordOnly)]);
    for (const kind of ['reading', 'typo', 'synonym'] as const) {
      const matched = alternatives.filter((a, i) => a.kind === kind && widened.found.has(i + 1)).map((a) => a.text);
      if (matched.length > 0) expansions.push({ term: term.text, kind, matched });
    }
    return widened.match;
  }

  /**
   * Occurrences of any of `patterns` (termPattern sources) in the folded text, per page, title
   * and topic, each counted with its weight; `found` holds the indexes of the patterns that occurred.
   * A pattern flagged in `wholeOnly` counts only where a word ends after it (the head of a
   * compound counts: エラー in ランタイムエラー; a word's start does not: テンプ in テンプレート). Once a topic has enough
   * evidence (MAX_BODY_HITS and a whole-word match) the scan jumps to the next segment, so a
   * common word costs one step per topic, not one per occurrence; `presence` jumps at once.
   */
  private scan(patterns: string[], weights: number[], presence = false, wholeOnly: boolean[] = []): { match: TermMatch; found: Set<number> } {
    const match: TermMatch = { pages: new Set(), titles: new Set(), topics: new Map() };
    const foundTexts = new Set<number>();
    if (patterns.length === 0) return { match, found: foundTexts };
    // One capture group per pattern tells which one matched (termPattern adds no groups of its own).
    const regex = new RegExp(patterns.map((p) => `(${p})`).join('|'), 'gu');
    const pageCount = this.pages.length;
    let seg = 0;
    let found: RegExpExecArray | null;
    while ((found = regex.exec(this.haystack)) !== null) {
      const start = found.index;
      const end = start + found[0].length;
      if (end === start) { regex.lastIndex++; continue; }
      const which = found.findIndex((group, i) => i > 0 && group !== undefined) - 1;
      if (wholeOnly[which] && !this.isBoundary(end)) continue;
      foundTexts.add(which);
      const weight = weights[which] ?? 1;
      while ((this.starts[seg + 1] ?? Infinity) <= start) seg++;
      const next = this.starts[seg + 1] ?? this.haystack.length;
      if (seg < pageCount) {
        match.pages.add(seg);
        match.titles.add(seg);
        regex.lastIndex = next;
        continue;
      }
      const topic = seg - pageCount;
      match.pages.add(this.columns.page[topic] ?? 0);
      let hits = match.topics.get(topic);
      if (!hits) { hits = { head: 0, body: 0, word: false, ranges: [] }; match.topics.set(topic, hits); }
      if (!hits.word && this.isBoundary(start) && this.isBoundary(end)) hits.word = true;
      const body = this.bodyStarts[seg] ?? 0;
      if (start < body) hits.head += weight;
      else {
        hits.body += weight;
        if (hits.ranges.length < MAX_RANGES) hits.ranges.push([start - body, end - body]);
      }
      if (presence || (hits.word && hits.body >= MAX_BODY_HITS)) regex.lastIndex = next;
    }
    return { match, found: foundTexts };
  }

  /** True when a word starts or ends at `offset`: a script change, a kuromoji break, or punctuation. */
  private isBoundary(offset: number): boolean {
    if (this.breaks[offset] === 1) return true;
    const before = scriptOf(this.haystack[offset - 1] ?? '');
    const after = scriptOf(this.haystack[offset] ?? '');
    return before !== after || before === 'other';
  }

  private scoreTopic(topic: number, matches: TermMatch[], idf: number[], terms: string[], phrase: string): number {
    const seg = this.pages.length + topic;
    const bodyLength = (this.starts[seg + 1] ?? 0) - 1 - (this.bodyStarts[seg] ?? 0);
    const lengthNorm = 0.25 + 0.75 * (bodyLength / this.averageLength);
    const head = this.haystack.slice(this.starts[seg] ?? 0, Math.max(0, (this.bodyStarts[seg] ?? 1) - 1));
    let score = 0;
    let covered = 0;
    let inHead = 0;
    let headChars = 0;
    matches.forEach((m, i) => {
      const hits = m.topics.get(topic);
      if (!hits) return;
      covered++;
      if (hits.head > 0) { inHead++; headChars += terms[i]?.length ?? 0; }
      const body = hits.body > 0 ? (2.2 * hits.body) / (hits.body + 1.2 * lengthNorm) : 0;
      const word = hits.word ? WORD_BONUS : 1;
      score += (idf[i] ?? 0) * (HEAD_WEIGHT * Math.min(hits.head, 1) + body) * word;
    });
    if (covered === 0) return 0;
    // A heading that is mostly the query is the topic being asked for.
    if (inHead > 0) score *= 1 + Math.min(1, headChars / Math.max(1, head.length));
    const together = inHead === matches.length || this.near(topic, matches);
    if (matches.length > 1 && covered === matches.length) score *= 1.5 + (together ? 0.5 : 0);
    if (head === phrase) score *= 3;
    else if (head.startsWith(phrase)) score *= 1.5;
    return score;
  }

  /** True when every term has an occurrence within a short window of the first term's. */
  private near(topic: number, matches: TermMatch[]): boolean {
    const first = matches[0]?.topics.get(topic)?.ranges ?? [];
    return first.some(([s]) => matches.every((m) => (m.topics.get(topic)?.ranges ?? []).some(([t]) => Math.abs(t - s) <= 24)));
  }

  private hit(topic: number, score: number, matches: TermMatch[], snippetLength: number): SearchHit {
    const record = this.topic(topic);
    const page = this.pages[record.page] as PageRecord;
    const ranges = matches.flatMap((m) => m.topics.get(topic)?.ranges ?? []);
    return {
      url: topicUrl(page, record),
      page: page.url,
      title: page.title,
      date: page.date,
      section: page.section,
      series: seriesOf(page),
      heading: this.path(topic),
      snippet: makeSnippet(record.text, ranges, snippetLength),
      score: Math.round(score * 1000) / 1000,
      topic,
    };
  }
}

/** What the filters offer: each series and year with its number of pages, most recent year first. */
export type Facets = { series: [string, number][]; years: [string, number][] };

/**
 * The series a page belongs to: the first tag of its front matter (the study group), '' when it
 * has none. Folder names are not series: Hugo list pages (`_index.md`) carry no tags.
 */
export function seriesOf(page: PageRecord): string {
  return page.tags[0] ?? '';
}

function inFilters(page: PageRecord, series: string, year: string): boolean {
  return (series === '' || seriesOf(page) === series) && (year === '' || page.date.startsWith(year));
}

/** Per-query facet counts: series counted within the year filter, years within the series filter. */
export function queryFacets(pages: PageRecord[], series: string, year: string): Facets {
  return {
    series: facetsOf(pages.filter((p) => inFilters(p, '', year))).series,
    years: facetsOf(pages.filter((p) => inFilters(p, series, ''))).years,
  };
}

/** Counts pages per series and per year. */
export function facetsOf(pages: PageRecord[]): Facets {
  const series = new Map<string, number>();
  const years = new Map<string, number>();
  for (const page of pages) {
    const name = seriesOf(page);
    if (name !== '') series.set(name, (series.get(name) ?? 0) + 1);
    const year = page.date.slice(0, 4);
    if (year !== '') years.set(year, (years.get(year) ?? 0) + 1);
  }
  return {
    series: [...series].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
    years: [...years].sort((a, b) => (a[0] < b[0] ? 1 : -1)),
  };
}

function compareDates(a: PageRecord | undefined, b: PageRecord | undefined): number {
  return (a?.date ?? '').localeCompare(b?.date ?? '');
}

