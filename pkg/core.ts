/**
 * `sagasu/core`: the search core a site's own script can call (no DOM, no node:*, no kuromoji).
 * Open an index with openSearch(read, where), then `await index.search(query, options)`.
 */
export { openSearch } from '../web/core/open.ts';
export { SearchIndex, SEARCH_DEFAULTS } from '../web/core/search.ts';
export type { SearchOptions, SearchHit, SearchResponse, Expansion, Facets } from '../web/core/search.ts';
export type { ReadFile } from '../web/core/load.ts';
export { snippetParts, type Snippet } from '../web/core/snippet.ts';
export { normalizeQueryText } from '../web/core/normalize.ts';
export {
  INDEX_FORMAT_VERSION, MANIFEST_FILE, SEARCH_FOLDER, EMBED_FILE, WORKER_FILE, IndexFormatError,
  type IndexManifest, type PageRecord, type TopicRecord,
} from '../web/core/format.ts';
