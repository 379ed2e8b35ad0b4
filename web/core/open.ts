/**
 * The one way a reader opens an index for searching, in the browser worker, the page and the CLI:
 * the same store, the same expander, so a result in the terminal is a result in the browser.
 */
import { openIndex, type IndexStore, type ReadFile } from './load.ts';
import { SearchIndex, type Expander } from './search.ts';
import { expandTerm, expansionKeys, typoKeys, wholeWordOnly, type TableName } from './expand.ts';

/** Readings, typo corrections and synonyms (expand.ts), read from the index's expansion tables. */
export const expander: Expander = {
  keys: expansionKeys,
  laterKeys: typoKeys,
  expand: (term, lookup, literalPages) => expandTerm(term, (table: TableName, key) => lookup(table, key), literalPages),
  wholeWordOnly,
};

/** A search over an opened store, with the expander. */
export function searchOf(store: IndexStore): SearchIndex {
  return new SearchIndex(store, expander);
}

/** Opens the index whose manifest `read` serves; `where` names the folder or URL in every error. */
export async function openSearch(read: ReadFile, where: string): Promise<SearchIndex> {
  return searchOf(await openIndex(read, where));
}
