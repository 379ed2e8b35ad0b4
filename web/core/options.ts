/**
 * The only place MiniSearch options are built. The indexer and every reader call this, so the
 * index is always loaded with the options it was written with.
 *
 * MiniSearch holds the Latin words of each page: the vocabulary that typo tolerance searches
 * with its fuzzy radix-tree walk (Promethues → prometheus). It does not decide whether a page
 * matches — the stored text does that, so recall never depends on a word split the browser
 * would have to reproduce.
 */
import type { Options } from 'minisearch';

/** The document MiniSearch sees: a page number and its Latin words, already folded and space-joined. */
export type WordDocument = { id: number; words: string };

/** Words never contain spaces, so a split is exact. */
const splitWords = (text: string): string[] => (text === '' ? [] : text.split(' '));

/** MiniSearch options shared by the indexer (addAll/toJSON) and the readers (loadJS). */
export function wordIndexOptions(): Options<WordDocument> {
  return {
    idField: 'id',
    fields: ['words'],
    storeFields: [],
    tokenize: splitWords,
    // Terms are normalised before they reach MiniSearch; it must not change them again.
    processTerm: (term) => term,
    searchOptions: { tokenize: (query) => [query], processTerm: (term) => term },
  };
}
