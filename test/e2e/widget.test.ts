/**
 * The widget in real Chromium, on the demo site served under the strict CSP of `sagasu serve`.
 * Skipped with a message when /usr/bin/chromium is absent (.ci/run installs it).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, hasChromium, launchBrowser } from './browser.ts';
import { buildAndServe, type TestSite } from './site.ts';
import { CORPUS, FIXTURE_SITE } from '../helpers.ts';
import { INDEX_FORMAT_VERSION } from '../../web/core/format.ts';

const skip = hasChromium() ? false : `${CHROMIUM} not found; install Debian's chromium to run the browser tests`;

/** Opens a page and records console errors, page errors and CSP violations. */
async function open(context: BrowserContext, url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.exposeFunction('__sagasuCsp', (v: string) => problems.push(`csp: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __sagasuCsp(v: string): void }).__sagasuCsp(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  return { page, problems };
}

const options = (page: Page) => page.locator('sagasu-search a[role=option]');

describe('widget in Chromium', { skip }, () => {
  let site: TestSite;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  before(async () => {
    site = await buildAndServe(FIXTURE_SITE);
    browser = await launchBrowser();
  });
  after(async () => { await browser?.close(); await site?.close(); });

  it('shows results for a Japanese query on the search page and lands on the heading', async () => {
    const { page, problems } = await open(browser.context, `${site.url}sagasu/`);
    await page.locator('sagasu-search input').fill('冗長化');
    await options(page).first().waitFor();
    assert.equal(await options(page).first().getAttribute('href'), '/kakogawa_infra/2021/05/#冗長化の話');
    assert.match(await page.locator('sagasu-search mark').first().innerText(), /冗長化/);
    assert.equal(new URL(page.url()).searchParams.get('q'), '冗長化');
    await options(page).first().click();
    await page.waitForURL(/\/kakogawa_infra\/2021\/05\/#/);
    const inView = await page.evaluate(() => {
      const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      const box = target?.getBoundingClientRect();
      return !!box && box.top >= 0 && box.top < window.innerHeight;
    });
    assert.equal(inView, true);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('works embedded in a content page header, with arrow keys and Enter, under the CSP', async () => {
    const { page, problems } = await open(browser.context, `${site.url}histudy/2020/02/`);
    const input = page.locator('sagasu-search input');
    await input.click();
    await input.pressSequentially('Prometheus');
    await options(page).first().waitFor();
    // The first result is active as soon as results arrive (DocSearch); one ArrowDown moves to the second.
    assert.equal(await options(page).first().getAttribute('aria-selected'), 'true');
    await input.press('ArrowDown');
    const second = await options(page).nth(1).getAttribute('href');
    assert.equal(await options(page).nth(1).getAttribute('aria-selected'), 'true');
    assert.equal(await input.getAttribute('aria-activedescendant'), await options(page).nth(1).getAttribute('id'));
    await input.press('Enter');
    await page.waitForURL((url) => url.href.startsWith(new URL(second ?? '', site.url).href.split('#')[0] ?? ''));
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('loads the index only on intent (focus), not with every page view', async () => {
    const page = await browser.context.newPage();
    const fetched: string[] = [];
    page.on('request', (r) => { if (/manifest\.json|\/b-[0-9a-f]{16}\/|sagasu-worker\.js/.test(r.url())) fetched.push(r.url().split('/sagasu/').pop() ?? ''); });
    await page.goto(`${site.url}histudy/2020/01/`);
    await page.waitForTimeout(500);
    assert.equal(fetched.length, 0, fetched.join(' '));
    await page.locator('sagasu-search input').focus();
    await page.waitForFunction(() => true);
    await page.locator('sagasu-search input').fill('京都');
    await options(page).first().waitFor();
    assert.ok(fetched.includes('manifest.json') && fetched.some((f) => /^b-[0-9a-f]{16}\/p\//.test(f)), fetched.join(' '));
    await page.close();
  });

  it('does not search or navigate while an IME composes, and searches after the commit', async () => {
    const { page, problems } = await open(browser.context, `${site.url}histudy/2020/01/`);
    const input = page.locator('sagasu-search input');
    await input.click();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'れだんかん', selectionStart: 5, selectionEnd: 5 });
    await cdp.send('Input.imeSetComposition', { text: '冗長化', selectionStart: 3, selectionEnd: 3 });
    // The Enter that confirms a conversion arrives as keyCode 229 while composing.
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229 });
    await page.waitForTimeout(300);
    assert.equal(await options(page).count(), 0, 'no search during composition');
    await cdp.send('Input.insertText', { text: '冗長化' });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
    await options(page).first().waitFor();
    assert.equal(new URL(page.url()).pathname, '/histudy/2020/01/');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('still searches when a phone keyboard composes every Latin word (Android)', async () => {
    const { page, problems } = await open(browser.context, `${site.url}histudy/2020/01/`);
    await page.locator('sagasu-search input').click();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'ansible', selectionStart: 7, selectionEnd: 7 });
    await page.locator('sagasu-search mark', { hasText: /ansible/i }).first().waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('searches hostile content without running any of it', async () => {
    const { page, problems } = await open(browser.context, `${site.url}sagasu/`);
    for (const q of ['スクリプト', 'クリック', '</mark>', '<script>alert(1)</script>', 'override', 'データURL', '\u202Eevil']) {
      await page.locator('sagasu-search input').fill(q);
      await page.waitForTimeout(150);
    }
    await page.locator('sagasu-search input').fill('クリック');
    await page.locator('sagasu-search mark', { hasText: 'クリック' }).first().waitFor();
    assert.equal(await page.locator('sagasu-search a[role=option][href^="javascript:"]').count(), 0);
    await page.goto(`${site.url}notes/hostile/`);
    const state = await page.evaluate(() => ({
      pwned: (window as unknown as { __sagasuPwned?: number }).__sagasuPwned,
      scripts: document.querySelectorAll('main script, main img[onerror], main a[href^="javascript:"], main a[href^="data:"], main img[src^="javascript:"]').length,
    }));
    assert.deepEqual(state, { pwned: undefined, scripts: 0 });
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('keeps up with 200 queries typed as fast as events allow: right final result, no long task, steady memory', async () => {
    const { page, problems } = await open(browser.context, `${site.url}sagasu/`);
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: false });
    });
    const input = page.locator('sagasu-search input');
    await input.fill('サーバー');
    await options(page).first().waitFor();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    };
    const before = await heap();
    const words = ['サーバー', 'ansible', '冗長化', 'AWS', '構成管理', 'Prometheus', '京都', 'docker', 'かこがわ', 'データ'];
    for (let i = 0; i < 200; i++) await input.fill(words[i % words.length] ?? '');
    await input.fill('加古川');
    await page.locator('sagasu-search mark', { hasText: '加古川' }).first().waitFor();
    await page.waitForTimeout(300);
    const marks = await page.locator('sagasu-search mark').allInnerTexts();
    assert.ok(marks.length > 0 && marks.every((m) => m === '加古川'), marks.join(','));
    const after = await heap();
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    console.log(`# 201 queries typed: long tasks ${JSON.stringify(longTasks.map(Math.round))}, JS heap ${(before / 1e6).toFixed(1)} → ${(after / 1e6).toFixed(1)} MB`);
    // The 50 ms target is the bench's to check (it counts tasks over 50 ms while typing); on two
    // shared cores a test run sees the odd 55–60 ms task from GC or layout, so this guards against
    // the main thread doing search work (hundreds of ms), not against noise.
    assert.deepEqual(longTasks.filter((d) => d > 200), []);
    assert.ok(after < before + 10e6, 'heap steady');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('keeps the query in ?q= with working back and forward', async () => {
    const { page, problems } = await open(browser.context, `${site.url}sagasu/`);
    const input = page.locator('sagasu-search input');
    await input.fill('冗長化');
    await page.waitForURL(/q=%E5%86%97/);
    await page.waitForTimeout(900); // the query settles into its own history entry
    await input.fill('京都');
    await page.waitForURL(/q=%E4%BA%AC/);
    await page.goBack();
    await page.waitForURL(/q=%E5%86%97/);
    assert.equal(await input.inputValue(), '冗長化');
    await page.locator('sagasu-search mark', { hasText: '冗長化' }).first().waitFor();
    await page.goForward();
    assert.equal(await input.inputValue(), '京都');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('says so in the box, and logs one error, when the index has another format version', async () => {
    const { page, problems } = await open(browser.context, `${site.url}sagasu/`);
    // On the context, so that the worker's own requests are rewritten too.
    await browser.context.route('**/sagasu/manifest.json', async (route) => {
      const response = await route.fetch();
      const manifest = await response.json() as Record<string, unknown>;
      await route.fulfill({ response, body: JSON.stringify({ ...manifest, version: 99 }) });
    });
    await page.reload();
    await page.locator('sagasu-search input').fill('冗長化');
    await page.locator('sagasu-search [role=status]', { hasText: '再構築' }).waitFor();
    assert.deepEqual(problems.length, 1);
    assert.match(problems[0] ?? '', new RegExp(`console: sagasu: .*manifest\\.json: index format version 99 is not supported by this Sagasu \\(format version ${INDEX_FORMAT_VERSION}\\)\\. Rebuild the index with this version of Sagasu\\.`));
    await browser.context.unrouteAll({ behavior: 'ignoreErrors' });
    await page.close();
  });

  it('searches in the page itself when the worker cannot start', async () => {
    // A host whose policy allows scripts but no workers.
    await browser.context.route('**/sagasu/', async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers(), 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; worker-src 'none'" };
      await route.fulfill({ response, headers });
    });
    try {
      const { page, problems } = await open(browser.context, `${site.url}sagasu/`);
      await page.locator('sagasu-search input').fill('冗長化');
      await page.locator('sagasu-search mark', { hasText: '冗長化' }).first().waitFor();
      assert.deepEqual(problems.filter((p) => !/worker-src|Worker/.test(p)), []);
      await page.close();
    } finally {
      await browser.context.unrouteAll({ behavior: 'ignoreErrors' });
    }
  });

  it('fits a 320 px wide screen without horizontal scrolling', async () => {
    const small = await launchBrowser({ viewport: { width: 320, height: 640 } });
    try {
      const { page, problems } = await open(small.context, `${site.url}histudy/2020/01/`);
      await page.locator('sagasu-search input').fill('サーバー');
      await options(page).first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0);
      const panel = await page.locator('sagasu-search .sg-panel').boundingBox();
      assert.ok(panel && panel.x >= 0 && panel.x + panel.width <= 320, JSON.stringify(panel));
      assert.deepEqual(problems, []);
    } finally {
      await small.close();
    }
  });

  it('has no axe-core violations with results open, light and dark', async () => {
    const axe = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    for (const scheme of ['light', 'dark'] as const) {
      const { page } = await open(browser.context, `${site.url}sagasu/?q=サーバー`);
      await page.emulateMedia({ colorScheme: scheme });
      await options(page).first().waitFor();
      // CDP evaluation is not subject to the page's CSP, unlike an injected <script>.
      await page.evaluate(axe);
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run(o: object): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe.run({ resultTypes: ['violations'] });
        return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
      assert.deepEqual(violations, [], scheme);
      await page.close();
    }
  });
});

describe('widget on the real corpus', { skip: skip || (existsSync(CORPUS) ? false : `corpus not found at ${CORPUS}`) }, () => {
  let site: TestSite;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  before(async () => {
    site = await buildAndServe(CORPUS);
    browser = await launchBrowser();
  });
  after(async () => { await browser?.close(); await site?.close(); });

  it('opens /sagasu/?q=冗長化 with a first link that lands on a heading of the page', async () => {
    const { page, problems } = await open(browser.context, `${site.url}sagasu/?q=冗長化`);
    await options(page).first().waitFor();
    const href = (await options(page).first().getAttribute('href')) ?? '';
    const [path, hash = ''] = href.split('#');
    const id = decodeURIComponent(hash.split(':~:')[0] ?? '');
    await page.goto(new URL(path ?? '/', site.url).href);
    assert.ok(id !== '' && (await page.locator(`[id="${id}"]`).count()) === 1, `#${id} on ${path}`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('fills the search page with the next pages once the answer has stood, not while the visitor types', async () => {
    const { page, problems } = await open(browser.context, `${site.url}sagasu/`);
    const displayFiles: string[] = [];
    page.on('request', (r) => { if (/\/page\/\d+\.json$/.test(r.url())) displayFiles.push(r.url()); });
    const groups = page.locator('sagasu-search .sg-group');
    await page.setViewportSize({ width: 1000, height: 4000 }); // the end of the first five pages on screen
    await page.locator('sagasu-search input').fill('勉強会'); // on 140 of the 141 pages
    await page.waitForFunction(() => document.querySelector('sagasu-search')?.shadowRoot?.querySelector('[role=listbox]')?.getAttribute('data-query') === '勉強会');
    const first = await groups.count();
    const fetched = displayFiles.length;
    assert.equal(first, 5, 'five pages first');
    await page.waitForTimeout(200);
    assert.equal(displayFiles.length, fetched, 'no display file fetched for the next pages within 200 ms of the answer');
    assert.equal(await groups.count(), first);
    // The end of the list is on screen: the next pages come by themselves once the answer stands.
    await page.waitForFunction(() => (document.querySelector('sagasu-search')?.shadowRoot?.querySelectorAll('.sg-group').length ?? 0) > 5, undefined, { timeout: 10_000 });
    assert.ok(displayFiles.length > fetched);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
