/**
 * The widget as visitors meet it, in real Chromium: every mode (inline, modal, page) at 390 px
 * (touch) and 1280 px, light and dark, idle / results / empty / error / loading, on (a) the demo
 * site built from content/ and (b) a deliberately hostile host page (inherited nowrap, uppercase,
 * letter-spacing and right alignment; the box at the right end of a crowded header that has
 * `overflow: auto`; host classes .page .box .panel with nasty styles; a dark theme with green
 * links). Every combination is screenshotted into test-results/visual/ and its geometry checked.
 *
 *   node --import tsx --test test/e2e/visual.test.ts
 *   SAGASU_VISUAL_DOCS=1 …      also copies the README's screenshots into docs/
 *   SAGASU_VISUAL_OUT=DIR …     writes the screenshots elsewhere
 *   SAGASU_VISUAL_RECORD=1 …    records failed checks instead of failing (to shoot an old build)
 *
 * Skipped with a message when /usr/bin/chromium is absent.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium } from './browser.ts';
import { buildAndServe, type TestSite } from './site.ts';

const skip = hasChromium() ? false : `${CHROMIUM} not found; install Debian's chromium to run the browser tests`;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = process.env.SAGASU_VISUAL_OUT ?? join(ROOT, 'test-results', 'visual');
const RECORD = process.env.SAGASU_VISUAL_RECORD === '1';

type Mode = 'inline' | 'modal' | 'page';
type Host = 'demo' | 'hostile';
type Width = 390 | 1280;
type Scheme = 'light' | 'dark';
type State = 'idle' | 'results' | 'empty' | 'error' | 'loading';

const MODES: Mode[] = ['inline', 'modal', 'page'];
const HOSTS: Host[] = ['demo', 'hostile'];
const WIDTHS: Width[] = [1280, 390];
const SCHEMES: Scheme[] = ['light', 'dark'];

/** Screenshots the README shows (copied into docs/ with SAGASU_VISUAL_DOCS=1). */
const DOCS = ['demo-inline-1280-light-results', 'hostile-inline-1280-dark-results', 'demo-modal-390-light-results', 'demo-page-1280-dark-results', 'hostile-page-390-light-empty'];

const HOSTILE_CSS = `
body{margin:0;font:15px/1.6 Georgia,serif;background:#fff;color:#222}
a{color:#8a2be2}
header{display:flex;align-items:center;gap:12px;padding:8px 12px;overflow:auto;white-space:nowrap;text-transform:uppercase;
letter-spacing:.2em;text-align:right;font-weight:700;background:#f0f0f0;position:relative;z-index:1}
header nav{display:flex;gap:10px;flex:1 1 auto}
header sagasu-search{margin-left:auto;flex:0 1 260px}
.page{font-weight:700;display:flex;color:#c00;text-transform:uppercase}
.box{border:3px dashed #c00;padding:6px;font-weight:900}
.panel,.sg-panel,.sg{display:none !important;position:absolute;left:-9999px}
main{position:relative;z-index:2;background:inherit;padding:12px;text-align:right;white-space:nowrap;text-transform:uppercase;letter-spacing:.15em}
.cover{position:relative;z-index:5;height:600px;background:repeating-linear-gradient(45deg,#eee 0 10px,#ddd 10px 20px)}
@media (prefers-color-scheme:dark){body{background:#1b1b1b;color:#ddd}a{color:#5fd35f}header{background:#262626}}
`;

function hostileHtml(mode: Mode): string {
  // The host's .page reaches the element itself (bold, red, uppercase); .box wraps it; .panel (and
  // the widget's own class names) would hide anything inside the shadow root they could reach.
  const widget = `<sagasu-search${mode === 'inline' ? '' : ` mode="${mode}"`} class="page"${mode === 'page' ? ' autofocus' : ''}></sagasu-search>`;
  const header = `<header><a href="/">姫路IT系勉強会</a><nav><a href="/">ホーム</a><a href="/">開催履歴</a><a href="/">資料</a><a href="/">お問い合わせ</a></nav>${mode === 'page' ? '' : widget}</header>`;
  const main = mode === 'page'
    ? `<main class="page"><div class="box">${widget}</div></main>`
    : `<main class="page"><div class="cover"><p>ヘッダーの下に重なる z-index の高い本文</p></div></main>`;
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>hostile</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/hostile/hostile.css">
<script src="/sagasu/sagasu.js" defer></script></head><body>${header}${main}</body></html>`;
}

/** Where each mode lives on each host. */
function urlOf(site: TestSite, host: Host, mode: Mode): string {
  if (host === 'hostile') return `${site.url}hostile/${mode}.html`;
  if (mode === 'page') return `${site.url}sagasu/`;
  return `${site.url}${mode === 'modal' ? 'modal-demo/' : 'histudy/2021/10/'}`;
}

type Shot = { host: Host; mode: Mode; width: Width; scheme: Scheme };
const nameOf = (s: Shot, state: State) => `${s.host}-${s.mode}-${s.width}-${s.scheme}-${state}`;

describe('the widget looks right and stays on screen everywhere', { skip }, () => {
  let site: TestSite;
  let browser: Browser;
  const failures: string[] = [];
  let shots = 0;

  before(async () => {
    site = await buildAndServe(join(ROOT, 'content'));
    await mkdir(join(site.dir, 'hostile'), { recursive: true });
    await writeFile(join(site.dir, 'hostile', 'hostile.css'), HOSTILE_CSS);
    for (const mode of MODES) await writeFile(join(site.dir, 'hostile', `${mode}.html`), hostileHtml(mode));
    const demo = await readFile(join(site.dir, 'histudy', '2021', '10', 'index.html'), 'utf8');
    await mkdir(join(site.dir, 'modal-demo'), { recursive: true });
    await writeFile(join(site.dir, 'modal-demo', 'index.html'), demo.replace('<sagasu-search>', '<sagasu-search mode="modal">'));
    await mkdir(OUT, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  after(async () => { await browser?.close(); await site?.close(); });

  /** One context per width and scheme; the phone one is a touch device. */
  async function contextFor(width: Width, scheme: Scheme): Promise<BrowserContext> {
    return browser.newContext({
      viewport: { width, height: width === 390 ? 844 : 800 },
      colorScheme: scheme,
      locale: 'ja-JP',
      ...(width === 390 ? { hasTouch: true, isMobile: true, deviceScaleFactor: 1 } : {}),
    });
  }

  /** Records a failed check (or fails at once unless recording an old build). */
  function check(ok: boolean, what: string): void {
    if (!ok) failures.push(what);
  }

  async function open(context: BrowserContext, shot: Shot, route?: 'error' | 'hang'): Promise<{ page: Page; problems: string[]; release(): void }> {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    // tsx compiles helpers inside page.evaluate callbacks with esbuild's keepNames: give them its __name.
    await page.addInitScript('window.__name = (f) => f');
    const held: (() => void)[] = [];
    if (route === 'error') {
      // The worker script too, so the page-thread fallback fetches (and is routed) as well.
      await page.route(/manifest\.json|sagasu-worker\.js/, (r) => r.fulfill({ status: 500, body: 'broken' }));
    } else if (route === 'hang') {
      await page.route(/manifest\.json/, (r) => new Promise<void>((resolve) => held.push(() => { r.abort().catch(() => undefined); resolve(); })));
    }
    await page.goto(urlOf(site, shot.host, shot.mode));
    await page.locator('sagasu-search input, sagasu-search [part=button]').first().waitFor();
    return { page, problems, release: () => held.forEach((f) => f()) };
  }

  /** Opens the box the way a visitor would for the mode, then types `text`. */
  async function typeQuery(page: Page, shot: Shot, text: string): Promise<void> {
    if (shot.mode === 'modal') {
      if (!(await page.locator('sagasu-search dialog[open]').count())) {
        await page.locator('sagasu-search [part=button]').click();
      }
    }
    const input = page.locator('sagasu-search input');
    if (shot.mode === 'inline') await input.click();
    await input.fill(text);
  }

  async function shoot(page: Page, shot: Shot, state: State): Promise<void> {
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(OUT, `${nameOf(shot, state)}.png`) });
    shots++;
  }

  /** Geometry every state must keep: no horizontal scrolling, the visible panel inside the viewport and on top. */
  async function checkGeometry(page: Page, shot: Shot, state: State): Promise<void> {
    const name = nameOf(shot, state);
    const g = await page.evaluate(() => {
      const host = document.querySelector('sagasu-search');
      const root = host?.shadowRoot;
      const panel = [...(root?.querySelectorAll<HTMLElement>('dialog[open], [part=panel]') ?? [])].find((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().height > 4);
      const rect = panel?.getBoundingClientRect();
      const topmost = rect ? document.elementFromPoint(Math.min(rect.left + rect.width / 2, innerWidth - 2), Math.min(rect.top + Math.min(rect.height, 40) / 2 + 2, innerHeight - 2)) : null;
      return {
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        vw: document.documentElement.clientWidth,
        vh: innerHeight,
        rect: rect ? { left: rect.left, right: rect.right, top: rect.top, height: rect.height } : undefined,
        onTop: !rect || topmost === host || (topmost instanceof Node && !!host?.contains(topmost)),
      };
    });
    check(g.overflow <= 0, `${name}: page scrolls horizontally by ${g.overflow}px`);
    if (state !== 'idle') {
      check(!!g.rect, `${name}: no visible panel`);
    }
    if (g.rect) {
      check(g.rect.left >= -0.5 && g.rect.right <= g.vw + 0.5, `${name}: panel spans ${Math.round(g.rect.left)}…${Math.round(g.rect.right)} outside 0…${g.vw}`);
      if (shot.mode !== 'page') {
        check(g.rect.top >= -0.5 && g.rect.height > 20, `${name}: panel clipped (top ${Math.round(g.rect.top)}, height ${Math.round(g.rect.height)})`);
        check(g.onTop, `${name}: panel hidden under the host page (not the topmost element)`);
      }
    }
  }

  /** Text styles of the results as designed, whatever the host inherits. */
  async function checkText(page: Page, shot: Shot): Promise<void> {
    const name = nameOf(shot, 'results');
    const t = await page.evaluate(() => {
      const root = document.querySelector('sagasu-search')?.shadowRoot;
      const option = root?.querySelector('[role=option]');
      const snippet = option?.lastElementChild;
      const heading = option?.firstElementChild;
      const status = root?.querySelector('[role=status]');
      const s = snippet ? getComputedStyle(snippet) : undefined;
      const h = heading ? getComputedStyle(heading) : undefined;
      return {
        snippet: s && { weight: s.fontWeight, transform: s.textTransform, space: s.whiteSpace, spacing: s.letterSpacing, lines: snippet ? Math.round(snippet.getBoundingClientRect().height / parseFloat(s.lineHeight)) : 0 },
        headingLines: heading && h ? Math.round(heading.getBoundingClientRect().height / (parseFloat(h.lineHeight) || parseFloat(h.fontSize) * 1.5)) : 0,
        statusAlign: status ? getComputedStyle(status).textAlign : '',
        rootWeight: root?.firstElementChild ? getComputedStyle(root.firstElementChild).fontWeight : '',
      };
    });
    check(!!t.snippet, `${name}: no snippet`);
    if (t.snippet) {
      check(t.snippet.weight === '400', `${name}: snippet font-weight ${t.snippet.weight}, designed 400`);
      check(t.snippet.transform === 'none', `${name}: snippet text-transform ${t.snippet.transform}, designed none`);
      check(t.snippet.space === 'normal', `${name}: snippet white-space ${t.snippet.space}, designed normal (wraps)`);
      check(t.snippet.spacing === 'normal', `${name}: snippet letter-spacing ${t.snippet.spacing}, designed normal`);
    }
    check(t.headingLines <= 1, `${name}: option heading takes ${t.headingLines} lines, designed one`);
    check(t.statusAlign === 'start' || t.statusAlign === 'left', `${name}: status text-align ${t.statusAlign}`);
    check(t.rootWeight === '400', `${name}: widget root font-weight ${t.rootWeight} (host class leaked in)`);
  }

  /** The modal: after scrolling its results, the input and the close button are still on screen; it closes. */
  async function checkModal(page: Page, shot: Shot): Promise<void> {
    const name = nameOf(shot, 'results');
    const m = await page.evaluate(() => {
      const root = document.querySelector('sagasu-search')?.shadowRoot;
      const dialog = root?.querySelector('dialog');
      for (const el of dialog?.querySelectorAll('*') ?? []) if (el.scrollHeight > el.clientHeight + 10) el.scrollTop = el.scrollHeight;
      dialog?.scrollTo(0, dialog.scrollHeight);
      const close = [...(dialog?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === '閉じる');
      const input = root?.querySelector('input');
      const seen = (el: Element | null | undefined) => {
        if (!el) return false;
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= document.documentElement.clientWidth;
      };
      const kbd = root?.querySelector('kbd');
      return { close: seen(close), input: seen(input), kbd: kbd && kbd.getClientRects().length > 0 ? kbd.textContent ?? '' : '', hint: [...(root?.querySelectorAll('[aria-hidden=true]') ?? [])].some((e) => /Enter/.test(e.textContent ?? '') && e.getClientRects().length > 0) };
    });
    check(m.input, `${name}: input off screen after scrolling the results`);
    check(m.close, `${name}: close button off screen after scrolling the results`);
    if (shot.width === 390) {
      check(m.kbd === '', `${name}: shortcut hint "${m.kbd}" shown on a touch screen`);
      check(!m.hint, `${name}: key hints shown on a touch screen`);
    } else {
      check(m.kbd === 'Ctrl K' || m.kbd === '⌘K', `${name}: shortcut hint "${m.kbd}"`);
    }
    // A tap outside the dialog (desktop: the backdrop) or the close button (phone sheet) closes it.
    if (shot.width === 1280) await page.mouse.click(4, 4);
    else await page.locator('sagasu-search dialog button', { hasText: '閉じる' }).click();
    await page.waitForTimeout(100);
    check((await page.locator('sagasu-search dialog[open]').count()) === 0, `${name}: still open after ${shot.width === 1280 ? 'a backdrop tap' : 'the close button'}`);
  }

  for (const host of HOSTS) {
    for (const mode of MODES) {
      it(`${mode} mode on the ${host} page: every width, scheme and state on screen and styled as designed`, async () => {
        for (const width of WIDTHS) {
          for (const scheme of SCHEMES) {
            const shot: Shot = { host, mode, width, scheme };
            const context = await contextFor(width, scheme);
            try {
              // idle → results → empty on one page
              const { page, problems } = await open(context, shot);
              if (mode === 'modal') await page.locator('sagasu-search [part=button]').click();
              if (mode === 'inline') await page.locator('sagasu-search input').click();
              await shoot(page, shot, 'idle');
              await checkGeometry(page, shot, 'idle');
              await typeQuery(page, shot, '冗長化');
              await page.locator('sagasu-search [role=option]').first().waitFor({ timeout: 10_000 }).catch(() => check(false, `${nameOf(shot, 'results')}: no results`));
              await shoot(page, shot, 'results');
              await checkGeometry(page, shot, 'results');
              await checkText(page, shot);
              await typeQuery(page, shot, '量子コンピュータ');
              await page.locator('sagasu-search [role=option]').first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
              await page.locator('sagasu-search .sg-empty a').first().waitFor({ timeout: 5_000 }).catch(() => check(false, `${nameOf(shot, 'empty')}: no partial-match suggestion`));
              await shoot(page, shot, 'empty');
              await checkGeometry(page, shot, 'empty');
              if (mode === 'modal') {
                await typeQuery(page, shot, '冗長化');
                await page.locator('sagasu-search [role=option]').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
                await checkModal(page, shot);
              }
              check(problems.length === 0, `${nameOf(shot, 'results')}: console errors ${problems.join(' | ')}`);
              await page.close();

              // error: the index cannot be loaded
              const failing = await open(context, shot, 'error');
              await typeQuery(failing.page, shot, '冗長化');
              await failing.page.waitForTimeout(600);
              await shoot(failing.page, shot, 'error');
              await checkGeometry(failing.page, shot, 'error');
              const message = await failing.page.evaluate(() => document.querySelector('sagasu-search')?.shadowRoot?.querySelector('[role=status]')?.textContent ?? '');
              check(/読み込めません/.test(message), `${nameOf(shot, 'error')}: no error message (status: "${message}")`);
              await failing.page.close();

              // loading: the manifest never arrives
              const slow = await open(context, shot, 'hang');
              await typeQuery(slow.page, shot, '冗長化');
              await slow.page.waitForTimeout(1700);
              await shoot(slow.page, shot, 'loading');
              await checkGeometry(slow.page, shot, 'loading');
              const bar = await slow.page.locator('sagasu-search [role=progressbar]').count();
              check(bar === 1, `${nameOf(shot, 'loading')}: no progress indication while the index loads`);
              slow.release();
              await slow.page.close();
            } finally {
              await context.close();
            }
          }
        }
        if (RECORD) {
          if (failures.length > 0) console.log(failures.map((f) => `# ${f}`).join('\n'));
          failures.length = 0;
        } else {
          const mine = failures.splice(0);
          assert.deepEqual(mine, []);
        }
      });
    }
  }

  it('retries a failed load on the next keystroke', async () => {
    const shot: Shot = { host: 'demo', mode: 'inline', width: 1280, scheme: 'light' };
    const context = await contextFor(1280, 'light');
    try {
      const { page } = await open(context, shot, 'error');
      await typeQuery(page, shot, '冗長');
      await page.waitForTimeout(600);
      assert.equal(await page.locator('sagasu-search [role=option]').count(), 0);
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await page.locator('sagasu-search input').press('End');
      await page.locator('sagasu-search input').pressSequentially('化');
      await page.locator('sagasu-search [role=option]').first().waitFor({ timeout: 10_000 });
      await page.close();
    } finally {
      await context.close();
    }
  });

  it('copies the README screenshots into docs/ when asked', { skip: process.env.SAGASU_VISUAL_DOCS === '1' ? false : 'set SAGASU_VISUAL_DOCS=1 to update docs/' }, async () => {
    for (const name of DOCS) await copyFile(join(OUT, `${name}.png`), join(ROOT, 'docs', `${name}.png`));
    console.log(`# ${shots} screenshots in ${OUT}`);
  });
});
