/**
 * A Hugo site's config, checked against Debian's Hugo: the same small site built with several
 * configs (baseURL with a path, permalinks with every token Sagasu expands, uglyURLs,
 * disablePathToLower, contentDir, disableKinds, buildDrafts), and the pages Sagasu indexes must
 * be exactly the pages Hugo publishes, at the URLs Hugo gives them.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { buildIndex } from '../../indexer/build-index.ts';
import { readHugoConfig } from '../../indexer/hugo-config.ts';
import type { Problem } from '../../indexer/problems.ts';
import { HUGO } from './site.ts';

const TODAY = new Date().toISOString().slice(0, 10);

/** Pages covering what configs change: sections nested with and without _index.md, bundles, slugs, dates. */
const PAGES: Record<string, string> = {
  '_index.md': 'title: Home',
  'about.md': 'title: About Us\nurl: /custom/about-us/',
  'posts/_index.md': 'title: Posts',
  'posts/first-post.md': 'title: "Hello World Ääh"\ndate: 2023-02-05',
  'posts/second.md': 'title: Second\nslug: My Slug\ndate: 2021-11-30T10:00:00+09:00',
  'posts/no-date.md': 'title: Without A Date',
  'posts/trip/index.md': 'title: "Bundle (Trip)!"\ndate: 2022-01-02',
  'posts/trip/notes.md': 'title: A resource of the bundle, not a page',
  'posts/hidden/index.md': 'title: Headless\nheadless: true',
  'posts/headless-regular.md': 'title: Headless On A Regular Page\nheadless: true\ndate: 2020-05-06',
  'posts/expired.md': 'title: Expired\nexpiryDate: 2020-01-01',
  'posts/later.md': 'title: Later\npublishDate: 2999-01-01',
  'posts/draft.md': 'title: Draft\ndraft: true\ndate: 2019-09-14',
  'blog/_index.md': 'title: Blog',
  'blog/Deep_Dive.md': 'title: Deep\ndate: 2020-03-04\naliases: [/old/deep/]',
  'blog/nested/_index.md': 'title: Nested Section',
  'blog/nested/inner.md': 'title: Inner Page',
  'blog/plain/leaf.md': 'title: In A Folder Without _index',
  'docs/Mixed_Case.md': 'title: "Mixed Case Doc"\nslug: ""',
};

/** Each config: file name, text, and where it puts the content. */
const CONFIGS: { name: string; file: string; text: string; contentDir?: string }[] = [
  {
    name: 'TOML: baseURL with a path, permalinks with every token, disableKinds',
    file: 'hugo.toml',
    text: `baseURL = "https://example.org/sub/dir/"\ntitle = "t"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n[permalinks]\nposts = "/:year/:month/:day/:slug/"\nblog = "/b/:sections/:filename/"\ndocs = "/d/:section/:title/:slugorfilename"\n`,
  },
  {
    name: 'YAML: uglyURLs, a home page kind disabled, drafts built',
    file: 'config.yaml',
    text: `baseURL: /\ntitle: t\nuglyURLs: true\nbuildDrafts: true\ndisableKinds: [home, taxonomy, term, RSS, sitemap, robotsTXT, "404"]\npermalinks:\n  posts: /p/:year/:slugorfilename/\n`,
  },
  {
    name: 'JSON: disablePathToLower, contentDir, sections disabled, expired built',
    file: 'config.json',
    contentDir: 'pages',
    text: JSON.stringify({ BaseURL: 'https://example.org/', title: 't', contentDir: 'pages', disablePathToLower: true, buildExpired: true, disableKinds: ['section', 'taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT', '404'], permalinks: { blog: '/:section/:title/' } }),
  },
];

/** Every page with a content file prints its RelPermalink: the oracle of what Hugo publishes, and where. */
const LAYOUT = '<!doctype html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ with .File }}<p data-perma="{{ $.RelPermalink }}"></p>{{ end }}<h1>{{ .Title }}</h1>{{ .Content }}</body></html>';

const hugoInstalled = existsSync(HUGO);

describe('a Hugo site config, against real Hugo', { skip: hugoInstalled ? false : `${HUGO} not installed (apt-get install -y hugo)` }, () => {
  let temp: string;
  before(async () => { temp = await mkdtemp(join(tmpdir(), 'sagasu-hugo-config-')); });
  after(async () => { await rm(temp, { recursive: true, force: true }); });

  for (const [i, config] of CONFIGS.entries()) {
    it(`indexes exactly the pages Hugo publishes, at Hugo's URLs — ${config.name}`, async () => {
      const site = join(temp, `site${i}`);
      const contentDir = join(site, config.contentDir ?? 'content');
      for (const [rel, front] of Object.entries(PAGES)) {
        await mkdir(dirname(join(contentDir, rel)), { recursive: true });
        await writeFile(join(contentDir, rel), `---\n${front}\n---\n\n## A heading\n\nSome text of ${rel}.\n`);
      }
      await mkdir(join(site, 'layouts', '_default'), { recursive: true });
      for (const name of ['single.html', 'list.html']) await writeFile(join(site, 'layouts', '_default', name), LAYOUT);
      await writeFile(join(site, config.file), config.text);
      await promisify(execFile)(HUGO, ['--quiet', '--source', site, '--destination', join(site, 'public')]);

      const hugoUrls = new Set<string>();
      for (const file of await htmlFiles(join(site, 'public'))) {
        const perma = /data-perma="([^"]*)"/.exec(await readFile(file, 'utf8'))?.[1];
        if (perma) hugoUrls.add(decodeURI(perma));
      }
      const problems: Problem[] = [];
      const hugo = await readHugoConfig(site, problems);
      assert.ok(hugo, problems.map((p) => p.message).join('\n'));
      assert.deepEqual(problems, []);
      const build = await buildIndex({ content: hugo.content, baseUrl: hugo.basePath, buildFuture: hugo.buildFuture, today: TODAY, hugo });
      const sagasuUrls = new Set(build.pages.map((p) => p.record.url));
      assert.deepEqual([...sagasuUrls].sort(), [...hugoUrls].sort());
      console.log(`${config.file}: Hugo published ${hugoUrls.size} pages with a content file, Sagasu indexed ${sagasuUrls.size}, at the same URLs`);
      // And each is a file Hugo wrote (the baseURL's path is not a folder of the output).
      for (const url of sagasuUrls) {
        const path = url.slice(hugo.basePath.length);
        const file = join(site, 'public', ...path.split('/'), path.endsWith('/') ? 'index.html' : '');
        assert.ok(existsSync(file), `${url}: no ${file}`);
      }
    });
  }

  it('reports what it cannot honour once, naming the config file and line', async () => {
    const site = join(temp, 'unsupported');
    await mkdir(site, { recursive: true });
    await writeFile(join(site, 'hugo.toml'), 'baseURL = "/"\ndefaultContentLanguageInSubdir = true\n[permalinks]\nposts = "/:year/:monthname/:slug/"\n');
    const problems: Problem[] = [];
    const hugo = await readHugoConfig(site, problems);
    assert.ok(hugo);
    assert.deepEqual(problems.map((p) => [p.code, p.file.endsWith('hugo.toml'), p.line]), [['W_HUGO_CONFIG', true, 3], ['W_HUGO_CONFIG', true, 2]]);
    assert.match(problems[0]?.message ?? '', /:monthname/);
    assert.deepEqual(hugo.rules.permalinks, {});
  });

  it('names a missing or broken config with the fix, and the line', async () => {
    const problems: Problem[] = [];
    assert.equal(await readHugoConfig(temp, problems), undefined);
    assert.match(problems[0]?.message ?? '', /no hugo\.toml.*Pass --hugo/);
    const broken = join(temp, 'broken');
    await mkdir(broken, { recursive: true });
    await writeFile(join(broken, 'config.toml'), 'title = "t"\nbaseURL = \n');
    const more: Problem[] = [];
    assert.equal(await readHugoConfig(broken, more), undefined);
    assert.equal(more[0]?.code, 'E_HUGO_CONFIG');
    assert.equal(more[0]?.line, 2);
  });
});

async function htmlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.html')) out.push(join(entry.parentPath ?? entry.path, entry.name));
  }
  return out;
}
