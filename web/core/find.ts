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
  const record = (seg: number, start: number, head: boolean, word: boolean, headingUnits: number, lengthClass: number, count = 1) => {
    if (seg < pages) { match.pages.add(seg); match.titles.add(seg); return; }
    const topic = seg - pages;
    match.pages.add(store.topicPage[topic] ?? 0);
    let hits = match.topics.get(topic);
    if (!hits) match.topics.set(topic, (hits = { head: 0, body: 0, word: false, starts: [], headingUnits, lengthClass }));
    if (head) { hits.head += weight * count; hits.headingUnits = headingUnits; } else hits.body += weight * count;
    if (word) hits.word = true;
    if (hits.starts.length < MAX_STARTS) hits.starts.push(start);
  };

  const only = resolved.length === 1 ? resolved[0] : undefined;
  if (only && only.probe.kind !== 'prefix' && only.postings[0]?.posting.presence) {
    // One unit (a kanji, a kana, a letter): presence and counts are all there is.
    const p = only.postings[0].posting;
    for (let i = 0; i < p.segs.length; i++) {
      const head = (p.headingUnits[i] ?? -1) >= 0;
      const count = p.count[i] ?? 1;
      if (head) record(p.segs[i] ?? 0, 0, true, false, p.headingUnits[i] ?? -1, p.lengthClass[i] ?? 0);
      if (count > (head ? 1 : 0)) record(p.segs[i] ?? 0, 0, false, false, p.headingUnits[i] ?? -1, p.lengthClass[i] ?? 0, count - (head ? 1 : 0));
    }
    return match;
  }

  if (only) {
    // One word, prefix or bigram: its positions need no verification.
    for (const { posting: p, exact } of only.postings) {
      for (let i = 0; i < p.segs.length; i++) {
        const headingUnits = p.headingUnits[i] ?? -1;
        for (let j = p.posStart[i] ?? 0; j < (p.posStart[i + 1] ?? 0); j++) {
          const position = p.pos[j] ?? 0;
          const flags = (p.flags[j] ?? 0) & (exact ? 3 : 2);
          record(p.segs[i] ?? 0, position, headingUnits >= 0 && position < headingUnits, flags === 3, headingUnits, p.lengthClass[i] ?? 0);
        }
      }
    }
    return match;
  }

  // Positions per segment for each probe (a prefix probe merges all its words).
  const tables = resolved.map(positionsBySegment);
  const last = Math.max(...probes.map((p) => p.offset + (p.kind === 'gram' ? 2 : 1)));
  const anchorIndex = tables.reduce((best, t, i) => (t.size < (tables[best]?.size ?? Infinity) ? i : best), 0);
  const anchor = tables[anchorIndex] as Map<number, SegmentPositions>;
  const anchorOffset = probes[anchorIndex]?.offset ?? 0;
  for (const [seg, at] of anchor) {
    const others = tables.map((t) => t.get(seg));
    if (others.some((o) => o === undefined)) continue;
    for (let k = 0; k < at.pos.length; k++) {
      const start = (at.pos[k] ?? 0) - anchorOffset;
      if (start < 0) continue;
      let ok = true;
      let wordStart = false;
      let wordEnd = false;
      for (let i = 0; i < probes.length && ok; i++) {
        const probe = probes[i] as Probe;
        const where = (others[i] as SegmentPositions).index.get(start + probe.offset);
        if (where === undefined) { ok = false; break; }
        if (probe.offset === 0) wordStart = (where & 2) !== 0;
        if (probe.offset + (probe.kind === 'gram' ? 2 : 1) === last) wordEnd = (where & 1) !== 0;
      }
      if (!ok) continue;
      const head = at.headingUnits >= 0 && (at.pos[k] ?? 0) < at.headingUnits;
      record(seg, start, head, wordStart && wordEnd, at.headingUnits, at.lengthClass);
    }
  }
  return match;
}

/** A probe's positions in one segment: position → flags, plus what the segment header said. */
type SegmentPositions = { pos: number[]; index: Map<number, number>; headingUnits: number; lengthClass: number };

function positionsBySegment(resolved: Resolved): Map<number, SegmentPositions> {
  const out = new Map<number, SegmentPositions>();
  for (const { posting, exact } of resolved.postings) {
    for (let i = 0; i < posting.segs.length; i++) {
      const seg = posting.segs[i] ?? 0;
      let entry = out.get(seg);
      if (!entry) out.set(seg, (entry = { pos: [], index: new Map(), headingUnits: posting.headingUnits[i] ?? -1, lengthClass: posting.lengthClass[i] ?? 0 }));
      if ((posting.headingUnits[i] ?? -1) >= 0) entry.headingUnits = posting.headingUnits[i] ?? -1;
      for (let j = posting.posStart[i] ?? 0; j < (posting.posStart[i + 1] ?? 0); j++) {
        const position = posting.pos[j] ?? 0;
        // A prefix ends a word only where the word is exactly the prefix.
        const flags = (posting.flags[j] ?? 0) & (exact ? 3 : 2);
        const before = entry.index.get(position);
        if (before === undefined) entry.pos.push(position);
        entry.index.set(position, (before ?? 0) | flags);
      }
    }
  }
  return out;
}
