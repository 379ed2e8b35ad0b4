/**
 * Query parsing: what the visitor typed → normalised terms. Never throws, for any string.
 *
 * Syntax: spaces (also the full-width space, 、 and 。) separate terms that must all match;
 * "a quoted phrase" is one term; a term starting with `-` excludes topics that contain it.
 * The last unquoted term is a prefix while the visitor is still typing (no trailing space).
 */
import { normalizeQueryText } from './normalize.ts';
import { removeReserved } from './format.ts';

/** One term of a query, already normalised (NFKC + folds). */
export type QueryTerm = {
  text: string;
  /** Written in quotes: spaces inside are part of the term. */
  phrase: boolean;
  /** The last term with no space after it: the visitor may still be typing it. */
  prefix: boolean;
};

/** A parsed query: terms to match (all of them) and terms whose topics are left out. */
export type ParsedQuery = { terms: QueryTerm[]; excluded: QueryTerm[] };

/** Longest query the parser looks at; longer input is cut (a search box never needs more). */
export const MAX_QUERY_LENGTH = 256;
/** At most this many terms are matched; more only slow the search down. */
export const MAX_TERMS = 12;

const SEPARATOR = /[\s、。,]/u;

/** Parses a raw query string. */
export function parseQuery(input: string): ParsedQuery {
  const text = removeReserved(normalizeQueryText(input.slice(0, MAX_QUERY_LENGTH))).replace(/[\u0000-\u001F\u007F]/g, ' ');
  const terms: QueryTerm[] = [];
  const excluded: QueryTerm[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (SEPARATOR.test(ch)) { i++; continue; }
    let exclude = false;
    if (ch === '-' && i + 1 < text.length && !SEPARATOR.test(text[i + 1] ?? ' ')) { exclude = true; i++; }
    let term: string;
    let phrase = false;
    if (text[i] === '"' || text[i] === '「') {
      const close = text[i] === '"' ? '"' : '」';
      const end = text.indexOf(close, i + 1);
      term = text.slice(i + 1, end === -1 ? text.length : end).trim().replace(/\s+/g, ' ');
      i = end === -1 ? text.length : end + 1;
      phrase = true;
    } else {
      let end = i;
      while (end < text.length && !SEPARATOR.test(text[end] ?? ' ')) end++;
      term = text.slice(i, end).replace(/^"+|"+$/g, '');
      i = end;
    }
    if (term === '' || term === '-') continue;
    const list = exclude ? excluded : terms;
    const prefix = !exclude && !phrase && i === text.length;
    if (!list.some((t) => t.text === term)) list.push({ text: term, phrase, prefix });
  }
  return { terms: terms.slice(0, MAX_TERMS), excluded: excluded.slice(0, MAX_TERMS) };
}
