/**
 * Tokenising many pages fast: kuromoji analyses are cached by content hash between builds, and
 * the pages that miss the cache are shared out to worker threads (kuromoji is single-threaded
 * and about 0.2 MB/s). Results come back in page order whatever the scheduling, so the output
 * stays byte-identical.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createTokenizer, type Analysis, type Tokenizer } from './tokenize.ts';

/** Bump when tokenize.ts changes what it returns: old cache entries are then ignored. */
export const ANALYSIS_VERSION = 4;

/** How the analyses are run. */
export type AnalyzeOptions = {
  /** Folder for the cache file; undefined disables the cache. */
  cacheDir?: string | undefined;
  /** Most worker threads (default: the number of cores, at most 4). */
  threads?: number;
  onProgress?: (done: number, total: number) => void;
};

/**
 * Pages per worker below which analysing in this thread is faster. Measured on 2 cores with the
 * 141-page corpus: 3.3 s in this thread, 4.1 s with two workers (each loads the 17 MB dictionary,
 * and two loads at once take 2.8 s instead of 1.3 s); workers only pay off on larger sites.
 */
const MIN_PAGES_PER_WORKER = 150;

/** One tokeniser per process: `sagasu dev` rebuilds without loading the dictionary again. */
let sharedTokenizer: Promise<Tokenizer> | undefined;
/** The last build's analyses, kept for the next build in the same process. */
let memory = new Map<string, Analysis[]>();

/** Loads the dictionary now (in the background) so that the next analysis does not wait for it. */
export function warmTokenizer(): void {
  (sharedTokenizer ??= createTokenizer()).catch(() => undefined);
}

/** Analyses each page's texts (one Analysis per text), from the cache where possible. */
export async function analyzePages(pages: string[][], options: AnalyzeOptions = {}): Promise<Analysis[][]> {
  const keys = pages.map((texts) => createHash('sha256').update(`${ANALYSIS_VERSION}\u0000${texts.join('\u0001')}`).digest('hex'));
  // A rebuild in the same process (sagasu dev) already holds what the cache file holds.
  const cache = memory.size > 0 ? memory : options.cacheDir ? await readCache(options.cacheDir) : new Map<string, Analysis[]>();
  const results: (Analysis[] | undefined)[] = keys.map((key) => cache.get(key));
  const missing = results.flatMap((r, i) => (r === undefined ? [i] : []));
  let done = pages.length - missing.length;
  const progress = () => options.onProgress?.(++done, pages.length);

  const threads = Math.min(options.threads ?? Math.min(4, availableParallelism()), Math.floor(missing.length / MIN_PAGES_PER_WORKER));
  if (threads >= 2) {
    await runWorkers(missing, pages, results, threads, progress);
  } else if (missing.length > 0) {
    const tokenizer = await (sharedTokenizer ??= createTokenizer());
    for (const i of missing) {
      results[i] = (pages[i] ?? []).map((text) => tokenizer.analyze(text));
      progress();
    }
  }

  const analyses = results.map((r) => r ?? []);
  memory = new Map(keys.map((key, i) => [key, analyses[i] ?? []]));
  // Nothing new: the file on disk already holds every analysis this build used.
  if (options.cacheDir && missing.length > 0) await writeCache(options.cacheDir, new Map(keys.map((key, i) => [key, analyses[i] ?? []])));
  return analyses;
}

/** Shares pages out to `threads` workers, each with its own kuromoji, largest pages first. */
async function runWorkers(missing: number[], pages: string[][], results: (Analysis[] | undefined)[], threads: number, progress: () => void): Promise<void> {
  const queue = [...missing].sort((a, b) => size(pages[b]) - size(pages[a]) || a - b);
  const start = workerStart();
  await Promise.all(Array.from({ length: threads }, () => new Promise<void>((resolve, reject) => {
    const worker = start();
    let current: number | undefined;
    const next = () => {
      current = queue.shift();
      if (current === undefined) { void worker.terminate().then(() => resolve()); return; }
      worker.postMessage(pages[current]);
    };
    worker.on('message', (message: Analysis[] | 'ready') => {
      if (message !== 'ready' && current !== undefined) { results[current] = message; progress(); }
      next();
    });
    worker.on('error', reject);
    worker.on('exit', (code) => { if (current !== undefined && code !== 0) reject(new Error(`tokeniser worker stopped with code ${code}`)); });
  })));
}

/**
 * How to start a worker. Compiled (the npm package's lib/cli.js), its entry is lib/analyze-worker.js
 * beside this file. From source, the worker registers tsx itself: a .ts worker entry is not covered
 * by the parent's --import.
 */
function workerStart(): () => Worker {
  const resourceLimits = { maxOldGenerationSizeMb: 1536 };
  if (import.meta.url.endsWith('.js')) {
    const compiled = new URL('./analyze-worker.js', import.meta.url);
    return () => new Worker(compiled, { resourceLimits });
  }
  const workerUrl = new URL('./analyze-worker.ts', import.meta.url).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(workerUrl)}, ${JSON.stringify(import.meta.url)}));`;
  return () => new Worker(bootstrap, { eval: true, resourceLimits });
}

function size(texts: string[] | undefined): number {
  return (texts ?? []).reduce((n, t) => n + t.length, 0);
}

const CACHE_FILE = `analysis-v${ANALYSIS_VERSION}.json`;

async function readCache(dir: string): Promise<Map<string, Analysis[]>> {
  try {
    const entries = JSON.parse(await readFile(join(dir, CACHE_FILE), 'utf8')) as [string, Analysis[]][];
    return new Map(entries);
  } catch {
    return new Map(); // absent or unreadable: start over, the cache is only an optimisation
  }
}

/** Keeps only this build's entries, so the cache never grows past one site. Written atomically. */
async function writeCache(dir: string, entries: Map<string, Analysis[]>): Promise<void> {
  try {
    const file = join(dir, CACHE_FILE);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(`${file}.tmp-${process.pid}`, JSON.stringify([...entries]));
    await rename(`${file}.tmp-${process.pid}`, file);
  } catch {
    // A read-only cache folder only costs speed.
  }
}
