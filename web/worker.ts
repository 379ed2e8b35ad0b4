/**
 * The search worker (`sagasu-worker.js`): loads the index off the page's main thread and answers
 * searches with the search core, so a large index never blocks typing. Started by the embed.
 */
import { loadLocal, type LocalIndex, type WorkerReply, type WorkerRequest } from './client.ts';

type WorkerScope = { onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null; postMessage(reply: WorkerReply): void };

/** Answers load and search messages. */
export function runWorker(scope: WorkerScope): void {
  let index: LocalIndex | undefined;
  scope.onmessage = (event) => {
    const request = event.data;
    if (request.type === 'load') {
      loadLocal(request.base, request.files).then(
        (loaded) => { index = loaded; scope.postMessage({ type: 'ready', summary: loaded.summary }); },
        (error: unknown) => scope.postMessage({ type: 'failed', message: (error as Error).message }),
      );
    } else if (index) {
      void index.search(request.query, request.options).then((response) => scope.postMessage({ type: 'result', id: request.id, response }));
    }
  };
}

runWorker(self as unknown as WorkerScope);
