/**
 * Sagasu and Pagefind side by side, in one run, on one machine, in headless Chromium.
 *
 *   npm run bench                          # the ../shared corpus at 1× and 10×, 15 cold runs per engine
 *   npm run bench -- --scales 1,10,100 --runs 7   # also 100× (~14,000 pages; builds take tens of minutes)
 *   npm run bench -- --json bench.json     # also every raw sample as JSON
 *   npm run bench -- --quick --content test/fixtures/site   # end-to-end check, timings meaningless
 *
 * Both engines index the very HTML pages `sagasu build` renders; each is served on 127.0.0.1 by
 * the same server (gzip on), and the bytes it sends are counted there. Cold runs use a fresh
 * browser profile each and alternate engines run by run; a second set of cold runs goes through
 * a throttled network (CDP). Each peer is configured at its best: Pagefind's UI without its
 * default 300 ms debounce. Larger scales are grown from the corpus with perturbed text (grow.ts).
 * The search core's own query time is measured in Node on the very files built.
 */
import { execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { COLD_QUERY, INPUT, SEARCH_PAGE, THROTTLE, WARM_QUERIES, resultsShown, type Engine } from './page.ts';
import { serve, type RunningServer } from '../indexer/serve.ts';
import { launchBrowser } from '../test/e2e/browser.ts';
import { buildIndex } from '../indexer/build-index.ts';
import { SEARCH_PAGE_FONT } from '../indexer/render-site.ts';
import { openSearch } from '../web/core/open.ts';
import type { SearchIndex } from '../web/core/search.ts';
import { EVERYDAY_QUERIES, relevantPages, score, visiblePages } from './quality.ts';
import { growCorpus } from './grow.ts';

const run = promisify(execFile);
const ENGINES: Engine[] = ['sagasu', 'pagefind'];

const { values: args } = parseArgs({
  options: {
    content: { type: 'string', default: '../shared/corpus/histudy-site/content' },
    json: { type: 'string' },
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    scales: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  process.stdout.write(`Usage: npm run bench -- [--content DIR] [--json FILE] [--quick] [--runs N] [--scales 1,10[,100]]
  --runs N     cold runs per engine at 1× and 10× (default 15); at 100× and more a third of N (at least 3);
               throttled cold runs: a third of N (at least 2)
  --scales     corpus sizes to measure (default 1,10). 100× (14,100 pages) takes an hour or more on
               2 shared cores: growing the corpus ~30 s, Sagasu's build alone over 26 min (not finished
               when stopped, 14.5 CPU min, 4.5 GB), Pagefind's ~5 min (16.8 GB peak), the browser ~5 min
`);
  process.exit(0);
}
const QUICK = args.quick === true;
const RUNS = Number(args.runs ?? (QUICK ? 2 : 15));
const SCALES = String(args.scales ?? (QUICK ? '1,2' : '1,10')).split(',').map(Number);
if (SCALES.some((n) => !Number.isInteger(n) || n < 1)) {
  process.stderr.write(`error: --scales ${args.scales}: expected whole numbers ≥ 1 separated by commas\n`);
  process.exit(2);
}
/** Cold runs per engine at a scale: fewer at 100× (each build there takes many minutes, each run the same). */
const coldRuns = (scale: number) => (scale >= 100 ? Math.max(3, Math.ceil(RUNS / 3)) : RUNS);
const throttledRuns = (scale: number) => (QUICK ? 1 : Math.max(2, Math.ceil(coldRuns(scale) / 3)));
/** Pagefind UI options: its documented `debounceTimeoutMs` set to 0, so its default 300 ms wait is not counted as search time. */
const PAGEFIND_UI_OPTIONS = '{ element: "#search", showSubResults: true, showImages: false, debounceTimeoutMs: 0 }';
const CORE_REPEATS = QUICK ? 3 : 20;
/** New logs `sagasu dev` rebuilds after, one at a time: the figure is their median. */
const DEV_REBUILDS = 5;
const warmQueries = QUICK ? WARM_QUERIES.slice(0, 4) : WARM_QUERIES;
const PF_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";
/** The compiled CLI, as a site runs it (`npx sagasu`); built from the sources when the bench starts. */
const CLI = ['lib/cli.js'];
/** Node's default heap (about 4 GB) is too small for the 100× site (14,100 pages); README says so too. */
const HEAP = '--max-old-space-size=12288';

type BuildStats = { wallSeconds: number; cpuSeconds: number; peakRssMb: number; files: number; bytes: number; gzipBytes: number };
/** `shown`: results on screen when the time was taken (0: the empty state). */
type ColdSample = { ms: number; bytes: number; shown: number; longTasks: number[] };
type WarmSample = { query: string; ms: number; bytes: number; shown: number };
/** The search core in Node: each query's first search (files read from disk), then warm repeats. */
type CoreTiming = { first: { query: string; ms: number }[]; warm: number[] };
type Scenario = {
  scale: number;
  pages: number;
  build: Record<Engine, BuildStats>;
  rebuild?: { cli: number; dev: number; devRuns: number[]; pagefind: number };
  cold: Record<Engine, ColdSample[]>;
  throttled: Record<Engine, ColdSample[]>;
  core: CoreTiming;
  warm: Record<Engine, { samples: WarmSample[]; longTasks: number[] }>;
  quality?: Record<Engine, { query: string; recall: number; precision: number; found: number; relevant: number }[]>;
};

/** Runs a command under /usr/bin/time -v: wall and CPU seconds, peak RSS. */
async function timed(command: string, commandArgs: string[]): Promise<{ wallSeconds: number; cpuSeconds: number; peakRssMb: number }> {
  const { stderr } = await run('/usr/bin/time', ['-v', command, ...commandArgs], { maxBuffer: 64 * 1024 * 1024 });
  const field = (name: string) => new RegExp(`${name}: (.+)`).exec(stderr)?.[1]?.trim() ?? '0';
  const wall = field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)').split(':').map(Number).reduce((acc, part) => acc * 60 + part, 0);
  return { wallSeconds: wall, cpuSeconds: Number(field('User time \\(seconds\\)')) + Number(field('System time \\(seconds\\)')), peakRssMb: Number(field('Maximum resident set size \\(kbytes\\)')) / 1024 };
}

/** Files under `dir`: count, raw bytes and gzip bytes (each file compressed on its own, as served). */
async function outputSize(dir: string): Promise<{ files: number; bytes: number; gzipBytes: number }> {
  let files = 0; let bytes = 0; let gzipBytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const data = await readFile(join(entry.parentPath ?? entry.path, entry.name));
    files++; bytes += data.length; gzipBytes += gzipSync(data).length;
  }
  return { files, bytes, gzipBytes };
}

/** Builds both engines over a content folder; returns their stats and the served folders. */
async function buildBoth(content: string, work: string): Promise<{ stats: Record<Engine, BuildStats>; sites: Record<Engine, string> }> {
  const sagasuSite = join(work, 'sagasu-site');
  const cache = join(work, 'analysis-cache');
  await rm(cache, { recursive: true, force: true });
  // Timed: the step a Hugo deploy adds after Hugo (`sagasu index`), every page tokenised (the
  // cache starts empty; writing it is counted). Pagefind's timed step also reads finished HTML.
  const sagasuRun = await timed(process.execPath, [HEAP, ...CLI, 'index', '--quiet', '--cache', cache, '--content', content, '--out', sagasuSite]);
  // Not timed: the demo site's HTML pages both engines are served with (Hugo's part in a real
  // deploy); the analyses come from the cache, the index is written again byte for byte.
  await run(process.execPath, [HEAP, ...CLI, 'build', '--quiet', '--cache', cache, '--content', content, '--out', sagasuSite], { maxBuffer: 64 * 1024 * 1024 });
  const pagefindSite = join(work, 'pagefind-site');
  await rm(pagefindSite, { recursive: true, force: true });
  await cp(sagasuSite, pagefindSite, { recursive: true, filter: (src) => !relative(sagasuSite, src).startsWith('sagasu') });
  await mkdir(join(pagefindSite, 'pf'), { recursive: true });
  await writeFile(join(pagefindSite, 'pf', 'index.html'), `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Pagefind</title>
<link rel="icon" href="data:,"><link href="/pagefind/pagefind-ui.css" rel="stylesheet"><link href="/pf/font.css" rel="stylesheet"><script src="/pagefind/pagefind-ui.js"></script><script src="/pf/init.js" defer></script></head>
<body><main><div id="search"></div></main></body></html>\n`);
  // The Japanese font stack Sagasu's search page names, through Pagefind UI's documented variable:
  // left to fallback, shaping Japanese text costs Chromium tens of milliseconds per answer.
  await writeFile(join(pagefindSite, 'pf', 'font.css'), `:root{--pagefind-ui-font:${SEARCH_PAGE_FONT}}\n`);
  await writeFile(join(pagefindSite, 'pf', 'init.js'), `new PagefindUI(${PAGEFIND_UI_OPTIONS});\n`);
  const pagefindBin = join('node_modules', '.bin', 'pagefind');
  const pagefindRun = await timed(pagefindBin, ['--site', pagefindSite, '--silent']);
  return {
    stats: {
      sagasu: { ...sagasuRun, ...(await outputSize(join(sagasuSite, 'sagasu'))) },
      pagefind: { ...pagefindRun, ...(await outputSize(join(pagefindSite, 'pagefind'))) },
    },
    sites: { sagasu: sagasuSite, pagefind: pagefindSite },
  };
}

/** Serves both sites and counts the bytes each sends. */
async function serveBoth(sites: Record<Engine, string>): Promise<{ servers: Record<Engine, RunningServer>; sent: Record<Engine, number>; close(): void }> {
  const sent: Record<Engine, number> = { sagasu: 0, pagefind: 0 };
  const servers = {
    sagasu: await serve(sites.sagasu, 0, { onSent: (_p, n) => { sent.sagasu += n; } }),
    pagefind: await serve(sites.pagefind, 0, { csp: PF_CSP, onSent: (_p, n) => { sent.pagefind += n; } }),
  };
  return { servers, sent, close: () => { servers.sagasu.close(); servers.pagefind.close(); } };
}

async function installLongTaskObserver(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  });
}
const takeLongTasks = (page: Page) => page.evaluate(() => { const w = window as unknown as { __longTasks: number[] }; const t = w.__longTasks; w.__longTasks = []; return t; });

/** One cold run: fresh profile, open the search page, type the query, wait for results; `throttle` slows the network first. */
async function coldRun(engine: Engine, base: string, sent: Record<Engine, number>, throttle = false): Promise<ColdSample> {
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await installLongTaskObserver(page);
    if (throttle) {
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', THROTTLE);
    }
    sent[engine] = 0;
    await page.goto(`${base}${SEARCH_PAGE[engine]}`, { waitUntil: 'commit' });
    const input = page.locator(INPUT[engine]);
    await input.waitFor();
    await input.fill(COLD_QUERY);
    const shown = await resultsShown(page, engine, COLD_QUERY);
    // Bytes to first results: what the UI fetches afterwards (more results, prefetch) varies run to run.
    const bytes = sent[engine];
    await page.waitForTimeout(50);
    return { ms: shown.at, bytes, shown: shown.options, longTasks: await takeLongTasks(page) };
  } finally {
    await browser.close();
  }
}

/** Warm queries typed one after another on a loaded page. */
async function warmRun(engine: Engine, base: string, sent: Record<Engine, number>, queries: string[]): Promise<{ samples: WarmSample[]; longTasks: number[] }> {
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await installLongTaskObserver(page);
    await page.goto(`${base}${SEARCH_PAGE[engine]}`);
    const input = page.locator(INPUT[engine]);
    await input.fill(COLD_QUERY);
    await resultsShown(page, engine, COLD_QUERY);
    await page.waitForTimeout(200);
    await takeLongTasks(page);
    const samples: WarmSample[] = [];
    for (const query of queries) {
      sent[engine] = 0;
      const start = await page.evaluate(() => performance.now());
      await input.fill(query);
      const shown = await resultsShown(page, engine, query);
      samples.push({ query, ms: shown.at - start, bytes: sent[engine], shown: shown.options });
    }
    return { samples, longTasks: await takeLongTasks(page) };
  } finally {
    await browser.close();
  }
}

/** Pages Pagefind finds for each query, through its own JS API in the browser. */
async function pagefindPages(base: string, queries: readonly string[]): Promise<Map<string, Set<string>>> {
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${base}pf/`);
    const found = await page.evaluate(async (qs) => {
      const pagefind = await import('/pagefind/pagefind.js' as string) as { search(q: string): Promise<{ results: { data(): Promise<{ url: string }> }[] }> };
      const out: [string, string[]][] = [];
      for (const q of qs) {
        const response = await pagefind.search(q);
        const data = await Promise.all(response.results.map((r) => r.data()));
        out.push([q, data.map((d) => d.url.replace(/index\.html$/, ''))]);
      }
      return out;
    }, [...queries]);
    return new Map(found.map(([q, urls]) => [q, new Set(urls)]));
  } finally {
    await browser.close();
  }
}

/** Opens the built Sagasu index from disk, as the CLI does. */
async function openBuilt(site: string): Promise<SearchIndex> {
  const folder = join(site, 'sagasu');
  return openSearch(async (name) => new Uint8Array(await readFile(join(folder, name))), folder);
}

/** The core's own query time in Node: the first search of each query, then `repeats` warm rounds. */
async function coreTiming(index: SearchIndex, queries: readonly string[], repeats: number): Promise<CoreTiming> {
  const first: { query: string; ms: number }[] = [];
  for (const query of queries) {
    const start = performance.now();
    await index.search(query, { limit: 10 });
    first.push({ query, ms: performance.now() - start });
  }
  const warm: number[] = [];
  for (let r = 0; r < repeats; r++) {
    for (const query of queries) {
      const start = performance.now();
      await index.search(query, { limit: 10 });
      warm.push(performance.now() - start);
    }
  }
  return { first, warm };
}

async function scenario(scale: number, content: string, work: string): Promise<Scenario> {
  const { stats, sites } = await buildBoth(content, work);
  const manifest = JSON.parse(await readFile(join(sites.sagasu, 'sagasu', 'manifest.json'), 'utf8')) as { pages: number };
  const result: Scenario = {
    scale, pages: manifest.pages, build: stats, cold: { sagasu: [], pagefind: [] }, throttled: { sagasu: [], pagefind: [] },
    core: { first: [], warm: [] }, warm: { sagasu: { samples: [], longTasks: [] }, pagefind: { samples: [], longTasks: [] } },
  };
  // The rebuild figures need `sagasu dev` running for seconds: left out of the quick check, which must stay short.
  if (scale === 1 && !QUICK) result.rebuild = await rebuildAfterNewLog(content, work);
  const index = await openBuilt(sites.sagasu);
  result.core = await coreTiming(index, warmQueries, CORE_REPEATS);
  const { servers, sent, close } = await serveBoth(sites);
  try {
    const runs = coldRuns(scale);
    for (let i = 0; i < runs; i++) {
      for (const engine of i % 2 === 0 ? ENGINES : [...ENGINES].reverse()) {
        result.cold[engine].push(await coldRun(engine, servers[engine].url, sent));
        process.stderr.write(`\r  ${scale}×: cold run ${i + 1}/${runs}`);
      }
    }
    const slow = throttledRuns(scale);
    for (let i = 0; i < slow; i++) {
      for (const engine of i % 2 === 0 ? [...ENGINES].reverse() : ENGINES) {
        result.throttled[engine].push(await coldRun(engine, servers[engine].url, sent, true));
        process.stderr.write(`\r  ${scale}×: throttled cold run ${i + 1}/${slow}`);
      }
    }
    process.stderr.write('\n');
    for (const engine of ENGINES) result.warm[engine] = await warmRun(engine, servers[engine].url, sent, warmQueries);
    if (scale === 1) {
      // Ground truth needs each page's visible text: only at 1×, where building in process is cheap.
      const build = await buildIndex({ content, baseUrl: '', buildFuture: false, today: new Date().toISOString().slice(0, 10) });
      const queries = QUICK ? EVERYDAY_QUERIES.slice(0, 8) : EVERYDAY_QUERIES;
      const truth = visiblePages(build.pages);
      const pf = await pagefindPages(servers.pagefind.url, queries);
      const row = (query: string, found: Set<string>) => {
        const relevant = relevantPages(truth, query);
        const s = score(found, relevant);
        return { query, recall: s.recall, precision: s.precision, found: found.size, relevant: relevant.size };
      };
      result.quality = {
        sagasu: await Promise.all(queries.map(async (q) => row(q, new Set((await index.search(q, { limit: 0, topicsPerPage: 1 })).results.map((r) => r.page))))),
        pagefind: queries.map((q) => row(q, pf.get(q) ?? new Set())),
      };
    }
  } finally {
    close();
  }
  return result;
}

/**
 * Seconds until the output is rebuilt after one new meeting log: Sagasu's CLI with its cache,
 * Sagasu's `dev` mode (file written → summary line printed), and Pagefind, which has no
 * incremental mode and rebuilds in full.
 */
async function rebuildAfterNewLog(content: string, work: string): Promise<NonNullable<Scenario['rebuild']>> {
  const copy = join(work, 'content-plus');
  await rm(copy, { recursive: true, force: true });
  await cp(content, copy, { recursive: true });
  const out = join(work, 'rebuild-site');
  const cache = join(work, 'cache');
  await run(process.execPath, [...CLI, 'build', '--quiet', '--cache', cache, '--content', copy, '--out', out]);
  const seed = await readFile('content/kakogawa_infra/2019/09.md', 'utf8');
  const month = (n: number) => String(n).padStart(2, '0');
  const newLog = (n: number) => seed.replace('2019.09', `2099.${month(n)}`).replace(/date: .*/, 'date: 2020-01-01');
  await mkdir(join(copy, 'kakogawa_infra', '2099'), { recursive: true });
  await writeFile(join(copy, 'kakogawa_infra', '2099', `${month(1)}.md`), newLog(1));
  const cli = await timed(process.execPath, [...CLI, 'build', '--quiet', '--cache', cache, '--content', copy, '--out', out]);

  const dev = spawn(process.execPath, [...CLI, 'dev', '--quiet', '--cache', cache, '--content', copy, '--out', out, '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const devRuns: number[] = [];
  try {
    const lines: string[] = [];
    let wake: (() => void) | undefined;
    dev.stdout.setEncoding('utf8').on('data', (chunk: string) => { lines.push(...chunk.split('\n').filter(Boolean)); wake?.(); });
    const waitFor = async (pattern: RegExp, after: number) => {
      const deadline = Date.now() + 60_000;
      while (!lines.slice(after).some((l) => pattern.test(l))) {
        if (Date.now() > deadline) throw new Error(`sagasu dev did not print ${pattern}`);
        await new Promise<void>((r) => { wake = r; setTimeout(r, 50); });
      }
    };
    await waitFor(/^Serving /, 0);
    await new Promise((r) => setTimeout(r, 3000)); // the dictionary loads in the background meanwhile
    // One rebuild is one sample of a noisy machine (0.75–1.2 s for the same change in one
    // session): the figure is the median of DEV_REBUILDS new logs, each after the last settled.
    for (let n = 2; n < 2 + DEV_REBUILDS; n++) {
      const before = lines.length;
      const started = performance.now();
      await writeFile(join(copy, 'kakogawa_infra', '2099', `${month(n)}.md`), newLog(n));
      await waitFor(/ pages, .* topics → /, before);
      devRuns.push((performance.now() - started) / 1000);
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    dev.kill('SIGINT');
  }
  const pagefind = await timed(join('node_modules', '.bin', 'pagefind'), ['--site', join(work, 'pagefind-site'), '--silent']);
  return { cli: cli.wallSeconds, dev: median(devRuns), devRuns, pagefind: pagefind.wallSeconds };
}

// ---- statistics and the table ----
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN);
};
const median = (xs: number[]) => quantile(xs, 0.5);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

function rows(label: string, s: Scenario): [string, number, number, string][] {
  const r: [string, number, number, string][] = [];
  const both = (name: string, f: (e: Engine) => number, unit: string) => r.push([`${label} ${name}`, f('sagasu'), f('pagefind'), unit]);
  both('build wall', (e) => s.build[e].wallSeconds, 's');
  both('build CPU', (e) => s.build[e].cpuSeconds, 's');
  both('build peak RSS', (e) => s.build[e].peakRssMb, 'MB');
  both('output files', (e) => s.build[e].files, '');
  both('output size', (e) => s.build[e].bytes / 1e3, 'kB');
  both('output size gzip', (e) => s.build[e].gzipBytes / 1e3, 'kB');
  if (s.rebuild) {
    r.push([`${label} rebuild after one new log: sagasu build (cached) vs full`, s.rebuild.cli, s.rebuild.pagefind, 's']);
    r.push([`${label} rebuild after one new log: sagasu dev (median of ${s.rebuild.devRuns.length}) vs full`, s.rebuild.dev, s.rebuild.pagefind, 's']);
  }
  both('cold first results median', (e) => median(s.cold[e].map((c) => c.ms)), 'ms');
  both('cold first results p90', (e) => quantile(s.cold[e].map((c) => c.ms), 0.9), 'ms');
  both('cold bytes to first results median', (e) => median(s.cold[e].map((c) => c.bytes)) / 1e3, 'kB');
  both('cold long tasks > 50 ms (sum of runs)', (e) => s.cold[e].reduce((n, c) => n + c.longTasks.filter((d) => d > 50).length, 0), '');
  both('throttled cold first results median', (e) => median(s.throttled[e].map((c) => c.ms)), 'ms');
  both('throttled cold bytes to first results median', (e) => median(s.throttled[e].map((c) => c.bytes)) / 1e3, 'kB');
  both('warm query p50', (e) => median(s.warm[e].samples.map((w) => w.ms)), 'ms');
  both('warm query p95', (e) => quantile(s.warm[e].samples.map((w) => w.ms), 0.95), 'ms');
  both('warm bytes per query median', (e) => median(s.warm[e].samples.map((w) => w.bytes)) / 1e3, 'kB');
  both('long tasks > 50 ms while typing', (e) => s.warm[e].longTasks.filter((d) => d > 50).length, '');
  // Pagefind's search runs only in the browser (WebAssembly): no Node figure to set against these.
  const sagasuOnly = (name: string, value: number, unit: string) => r.push([`${label} ${name}`, value, NaN, unit]);
  sagasuOnly('core first search max (Node, files from disk)', Math.max(...s.core.first.map((f) => f.ms)), 'ms');
  sagasuOnly('core warm median (Node)', median(s.core.warm), 'ms');
  sagasuOnly('core warm p95 (Node)', quantile(s.core.warm, 0.95), 'ms');
  sagasuOnly('core warm max (Node)', Math.max(...s.core.warm), 'ms');
  if (s.quality) {
    both('recall (mean)', (e) => mean(s.quality?.[e].map((q) => q.recall) ?? []), '');
    both('precision (mean)', (e) => mean(s.quality?.[e].map((q) => q.precision) ?? []), '');
  }
  return r;
}

function formatTable(all: [string, number, number, string][]): string {
  const fmt = (n: number) => (Number.isNaN(n) ? '—' : Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(3).replace(/\.?0+$/, '') || '0');
  const lines = ['| figure | Sagasu | Pagefind | Sagasu / Pagefind |', '|---|---:|---:|---:|'];
  for (const [name, a, b, unit] of all) {
    const ratio = Number.isNaN(a) || Number.isNaN(b) ? '—' : b === 0 ? (a === 0 ? '—' : '∞') : (a / b).toFixed(2);
    lines.push(`| ${name}${unit ? ` (${unit})` : ''} | ${fmt(a)} | ${fmt(b)} | ${ratio} |`);
  }
  return lines.join('\n');
}

// ---- main ----
const content = String(args.content);
if (!(await stat(content).catch(() => undefined))?.isDirectory()) {
  process.stderr.write(`error: ${content}: content folder not found. Pass --content DIR.\n`);
  process.exit(2);
}
const work = await mkdtemp(join(tmpdir(), 'sagasu-bench-'));
try {
  process.stderr.write('Compiling the CLI (npm run build:package)…\n');
  await run(process.execPath, ['--import', 'tsx', 'pkg/build.ts']);
  const browserVersion = await (async () => { const b = await launchBrowser(); const v = b.context.browser()?.version() ?? (await run('/usr/bin/chromium', ['--version'])).stdout.trim(); await b.close(); return v; })();
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version,
    chromium: browserVersion,
    sagasu: JSON.parse(await readFile('package.json', 'utf8')).version as string,
    pagefind: (await run(join('node_modules', '.bin', 'pagefind'), ['--version'])).stdout.trim(),
  };
  const results: Scenario[] = [];
  for (const scale of [...SCALES].sort((a, b) => a - b)) {
    let corpus = content;
    if (scale > 1) {
      corpus = join(work, `content-x${scale}`);
      const started = performance.now();
      const pages = await growCorpus(content, corpus, scale);
      process.stderr.write(`${scale}× corpus: ${pages} pages grown with perturbed text in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    } else process.stderr.write(`1× corpus: ${content}\n`);
    results.push(await scenario(scale, corpus, join(work, `x${scale}`)));
    // Each scale's rows as soon as they are measured: a later, larger scale may take long or fail.
    process.stderr.write(`${formatTable(rows(`${scale}×`, results[results.length - 1] as Scenario))}\n`);
    // The grown corpus and both built sites of a scale are not needed once measured: free the disk.
    if (scale > 1) await rm(corpus, { recursive: true, force: true });
    await rm(join(work, `x${scale}`), { recursive: true, force: true });
  }
  const one = results.find((r) => r.scale === 1);
  const table = formatTable(results.flatMap((r) => rows(`${r.scale}× (${r.pages} pages)`, r)));
  const defaultContent = args.content === '../shared/corpus/histudy-site/content';
  const command = `npm run bench --${QUICK ? ' --quick' : ''}${defaultContent ? '' : ` --content ${content}`}${args.scales ? ` --scales ${args.scales}` : ''}${args.runs ? ` --runs ${args.runs}` : ''}`;
  process.stdout.write(`Sagasu ${machine.sagasu} vs Pagefind ${machine.pagefind} — ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GiB, Node ${machine.node}, ${machine.chromium}\n`);
  process.stdout.write(`Each peer at its best: Pagefind UI with debounceTimeoutMs: 0 (its default 300 ms debounce is not counted as search time); build = Sagasu's compiled 'sagasu index' with an empty analysis cache vs Pagefind indexing the same HTML. Both served by one server, gzip on.\n`);
  process.stdout.write(`Cold runs per engine: ${results.map((r) => `${coldRuns(r.scale)} at ${r.scale}×`).join(', ')} (alternating, fresh profile each), cold query “${COLD_QUERY}”; throttled cold runs (CDP: ${THROTTLE.latency} ms latency, ${(THROTTLE.downloadThroughput * 8 / 1e6).toFixed(1)} Mbit/s down, ${(THROTTLE.uploadThroughput * 8 / 1e3).toFixed(0)} kbit/s up): ${results.map((r) => `${throttledRuns(r.scale)} at ${r.scale}×`).join(', ')}; ${warmQueries.length} warm queries, also timed in Node (${CORE_REPEATS} warm rounds, limit 10). Command: ${command}\n\n${table}\n`);
  if (one?.quality) {
    process.stdout.write('\nPer-query quality at 1× (pages found / relevant; recall, precision):\n');
    one.quality.sagasu.forEach((s, i) => {
      const p = one.quality?.pagefind[i];
      if (!p || (s.recall === 1 && s.precision === 1 && p.recall === 1 && p.precision === 1)) return;
      process.stdout.write(`  ${s.query}: Sagasu ${s.found}/${s.relevant} (${s.recall.toFixed(2)}, ${s.precision.toFixed(2)}); Pagefind ${p.found}/${p.relevant} (${p.recall.toFixed(2)}, ${p.precision.toFixed(2)})\n`);
    });
  }
  if (one?.rebuild) process.stdout.write(`sagasu dev rebuilds after each of ${one.rebuild.devRuns.length} new logs: ${one.rebuild.devRuns.map((x) => x.toFixed(2)).join(', ')} s\n`);
  for (const r of results) {
    const slowest = [...r.core.first].sort((a, b) => b.ms - a.ms).slice(0, 3).map((f) => `${f.query} ${f.ms.toFixed(1)} ms`).join(', ');
    process.stdout.write(`Core first searches at ${r.scale}×, slowest: ${slowest}\n`);
  }
  if (args.json) await writeFile(String(args.json), `${JSON.stringify({ machine, command, runs: RUNS, scales: SCALES, coldQuery: COLD_QUERY, throttle: THROTTLE, pagefindUi: PAGEFIND_UI_OPTIONS, x1: one, results }, null, 2)}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
