/** Worker thread of analyze.ts: loads kuromoji once, then analyses the pages it is sent. */
import { parentPort } from 'node:worker_threads';
import { createTokenizer } from './tokenize.ts';

const port = parentPort;
if (port) {
  const tokenizer = await createTokenizer();
  port.on('message', (texts: string[]) => port.postMessage(texts.map((text) => tokenizer.analyze(text))));
  port.postMessage('ready');
}
