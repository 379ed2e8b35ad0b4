/**
 * Turns a normalised term into the pattern that finds it in folded text.
 *
 * Matching is on the stored text itself, not on a word split, so the query side cannot
 * disagree with the index side: a term is found wherever it occurs as a substring, with
 * three rules a Japanese reader expects:
 * - a term that starts with a Latin letter or digit matches at a word start (aws ≠ laws);
 * - a katakana word matches with or without its final long-vowel mark (サーバ ⇔ サーバー);
 * - spaces inside a phrase match any run of white space.
 */

import { WORD_CHAR } from './normalize.ts';

const SPECIAL = /[\\^$.*+?()[\]{}|/]/g;
const LATIN_START = new RegExp(`^${WORD_CHAR.source}`, 'u');
// A katakana letter that ends a katakana run, with any long-vowel marks after it.
const KATAKANA_END = /([\u30A1-\u30FA\u30FD-\u30FF])ー*(?![\u30A1-\u30FAー])/g;

/** The regular-expression source for one term (used with the `gu` flags). */
export function termPattern(term: string): string {
  let source = term.replace(SPECIAL, '\\$&').replace(/\s+/g, '\\s+');
  source = source.replace(KATAKANA_END, '$1ー*');
  if (LATIN_START.test(term)) source = `(?<!${WORD_CHAR.source})${source}`;
  return source;
}

/** A global, Unicode-aware regex for a term; `lastIndex` is the caller's to manage. */
export function termRegExp(term: string): RegExp {
  return termsRegExp([term]);
}

/** One regex that finds any of several terms (a term's readings or spelling corrections). */
export function termsRegExp(terms: string[]): RegExp {
  return new RegExp(terms.map((t) => `(?:${termPattern(t)})`).join('|'), 'gu');
}

/** True when the term is a Latin word that typo tolerance may apply to. */
export function isLatinWord(term: string): boolean {
  return /^[a-z][a-z0-9]*$/.test(term);
}
