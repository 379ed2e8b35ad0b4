/**
 * Ranking: a score per topic from what the postings carry (heading and body hits, whole-word
 * hits from kuromoji's boundaries, proximity, the topic's length), and per page from its best
 * topics and its title.
 */
import type { TermMatch } from './find.ts';

const HEAD_WEIGHT = 4;
const TITLE_WEIGHT = 1.5;
const WORD_BONUS = 1.5;
/** Weight of a heading hit that is only part of a longer word. */
const PART_OF_WORD = 0.25;
/** Weight of a term that occurs in a topic only as part of longer words. */
const PART_OF_WORD_BODY = 0.6;
/** Body hits beyond this add nothing to the saturating body score. */
const MAX_BODY_HITS = 8;
/** Units within which all terms count as "together". */
const NEAR_UNITS = 24;

/**
 * What ranking needs about the query: each term's length in units and inverse page frequency,
 * and the length normalisation of each body length class (worked out once per query: a power
 * per topic was the costliest line of a common word's ranking).
 */
export type RankContext = { termUnits: number[]; idf: number[]; lengthNorm: Float64Array };

/** Body length classes in the postings (see encodeEntry). */
const LENGTH_CLASSES = 16;

/** The RankContext of a query; `averageBody`: the index's mean body length in units. */
export function rankContext(termUnits: number[], idf: number[], averageBody: number): RankContext {
  const lengthNorm = new Float64Array(LENGTH_CLASSES);
  for (let c = 0; c < LENGTH_CLASSES; c++) lengthNorm[c] = 0.25 + 0.75 * ((2 ** c - 1) / Math.max(1, averageBody));
  return { termUnits, idf, lengthNorm };
}

/** Inverse page frequency of each term. */
export function idfOf(matches: TermMatch[], pages: number): number[] {
  return matches.map((m) => Math.log(1 + pages / Math.max(1, m.pages.size)));
}

/** Score of one topic for all terms (0 when no term occurs in it). */
export function scoreTopic(topic: number, matches: TermMatch[], context: RankContext): number {
  let covered = 0;
  let inHead = 0;
  let headChars = 0;
  let headingUnits = -1;
  let lengthClass = 0;
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i] as TermMatch;
    const row = m.rowOf(topic);
    if (row < 0) continue;
    lengthClass = m.lengthClass[row] ?? 0;
    covered++;
    if ((m.head[row] ?? 0) > 0) {
      inHead++;
      if (m.word[row] === 1) headChars += context.termUnits[i] ?? 0;
      headingUnits = Math.max(headingUnits, m.headingUnits[row] ?? -1);
    }
  }
  if (covered === 0) return 0;
  const lengthNorm = context.lengthNorm[lengthClass] ?? 1;
  let score = 0;
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i] as TermMatch;
    const row = m.rowOf(topic);
    if (row < 0) continue;
    const bodyHits = Math.min(m.body[row] ?? 0, MAX_BODY_HITS);
    const body = bodyHits > 0 ? (2.2 * bodyHits) / (bodyHits + 1.2 * lengthNorm) : 0;
    // The term inside another word (京都 in 東京都) is weak evidence, in a heading above all.
    const word = m.word[row] === 1;
    score += (context.idf[i] ?? 0) * (HEAD_WEIGHT * Math.min(m.head[row] ?? 0, 1) * (word ? 1 : PART_OF_WORD) + body) * (word ? WORD_BONUS : PART_OF_WORD_BODY);
  }
  // A heading that is mostly the query is the topic being asked for.
  if (inHead > 0) score *= 1 + Math.min(1, headChars / Math.max(1, headingUnits));
  if (matches.length > 1 && covered === matches.length) score *= 1.5 + (inHead === matches.length || near(topic, matches) ? 0.5 : 0);
  if (inHead === matches.length) {
    // The heading is the query (its words, in order, and nothing else), or starts with it.
    const spaces = matches.length - 1;
    const startsAtZero = matches[0]?.hasStartNear(topic, 0, 0) ?? false;
    if (startsAtZero && headChars + spaces >= headingUnits) score *= 3;
    else if (startsAtZero) score *= 1.5;
  }
  return score;
}

/**
 * True when every term has an occurrence within NEAR_UNITS of one of the first term's (read in
 * place: a view per topic and term was a tenth of a two-word query at 14,100 pages).
 */
function near(topic: number, matches: TermMatch[]): boolean {
  const first = matches[0];
  if (!first) return false;
  for (const s of first.startsOf(topic)) {
    if (matches.every((m) => m.hasStartNear(topic, s, NEAR_UNITS))) return true;
  }
  return false;
}

/** A page's score from its best topic, the sum of its other topics' scores and the terms its title contains. */
export function scorePage(page: number, best: number, rest: number, matches: TermMatch[], idf: number[]): number {
  const titleScore = matches.reduce((sum, m, i) => sum + (m.titles.has(page) ? TITLE_WEIGHT * (idf[i] ?? 0) : 0), 0);
  return best + titleScore + 0.1 * Math.min(rest, 5 * best);
}
