/**
 * The npm package as a Hugo site gets it: `npm pack`, install the tarball into a fresh folder
 * (from the npm cache, no network needed), then `npx sagasu index` and `npx sagasu search` there,
 * with no tsx, TypeScript or esbuild installed beside it; with /usr/bin/hugo, the README's recipe
 * `hugo --minify && npx sagasu index --hugo . --out public` on a tiny themed site with the
 * README's partial and search layout, then that site in Chromium: type in the header box, click
 * the result, land on Hugo's heading. Skipped with a message when npm cannot pack or install
 * offline, or (those parts) when hugo or chromium is not installed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { serve } from '../indexer/serve.ts';
import { hasChromium, launchBrowser } from './e2e/browser.ts';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('..', import.meta.url));
const npm = (args: string[], cwd: string) => run('npm', args, { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 300_000, env: { ...process.env, NO_COLOR: '1', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });

let work: string;
let site: string;
let skip: string | false = false;
let packed: { files: { path: string }[] } | undefined;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'sagasu-package-'));
  site = join(work, 'site');
  try {
    const { stdout } = await npm(['pack', '--json', '--pack-destination', work], repo);
    packed = (JSON.parse(stdout.slice(stdout.indexOf('['))) as { files: { path: string }[]; filename: string }[])[0];
    const tarball = join(work, (await readdir(work)).find((n) => n.endsWith('.tgz')) ?? 'missing.tgz');
    await mkdir(join(site, 'content', 'posts'), { recursive: true });
    await writeFile(join(site, 'package.json'), '{ "name": "tiny-hugo-site", "private": true }\n');
    await writeFile(join(site, 'content', '_index.md'), '---\ntitle: 勉強会\n---\n');
    // A long first section: the topic searched for is below the fold, so landing on it needs a scroll.
    const filler = Array.from({ length: 80 }, (_, i) => `- 近況 ${i + 1}`).join('\n');
    await writeFile(join(site, 'content', 'posts', 'meeting.md'), `---\ntitle: 第1回 勉強会\ndate: 2020-01-11\n---\n## 自己紹介\n\n${filler}\n\n## 構成管理\n\nサーバを冗長化する話。\n\n## 懇親会\n\n${filler}\n`);
    await mkdir(join(site, 'layouts', '_default'), { recursive: true });
    await mkdir(join(site, 'layouts', 'partials'), { recursive: true });
    // Permalinks: the recipe's --hugo must give the URLs Hugo gives, not Sagasu's defaults.
    await writeFile(join(site, 'hugo.toml'), 'baseURL = "https://example.org/"\ntitle = "勉強会"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n[permalinks]\nposts = "/:year/:month/:slug/"\n');
    await writeFile(join(site, 'layouts', '_default', 'baseof.html'), '<!DOCTYPE html><html lang="ja"><head><title>{{ .Title }}</title></head><body><header>{{ partial "search-box.html" . }}</header><main>{{ block "main" . }}{{ end }}</main></body></html>\n');
    await writeFile(join(site, 'layouts', '_default', 'single.html'), '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n');
    await writeFile(join(site, 'layouts', '_default', 'list.html'), '{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}\n');
    // The README's two snippets, as written there.
    await writeFile(join(site, 'layouts', 'partials', 'search-box.html'), '<script src="/sagasu/sagasu.js" defer></script>\n<sagasu-search></sagasu-search>\n');
    await writeFile(join(site, 'layouts', '_default', 'search.html'), '{{ define "main" }}\n<h1>{{ .Title }}</h1>\n<script src="/sagasu/sagasu.js" defer></script>\n<sagasu-search mode="page" autofocus></sagasu-search>\n{{ end }}\n');
    await writeFile(join(site, 'content', 'search.md'), '---\ntitle: 検索\nlayout: search\n_build:\n  list: never\n---\n');
    await npm(['install', '--prefer-offline', '--no-save', tarball], site);
  } catch (error) {
    skip = `npm could not pack or install the tarball offline: ${((error as Error).message.split('\n')[0] ?? '').slice(0, 200)}`;
  }
});
after(async () => { await rm(work, { recursive: true, force: true }); });

describe('the npm package', () => {
  it('packs compiled JavaScript, prebuilt embed scripts and core types, and no sources', (t) => {
    if (skip) { t.skip(skip); return; }
    const paths = (packed?.files ?? []).map((f) => f.path).sort();
    for (const want of ['lib/cli.js', 'lib/analyze-worker.js', 'lib/core.js', 'lib/types/pkg/core.d.ts', 'lib/web/sagasu.js', 'lib/web/sagasu-worker.js', 'package.json', 'README.md']) assert.ok(paths.includes(want), want);
    assert.deepEqual(paths.filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts')), []);
  });

  it('installs only runtime dependencies: no tsx, typescript, esbuild or preact', async (t) => {
    if (skip) { t.skip(skip); return; }
    const installed = await readdir(join(site, 'node_modules'));
    for (const dev of ['tsx', 'typescript', 'esbuild', 'preact', 'minisearch']) assert.equal(installed.includes(dev), false, dev);
    const pkg = JSON.parse(await readFile(join(site, 'node_modules', 'sagasu', 'package.json'), 'utf8')) as { bin: Record<string, string>; private?: boolean };
    assert.deepEqual(pkg.bin, { sagasu: 'lib/cli.js' });
    assert.equal(pkg.private, undefined);
  });

  it('runs `npx sagasu index` and `npx sagasu search` in a fresh site', async (t) => {
    if (skip) { t.skip(skip); return; }
    const index = await run('npx', ['sagasu', 'index', '--content', 'content', '--out', 'public'], { cwd: site, timeout: 120_000 });
    assert.match(index.stdout, /^2 pages, \d+ topics → public\/ /);
    assert.equal(index.stderr, '', 'an _index.md without text is not a warning');
    const names = await readdir(join(site, 'public', 'sagasu'));
    for (const name of ['manifest.json', 'sagasu.js', 'sagasu-worker.js']) assert.ok(names.includes(name), name);
    const search = await run('npx', ['sagasu', 'search', '--index', 'public', '--json', '冗長化'], { cwd: site, timeout: 60_000 });
    const response = JSON.parse(search.stdout) as { results: { url: string; title: string }[] };
    assert.equal(response.results[0]?.url, '/posts/meeting/#構成管理');
    const help = await run('npx', ['sagasu', '--help'], { cwd: site });
    assert.match(help.stdout, /^Usage: sagasu <command> \[options\]$/m);
  });

  it('runs the README recipe after Hugo: only public/sagasu/ is added, the search page is Hugo\'s', async (t) => {
    if (skip) { t.skip(skip); return; }
    if (!(await access('/usr/bin/hugo').then(() => true, () => false))) { t.skip('/usr/bin/hugo is not installed (apt-get install -y hugo)'); return; }
    await rm(join(site, 'public'), { recursive: true, force: true });
    await run('/usr/bin/hugo', ['--minify'], { cwd: site, timeout: 60_000 });
    const hugoWrote = (await readdir(join(site, 'public'), { recursive: true })).sort();
    const index = await run('npx', ['sagasu', 'index', '--hugo', '.', '--out', 'public'], { cwd: site, timeout: 120_000 });
    assert.match(index.stdout, /^2 pages, /, 'the list page and the meeting; search.md is `list: never`');
    assert.equal(index.stderr, '');
    const now = (await readdir(join(site, 'public'), { recursive: true })).sort();
    assert.deepEqual(now.filter((n) => !n.startsWith('sagasu')), hugoWrote);
    for (const name of ['sagasu/manifest.json', 'sagasu/sagasu.js', 'sagasu/sagasu-worker.js']) assert.ok(now.includes(name), name);
    assert.match(await readFile(join(site, 'public', 'search', 'index.html'), 'utf8'), /<sagasu-search mode=page autofocus><\/sagasu-search>|<sagasu-search mode="page" autofocus><\/sagasu-search>/);
    const search = await run('npx', ['sagasu', 'search', '--index', 'public', '--json', '冗長化'], { cwd: site, timeout: 60_000 });
    const url = (JSON.parse(search.stdout) as { results: { url: string }[] }).results[0]?.url ?? '';
    assert.equal(url, '/2020/01/第1回-勉強会/#構成管理');
    assert.match(await readFile(join(site, 'public', '2020', '01', '第1回-勉強会', 'index.html'), 'utf8'), /id=構成管理/);
  });

  it('works in Chromium on that site: type in the header box, click, land on Hugo\'s heading', async (t) => {
    if (skip) { t.skip(skip); return; }
    if (!(await access(join(site, 'public', 'sagasu', 'manifest.json')).then(() => true, () => false))) { t.skip('the recipe did not run (hugo is not installed)'); return; }
    if (!hasChromium()) { t.skip('chromium is not installed (apt-get install -y chromium)'); return; }
    const server = await serve(join(site, 'public'), 0);
    const browser = await launchBrowser({ viewport: { width: 390, height: 700 } });
    try {
      const page = await browser.context.newPage();
      await page.goto(server.url);
      await page.locator('sagasu-search input, sagasu-search .sg-open').first().click();
      await page.locator('sagasu-search input').fill('冗長化');
      await page.locator('sagasu-search a[role=option]').first().click();
      await page.waitForURL(/#/);
      const landed = await page.evaluate(() => {
        const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
        return { path: decodeURIComponent(location.pathname), tag: target?.tagName, text: target?.textContent, top: target?.getBoundingClientRect().top ?? -1, scrolled: scrollY };
      });
      assert.equal(landed.path, '/2020/01/第1回-勉強会/');
      assert.deepEqual([landed.tag, landed.text], ['H2', '構成管理']);
      assert.ok(landed.scrolled > 0 && Math.abs(landed.top) < 2, `heading at ${landed.top}px after scrolling ${landed.scrolled}px`);
    } finally {
      await browser.close();
      server.close();
    }
  });

  it('serves `sagasu/core` as ESM with types', async (t) => {
    if (skip) { t.skip(skip); return; }
    await writeFile(join(site, 'use-core.mjs'), "import { openSearch, INDEX_FORMAT_VERSION } from 'sagasu/core';\nconsole.log(typeof openSearch, INDEX_FORMAT_VERSION);\n");
    const { stdout } = await run(process.execPath, ['use-core.mjs'], { cwd: site });
    assert.match(stdout, /^function \d+\n$/);
    assert.match(await readFile(join(site, 'node_modules', 'sagasu', 'lib', 'types', 'pkg', 'core.d.ts'), 'utf8'), /export \{ openSearch \} from '\.\.\/web\/core\/open\.js';/);
  });
});
