/**
 * Search clients: the one thing UI components talk to. The worker client runs the search core
 * off the main thread (loading a large index never blocks typing); the local client runs it in
 * the page when a worker cannot start. Both load the index only when first asked.
 */
import { loadIndex, type ReadFile } from './core/load.ts';
import { facetsOf, type Facets, type SearchIndex, type SearchOptions, type SearchResponse } from './core/search.ts';

/** What a component needs from a search. */
export type SearchClient = {
  /** Loads the index (once; later calls share the first) and tells what the filters offer. */
  load(): Promise<IndexSummary>;
  search(query: string, options: SearchOptions): Promise<SearchResponse>;
};

/** What a loaded index offers the UI. */
export type IndexSummary = { pages: number; topics: number; facets: Facets };

/** Messages from the page to the worker. */
export type WorkerRequest = { type: 'load'; base: string } | { type: 'search'; id: number; query: string; options: SearchOptions };
/** Messages from the worker to the page. */
export type WorkerReply =
  | { type: 'ready'; summary: IndexSummary }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; response: SearchResponse };

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

/** Loads the index in this thread. */
export async function loadLocal(base: string): Promise<{ index: SearchIndex; summary: IndexSummary }> {
  const { index, manifest } = await loadIndex(fetchReader(base), base.replace(/\/$/, ''));
  return { index, summary: { pages: manifest.pages, topics: manifest.topics, facets: facetsOf(index.pages) } };
}

/** A client that runs the search in this thread. */
export function createLocalClient(base: string): SearchClient {
  let loading: Promise<{ index: SearchIndex; summary: IndexSummary }> | undefined;
  const load = () => (loading ??= loadLocal(base));
  return {
    load: async () => (await load()).summary,
    search: async (query, options) => (await load()).index.search(query, options),
  };
}

/** A client that runs the search in a worker started from `scriptUrl` (this very bundle). */
export function createWorkerClient(scriptUrl: string, base: string): SearchClient {
  let worker: Worker | undefined;
  let loading: Promise<IndexSummary> | undefined;
  let nextId = 0;
  const pending = new Map<number, (response: SearchResponse) => void>();
  const load = () =>
    (loading ??= new Promise<IndexSummary>((resolve, reject) => {
      worker = new Worker(scriptUrl);
      worker.onmessage = (event: MessageEvent<WorkerReply>) => {
        const reply = event.data;
        if (reply.type === 'ready') resolve(reply.summary);
        else if (reply.type === 'failed') reject(new Error(reply.message));
        else pending.get(reply.id)?.(reply.response), pending.delete(reply.id);
      };
      worker.onerror = (event) => { event.preventDefault(); reject(new Error(`${scriptUrl}: the search worker failed (${event.message || 'unknown error'}).`)); };
      worker.postMessage({ type: 'load', base } satisfies WorkerRequest);
    }));
  return {
    load,
    search: async (query, options) => {
      await load();
      const id = nextId++;
      return new Promise<SearchResponse>((resolve) => {
        pending.set(id, resolve);
        worker?.postMessage({ type: 'search', id, query, options } satisfies WorkerRequest);
      });
    },
  };
}

/** The worker side: answers load and search messages with the search core. */
export function runWorker(scope: { onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null; postMessage(reply: WorkerReply): void }): void {
  let index: SearchIndex | undefined;
  scope.onmessage = (event) => {
    const request = event.data;
    if (request.type === 'load') {
      loadLocal(request.base).then(
        (loaded) => { index = loaded.index; scope.postMessage({ type: 'ready', summary: loaded.summary }); },
        (error: unknown) => scope.postMessage({ type: 'failed', message: (error as Error).message }),
      );
    } else if (index) {
      scope.postMessage({ type: 'result', id: request.id, response: index.search(request.query, request.options) });
    }
  };
}

/**
 * The client an embed uses: a worker when one can start from `scriptUrl` (same origin), the
 * page's own thread otherwise (a cross-origin script, a CSP without worker-src).
 */
export function createClient(scriptUrl: string, base: string): SearchClient {
  let active: SearchClient | undefined;
  const pick = async (): Promise<IndexSummary> => {
    if (!active) {
      try {
        active = createWorkerClient(scriptUrl, base);
        return await active.load();
      } catch (error) {
        // A worker that could not start (or died) falls back; an index that failed to load does not.
        if (!/search worker failed|Worker|SecurityError/i.test(String((error as Error)?.message ?? error))) throw error;
        active = createLocalClient(base);
      }
    }
    return active.load();
  };
  let summary: Promise<IndexSummary> | undefined;
  const load = () => (summary ??= pick().catch((error: unknown) => { summary = undefined; throw error; }));
  return {
    load,
    search: async (query, options) => {
      await load();
      return (active as SearchClient).search(query, options);
    },
  };
}
