/** The widget's DOM-free helpers: highlighting, partial-query suggestions, recent searches, colour parsing. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { highlight, queryWords, subQueries } from '../../web/ui/highlight.ts';
import { loadRecent, saveRecent, RECENT_MAX } from '../../web/ui/recent.ts';
import { luminance, parseRgb } from '../../web/ui/host.ts';

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
