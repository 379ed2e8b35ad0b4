/**
 * Tokenising many pages fast: kuromoji analyses are cached by content hash between builds, and
 * the pages that miss the cache are shared out to worker threads (kuromoji is single-threaded
 * and about 0.2 MB/s). Results come back in page order whatever the scheduling, so the output
 * stays byte-identical.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createTokenizer, type Analysis, type Tokenizer } from './tokenize.ts';

/** Bump when tokenize.ts changes what it returns: old cache entries are then ignored. */
export const ANALYSIS_VERSION = 5;

/** How the analyses are run. */
export type AnalyzeOptions = {
  /** Folder for the cache file; undefined disables the cache. */
  cacheDir?: string | undefined;
  /** Most worker threads (default: the number of cores, at most 4). */
  threads?: number;
  onProgress?: (done: number, total: number) => void;
  /** Called with each page's analyses as soon as they are known (cache or worker), in any order. */
  onAnalysed?: (page: number, analyses: Analysis[]) => void;
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

/** Pages handed over one by one as they are parsed; `finish` gives the analyses in that order. */
export type AnalysisSession = { add(texts: string[]): void; finish(): Promise<Analysis[][]> };

/**
 * Starts analysing `expected` pages (about: the files found). Pages that miss the cache go to
 * worker threads as they are added, so tokenising overlaps the parsing of the pages after them.
 * Workers start only once MIN_PAGES_PER_WORKER pages have missed (their dictionary loads must
 * pay off: a `sagasu dev` rebuild or a deploy with a warm cache misses a page or two, which this
 * thread analyses at `finish` with its already loaded tokeniser).
 */
export async function startAnalysis(expected: number, options: AnalyzeOptions = {}): Promise<AnalysisSession> {
  // A rebuild in the same process (sagasu dev) already holds what the cache file holds.
  const cache = memory.size > 0 ? memory : options.cacheDir ? await readCache(options.cacheDir) : new Map<string, Analysis[]>();
  const threads = Math.min(options.threads ?? Math.min(4, availableParallelism()), Math.floor(expected / MIN_PAGES_PER_WORKER));
  const pages: string[][] = [];
  const keys: string[] = [];
  const results: (Analysis[] | undefined)[] = [];
  const missing: number[] = [];
  let done = 0;
  const progress = (page: number, analyses: Analysis[]) => {
    options.onProgress?.(++done, pages.length);
    options.onAnalysed?.(page, analyses);
  };
  let pool: WorkerPool | undefined;
  const send = (page: number) => pool?.run(pages[page] ?? []).then((analyses) => { results[page] = analyses; progress(page, analyses); }, () => undefined);

  return {
    add(texts) {
      const i = pages.length;
      pages.push(texts);
      const key = createHash('sha256').update(`${ANALYSIS_VERSION}\u0000${texts.join('\u0001')}`).digest('hex');
      keys.push(key);
      const cached = cache.get(key);
      results.push(cached);
      if (cached !== undefined) { progress(i, cached); return; }
      missing.push(i);
      if (threads < 2) return;
      if (pool) send(i);
      else if (missing.length >= MIN_PAGES_PER_WORKER) {
        pool = workerPool(threads);
        for (const page of missing) send(page);
      }
    },
    async finish() {
      if (pool) {
        await pool.drain();
      } else if (missing.length > 0) {
        const tokenizer = await (sharedTokenizer ??= createTokenizer());
        for (const i of missing) {
          const analyses = (pages[i] ?? []).map((text) => tokenizer.analyze(text));
          results[i] = analyses;
          progress(i, analyses);
        }
      }
      const analyses = results.map((r) => r ?? []);
      memory = new Map(keys.map((key, i) => [key, analyses[i] ?? []]));
      // Nothing new: the file on disk already holds every analysis this build used.
      if (options.cacheDir && missing.length > 0) await writeCache(options.cacheDir, memory);
      return analyses;
    },
  };
}

/** Worker threads with their own kuromoji, fed from one queue; `drain` ends them once it is empty. */
type WorkerPool = { run(texts: string[]): Promise<Analysis[]>; drain(): Promise<void> };

function workerPool(threads: number): WorkerPool {
  type Job = { texts: string[]; resolve(a: Analysis[]): void; reject(e: Error): void };
  const queue: Job[] = [];
  const idle: ((job: Job | undefined) => void)[] = [];
  let draining = false;
  let failure: Error | undefined;
  const start = workerStart();
  const next = (): Promise<Job | undefined> => {
    const job = queue.shift();
    if (job || draining) return Promise.resolve(job);
    return new Promise((resolve) => idle.push(resolve));
  };
  const running = Array.from({ length: threads }, () => new Promise<void>((resolve, reject) => {
    const worker = start();
    let current: Job | undefined;
    const take = async () => {
      current = await next();
      if (current === undefined) { void worker.terminate().then(() => resolve()); return; }
      worker.postMessage(current.texts);
    };
    worker.on('message', (message: Analysis[] | 'ready') => {
      if (message !== 'ready' && current) current.resolve(message);
      void take();
    });
    const fail = (error: Error) => { failure ??= error; current?.reject(error); reject(error); };
    worker.on('error', fail);
    worker.on('exit', (code) => { if (current !== undefined && code !== 0) fail(new Error(`tokeniser worker stopped with code ${code}`)); });
  }));
  // A failed worker must not leave an unhandled rejection before drain() is awaited.
  for (const r of running) r.catch(() => undefined);
  return {
    run(texts) {
      return new Promise((resolve, reject) => {
        const job = { texts, resolve, reject };
        const waiting = idle.shift();
        if (waiting) waiting(job);
        else queue.push(job);
      });
    },
    async drain() {
      draining = true;
      for (const waiting of idle.splice(0)) waiting(undefined);
      await Promise.all(running);
      if (failure) throw failure;
    },
  };
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

const CACHE_FILE = `analysis-v${ANALYSIS_VERSION}.ndjson`;

/** The cache file: one `[key, analyses]` JSON line per page, read line by line. */
async function readCache(dir: string): Promise<Map<string, Analysis[]>> {
  const entries = new Map<string, Analysis[]>();
  try {
    const lines = createInterface({ input: createReadStream(join(dir, CACHE_FILE), 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line === '') continue;
      const [key, analyses] = JSON.parse(line) as [string, Analysis[]];
      entries.set(key, analyses);
    }
    return entries;
  } catch {
    return new Map(); // absent or unreadable: start over, the cache is only an optimisation
  }
}

/**
 * Keeps only this build's entries, so the cache never grows past one site. Written line by line
 * (one JSON string of a whole large site's analyses is past V8's string and heap limits) to a
 * temporary file, then renamed: a reader never sees half a cache.
 */
async function writeCache(dir: string, entries: Map<string, Analysis[]>): Promise<void> {
  const file = join(dir, CACHE_FILE);
  const temp = `${file}.tmp-${process.pid}`;
  try {
    await mkdir(dirname(file), { recursive: true });
    const out = createWriteStream(temp, 'utf8');
    const failed = new Promise<never>((_, reject) => out.once('error', reject));
    for (const entry of entries) {
      if (!out.write(`${JSON.stringify(entry)}\n`)) await Promise.race([once(out, 'drain'), failed]);
    }
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
    await rename(temp, file);
  } catch {
    // A read-only cache folder only costs speed.
    await rm(temp, { force: true }).catch(() => undefined);
  }
}
