import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_TERMS, parseQuery } from '../../web/core/query.ts';
import { termRegExp } from '../../web/core/match.ts';

const texts = (q: string) => parseQuery(q).terms.map((t) => t.text);

describe('parseQuery', () => {
  it('splits on spaces, the full-width space and 、 into terms that must all match', () => {
    assert.deepEqual(texts('AWS　障害、対応'), ['aws', '障害', '対応']);
  });
  it('keeps a quoted phrase as one term', () => {
    const q = parseQuery('"route 53" dns');
    assert.deepEqual(q.terms.map((t) => [t.text, t.phrase]), [['route 53', true], ['dns', false]]);
  });
  it('reads 「」 as quotes', () => {
    assert.deepEqual(texts('「構成 管理」'), ['構成 管理']);
  });
  it('excludes -terms', () => {
    const q = parseQuery('ansible -vagrant');
    assert.deepEqual([texts('ansible -vagrant'), q.excluded.map((t) => t.text)], [['ansible'], ['vagrant']]);
  });
  it('marks only the last term, still being typed, as a prefix', () => {
    assert.deepEqual(parseQuery('構成 Prome').terms.map((t) => t.prefix), [false, true]);
    assert.deepEqual(parseQuery('構成 Prome ').terms.map((t) => t.prefix), [false, false]);
  });
  it('drops empty and duplicate terms', () => {
    assert.deepEqual(texts('  aws  AWS  -  '), ['aws']);
  });
  it('never throws and never returns more than MAX_TERMS terms or an empty term', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
      const q = parseQuery(s);
      return q.terms.length <= MAX_TERMS && q.terms.every((t) => t.text.length > 0) && q.terms.every((t) => termRegExp(t.text) instanceof RegExp);
    }), { numRuns: 3000 });
  });
});

describe('termRegExp', () => {
  const finds = (term: string, text: string) => termRegExp(term).test(text);
  it('matches a Latin term only at a word start', () => {
    assert.equal(finds('aws', 'new aws region'), true);
    assert.equal(finds('aws', 'laws'), false);
    assert.equal(finds('prome', 'prometheus'), true);
    assert.equal(finds('aws', 'awsが落ちた'), true);
  });
  it('matches katakana with or without the final long vowel', () => {
    assert.equal(finds('サーバー', 'サーバの管理'), true);
    assert.equal(finds('サーバ', 'サーバーの管理'), true);
    assert.equal(finds('サーバ構築', 'サーバー構築'), true);
    assert.equal(finds('ユーザー', 'ユーザの追加'), true);
  });
  it('treats regex metacharacters literally', () => {
    assert.equal(finds('c++', 'c++ と c#'), true);
    assert.equal(finds('a.b', 'axb'), false);
  });
});
