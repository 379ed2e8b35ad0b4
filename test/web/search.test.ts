import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SearchIndex } from '../../web/core/search.ts';
import { parseIndexData, parseIndexExtras } from '../../web/core/format.ts';
import { snippetParts } from '../../web/core/snippet.ts';
import { FIXTURE_SITE, buildOnce, searchIndexOf } from '../helpers.ts';

let index: SearchIndex;
before(async () => { index = await searchIndexOf(FIXTURE_SITE); });
const pages = (q: string) => [...new Set(index.search(q, { limit: 0, topicsPerPage: 0 }).results.map((r) => r.page))].sort();
const first = (q: string) => index.search(q).results[0]?.url;

describe('search on the fixture site', () => {
  it('finds width and case variants', () => {
    assert.deepEqual(pages('ＡＷＳ'), pages('aws'));
    assert.deepEqual(pages('aws'), ['/histudy/2020/01/', '/histudy/2020/02/']);
    assert.deepEqual(pages('prometheus'), ['/histudy/2020/01/', '/histudy/2020/02/']);
  });
  it('finds both long-vowel spellings', () => {
    assert.deepEqual(pages('サーバー'), ['/histudy/2020/01/', '/histudy/2020/02/']);
    assert.deepEqual(pages('ユーザー'), ['/histudy/2020/01/']);
  });
  it('matches the last term as a prefix while typing', () => {
    assert.deepEqual(pages('構成管'), ['/histudy/2020/01/']);
    assert.deepEqual(pages('Prome'), ['/histudy/2020/01/', '/histudy/2020/02/']);
  });
  it('requires every term, anywhere on the page', () => {
    assert.deepEqual(pages('京都 ansible'), ['/histudy/2020/01/']);
    assert.deepEqual(pages('京都 docker'), []);
  });
  it('excludes topics with a -term', () => {
    assert.ok(!index.search('東京 -都庁', { topicsPerPage: 0 }).results.some((r) => r.snippet.text.includes('都庁')));
  });
  it('finds a kanji word from its hiragana reading', () => {
    const response = index.search('かこがわ');
    assert.deepEqual(response.expansions.map((e) => e.kind), ['reading']);
    assert.ok(response.results.some((r) => r.page === '/kakogawa_infra/2021/05/'));
  });
  it('tolerates a Latin typo without flooding', () => {
    const response = index.search('Promethues');
    assert.deepEqual(response.expansions.map((e) => e.matched), [['prometheus']]);
    assert.deepEqual(pages('Promethues'), ['/histudy/2020/01/', '/histudy/2020/02/']);
    assert.deepEqual(pages('Zzyzx'), []);
  });
  it('ranks a topic whose heading is the query first', () => {
    assert.equal(first('冗長化'), '/kakogawa_infra/2021/05/#冗長化の話');
    assert.equal(first('東京都'), '/histudy/2020/01/#東京都の話');
  });
  it('ranks the whole word 京都 above 京都 inside 東京都', () => {
    const headings = index.search('京都', { topicsPerPage: 0 }).results.map((r) => r.heading.at(-1));
    assert.deepEqual(headings.slice(0, 2), ['京都に行った話', '東京都の話']);
  });
  it('links a thread to its section id plus a text fragment', () => {
    assert.equal(first('Prometheusの構築'), '/histudy/2020/01/#雑談モード:~:text=Prometheus%E3%81%AE%E6%A7%8B%E7%AF%89');
  });
  it('links duplicate headings to their numbered ids', () => {
    assert.equal(first('二つ目'), '/histudy/2020/02/#同じ見出し-1');
  });
  it('returns snippets whose marks cover the matched text', () => {
    const hit = index.search('構成管理').results[0];
    assert.ok(hit);
    const marked = snippetParts(hit.snippet).filter((p) => p.mark).map((p) => p.text);
    assert.deepEqual(marked, ['構成管理']);
  });
  it('filters by series and year and sorts by date', () => {
    assert.deepEqual(index.search('の', { series: '加古川IT系インフラ勉強会', limit: 0 }).results.map((r) => r.page).filter((v, i, a) => a.indexOf(v) === i), ['/kakogawa_infra/2021/05/']);
    assert.ok(index.search('の', { year: '2020', limit: 0 }).results.every((r) => r.date.startsWith('2020')));
    const dates = index.search('の', { sort: 'date', limit: 0, topicsPerPage: 1 }).results.map((r) => r.date);
    assert.deepEqual(dates, [...dates].sort().reverse());
  });
  it('marks a kana or typo fallback as pending until the extras file is attached', async () => {
    const build = await buildOnce(FIXTURE_SITE);
    const bare = new SearchIndex(parseIndexData(JSON.parse(build.files.get(build.manifest.data.file) ?? ''), 'data'));
    assert.deepEqual(bare.search('かこがわ').expansions, [{ term: 'かこがわ', kind: 'reading', matched: [], pending: true }]);
    bare.attachExtras(parseIndexExtras(JSON.parse(build.files.get(build.manifest.extras.file) ?? ''), 'extras'));
    assert.deepEqual(bare.search('かこがわ').expansions.map((e) => [e.kind, e.pending]), [['reading', undefined]]);
  });
  it('never throws, and snippet parts join back to the snippet', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (q) => {
      const response = index.search(q);
      return response.results.every((r) => snippetParts(r.snippet).map((p) => p.text).join('') === r.snippet.text);
    }), { numRuns: 500 });
  });
});
