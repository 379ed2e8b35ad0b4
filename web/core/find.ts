/**
 * Matching: where a term occurs, from the postings alone. A term of several units is verified as
 * an exact substring by finding its words and bigrams at consistent unit positions, so a page
 * containing what was typed is always found and a page that only has its pieces apart is not.
 */
import type { IndexStore } from './load.ts';
import type { Posting } from './postings.ts';
import { termProbes, type Probe } from './units.ts';

/** Occurrences of a term in one topic: heading and body hits, a whole-word hit, start positions. */
export type TopicHits = {
  head: number;
  body: number;
  word: boolean;
  /** Unit positions where the term starts (at most MAX_STARTS), for proximity. */
  starts: number[];
  /** The topic's heading length in units when the term occurs in it, else -1. */
  headingUnits: number;
  lengthClass: number;
};

/** Where one term matched: pages (via a title or a topic), titles, and topics with their hits. */
export type TermMatch = { pages: Set<number>; titles: Set<number>; topics: Map<number, TopicHits> };

const MAX_STARTS = 24;

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

/** Finds a folded term; `weight` scales its hits (alternatives of a term count for less). */
export async function findTerm(store: IndexStore, term: string, weight = 1): Promise<TermMatch> {
  const probes = termProbes(term);
  const match: TermMatch = { pages: new Set(), titles: new Set(), topics: new Map() };
  if (probes.length === 0) return match;
  const resolved = await resolve(store, probes);
  if (resolved.some((r) => r.postings.length === 0)) return match;
  const pages = store.manifest.pages;
  const record = (seg: number, start: number, head: boolean, word: boolean, headingUnits: number, lengthClass: number) => {
    if (seg < pages) { match.pages.add(seg); match.titles.add(seg); return; }
    const topic = seg - pages;
    match.pages.add(store.topicPage[topic] ?? 0);
    let hits = match.topics.get(topic);
    if (!hits) match.topics.set(topic, (hits = { head: 0, body: 0, word: false, starts: [], headingUnits, lengthClass }));
    if (head) { hits.head += weight; hits.headingUnits = headingUnits; } else hits.body += weight;
    if (word) hits.word = true;
    if (hits.starts.length < MAX_STARTS) hits.starts.push(start);
  };

  /** Adds a segment's hits at once (the fast paths). */
  const addHits = (seg: number, head: number, body: number, word: boolean, starts: number[], headingUnits: number, lengthClass: number) => {
    if (seg < pages) { match.pages.add(seg); match.titles.add(seg); return; }
    const topic = seg - pages;
    match.pages.add(store.topicPage[topic] ?? 0);
    const hits = match.topics.get(topic);
    if (!hits) { match.topics.set(topic, { head: head * weight, body: body * weight, word, starts, headingUnits: head > 0 ? headingUnits : -1, lengthClass }); return; }
    hits.head += head * weight;
    hits.body += body * weight;
    hits.word ||= word;
    if (head > 0) hits.headingUnits = headingUnits;
    for (const s of starts) if (hits.starts.length < MAX_STARTS) hits.starts.push(s);
  };

  const only = resolved.length === 1 ? resolved[0] : undefined;
  if (only && only.probe.kind !== 'prefix' && only.postings[0]?.posting.presence) {
    // One unit (a kanji, a kana, a letter): presence and counts are all there is.
    const p = only.postings[0].posting;
    for (let i = 0; i < p.segs.length; i++) {
      const head = (p.headingUnits[i] ?? -1) >= 0 ? 1 : 0;
      addHits(p.segs[i] ?? 0, head, (p.count[i] ?? 1) - head, false, [0], p.headingUnits[i] ?? -1, p.lengthClass[i] ?? 0);
    }
    return match;
  }

  if (only) {
    // One word, prefix or bigram: its positions need no verification. One pass per segment.
    for (const { posting: p, exact } of only.postings) {
      for (let i = 0; i < p.segs.length; i++) {
        const seg = p.segs[i] ?? 0;
        const headingUnits = p.headingUnits[i] ?? -1;
        const from = p.posStart[i] ?? 0;
        const to = p.posStart[i + 1] ?? 0;
        let head = 0;
        let word = false;
        for (let j = from; j < to; j++) {
          if (headingUnits >= 0 && (p.pos[j] ?? 0) < headingUnits) head++;
          if (((p.flags[j] ?? 0) & (exact ? 3 : 2)) === 3) word = true;
        }
        const starts = Array.from(p.pos.subarray(from, Math.min(to, from + MAX_STARTS)));
        addHits(seg, head, to - from - head, word, starts, headingUnits, p.lengthClass[i] ?? 0);
      }
    }
    return match;
  }

  // Every probe's postings walked together segment by segment (all sorted by segment), each
  // start position of the rarest probe checked against the others' positions.
  const views = resolved.map(viewOf);
  const last = Math.max(...probes.map((p) => p.offset + (p.kind === 'gram' ? 2 : 1)));
  const anchorIndex = views.reduce((best, v, i) => (v.segs.length < (views[best]?.segs.length ?? Infinity) ? i : best), 0);
  const anchor = views[anchorIndex] as Posting;
  const anchorOffset = probes[anchorIndex]?.offset ?? 0;
  const cursor = views.map(() => 0);
  for (let a = 0; a < anchor.segs.length; a++) {
    const seg = anchor.segs[a] ?? 0;
    const rows: number[] = [];
    for (let i = 0; i < views.length; i++) {
      const v = views[i] as Posting;
      let c = cursor[i] ?? 0;
      while (c < v.segs.length && (v.segs[c] ?? 0) < seg) c++;
      cursor[i] = c;
      if (v.segs[c] !== seg) break;
      rows.push(c);
    }
    if (rows.length !== views.length) continue;
    const headingUnits = anchor.headingUnits[a] ?? -1;
    for (let k = anchor.posStart[a] ?? 0; k < (anchor.posStart[a + 1] ?? 0); k++) {
      const start = (anchor.pos[k] ?? 0) - anchorOffset;
      if (start < 0) continue;
      let wordStart = false;
      let wordEnd = false;
      let ok = true;
      for (let i = 0; i < views.length; i++) {
        const probe = probes[i] as Probe;
        const flags = flagsAt(views[i] as Posting, rows[i] ?? 0, start + probe.offset);
        if (flags < 0) { ok = false; break; }
        if (probe.offset === 0) wordStart = (flags & 2) !== 0;
        if (probe.offset + (probe.kind === 'gram' ? 2 : 1) === last) wordEnd = (flags & 1) !== 0;
      }
      if (!ok) continue;
      const head = headingUnits >= 0 && (anchor.pos[k] ?? 0) < headingUnits;
      record(seg, start, head, wordStart && wordEnd, headingUnits, anchor.lengthClass[a] ?? 0);
    }
  }
  return match;
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
