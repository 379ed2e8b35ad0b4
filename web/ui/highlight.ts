/**
 * Highlighting of query words in text the index does not mark (headings, titles), and the
 * sub-queries tried when a query finds nothing.
 */
import { foldCase } from '../core/normalize.ts';

/** A piece of text, marked when it is one of the query's words. */
export type Part = { text: string; mark: boolean };

/** The words of a query worth highlighting: quotes and `-excluded` words dropped. */
export function queryWords(query: string): string[] {
  const words: string[] = [];
  for (const m of query.matchAll(/"([^"]*)"|「([^」]*)」|(\S+)/g)) {
    const word = (m[1] ?? m[2] ?? m[3] ?? '').trim();
    if (word === '' || (m[3] !== undefined && word.startsWith('-'))) continue;
    words.push(...word.split(/[\s、]+/).filter(Boolean));
  }
  return words;
}

/** Splits `text` into parts, marking every occurrence of any of `words` (case-insensitive); the parts join back to `text`. */
export function highlight(text: string, words: string[]): Part[] {
  const folded = foldCase(text);
  // foldCase keeps the length only when it maps character for character; otherwise show it plain.
  const needles = folded.length === text.length ? words.map((w) => foldCase(w)).filter((w) => w.length > 0) : [];
  const marked = new Uint8Array(text.length);
  for (const needle of needles) {
    for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + needle.length)) marked.fill(1, at, at + needle.length);
  }
  const parts: Part[] = [];
  for (let i = 0; i < text.length;) {
    let j = i;
    while (j < text.length && marked[j] === marked[i]) j++;
    parts.push({ text: text.slice(i, j), mark: marked[i] === 1 });
    i = j;
  }
  return parts;
}

/**
 * Shorter queries to try when `query` finds nothing, most specific first: the query without one
 * of its words, then each word alone, then the parts of each long word (longest first, at least
 * two characters). At most `max`.
 */
export function subQueries(query: string, max = 24): string[] {
  const words = queryWords(query);
  const out: string[] = [];
  const add = (q: string) => { if (q !== '' && q !== query.trim() && !out.includes(q)) out.push(q); };
  if (words.length > 2) words.forEach((_, i) => add(words.filter((__, j) => j !== i).join(' ')));
  if (words.length > 1) [...words].sort((a, b) => b.length - a.length).forEach(add);
  const longest = [...words].sort((a, b) => b.length - a.length);
  for (const word of longest) {
    const chars = [...word];
    for (let len = chars.length - 1; len >= 2; len--) {
      for (let start = 0; start + len <= chars.length; start++) add(chars.slice(start, start + len).join(''));
    }
  }
  return out.slice(0, max);
}
