/**
 * The one way a reader opens an index for searching, in the browser worker, the page and the CLI:
 * the same store, the same expander, so a result in the terminal is a result in the browser.
 */
import { openIndex, type ReadFile } from './load.ts';
import { SearchIndex } from './search.ts';

/** Opens the index whose manifest `read` serves; `where` names the folder or URL in every error. */
export async function openSearch(read: ReadFile, where: string): Promise<SearchIndex> {
  return new SearchIndex(await openIndex(read, where));
}
