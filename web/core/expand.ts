/**
 * What a query term is widened to, besides itself: the kanji or katakana words a kana term reads
 * as (じどうか → 自動化, ぶらうざ → ブラウザ), the spelling a rare Latin slip was meant to be
 * (promethues → prometheus), and the same word in another script (browser → ブラウザ).
 *
 * Written against lookups by key, never whole tables: `expansionKeys` names every [table, key] a
 * term may read, the reader fetches what holds them (all in memory, or only the chunks that hash
 * to those keys) and `expandTerm` then reads them synchronously. The indexer writes the tables
 * (indexer/tables.ts) with the key functions exported here, so both sides agree on every key.
 */
import { foldCase, hasKanji, isHiragana, isKatakana, toHiragana } from './normalize.ts';
import type { QueryTerm } from './query.ts';
import { expandReading } from './readings.ts';
import { isLatinWord } from './match.ts';
import { toUnits } from './units.ts';

/** The keyed tables the expansion reads. */
export type TableName = 'readings' | 'synonyms' | 'vocabulary';

/** Synchronous lookup in a keyed table (the caller has fetched the chunks holding `keys` first); undefined when absent. */
export type TableLookup = (table: TableName, key: string) => unknown;

/** What a term is widened to; each alternative is matched as an exact term with its weight (< 1). */
export type Alternative = { text: string; kind: 'reading' | 'typo' | 'synonym'; weight: number };

/**
 * Table values, as the indexer writes them:
 * - readings: reading key → `[surface, pages]` seen in the site, most frequent first (`[["自動化", 23]]`);
 * - vocabulary: a Latin word or one of its one-letter deletes → `[word, pages]` of the site's
 *   words that give that key (SymSpell: two words within an edit share a key);
 * - synonyms: a folded word → `[word, pages, weight]` of the other words of its groups that occur
 *   in the site, weight already lowered for words that are often part of longer words.
 */
export type ReadingsValue = [string, number][];
export type VocabularyValue = [string, number][];
export type SynonymsValue = [string, number, number][];

/** Weight of a kanji or katakana word read from kana, relative to the literal term (1). */
export const READING_WEIGHT = 0.8;
/** Weight of a spelling correction. */
export const TYPO_WEIGHT = 0.7;
/** Weight of a synonym before the per-word precision factor the indexer stores. */
export const SYNONYM_WEIGHT = 0.6;
/** Longest term that is widened at all; longer ones are matched as typed. */
export const MAX_EXPANDED_LENGTH = 24;
/** Most keys one term reads from the readings table (the cut tries substrings, longest first). */
export const MAX_READING_KEYS = 40;
/** Shortest Latin term corrected as a typo (shorter ones have too many neighbours). */
const MIN_TYPO_LENGTH = 4;
/**
 * A correction is offered beside a literal that matches pages only when the correction is on
 * this many times as many pages: a slip that occurs once in the site must not hide the word
 * meant, but a rare real word (form) must not be flooded by a common one (from).
 */
const TYPO_RATIO = 4;
/** A Latin word on more pages than this, as a word of its own, is no slip (html5 is not html). */
const MAX_SLIP_PAGES = 2;
/**
 * A term matching (as a word or a word's start) more pages than this is not looked up as a slip
 * at all. Looser than MAX_SLIP_PAGES, which counts whole words only; a correction would need
 * TYPO_RATIO times as many pages anyway.
 */
const MAX_TYPO_LITERAL_PAGES = 8;
/**
 * A kana term's kanji or katakana reading adds its pages when it is on at least this many times
 * the pages the kana matches as typed: かしか (once, inside しかし) widens to 可視化, but いま,
 * こと or ない, on most pages as kana, stay what was typed.
 */
const READING_RATIO = 1;
/**
 * A synonym adds its pages only when it is on at least this share of the literal's pages: the
 * site's usual word for a thing (ブラウザ on 35 pages) is offered for its rare spelling (browser, 6),
 * not the other way round, so a query in the site's own words stays exact.
 */
const SYNONYM_RATIO = 1;

/** The key a reading is stored and asked under: hiragana, without a final long-vowel mark. */
export function readingKey(kana: string): string {
  return toHiragana(kana).replace(/ー+$/, '');
}

/** The word itself and every string one deletion away (SymSpell keys), for words of 4+ letters. */
export function deleteKeys(word: string): string[] {
  const keys = new Set([word]);
  if (word.length >= MIN_TYPO_LENGTH) for (let i = 0; i < word.length; i++) keys.add(word.slice(0, i) + word.slice(i + 1));
  return [...keys];
}

/**
 * Every [table, key] that expandTerm(term, …) may read whatever the literal matches, so the
 * reader fetches those chunks beside the term's postings.
 */
export function expansionKeys(term: QueryTerm): [TableName, string][] {
  if (term.phrase || term.text.length > MAX_EXPANDED_LENGTH) return [];
  const keys: [TableName, string][] = [['synonyms', foldCase(term.text)]];
  if (readsAsWords(term.text)) for (const key of readingPieces(readingKey(term.text))) keys.push(['readings', key]);
  return keys;
}

/**
 * The keys a typo correction reads, once the literal's pages are known: none for a word on more
 * than a few pages (it is no slip), so a common word never fetches the vocabulary's chunks.
 */
export function typoKeys(term: QueryTerm, literalPages: number): [TableName, string][] {
  if (term.phrase || term.text.length > MAX_EXPANDED_LENGTH || !maybeSlip(term.text, literalPages)) return [];
  return deleteKeys(term.text).map((key): [TableName, string] => ['vocabulary', key]);
}

/**
 * True when a term may be a slip worth correcting: a Latin word of MIN_TYPO_LENGTH+ letters on at
 * most MAX_TYPO_LITERAL_PAGES pages. typoKeys and expandTerm both ask this, so the vocabulary is
 * read exactly when it was fetched.
 */
function maybeSlip(text: string, literalPages: number): boolean {
  return isLatinWord(text) && text.length >= MIN_TYPO_LENGTH && literalPages <= MAX_TYPO_LITERAL_PAGES;
}

/**
 * What a term is widened to: readings, typo corrections and synonyms that occur in the site.
 * `literalPages` is the number of pages the term matches as typed. A quoted term is never widened.
 */
export function expandTerm(term: QueryTerm, lookup: TableLookup, literalPages: number): Alternative[] {
  if (term.phrase || term.text.length > MAX_EXPANDED_LENGTH) return [];
  const out = new Map<string, Alternative>();
  // An alternative made of the term's own units (サーバ for サーバー: a final long vowel is no
  // unit) finds exactly the term's hits again: searching it doubled a common katakana word's
  // work and only weighted the word above the query's other terms.
  const own = unitKey(term.text);
  const add = (alternative: Alternative) => {
    if (alternative.text !== term.text && !out.has(alternative.text) && unitKey(alternative.text) !== own) out.set(alternative.text, alternative);
  };
  if (readsAsWords(term.text)) {
    const keys = new Set(readingPieces(readingKey(term.text)));
    const surfaces = (piece: string) => (keys.has(piece) ? pairs(lookup('readings', piece)) : undefined);
    for (const { text, pages } of expandReading(readingKey(term.text), surfaces)) {
      if (pages >= READING_RATIO * literalPages) add({ text, kind: 'reading', weight: READING_WEIGHT });
    }
  }
  const synonyms = synonymsOf(foldCase(term.text), lookup);
  // A kanji word's Latin "synonym" is a translation (京都 → kyoto), not another spelling of
  // the word: it would add pages that never say what was typed.
  const kanji = hasKanji(term.text);
  for (const [text, pages, weight] of synonyms) {
    if (kanji && /^[a-z0-9]/.test(text)) continue;
    if (pages >= SYNONYM_RATIO * literalPages) add({ text, kind: 'synonym', weight: Math.min(SYNONYM_WEIGHT, weight) });
  }
  // A word with a synonym in the site (care → ケア, blow → ブロー) is a word, not a typo.
  if (maybeSlip(term.text, literalPages) && synonyms.length === 0) {
    for (const text of typoCorrections(term.text, lookup, literalPages)) add({ text, kind: 'typo', weight: TYPO_WEIGHT });
  }
  return [...out.values()];
}

/** A folded text's units as one string, to compare what two texts match. */
function unitKey(text: string): string {
  return toUnits(text).text.join('\u0000');
}

/**
 * True when an alternative only counts where a word ends after it (kuromoji's word boundaries or
 * a change of script): a katakana word read from kana (てんぷ → テンプ, not the start of テンプレート).
 */
export function wholeWordOnly(alternative: Alternative): boolean {
  return alternative.kind === 'reading' && isKatakana(alternative.text);
}

/**
 * Only hiragana is read as the words it spells: katakana typed is meant as written (サーバー
 * is not widened, and does not fetch the readings' chunks).
 */
function readsAsWords(text: string): boolean {
  return text.length >= 2 && isHiragana(text);
}

/**
 * The substrings of a reading the cut may use as pieces: every substring of two or more kana,
 * longest first, at most MAX_READING_KEYS of them (all of them up to nine kana).
 */
export function readingPieces(kana: string): string[] {
  const out: string[] = [];
  for (let length = Math.min(kana.length, 12); length >= 2 && out.length < MAX_READING_KEYS; length--) {
    for (let start = 0; start + length <= kana.length && out.length < MAX_READING_KEYS; start++) out.push(kana.slice(start, start + length));
  }
  return [...new Set(out)];
}

/**
 * Site words closest to a Latin word (one edit for short words, two for long), when they beat
 * the literal: found by shared delete keys, measured again with editDistance. Same-length
 * corrections (a swapped or mistyped letter) are preferred over a dropped letter.
 */
function typoCorrections(word: string, lookup: TableLookup, literalPages: number): string[] {
  if (literalPages > 0) {
    // Pages that only have longer words starting with it (happ → happy): a word being typed.
    const asWord = (pairs(lookup('vocabulary', word)) ?? []).find(([w]) => w === word)?.[1] ?? 0;
    if (asWord === 0 || asWord > MAX_SLIP_PAGES) return [];
  }
  const maxDistance = word.length >= 7 ? 2 : 1;
  const found = new Map<string, number>();
  for (const key of deleteKeys(word)) {
    for (const [candidate, pages] of pairs(lookup('vocabulary', key)) ?? []) {
      if (candidate === word || found.has(candidate) || pages < TYPO_RATIO * literalPages || pages === 0) continue;
      if (editDistance(word, candidate) <= maxDistance) found.set(candidate, editDistance(word, candidate));
    }
  }
  if (found.size === 0) return [];
  const best = Math.min(...found.values());
  const closest = [...found].filter(([, d]) => d === best).map(([t]) => t);
  const sameLength = closest.filter((t) => t.length === word.length);
  return (sameLength.length > 0 ? sameLength : closest).sort();
}

function synonymsOf(word: string, lookup: TableLookup): [string, number, number][] {
  const value = lookup('synonyms', word);
  if (!Array.isArray(value)) return [];
  return value.filter((e): e is [string, number, number] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number' && typeof e[2] === 'number');
}

/** [string, number] pairs of a table value; undefined when the key is absent. */
function pairs(value: unknown): [string, number][] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((e): e is [string, number] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number');
}

/** Levenshtein distance with adjacent transpositions counted as one edit. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const prev = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row[j] = value;
    }
  }
  return rows[a.length]?.[b.length] ?? 0;
}
