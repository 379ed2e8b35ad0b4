import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_SITE, sagasu } from '../helpers.ts';

let work: string;
before(async () => { work = await mkdtemp(join(tmpdir(), 'sagasu-cli-')); });
after(async () => { await rm(work, { recursive: true, force: true }); });

describe('sagasu index', () => {
  it('writes a manifest and a build folder named by its hash, byte-identical across builds', async () => {
    const a = await sagasu(['index', '--content', FIXTURE_SITE, '--out', join(work, 'a')]);
    const b = await sagasu(['index', '--content', FIXTURE_SITE, '--out', join(work, 'b')]);
    assert.equal(a.code, 0, a.stderr);
    assert.match(a.stdout, /^5 pages, \d+ topics → .* \(index \d+ files, [\d,]+ kB, [\d,]+ kB gz\) in [\d.]+ s\n$/);
    const files = (await readdir(join(work, 'a', 'sagasu'), { recursive: true })).sort();
    const shapes = [...new Set(files.map((f) => f.replace(/[0-9a-f]{16}/, 'HASH').replace(/\d+\.(bin|json)$/, 'N.$1')))].sort();
    assert.deepEqual(shapes, ['b-HASH', 'b-HASH/meta.json', 'b-HASH/p', 'b-HASH/p/N.bin', 'b-HASH/page', 'b-HASH/page/N.json', 'b-HASH/t', 'b-HASH/t/readings-N.json', 'b-HASH/t/synonyms-N.json', 'b-HASH/t/vocabulary-N.json', 'manifest.json', 'sagasu-worker.js', 'sagasu.js']);
    assert.equal(files.filter((f) => f.includes('/page/')).length, 5, 'one display file per page');
    for (const f of files.filter((name) => /\.(bin|json)$/.test(name))) assert.deepEqual(await readFile(join(work, 'a', 'sagasu', f)), await readFile(join(work, 'b', 'sagasu', f)), f);
    assert.equal(b.code, 0);
  });

  it('replaces only <out>/sagasu/, leaving the site Hugo wrote into the same folder as it was', async () => {
    const out = join(work, 'hugo-public');
    await mkdir(join(out, 'posts'), { recursive: true });
    await writeFile(join(out, 'index.html'), '<p>Hugo</p>');
    await writeFile(join(out, 'posts', 'index.html'), '<p>posts</p>');
    const result = await sagasu(['index', '--content', FIXTURE_SITE, '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await readFile(join(out, 'index.html'), 'utf8'), '<p>Hugo</p>');
    assert.equal(await readFile(join(out, 'posts', 'index.html'), 'utf8'), '<p>posts</p>');
    assert.match(await readFile(join(out, 'sagasu', 'sagasu.js'), 'utf8'), /sagasu-search/);
  });

  it('leaves a page with broken YAML out, names its file and line, and indexes the rest with exit 0', async () => {
    const content = join(work, 'broken');
    await cp(FIXTURE_SITE, content, { recursive: true });
    await writeFile(join(content, 'bad.md'), '---\ntitle: "unclosed\ndate: 2020-01-01\n---\n本文\n');
    const result = await sagasu(['index', '--content', content, '--out', join(work, 'broken-out')]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^bad\.md:\d+: warning: broken YAML front matter: .+; page left out of the index\. Fix the YAML between the --- lines \[W_FRONT_MATTER\]$/m);
    assert.match(result.stderr, /^1 warning: 1 page left out of the index, the other pages indexed \(--strict fails the build on warnings\)\n$/m);
    assert.match(result.stdout, /^5 pages, /);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it('fails a --strict build on a broken page with exit 1 and keeps the previous output', async () => {
    const content = join(work, 'broken-strict');
    await cp(FIXTURE_SITE, content, { recursive: true });
    await writeFile(join(content, 'bad.md'), '---\ntitle: "unclosed\ndate: 2020-01-01\n---\n本文\n');
    const out = join(work, 'a');
    const before = await readdir(join(out, 'sagasu'));
    const result = await sagasu(['index', '--strict', '--content', content, '--out', out]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /\[W_FRONT_MATTER\]\n1 warning: 1 page left out of the index, the other pages indexed \(--strict fails the build on warnings\)\nBuild failed: --strict and there are warnings; the previous output was left as it was\.\n$/);
    assert.deepEqual(await readdir(join(out, 'sagasu')), before);
  });

  it('indexes a page with non-UTF-8 bytes as U+FFFD, naming file and line', async () => {
    const content = join(work, 'sjis');
    await mkdir(content, { recursive: true });
    await writeFile(join(content, 'page.md'), Buffer.concat([Buffer.from('---\ntitle: x\n---\nok 文字化け\n'), Buffer.from([0x82, 0xa0, 0x0a])]));
    const out = join(work, 'sjis-out');
    const result = await sagasu(['index', '--content', content, '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^page\.md:5: warning: is not valid UTF-8 \(byte 33\); indexed with U\+FFFD \(�\) in place of the bad bytes, as Hugo shows it\. Save the file as UTF-8 \[W_ENCODING\]$/m);
    const hits = JSON.parse((await sagasu(['search', '--index', out, '--json', '文字化け'])).stdout) as { results: { url: string }[] };
    assert.equal(hits.results[0]?.url.startsWith('/page/'), true);
    assert.match(result.stderr, /\n1 warning: every page was indexed \(--strict fails the build on warnings\)\n$/);
  });

  it('indexes one of two files with one URL (the path that sorts first) and names both', async () => {
    const content = join(work, 'dup');
    await mkdir(join(content, 'a'), { recursive: true });
    await writeFile(join(content, 'a', 'x.md'), '---\ntitle: 小文字のほう\n---\n小文字の本文\n');
    await writeFile(join(content, 'a', 'X.md'), '---\ntitle: 大文字のほう\n---\n大文字の本文\n');
    const out = join(work, 'dup-out');
    const result = await sagasu(['index', '--content', content, '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^a\/x\.md: warning: has the same URL \/a\/x\/ as a\/X\.md; only a\/X\.md is indexed\. Give one of them another `slug:` or `url:` \[W_DUPLICATE_URL\]$/m);
    const search = async (q: string) => (JSON.parse((await sagasu(['search', '--index', out, '--json', q])).stdout) as { total: number }).total;
    assert.equal(await search('大文字の本文'), 1);
    assert.equal(await search('小文字の本文'), 0);
  });

  it('does not warn about a Hugo list page (_index.md) without text', async () => {
    const content = join(work, 'list');
    await mkdir(join(content, 'posts'), { recursive: true });
    await writeFile(join(content, 'posts', '_index.md'), '---\ntitle: 記事一覧\n---\n');
    await writeFile(join(content, 'posts', 'one.md'), '---\ntitle: 記事\n---\n本文\n');
    const result = await sagasu(['index', '--strict', '--content', content, '--out', join(work, 'list-out')]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
  });

  it('warns about a page without a title and uses its first heading', async () => {
    const content = join(work, 'notitle');
    await mkdir(content, { recursive: true });
    await writeFile(join(content, 'p.md'), '---\ndate: 2020-01-01\n---\n## 最初の見出し\n\n本文\n');
    const result = await sagasu(['index', '--content', content, '--out', join(work, 'notitle-out')]);
    assert.equal(result.code, 0);
    assert.match(result.stderr, /^p\.md:1: warning: page has no title; using "最初の見出し"\. Add `title:` to the front matter \[W_NO_TITLE\]$/m);
    const strict = await sagasu(['index', '--strict', '--content', content, '--out', join(work, 'notitle-out')]);
    assert.equal(strict.code, 1);
  });

  it('says which folder is missing', async () => {
    const result = await sagasu(['index', '--content', join(work, 'nope'), '--out', join(work, 'x')]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /nope: error: content folder not found\. Pass --content DIR with the folder that holds your Markdown pages \[E_CONTENT_DIR\]/);
  });

  it('reports a Hugo config warning once, with the build summary, and --strict fails on it', async () => {
    const site = join(work, 'hugo-warn');
    await mkdir(join(site, 'content'), { recursive: true });
    await writeFile(join(site, 'content', 'a.md'), '---\ntitle: A\n---\n## x\n\ntext\n');
    await writeFile(join(site, 'hugo.toml'), 'baseURL = "/"\ndefaultContentLanguageInSubdir = true\n');
    const result = await sagasu(['index', '--hugo', site]);
    assert.equal(result.code, 0);
    assert.equal(result.stderr.match(/\[W_HUGO_CONFIG\]/g)?.length, 1);
    assert.match(result.stderr, /hugo\.toml:2: warning: multilingual sites are not supported.*\n1 warning: every page was indexed/);
    const strict = await sagasu(['index', '--strict', '--hugo', site]);
    assert.equal(strict.code, 1);
  });

  it('exits 2 with a usage line on an unknown flag', async () => {
    const result = await sagasu(['index', '--bogus']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^error: Unknown option '--bogus'.*\nUsage: sagasu index \[--hugo DIR\] \[--content DIR\] \[--out DIR\] \[--base-url URL\]\n/);
  });

  it('prints help for every command', async () => {
    for (const command of ['index', 'build', 'serve', 'search']) {
      const result = await sagasu([command, '--help']);
      assert.equal(result.code, 0);
      assert.match(result.stdout, new RegExp(`^Usage: sagasu ${command}`));
    }
  });
});

describe('sagasu search', () => {
  it('answers JSON lines read from stdin, one per query', async () => {
    const result = await sagasu(['search', '--index', join(work, 'a'), '--json', '--limit', '0'], 'ＡＷＳ\n冗長化\n');
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { query: string; total: number; results: { url: string; page: string; title: string; heading: string[]; snippet: unknown; score: number }[] });
    assert.deepEqual(lines.map((l) => [l.query, l.total]), [['ＡＷＳ', 2], ['冗長化', 1]]);
    assert.equal(lines[1]?.results[0]?.url, '/kakogawa_infra/2021/05/#冗長化の話');
    for (const key of ['url', 'page', 'title', 'heading', 'snippet', 'score']) assert.ok(key in (lines[1]?.results[0] ?? {}), key);
  });

  it('prints readable results for a query argument', async () => {
    const result = await sagasu(['search', '--index', join(work, 'a'), '冗長化']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^1 page, 1 topic for “冗長化”\n\n加古川IT系インフラ勉強会 2021\.05  2021-05-08\n  冗長化の話  \/kakogawa_infra\/2021\/05\/#冗長化の話\n/);
  });

  it('refuses an index of another format version with what to do', async () => {
    const dir = join(work, 'old');
    await cp(join(work, 'a'), dir, { recursive: true });
    const manifestPath = join(dir, 'sagasu', 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
    await writeFile(manifestPath, JSON.stringify({ ...manifest, version: 0 }));
    const result = await sagasu(['search', '--index', dir, 'aws']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: .*manifest\.json: index format version 0 is not supported by this Sagasu \(format version 2\)\. Rebuild the index with this version of Sagasu\.\n$/);
  });

  it('refuses a truncated posting chunk and a file of another build', async () => {
    const dir = join(work, 'tampered');
    await cp(join(work, 'a'), dir, { recursive: true });
    const folder = join(dir, 'sagasu', (await readdir(join(dir, 'sagasu'))).find((f) => f.startsWith('b-')) as string);
    for (const chunk of await readdir(join(folder, 'p'))) {
      const path = join(folder, 'p', chunk);
      const bytes = await readFile(path);
      await writeFile(path, bytes.subarray(0, bytes.length - 3));
    }
    const truncated = await sagasu(['search', '--index', dir, 'aws']);
    assert.equal(truncated.code, 1);
    assert.match(truncated.stderr, /p\/\d+\.bin: the posting chunk is damaged or from another build\. Rebuild the index and publish all of its files together\./);
    await writeFile(join(folder, 'meta.json'), JSON.stringify({ build: '0123456789abcdef' }));
    const mixed = await sagasu(['search', '--index', dir, 'aws']);
    assert.equal(mixed.code, 1);
    assert.match(mixed.stderr, /meta\.json: this file does not belong to the index build [0-9a-f]{16} \(truncated, changed, or from another build\)\. Rebuild the index and publish all of its files together\./);
  });

  it('says how to build a missing index', async () => {
    const result = await sagasu(['search', '--index', join(work, 'none'), 'aws']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /manifest\.json: not found\. Build the index first: sagasu index --out /);
  });
});
