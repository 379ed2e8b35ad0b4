/**
 * The search worker (`sagasu-worker.js`): loads the index off the page's main thread and answers
 * searches with the search core, so a large index never blocks typing. Started by the embed.
 */
import type { CoreGlobal, WorkerReply, WorkerRequest } from './client.ts';
import { loadLocal, type LocalIndex } from './local.ts';

type WorkerScope = { onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null; postMessage(reply: WorkerReply): void };

/** Answers load and search messages. */
export function runWorker(scope: WorkerScope): void {
  let index: Promise<LocalIndex> | undefined;
  scope.onmessage = (event) => {
    const request = event.data;
    if (request.type === 'load') {
      index = loadLocal(request.base, request.files);
      index.then(
        (loaded) => scope.postMessage({ type: 'ready', summary: loaded.summary }),
        (error: unknown) => scope.postMessage({ type: 'failed', message: (error as Error).message }),
      );
    } else {
      // A search may come right behind the load message (the page does not wait for 'ready'):
      // it runs as soon as the index is open, and fails with the load when that fails.
      const { id } = request;
      (index ?? Promise.reject(new Error('the search worker got a search before its load message.')))
        .then((loaded) => loaded.search(request.query, request.options))
        .then(
          (response) => scope.postMessage({ type: 'result', id, response }),
          (error: unknown) => scope.postMessage({ type: 'search-failed', id, message: (error as Error).message }),
        );
    }
  };
}

// A worker runs the search for the page; the same file loaded as a page script (where no worker
// could start) only offers the core to the embed.
if (typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined') runWorker(self as unknown as WorkerScope);
else (globalThis as CoreGlobal).sagasuCore = { loadLocal: (base) => loadLocal(base) };
