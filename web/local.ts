/**
 * The search core opened in the current thread, reading the index over HTTP. The worker bundle
 * (`sagasu-worker.js`) is built from this: run as a worker it answers the page's messages, loaded
 * as a plain script (a page where no worker can start) it offers `loadLocal` to the embed.
 */
import type { ReadFile } from './core/load.ts';
import { openSearch } from './core/open.ts';
import type { SearchOptions, SearchResponse } from './core/search.ts';
import type { IndexSummary } from './client.ts';

/** Reads index files over HTTP, relative to `base`; the manifest always revalidated. */
export function fetchReader(base: string): ReadFile {
  return async (name, fresh) => {
    const url = new URL(name, base).href;
    let response: Response;
    try {
      response = await fetch(url, { cache: fresh ? 'no-cache' : 'default', credentials: 'same-origin' });
    } catch (error) {
      throw new Error(`${url}: could not be fetched (${(error as Error).message}).`);
    }
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}. Check the index location and that the index was published.`);
    return new Uint8Array(await response.arrayBuffer());
  };
}

/** An index opened in this thread. */
export type LocalIndex = { summary: IndexSummary; search(query: string, options: SearchOptions): Promise<SearchResponse> };

/** Opens the index in this thread, taking files already fetched from `files`. */
export async function loadLocal(base: string, files: Record<string, Uint8Array> = {}): Promise<LocalIndex> {
  const fetchFile = fetchReader(base);
  const read: ReadFile = (name, fresh) => {
    const bytes = files[name];
    delete files[name];
    return bytes ? Promise.resolve(bytes) : fetchFile(name, fresh);
  };
  const index = await openSearch(read, base.replace(/\/$/, ''));
  index.warmUp();
  return { summary: index.summary(), search: (query, options) => index.search(query, options) };
}

