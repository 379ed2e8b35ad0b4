/**
 * Matching: where a term occurs, from the postings alone. A term of several units is verified as
 * an exact substring by finding its words and bigrams at consistent unit positions, so a page
 * containing what was typed is always found and a page that only has its pieces apart is not.
 */
import type { IndexStore } from './load.ts';
import type { Posting } from './postings.ts';
import { termProbes, type Probe } from './units.ts';

/** Start positions kept per topic and term, for proximity. */
export const MAX_STARTS = 4;

/**
 * A set of small numbers (pages) with Set's order and the calls the search makes: a flag per
 * number and the numbers in the order added. A common word adds every page of the site, most of
 * them several times; a hashed Set was a tenth of such a query at 14,100 pages.
 */
export class NumberSet implements Iterable<number> {
  private readonly flags: Uint8Array;
  private readonly list: number[] = [];

  constructor(capacity: number) {
    this.flags = new Uint8Array(capacity);
  }

  get size(): number {
    return this.list.length;
  }

  has(n: number): boolean {
    return this.flags[n] === 1;
  }

  add(n: number): void {
    if (this.flags[n] === 1) return;
    this.flags[n] = 1;
    this.list.push(n);
  }

  clear(): void {
    for (const n of this.list) this.flags[n] = 0;
    this.list.length = 0;
  }

  [Symbol.iterator](): Iterator<number> {
    return this.list[Symbol.iterator]();
  }
}

/**
 * Where one term matched: pages (via a title or a topic), titles, and per topic its heading and
 * body hits, whether one hit is a whole word, its first start positions, its heading length
 * (when the term is in the heading) and its length class. Each topic found gets a row, in the
 * order found; `rowOf` maps a topic to its row. Reused across queries: an object per topic made
 * the garbage collector the largest cost of a common word. Rows rather than arrays as long as
 * the index, because the first write to each memory page of fresh arrays costs a page fault: a
 * common word's 23,500 topics spread over 613,000 at 14,100 pages touched every page of 22 MB,
 * ~50 ms of a cold search, where the rows of those topics fill under 1 MB.
 */
export class TermMatch {
  readonly pages: NumberSet;
  readonly titles: NumberSet;
  /** Per topic of the index: its row + 1, 0 when the term is not in it. */
  private readonly slot: Int32Array;
  private rows = 0;
  private capacity = 0;
  /** Per row: the topic, heading and body hits, whole-word flag, heading length, length class. */
  private topicList = new Uint32Array(0);
  head = new Float32Array(0);
  body = new Float32Array(0);
  word = new Uint8Array(0);
  /** Read only where the term is in the heading (head > 0). */
  headingUnits = new Int32Array(0);
  lengthClass = new Uint8Array(0);
  private starts = new Int32Array(0);
  private startCount = new Uint8Array(0);

  constructor(topicCount: number, pageCount: number) {
    this.slot = new Int32Array(topicCount);
    this.pages = new NumberSet(pageCount);
    this.titles = new NumberSet(pageCount);
    this.grow(256);
  }

  /** Topics that contain the term, each once, in the order found. */
  get topics(): Uint32Array {
    return this.topicList.subarray(0, this.rows);
  }

  /** The row of a topic, -1 when the term is not in it. */
  rowOf(topic: number): number {
    return (this.slot[topic] ?? 0) - 1;
  }

  /** Records hits in a topic; the first call for a topic adds it to `topics` and returns true. */
  add(topic: number, head: number, body: number, word: boolean, headingUnits: number, lengthClass: number): boolean {
    let row = (this.slot[topic] ?? 0) - 1;
    const first = row < 0;
    if (first) {
      if (this.rows === this.capacity) this.grow(this.capacity * 2);
      row = this.rows++;
      this.slot[topic] = row + 1;
      this.topicList[row] = topic;
      this.lengthClass[row] = lengthClass;
    }
    this.head[row] = (this.head[row] ?? 0) + head;
    this.body[row] = (this.body[row] ?? 0) + body;
    if (word) this.word[row] = 1;
    if (head > 0) this.headingUnits[row] = Math.max(this.headingUnits[row] ?? 0, headingUnits);
    return first;
  }

  /** Adds a start position to a topic already added. */
  addStart(topic: number, start: number): void {
    const row = (this.slot[topic] ?? 0) - 1;
    if (row < 0) return;
    const n = this.startCount[row] ?? 0;
    if (n >= MAX_STARTS) return;
    this.starts[row * MAX_STARTS + n] = start;
    this.startCount[row] = n + 1;
  }

  /**
   * True when one of the term's kept starts in a topic is within `within` units of `position`.
   * Reads the array in place: ranking asks this for every topic and term of a query.
   */
  hasStartNear(topic: number, position: number, within: number): boolean {
    const row = (this.slot[topic] ?? 0) - 1;
    if (row < 0) return false;
    const from = row * MAX_STARTS;
    for (let i = from; i < from + (this.startCount[row] ?? 0); i++) if (Math.abs((this.starts[i] ?? 0) - position) <= within) return true;
    return false;
  }

  /** Start positions of the term in a topic (at most MAX_STARTS). */
  startsOf(topic: number): Int32Array {
    const row = (this.slot[topic] ?? 0) - 1;
    if (row < 0) return this.starts.subarray(0, 0);
    return this.starts.subarray(row * MAX_STARTS, row * MAX_STARTS + (this.startCount[row] ?? 0));
  }

  /** Adds another match of the same term (an alternative spelling) into this one. */
  merge(other: TermMatch): void {
    for (const p of other.pages) this.pages.add(p);
    for (const p of other.titles) this.titles.add(p);
    for (let r = 0; r < other.rows; r++) {
      const t = other.topicList[r] ?? 0;
      void this.add(t, other.head[r] ?? 0, other.body[r] ?? 0, other.word[r] === 1, other.headingUnits[r] ?? 0, other.lengthClass[r] ?? 0);
      for (const s of other.startsOf(t)) this.addStart(t, s);
    }
  }

  /** Clears what a query wrote, so that the arrays can serve the next one. */
  reset(): void {
    for (let r = 0; r < this.rows; r++) this.slot[this.topicList[r] ?? 0] = 0;
    this.head.fill(0, 0, this.rows);
    this.body.fill(0, 0, this.rows);
    this.word.fill(0, 0, this.rows);
    this.headingUnits.fill(0, 0, this.rows);
    this.startCount.fill(0, 0, this.rows);
    this.rows = 0;
    this.pages.clear();
    this.titles.clear();
  }

  /** Room for `capacity` rows, keeping the rows written. */
  private grow(capacity: number): void {
    const copy = <T extends Uint8Array | Int32Array | Uint32Array | Float32Array>(old: T, make: (n: number) => T, per = 1): T => {
      const grown = make(capacity * per);
      grown.set(old.subarray(0, this.rows * per) as never);
      return grown;
    };
    this.topicList = copy(this.topicList, (n) => new Uint32Array(n));
    this.head = copy(this.head, (n) => new Float32Array(n));
    this.body = copy(this.body, (n) => new Float32Array(n));
    this.word = copy(this.word, (n) => new Uint8Array(n));
    this.headingUnits = copy(this.headingUnits, (n) => new Int32Array(n));
    this.lengthClass = copy(this.lengthClass, (n) => new Uint8Array(n));
    this.starts = copy(this.starts, (n) => new Int32Array(n), MAX_STARTS);
    this.startCount = copy(this.startCount, (n) => new Uint8Array(n));
    this.capacity = capacity;
  }
}

const pools = new WeakMap<IndexStore, TermMatch[]>();

/** A cleared TermMatch for this index, from the pool when one is free. */
export function takeMatch(store: IndexStore): TermMatch {
  return pools.get(store)?.pop() ?? new TermMatch(store.manifest.topics, store.manifest.pages);
}

/** Gives matches back to the pool once a query is done with them. */
export function releaseMatches(store: IndexStore, matches: TermMatch[]): void {
  let pool = pools.get(store);
  if (!pool) pools.set(store, (pool = []));
  for (const m of matches) {
    m.reset();
    if (pool.length < 16) pool.push(m);
  }
}

/** A probe resolved to postings; `exact` says whether each posting ends a word where the probe ends. */
type Resolved = { probe: Probe; postings: { posting: Posting; exact: boolean }[] };

/** Every chunk a term needs, fetched in parallel. */
async function resolve(store: IndexStore, probes: Probe[]): Promise<Resolved[]> {
  return Promise.all(probes.map(async (probe) => {
    if (probe.kind === 'prefix') {
      const words = await store.postingsWithPrefix(probe.key);
      return { probe, postings: words.map(([word, posting]) => ({ posting, exact: word === probe.key })) };
    }
    const posting = await store.posting(probe.key);
    return { probe, postings: posting ? [{ posting, exact: true }] : [] };
  }));
}

/**
 * Finds a folded term; `weight` scales its hits (alternatives of a term count for less). The
 * match comes from the store's pool: give it back with releaseMatches when the query is done.
 * `endsWord`: only occurrences after which a word ends count (a katakana word read from kana,
 * テンプ, must not match the start of テンプレート).
 */
export async function findTerm(store: IndexStore, term: string, weight = 1, endsWord = false): Promise<TermMatch> {
  const probes = termProbes(term);
  const resolved = probes.length === 0 ? [] : await resolve(store, probes);
  // Taken after the fetches, so that matches of queries in flight never share arrays.
  const match = takeMatch(store);
  if (probes.length === 0 || resolved.some((r) => r.postings.length === 0)) return match;
  const hits = new Hits(match, store.manifest.pages, store.topicPage, weight);
  const only = resolved.length === 1 ? resolved[0] : undefined;
  if (only && only.probe.kind !== 'prefix' && only.postings[0]?.posting.presence) addPresence(hits, only.postings[0].posting);
  else if (only) addSingle(hits, only, endsWord);
  else addVerified(hits, resolved, probes, endsWord);
  return match;
}

/*
 * The three walks below are plain synchronous functions, apart from the async search that
 * fetches their postings (one per kind of term; splitting them out of findTerm made a cold
 * common-word search a few ms faster, within noise, and each walk readable on its own).
 */

/** Records hits into a match; a topic's page is added with the topic's first hit. */
class Hits {
  constructor(readonly match: TermMatch, private readonly pages: number, private readonly topicPage: Uint32Array, private readonly weight: number) {}

  /** One verified occurrence. */
  one(seg: number, start: number, head: boolean, word: boolean, headingUnits: number, lengthClass: number): void {
    const { match, pages, weight } = this;
    if (seg < pages) { match.pages.add(seg); match.titles.add(seg); return; }
    const topic = seg - pages;
    if (match.add(topic, head ? weight : 0, head ? 0 : weight, word, headingUnits, lengthClass)) match.pages.add(this.topicPage[topic] ?? 0);
    match.addStart(topic, start);
  }

  /** A segment's hits at once (the single-probe paths). */
  many(seg: number, head: number, body: number, word: boolean, starts: ArrayLike<number>, headingUnits: number, lengthClass: number): void {
    const { match, pages, weight } = this;
    if (seg < pages) { match.pages.add(seg); match.titles.add(seg); return; }
    const topic = seg - pages;
    if (match.add(topic, head * weight, body * weight, word, headingUnits, lengthClass)) match.pages.add(this.topicPage[topic] ?? 0);
    for (let i = 0; i < starts.length; i++) match.addStart(topic, starts[i] ?? 0);
  }
}

const NO_STARTS = new Uint32Array(0);

/** One unit (a kanji, a kana, a letter): presence and counts are all there is. */
function addPresence(hits: Hits, p: Posting): void {
  for (let i = 0; i < p.segs.length; i++) {
    const head = (p.headingUnits[i] ?? -1) >= 0 ? 1 : 0;
    hits.many(p.segs[i] ?? 0, head, (p.count[i] ?? 1) - head, false, NO_STARTS, p.headingUnits[i] ?? -1, p.lengthClass[i] ?? 0);
  }
}

/** One word, prefix or bigram: its positions need no verification. One pass per segment. */
function addSingle(hits: Hits, only: Resolved, endsWord: boolean): void {
  for (const { posting: p, exact } of only.postings) {
    for (let i = 0; i < p.segs.length; i++) {
      const seg = p.segs[i] ?? 0;
      const headingUnits = p.headingUnits[i] ?? -1;
      const from = p.posStart[i] ?? 0;
      const to = p.posStart[i + 1] ?? 0;
      let head = 0;
      let word = false;
      let count = 0;
      for (let j = from; j < to; j++) {
        const flags = (p.flags[j] ?? 0) & (exact ? 3 : 2);
        if (endsWord && (flags & 1) === 0) continue;
        count++;
        if (headingUnits >= 0 && (p.pos[j] ?? 0) < headingUnits) head++;
        if (flags === 3) word = true;
      }
      if (count === 0) continue;
      hits.many(seg, head, count - head, word, endsWord ? NO_STARTS : p.pos.subarray(from, Math.min(to, from + MAX_STARTS)), headingUnits, p.lengthClass[i] ?? 0);
    }
  }
}

/**
 * Several probes: their postings walked together segment by segment (all sorted by segment),
 * each start position of the rarest probe checked against the others' positions.
 */
function addVerified(hits: Hits, resolved: Resolved[], probes: Probe[], endsWord: boolean): void {
  const views = resolved.map(viewOf);
  const last = Math.max(...probes.map((p) => p.offset + (p.kind === 'gram' ? 2 : 1)));
  // The anchor is the rarest probe with positions; presence-only probes (a lone symbol, a
  // one-letter word) only have to be in the same segment.
  const positional = views.map((v) => !v.presence);
  const anyPositional = positional.some(Boolean);
  const anchorIndex = views.reduce((best, v, i) => ((positional[i] || !anyPositional) && (best < 0 || v.segs.length < (views[best]?.segs.length ?? Infinity)) ? i : best), -1);
  const anchor = views[anchorIndex] as Posting;
  const anchorOffset = probes[anchorIndex]?.offset ?? 0;
  const cursor = views.map(() => 0);
  // Row of the anchor's segment in each view (one array for the whole walk).
  const rows = new Int32Array(views.length);
  for (let a = 0; a < anchor.segs.length; a++) {
    const seg = anchor.segs[a] ?? 0;
    let inAll = true;
    for (let i = 0; i < views.length; i++) {
      const v = views[i] as Posting;
      let c = cursor[i] ?? 0;
      while (c < v.segs.length && (v.segs[c] ?? 0) < seg) c++;
      cursor[i] = c;
      if (v.segs[c] !== seg) { inAll = false; break; }
      rows[i] = c;
    }
    if (!inAll) continue;
    if (!anyPositional) {
      if (!endsWord) hits.one(seg, 0, (anchor.headingUnits[a] ?? -1) >= 0, false, anchor.headingUnits[a] ?? -1, anchor.lengthClass[a] ?? 0);
      continue;
    }
    const headingUnits = anchor.headingUnits[a] ?? -1;
    for (let k = anchor.posStart[a] ?? 0; k < (anchor.posStart[a + 1] ?? 0); k++) {
      const start = (anchor.pos[k] ?? 0) - anchorOffset;
      if (start < 0) continue;
      let wordStart = false;
      let wordEnd = false;
      let ok = true;
      for (let i = 0; i < views.length; i++) {
        if (!positional[i]) continue;
        const probe = probes[i] as Probe;
        const flags = flagsAt(views[i] as Posting, rows[i] ?? 0, start + probe.offset);
        if (flags < 0) { ok = false; break; }
        if (probe.offset === 0) wordStart = (flags & 2) !== 0;
        if (probe.offset + (probe.kind === 'gram' ? 2 : 1) === last) wordEnd = (flags & 1) !== 0;
      }
      if (!ok || (endsWord && !wordEnd)) continue;
      const head = headingUnits >= 0 && (anchor.pos[k] ?? 0) < headingUnits;
      hits.one(seg, start, head, wordStart && wordEnd, headingUnits, anchor.lengthClass[a] ?? 0);
    }
  }
}

/** Flags of `position` in row `row` of a posting (binary search), -1 when it is not there. */
function flagsAt(posting: Posting, row: number, position: number): number {
  let lo = posting.posStart[row] ?? 0;
  let hi = (posting.posStart[row + 1] ?? 0) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = posting.pos[mid] ?? 0;
    if (at === position) return posting.flags[mid] ?? 0;
    if (at < position) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * A probe as one posting: a word or bigram as stored; a prefix's words merged into one, sorted by
 * segment and position, with "a word ends here" kept only where the word is the prefix itself.
 */
function viewOf(resolved: Resolved): Posting {
  const only = resolved.postings[0];
  if (resolved.postings.length === 1 && only?.exact) return only.posting;
  const entries: { seg: number; pos: number; flags: number; headingUnits: number; lengthClass: number }[] = [];
  for (const { posting, exact } of resolved.postings) {
    for (let i = 0; i < posting.segs.length; i++) {
      for (let j = posting.posStart[i] ?? 0; j < (posting.posStart[i + 1] ?? 0); j++) {
        entries.push({ seg: posting.segs[i] ?? 0, pos: posting.pos[j] ?? 0, flags: (posting.flags[j] ?? 0) & (exact ? 3 : 2), headingUnits: posting.headingUnits[i] ?? -1, lengthClass: posting.lengthClass[i] ?? 0 });
      }
    }
  }
  entries.sort((x, y) => x.seg - y.seg || x.pos - y.pos);
  const segs: number[] = [];
  const posStart: number[] = [];
  const headingUnits: number[] = [];
  const lengthClass: number[] = [];
  entries.forEach((e, i) => {
    if (segs[segs.length - 1] !== e.seg) { segs.push(e.seg); posStart.push(i); headingUnits.push(e.headingUnits); lengthClass.push(e.lengthClass); }
    else if (e.headingUnits >= 0) headingUnits[headingUnits.length - 1] = e.headingUnits;
  });
  posStart.push(entries.length);
  return {
    presence: false,
    segs: Uint32Array.from(segs),
    count: new Uint32Array(segs.length),
    lengthClass: Uint8Array.from(lengthClass),
    headingUnits: Int32Array.from(headingUnits),
    posStart: Uint32Array.from(posStart),
    pos: Uint32Array.from(entries, (e) => e.pos),
    flags: Uint8Array.from(entries, (e) => e.flags),
  };
}
