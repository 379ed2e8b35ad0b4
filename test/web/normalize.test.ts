import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { foldCase, normalizeDisplay, normalizeQueryText, toHiragana } from '../../web/core/normalize.ts';

describe('normalisation', () => {
  it('folds full-width Latin and half-width kana (NFKC) and case', () => {
    assert.equal(normalizeQueryText('ＡＷＳ'), 'aws');
    assert.equal(normalizeQueryText('ｻｰﾊﾞ'), 'サーバ');
    assert.equal(normalizeQueryText('PYTHON'), 'python');
  });
  it('folds wave dashes, dashes and ヶ', () => {
    assert.equal(foldCase('10〜20'), '10~20');
    assert.equal(foldCase('3ヶ月'), '3ケ月');
  });
  it('never changes the length in foldCase', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => foldCase(s).length === s.length));
  });
  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      const once = normalizeQueryText(s);
      return normalizeQueryText(once) === once;
    }), { numRuns: 2000 });
  });
  it('turns lone surrogates into U+FFFD', () => {
    assert.equal(normalizeDisplay('a\uD800b'), 'a\uFFFDb');
  });
  it('converts katakana to hiragana', () => {
    assert.equal(toHiragana('カコガワ'), 'かこがわ');
  });
});
