/**
 * Search clients: the one thing UI components talk to. The worker client runs the search core
 * off the main thread (loading a large index never blocks typing); the local client runs it in
 * the page when a worker cannot start. Both load the index only when first asked.
 */
import { MANIFEST_FILE, buildFile, parseManifest } from './core/format.ts';
import type { Facets, SearchOptions, SearchResponse } from './core/search.ts';
import type { LocalIndex } from './local.ts';

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
  | { type: 'result'; id: number; response: SearchResponse }
  /** A search that could not fetch what it needed (the next search tries again). */
  | { type: 'search-failed'; id: number; message: string };

/** What the worker bundle offers when loaded as a plain script (see web/worker.ts). */
export type CoreGlobal = { sagasuCore?: { loadLocal(base: string): Promise<LocalIndex> } };

/**
 * Loads the worker bundle into the page as a script, for its `loadLocal`: the embed script
 * stays free of the search core, which only a page that cannot start a worker needs.
 */
function loadCoreScript(workerUrl: string): Promise<NonNullable<CoreGlobal['sagasuCore']>> {
  return new Promise((resolve, reject) => {
    const ready = (globalThis as CoreGlobal).sagasuCore;
    if (ready) { resolve(ready); return; }
    const script = document.createElement('script');
    script.src = workerUrl;
    script.onload = () => {
      const core = (globalThis as CoreGlobal).sagasuCore;
      if (core) resolve(core);
      else reject(new Error(`${workerUrl}: loaded, but it is not the Sagasu worker script.`));
    };
    script.onerror = () => reject(new Error(`${workerUrl}: could not be loaded. Publish sagasu-worker.js next to sagasu.js.`));
    document.head.append(script);
  });
}

/** A client that runs the search in this thread, with the core from the worker bundle. */
export function createLocalClient(workerUrl: string, base: string): SearchClient {
  let loading: Promise<LocalIndex> | undefined;
  const load = () => (loading ??= loadCoreScript(workerUrl).then((core) => core.loadLocal(base)));
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
    const read = async (name: string, fresh: boolean) => {
      const response = await fetch(new URL(name, base).href, { cache: fresh ? 'no-cache' : 'default', credentials: 'same-origin' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    };
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
  /** Settles once the load message is posted: searches go after it, never before. */
  let posted: Promise<void> | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (response: SearchResponse) => void; reject: (error: Error) => void }>();
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
        else {
          const waiting = pending.get(reply.id);
          pending.delete(reply.id);
          if (reply.type === 'result') waiting?.resolve(reply.response);
          else waiting?.reject(new Error(reply.message));
        }
      };
      worker.onerror = (event) => { event.preventDefault(); reject(new WorkerStartError(`${workerUrl}: the search worker failed (${event.message || 'unknown error'}).`)); };
      posted = files.then((f) => worker?.postMessage({ type: 'load', base, files: f } satisfies WorkerRequest, Object.values(f).map((b) => b.buffer)));
    }).catch((error: unknown) => {
      // Forget a failed load (offline, a deploy in progress): the next keystroke tries again.
      loading = undefined;
      posted = undefined;
      worker?.terminate();
      worker = undefined;
      for (const waiting of pending.values()) waiting.reject(error as Error);
      pending.clear();
      throw error;
    }));
  return {
    load,
    search: async (query, options) => {
      // The query goes right behind the load message, not after the worker's 'ready' (a round
      // trip through a main thread that may be busy): the worker answers once its index is open.
      const loaded = load();
      if (!posted) await loaded; // the worker could not start: this rejects with why
      const id = nextId++;
      const answer = new Promise<SearchResponse>((resolve, reject) => pending.set(id, { resolve, reject }));
      loaded.catch(() => undefined); // a failed load rejects the answer (above), not this
      await posted;
      worker?.postMessage({ type: 'search', id, query, options } satisfies WorkerRequest);
      return answer;
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
        active = createLocalClient(workerUrl, base);
      }
    }
    return active.load();
  };
  let summary: Promise<IndexSummary> | undefined;
  const load = () => (summary ??= pick().catch((error: unknown) => { summary = undefined; throw error; }));
  return {
    load,
    search: async (query, options) => {
      const loaded = load();
      loaded.catch(() => undefined); // awaited below when it matters
      try {
        // A worker client takes the query before its index is open (see createWorkerClient).
        if (active) return await active.search(query, options);
      } catch (error) {
        if (!(error instanceof WorkerStartError)) throw error;
      }
      await loaded; // after a worker that could not start: the page's own thread
      return (active as SearchClient).search(query, options);
    },
  };
}
