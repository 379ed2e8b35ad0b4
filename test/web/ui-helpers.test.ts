/** The widget's DOM-free helpers: highlighting, partial-query suggestions, recent searches, colour parsing, URL state, result links. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { highlight, queryWords, subQueries } from '../../web/ui/highlight.ts';
import { loadRecent, saveRecent, RECENT_MAX } from '../../web/ui/recent.ts';
import { luminance, parseRgb } from '../../web/ui/host.ts';
import { NO_FILTERS, readUrlState, urlSearch, type Filters } from '../../web/ui/url-state.ts';
import { safeHref } from '../../web/ui/result-list.tsx';

describe('highlight', () => {
  it('marks every occurrence of the query words, ignoring case', () => {
    assert.deepEqual(highlight('Ansible と ansible', ['ANSIBLE']), [
      { text: 'Ansible', mark: true }, { text: ' と ', mark: false }, { text: 'ansible', mark: true },
    ]);
  });
  it('gives parts that join back to the text, whatever the words', () => {
    fc.assert(fc.property(fc.string(), fc.array(fc.string()), (text, words) => highlight(text, words).map((p) => p.text).join('') === text));
  });
  it('drops excluded words and keeps quoted phrases whole', () => {
    assert.deepEqual(queryWords('"Web サーバー" 冗長化 -DNS'), ['Web', 'サーバー', '冗長化']);
  });
});

describe('subQueries', () => {
  it('tries the longest parts of a word that finds nothing first', () => {
    const subs = subQueries('量子コンピュータ');
    assert.equal(subs[0], '量子コンピュー');
    assert.ok(subs.indexOf('コンピュータ') >= 0 && subs.indexOf('コンピュータ') < subs.indexOf('コンピュ'));
  });
  it('drops one word at a time before splitting words', () => {
    assert.deepEqual(subQueries('サーバー 監視 量子').slice(0, 3), ['監視 量子', 'サーバー 量子', 'サーバー 監視']);
  });
  it('never returns the query itself and stays within its budget', () => {
    fc.assert(fc.property(fc.string(), (q) => { const subs = subQueries(q, 10); return subs.length <= 10 && !subs.includes(q.trim()); }));
  });
});

describe('recent searches', () => {
  it('never throws when storage is missing, and remembers nothing then', () => {
    assert.doesNotThrow(() => saveRecent('冗長化'));
    assert.deepEqual(loadRecent(), []);
  });
  it('keeps the newest first, once each, at most RECENT_MAX', () => {
    const store = new Map<string, string>();
    const g = globalThis as { localStorage?: unknown };
    g.localStorage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
    try {
      for (const q of ['a', 'b', 'a', 'c', 'd', 'e', 'f']) saveRecent(q);
      assert.deepEqual(loadRecent(), ['f', 'e', 'd', 'c', 'a'].slice(0, RECENT_MAX));
      store.set('sagasu:recent', '{not json');
      assert.deepEqual(loadRecent(), []);
    } finally {
      delete g.localStorage;
    }
  });
});

describe('host colours', () => {
  it('reads the colours getComputedStyle reports and tells dark from light', () => {
    const dark = parseRgb('rgb(27, 27, 27)');
    const light = parseRgb('rgba(255, 255, 255, 0.9)');
    assert.ok(dark && light);
    assert.ok(luminance(dark) < 0.2 && luminance(light) > 0.9);
    assert.equal(light[3], 0.9);
    assert.equal(parseRgb('color(srgb 1 1 1)'), undefined);
  });
});

describe('URL state', () => {
  /** readUrlState with `search` as the page's location. */
  const read = (search: string) => {
    const g = globalThis as { window?: unknown };
    const saved = g.window;
    g.window = { location: { search } };
    try { return readUrlState(); } finally { g.window = saved; }
  };
  it('writes only what differs from no filter and relevance order', () => {
    assert.equal(urlSearch('', NO_FILTERS), '');
    assert.equal(urlSearch('冗長化', NO_FILTERS), '?q=%E5%86%97%E9%95%B7%E5%8C%96');
    assert.equal(urlSearch('a b', { series: '姫路IT系勉強会', year: '2021', sort: 'date' }), '?q=a+b&series=%E5%A7%AB%E8%B7%AFIT%E7%B3%BB%E5%8B%89%E5%BC%B7%E4%BC%9A&year=2021&sort=date');
  });
  it('reads back every query and filter it wrote', () => {
    const filters = fc.record({ series: fc.string(), year: fc.string(), sort: fc.constantFrom<Filters['sort']>('relevance', 'date') });
    fc.assert(fc.property(fc.string(), filters, (query, f) => {
      assert.deepEqual(read(urlSearch(query, f)), { query, filters: { ...f } });
    }));
  });
  it('takes an unknown sort as relevance', () => {
    assert.deepEqual(read('?q=x&sort=%3Cscript%3E').filters, NO_FILTERS);
  });
});

describe('result links', () => {
  it('keeps site paths and http(s) URLs', () => {
    for (const url of ['/histudy/2021/05/#web-サーバーの冗長化', 'https://histudy.jp/a/', 'HTTP://example.org/']) assert.equal(safeHref(url), url);
  });
  it('drops every other scheme and protocol-relative URLs', () => {
    for (const url of ['javascript:alert(1)', ' javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', '//evil.example/', 'vbscript:x', '']) assert.equal(safeHref(url), undefined, url);
  });
});
