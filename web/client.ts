/**
 * Search clients: the one thing UI components talk to. The worker client runs the search core
 * off the main thread (loading a large index never blocks typing); the local client runs it in
 * the page when a worker cannot start. Both load the index only when first asked.
 */
import type { ReadFile } from './core/load.ts';
import { openSearch } from './core/open.ts';
import { MANIFEST_FILE, buildFile, parseManifest } from './core/format.ts';
import type { Facets, SearchOptions, SearchResponse } from './core/search.ts';

/** What a component needs from a search. */
export type SearchClient = {
  /** Loads the index (once; later calls share the first) and tells what the filters offer. */
  load(): Promise<IndexSummary>;
  search(query: string, options: SearchOptions): Promise<SearchResponse>;
};

/** What a loaded index offers the UI. */
export type IndexSummary = { pages: number; topics: number; facets: Facets };

/** Messages from the page to the worker. `files`: index files the page already fetched (by name). */
export type WorkerRequest =
  | { type: 'load'; base: string; files: Record<string, Uint8Array> }
  | { type: 'search'; id: number; query: string; options: SearchOptions };
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
  return { summary: index.summary(), search: (query, options) => index.search(query, options) };
}

/** A client that runs the search in this thread. */
export function createLocalClient(base: string): SearchClient {
  let loading: Promise<LocalIndex> | undefined;
  const load = () => (loading ??= loadLocal(base));
  return {
    load: async () => (await load()).summary,
    search: async (query, options) => (await load()).search(query, options),
  };
}

/**
 * Fetches the manifest and the meta file in the page while the worker starts, so the two
 * overlap; resolves to the files by name ({} when anything fails: the worker then fetches and
 * reports the problem itself).
 */
async function prefetch(base: string): Promise<Record<string, Uint8Array>> {
  try {
    const read = fetchReader(base);
    const manifestBytes = await read(MANIFEST_FILE, true);
    const manifest = parseManifest(JSON.parse(new TextDecoder().decode(manifestBytes)), MANIFEST_FILE);
    const meta = buildFile.meta(manifest.build);
    return { [MANIFEST_FILE]: manifestBytes, [meta]: await read(meta, false) };
  } catch {
    return {};
  }
}

/** The worker could not run (cross-origin script, CSP, crash): the page's own thread takes over. */
class WorkerStartError extends Error {}

/** A client that runs the search in a worker started from `workerUrl`. */
export function createWorkerClient(workerUrl: string, base: string): SearchClient {
  let worker: Worker | undefined;
  let loading: Promise<IndexSummary> | undefined;
  let nextId = 0;
  const pending = new Map<number, (response: SearchResponse) => void>();
  const load = () =>
    (loading ??= new Promise<IndexSummary>((resolve, reject) => {
      const files = prefetch(base);
      try {
        worker = new Worker(workerUrl);
      } catch (error) {
        reject(new WorkerStartError(`${workerUrl}: the search worker could not start (${(error as Error).message}).`));
        return;
      }
      worker.onmessage = (event: MessageEvent<WorkerReply>) => {
        const reply = event.data;
        if (reply.type === 'ready') resolve(reply.summary);
        else if (reply.type === 'failed') reject(new Error(reply.message));
        else pending.get(reply.id)?.(reply.response), pending.delete(reply.id);
      };
      worker.onerror = (event) => { event.preventDefault(); reject(new WorkerStartError(`${workerUrl}: the search worker failed (${event.message || 'unknown error'}).`)); };
      void files.then((f) => worker?.postMessage({ type: 'load', base, files: f } satisfies WorkerRequest, Object.values(f).map((b) => b.buffer)));
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

/**
 * The client an embed uses: a worker when one can start from `workerUrl` (same origin), the
 * page's own thread otherwise (a cross-origin script, a CSP without worker-src).
 */
export function createClient(workerUrl: string, base: string): SearchClient {
  let active: SearchClient | undefined;
  const pick = async (): Promise<IndexSummary> => {
    if (!active) {
      try {
        active = createWorkerClient(workerUrl, base);
        return await active.load();
      } catch (error) {
        // A worker that could not start (or died) falls back; an index that failed to load does not.
        if (!(error instanceof WorkerStartError)) throw error;
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
