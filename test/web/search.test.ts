import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { SearchIndex } from '../../web/core/search.ts';
import { MANIFEST_FILE, buildFile } from '../../web/core/format.ts';
import { openIndex } from '../../web/core/load.ts';
import { snippetParts } from '../../web/core/snippet.ts';
import { FIXTURE_SITE, buildOnce, searchIndexOf } from '../helpers.ts';

let index: SearchIndex;
before(async () => { index = await searchIndexOf(FIXTURE_SITE); });
const pages = async (q: string) => [...new Set((await await index.search(q, { limit: 0, topicsPerPage: 0 })).results.map((r) => r.page))].sort();
const first = async (q: string) => (await await index.search(q)).results[0]?.url;

describe('search on the fixture site', () => {
  it('finds width and case variants', async () => {
    assert.deepEqual(await pages('ＡＷＳ'), await pages('aws'));
    assert.deepEqual(await pages('aws'), ['/histudy/2020/01/', '/histudy/2020/02/']);
    assert.deepEqual(await pages('prometheus'), ['/histudy/2020/01/', '/histudy/2020/02/']);
  });
  it('finds both long-vowel spellings', async () => {
    assert.deepEqual(await pages('サーバー'), ['/histudy/2020/01/', '/histudy/2020/02/']);
    assert.deepEqual(await pages('ユーザー'), ['/histudy/2020/01/']);
  });
  it('matches the last term as a prefix while typing', async () => {
    assert.deepEqual(await pages('構成管'), ['/histudy/2020/01/']);
    assert.deepEqual(await pages('Prome'), ['/histudy/2020/01/', '/histudy/2020/02/']);
  });
  it('requires every term, anywhere on the page', async () => {
    assert.deepEqual(await pages('京都 ansible'), ['/histudy/2020/01/']);
    assert.deepEqual(await pages('京都 docker'), []);
  });
  it('excludes topics with a -term', async () => {
    assert.ok(!(await index.search('東京 -都庁', { topicsPerPage: 0 })).results.some((r) => r.snippet.text.includes('都庁')));
  });
  it('finds a kanji word from its hiragana reading', async () => {
    const response = await index.search('かこがわ');
    assert.deepEqual(response.expansions.map((e) => e.kind), ['reading']);
    assert.ok(response.results.some((r) => r.page === '/kakogawa_infra/2021/05/'));
  });
  it('tolerates a Latin typo without flooding', async () => {
    const response = await index.search('Promethues');
    assert.deepEqual(response.expansions.map((e) => e.matched), [['prometheus']]);
    assert.deepEqual(await pages('Promethues'), ['/histudy/2020/01/', '/histudy/2020/02/']);
    assert.deepEqual(await pages('Zzyzx'), []);
  });
  it('ranks a topic whose heading is the query first', async () => {
    assert.equal(await first('冗長化'), '/kakogawa_infra/2021/05/#冗長化の話');
    assert.equal(await first('東京都'), '/histudy/2020/01/#東京都の話');
  });
  it('ranks the whole word 京都 above 京都 inside 東京都', async () => {
    const headings = (await index.search('京都', { topicsPerPage: 0 })).results.map((r) => r.heading.at(-1));
    assert.deepEqual(headings.slice(0, 2), ['京都に行った話', '東京都の話']);
  });
  it('links a thread to its section id plus a text fragment with the next line as context', async () => {
    assert.equal(await first('Prometheusの構築'), `/histudy/2020/01/#雑談モード:~:text=Prometheus%E3%81%AE%E6%A7%8B%E7%AF%89,-${encodeURIComponent('vagrantを使ってサーバーを用意')}`);
  });
  it('links duplicate headings to their numbered ids', async () => {
    assert.equal(await first('二つ目'), '/histudy/2020/02/#同じ見出し-1');
  });
  it('returns snippets whose marks cover the matched text', async () => {
    const hit = (await index.search('構成管理')).results[0];
    assert.ok(hit);
    const marked = snippetParts(hit.snippet).filter((p) => p.mark).map((p) => p.text);
    assert.deepEqual(marked, ['構成管理']);
  });
  it('filters by series and year and sorts by date', async () => {
    assert.deepEqual((await index.search('の', { series: '加古川IT系インフラ勉強会', limit: 0 })).results.map((r) => r.page).filter((v, i, a) => a.indexOf(v) === i), ['/kakogawa_infra/2021/05/']);
    assert.ok((await index.search('の', { year: '2020', limit: 0 })).results.every((r) => r.date.startsWith('2020')));
    const dates = (await index.search('の', { sort: 'date', limit: 0, topicsPerPage: 1 })).results.map((r) => r.date);
    assert.deepEqual(dates, [...dates].sort().reverse());
  });
  it('reads only the manifest, the meta file, the chunks of its keys and the pages it shows', async () => {
    const build = await buildOnce(FIXTURE_SITE);
    const reads: string[] = [];
    const store = await openIndex(async (name) => {
      reads.push(name);
      const file = build.files.get(name);
      if (file === undefined) throw new Error(`${name} missing`);
      return typeof file === 'string' ? new TextEncoder().encode(file) : file;
    }, 'fixture');
    const response = await new SearchIndex(store).search('構成管理', { limit: 1 });
    const { build: id, chunks } = build.manifest;
    assert.equal(response.results[0]?.page, '/histudy/2020/01/');
    assert.deepEqual(reads.slice(0, 2), [MANIFEST_FILE, buildFile.meta(id)]);
    const chunkReads = reads.filter((r) => r.includes('/p/'));
    // 構成管理 is two bigrams (構成, 管理): at most two chunks, whatever the size of the index.
    assert.ok(chunkReads.length >= 1 && chunkReads.length <= Math.min(2, chunks), `${chunkReads.length} of ${chunks} chunks read`);
    assert.deepEqual(reads.filter((r) => r.includes('/page/')), [buildFile.page(id, build.pages.findIndex((p) => p.record.url === '/histudy/2020/01/'))]);
    const before = reads.length;
    await new SearchIndex(store).search('構成管理', { limit: 1 });
    assert.equal(reads.length, before, 'a second search of the same store reads nothing new');
  });
  it('never throws, and snippet parts join back to the snippet', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (q) => {
      const response = await index.search(q);
      return response.results.every((r) => snippetParts(r.snippet).map((p) => p.text).join('') === r.snippet.text);
    }), { numRuns: 500 });
  });
});

describe('search on a site where a word is on hundreds of pages', () => {
  it('shows any window of the ranking (offset, limit, relevance or date) exactly as the full ranking orders it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sagasu-window-'));
    try {
      // 240 pages; 'ansible' on each, a varying number of times (ties included), some in headings.
      for (let i = 0; i < 240; i++) {
        const times = 1 + ((i * 7) % 5);
        const heading = i % 9 === 0 ? '## ansible の話\n\n' : '## 雑談\n\n';
        const date = `20${10 + (i % 13)}-0${1 + (i % 9)}-1${i % 10}`;
        await writeFile(join(dir, `p${String(i).padStart(3, '0')}.md`), `---\ntitle: 第${i}回\ndate: ${date}\n---\n\n${heading}${'ansible で構築した。'.repeat(times)}\n`);
      }
      const site = await searchIndexOf(dir);
      for (const sort of ['relevance', 'date'] as const) {
        const all = (await site.search('ansible', { limit: 0, topicsPerPage: 1, sort })).results.map((r) => r.page);
        assert.equal(all.length, 240);
        for (const [offset, limit] of [[0, 1], [0, 10], [3, 5], [17, 10], [230, 10]] as const) {
          const window = (await site.search('ansible', { offset, limit, topicsPerPage: 1, sort })).results.map((r) => r.page);
          assert.deepEqual(window, all.slice(offset, offset + limit), `${sort} ${offset}+${limit}`);
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
