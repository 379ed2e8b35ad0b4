/**
 * Where a query's time goes in the page: for each query, when the input event fired, when the
 * page posted the search to the worker, when the answer came back and when the results were on
 * screen, and the span of every request in between (all in ms from the query's start).
 *
 *   npx sagasu build --out dist && npx tsx bench/timeline.ts --site dist            # warm queries
 *   npx tsx bench/timeline.ts --site dist --cold 5 [--throttle]                    # cold page loads
 *
 * A diagnostic, not a benchmark: the ratios against Pagefind come from `npm run bench`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { serve } from '../indexer/serve.ts';
import { launchBrowser } from '../test/e2e/browser.ts';
import { COLD_QUERY, INPUT, SEARCH_PAGE, THROTTLE, WARM_QUERIES, resultsShown } from './page.ts';

const { values: args } = parseArgs({
  options: {
    site: { type: 'string', default: 'dist' },
    cold: { type: 'string' },
    throttle: { type: 'boolean', default: false },
    queries: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  process.stdout.write(`Usage: npx tsx bench/timeline.ts [--site DIR] [--cold N] [--throttle] [--queries a,b,…]
  --site DIR    a folder built by \`sagasu build --out DIR\` (default dist)
  --cold N      N cold page loads (fresh profile each) of the search page, typing “${COLD_QUERY}”;
                without it, the bench's warm queries typed one after another on one loaded page
  --throttle    the bench's throttled network (${THROTTLE.latency} ms, ${(THROTTLE.downloadThroughput * 8 / 1e6).toFixed(1)} Mbit/s down)
  --queries     comma-separated warm queries instead of the bench's
`);
  process.exit(0);
}

/**
 * Marks the page's side of a search, on the page's clock: the input event, each message to the
 * worker and each reply. A string, so that no bundler helper leaks into the page.
 */
const MARKS = `
  window.__marks = [];
  const mark = (name) => window.__marks.push([name, performance.now()]);
  document.addEventListener('input', () => mark('input'), true);
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, transfer) { if (message && message.type) mark('post-' + message.type); return post.call(this, message, transfer); };
  const Base = Worker;
  window.Worker = class extends Base {
    constructor(url, options) { mark('worker'); super(url, options); this.addEventListener('message', (e) => { if (e.data && e.data.type) mark('got-' + e.data.type); }); }
  };
`;

type Span = { name: string; start: number; end: number };

/** Starts recording the spans of requests (page and worker), on the page's clock. */
function recordRequests(page: Page): { take(origin: number): Span[] } {
  let spans: { name: string; start: number; end: number }[] = [];
  page.context().on('requestfinished', (request) => {
    const t = request.timing();
    spans.push({ name: request.url().replace(/^[a-z]+:\/\/[^/]+\/(?:sagasu\/)?(?:b-[0-9a-f]+\/)?/, '') || 'index.html', start: t.startTime + t.requestStart, end: t.startTime + t.responseEnd });
  });
  return {
    take(origin) {
      const taken = spans.map((s) => ({ ...s, start: s.start - origin, end: s.end - origin })).sort((a, b) => a.start - b.start);
      spans = [];
      return taken;
    },
  };
}

const ms = (n: number) => n.toFixed(0);
const line = (label: string, shown: number, marks: [string, number][], spans: Span[]) =>
  `${label.padEnd(14)} ${shown.toFixed(1).padStart(7)} ms  ${marks.map(([n, t]) => `${n}@${ms(t)}`).join(' ')}\n${spans.map((s) => `${' '.repeat(16)}${ms(s.start).padStart(5)}–${ms(s.end).padStart(5)}  ${s.name}`).join('\n')}\n`;
const takeMarks = (page: Page, since: number) => page.evaluate((t0) => {
  const w = window as unknown as { __marks: [string, number][] };
  const marks = w.__marks.map(([n, t]): [string, number] => [n, t - t0]);
  w.__marks = [];
  return marks;
}, since);

async function throttle(page: Page): Promise<void> {
  if (!args.throttle) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', THROTTLE);
}

if (!existsSync(join(args.site, 'sagasu', 'manifest.json'))) {
  process.stderr.write(`error: ${args.site}: no search page here (no sagasu/manifest.json). Build one first: npx sagasu build --out ${args.site}\n`);
  process.exit(2);
}
const server = await serve(args.site, 0, {});
try {
  if (args.cold) {
    for (let i = 0; i < Number(args.cold); i++) {
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        await page.addInitScript(MARKS);
        await throttle(page);
        const requests = recordRequests(page);
        await page.goto(`${server.url}${SEARCH_PAGE.sagasu}`, { waitUntil: 'commit' });
        const input = page.locator(INPUT.sagasu);
        await input.waitFor();
        await input.fill(COLD_QUERY);
        const shown = await resultsShown(page, 'sagasu', COLD_QUERY);
        await page.waitForTimeout(50);
        const origin = await page.evaluate(() => performance.timeOrigin);
        process.stdout.write(line(`cold ${i + 1}`, shown.at, await takeMarks(page, 0), requests.take(origin)));
      } finally {
        await browser.close();
      }
    }
  } else {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.addInitScript(MARKS);
      await throttle(page);
      await page.goto(`${server.url}${SEARCH_PAGE.sagasu}`);
      const input = page.locator(INPUT.sagasu);
      await input.fill(COLD_QUERY);
      await resultsShown(page, 'sagasu', COLD_QUERY);
      await page.waitForTimeout(200);
      const requests = recordRequests(page);
      const origin = await page.evaluate(() => performance.timeOrigin);
      const times: number[] = [];
      for (const query of args.queries ? args.queries.split(',') : WARM_QUERIES) {
        await takeMarks(page, 0);
        requests.take(0);
        const start = await page.evaluate(() => performance.now());
        await input.fill(query);
        const shown = await resultsShown(page, 'sagasu', query);
        await page.waitForTimeout(30); // the last requests' timings arrive after the frame
        times.push(shown.at - start);
        process.stdout.write(line(query, shown.at - start, await takeMarks(page, start), requests.take(origin + start)));
      }
      times.sort((a, b) => a - b);
      process.stdout.write(`median ${(times[times.length >> 1] ?? 0).toFixed(1)} ms over ${times.length} queries\n`);
    } finally {
      await browser.close();
    }
  }
} finally {
  server.close();
}
