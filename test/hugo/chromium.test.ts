/**
 * Where a thread link really lands: the fixture site (and a sample of ../shared's corpus) built
 * with Debian's hugo, served on 127.0.0.1, and every thread's `#id:~:text=…` URL opened in Debian's
 * chromium. Blocks are spaced 900px apart, so the list item nearest the middle of the viewport
 * after the browser scrolled to the fragment tells which occurrence it matched.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIndex } from '../../indexer/build-index.ts';
import { buildFile, parsePageFile } from '../../web/core/format.ts';
import { topicUrl } from '../../web/core/links.ts';
import { topicRecord } from '../../web/core/search.ts';
import { hasChromium, launchBrowser } from '../e2e/browser.ts';
import { CORPUS } from '../helpers.ts';
import { HUGO, hugoBuild } from './site.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/hugo/content', import.meta.url));
const SPACED = '<style>li,h2,h3,header,p{margin-bottom:900px}body{padding-bottom:3000px}</style>';

/** Opens every `every`-th thread link of `content` in Chromium; returns the links that landed elsewhere. */
async function landings(content: string, label: string, every: number): Promise<{ checked: number; wrong: string[] }> {
  const temp = await mkdtemp(join(tmpdir(), 'sagasu-landing-'));
  const [root, build] = await Promise.all([hugoBuild(content, temp, SPACED), buildIndex({ content, baseUrl: '', buildFuture: false, today: '2026-11-27' })]);
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (path.endsWith('/')) path += 'index.html';
    readFile(join(root, path)).then((body) => { res.setHeader('content-type', 'text/html; charset=utf-8'); res.end(body); }, () => { res.statusCode = 404; res.end(); });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchBrowser({ viewport: { width: 800, height: 600 } });
  const wrong: string[] = [];
  let checked = 0;
  let seen = 0;
  try {
    const tab = await browser.context.newPage();
    for (let p = 0; p < build.manifest.pages; p++) {
      const raw = build.files.get(buildFile.page(build.manifest.build, p));
      if (typeof raw !== 'string') continue;
      const file = parsePageFile(JSON.parse(raw), build.manifest.build, label);
      for (let t = 0; t < file.heading.length; t++) {
        const topic = topicRecord(file, t);
        if (topic.fragment === '' || seen++ % every !== 0) continue;
        checked++;
        const parts = topic.fragment.split('\n');
        const text = parts.length === 1 ? topic.fragment : (parts[1] ?? '');
        const url = topicUrl(file.page, topic);
        await tab.goto('about:blank');
        await tab.goto(origin + url);
        await tab.waitForTimeout(150);
        const landed = await tab.evaluate(() => {
          let best = '';
          let distance = Infinity;
          for (const el of document.querySelectorAll('li, h1, h2, h3, header, p')) {
            const d = Math.abs(el.getBoundingClientRect().top - innerHeight / 2);
            if (d < distance) { distance = d; best = `${el.tagName} ${(el.textContent ?? '').replace(/\s+/g, ' ').trim()}`; }
          }
          return best;
        });
        if (!landed.startsWith(`LI ${text}`)) wrong.push(`${decodeURI(url)} → ${landed.slice(0, 60)}`);
      }
    }
  } finally {
    await browser.close();
    server.close();
    await rm(temp, { recursive: true, force: true });
  }
  console.log(`${label}: ${checked} thread links opened in Chromium, ${wrong.length} landed elsewhere`);
  for (const w of wrong.slice(0, 20)) console.log(`  ${w}`);
  return { checked, wrong };
}

const missing = !existsSync(HUGO) ? `${HUGO} is not installed` : !hasChromium() ? 'chromium is not installed' : '';
if (missing) console.log(`skipping the Chromium landing check: ${missing}`);

describe('thread links opened in Chromium', { skip: missing !== '' }, () => {
  it('land on their own list item in the fixture site, past the site title and repeated lines', { timeout: 120_000 }, async () => {
    const { checked, wrong } = await landings(FIXTURES, 'fixtures', 1);
    assert.ok(checked > 15);
    assert.deepEqual(wrong, []);
  });
  const corpusMissing = !existsSync(CORPUS);
  if (corpusMissing) console.log(`skipping the corpus landing check: ${CORPUS} is absent`);
  it('land on their own list item for a sample of the real corpus', { skip: corpusMissing, timeout: 240_000 }, async () => {
    const { checked, wrong } = await landings(CORPUS, 'corpus (every 40th thread)', 40);
    assert.ok(checked > 50);
    assert.deepEqual(wrong, []);
  });
});
