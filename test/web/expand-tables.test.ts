/**
 * The tables the indexer writes for the expansion (indexer/tables.ts), from small made-up input:
 * keys as the expander asks for them, and the synonym pruning rules with their reasons.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildTables, wholeWords } from '../../indexer/tables.ts';
import type { SynonymGroup } from '../../indexer/synonyms.ts';
import { parseSiteSynonyms } from '../../indexer/synonyms.ts';
import { expandTerm } from '../../web/core/expand.ts';
import type { Problem } from '../../indexer/problems.ts';

const B = '\uE000'; // WORD_BREAK
const word = (text: string, meanings = 'g1', vocabulary = 1) => ({ text, trigger: true, target: true, vocabulary, meanings });

function tablesOf(pageTexts: string[][], groups: SynonymGroup[], readings: [string, string][][] = []) {
  const latinWords = pageTexts.map((texts) => new Set(texts.join(' ').toLowerCase().match(/[a-z][a-z0-9]*/g) ?? []));
  return buildTables({ pageTexts, latinWords, readings: readings.length > 0 ? readings : pageTexts.map(() => []), groups });
}

describe('tables for the expansion', () => {
  it('keys readings by hiragana without a final long-vowel mark, with pages per surface', () => {
    const { tables } = tablesOf([['a'], ['b']], [], [[['じどうか', '自動化'], ['ぶらうざー', 'ブラウザー']], [['じどうか', '自動化']]]);
    assert.deepEqual(tables.readings.get('じどうか'), [['自動化', 2]]);
    assert.deepEqual(tables.readings.get('ぶらうざ'), [['ブラウザー', 1]]);
  });
  it('keys the Latin vocabulary by each word and its one-letter deletes, with page counts', () => {
    const { tables } = tablesOf([['prometheus rocks'], ['prometheus']], []);
    assert.deepEqual(tables.vocabulary.get('prometheus'), [['prometheus', 2]]);
    assert.deepEqual(tables.vocabulary.get('prometeus'), [['prometheus', 2]]);
    const lookup = (table: 'readings' | 'synonyms' | 'vocabulary', key: string) => tables[table].get(key);
    assert.deepEqual(expandTerm({ text: 'promehteus', phrase: false, prefix: false }, lookup, 0).map((a) => a.text), ['prometheus']);
  });
  it('pairs the spellings of one word that the site uses, weighted by how often each is a word of its own', () => {
    const { tables } = tablesOf([['ブラウザで見る'], ['ブラウザ'], ['the browser']], [{ id: 'sudachi:1', words: [word('ブラウザ'), word('browser')] }]);
    assert.deepEqual(tables.synonyms.get('browser'), [['ブラウザ', 2, 0.6]]);
    assert.deepEqual(tables.synonyms.get('ブラウザ'), [['browser', 1, 0.6]]);
  });
  it('keeps a word that is mostly part of longer words, weighted by its share of whole-word pages', () => {
    // ネット: a word of its own on 1 of its 3 pages (インター|ネット), inside ネットワーク on 2.
    const pages = [[`インター${B}ネット`], ['ネットワーク'], ['ネットワーク'], ['the internet']];
    const { tables, dropped } = tablesOf(pages, [{ id: 'sudachi:2', words: [word('internet'), word('ネット')] }]);
    assert.deepEqual(tables.synonyms.get('internet'), [['ネット', 3, 0.2]]);
    assert.deepEqual(dropped, []);
    // Never a word of its own: still offered, at the floor weight.
    const inside = tablesOf([['ネットワーク'], ['the internet']], [{ id: 'sudachi:2', words: [word('internet'), word('ネット')] }]);
    assert.deepEqual(inside.tables.synonyms.get('internet'), [['ネット', 1, 0.06]]);
  });
  it('drops a Latin word too short to mean one thing, and says why', () => {
    const { tables, dropped } = tablesOf([['パスワード'], ['pw']], [{ id: 'sudachi:5', words: [word('パスワード'), word('pw')] }]);
    assert.equal(tables.synonyms.get('パスワード'), undefined);
    assert.deepEqual(dropped, [{ group: 'sudachi:5', word: 'pw', reason: 'too short to offer' }]);
  });
  it('never pairs words of different meanings or different vocabulary numbers', () => {
    const { tables } = tablesOf([['mobile'], ['スマホ'], ['smartphone'], ['customer'], ['顧客']], [
      { id: 'sudachi:3', words: [word('スマホ', 'g3'), word('smartphone', 'g3'), word('mobile', 'g3,g4')] },
      { id: 'sudachi:4', words: [word('customer', 'g5', 1), word('顧客', 'g5', 2)] },
    ]);
    assert.deepEqual(tables.synonyms.get('スマホ'), [['smartphone', 1, 0.6]]);
    assert.equal(tables.synonyms.get('mobile'), undefined);
    assert.equal(tables.synonyms.get('customer'), undefined);
  });
  it('reads the site synonyms file as groups of equal words', () => {
    const problems: Problem[] = [];
    const groups = parseSiteSynonyms('k8s: [Kubernetes, クバネティス]\nhistudy: 姫路IT系勉強会\n', 'synonyms.yaml', problems);
    assert.deepEqual(problems, []);
    assert.deepEqual(groups.map((g) => [g.id, g.words.map((w) => w.text)]), [['site:k8s', ['k8s', 'kubernetes', 'クバネティス']], ['site:histudy', ['histudy', '姫路it系勉強会']]]);
    const more: Problem[] = [];
    parseSiteSynonyms('k8s:\n  nested: map\n', 'synonyms.yaml', more);
    assert.deepEqual(more.map((p) => [p.line, p.message]), [[1, '"k8s" must be followed by a list of words, as in `k8s: [word, word]`']]);
  });
  it('collects the words of a marked text and their joins', () => {
    const out = new Set<string>();
    wholeWords(`情報${B}処理のブラウザー access point`, out);
    for (const w of ['情報', '処理', '情報処理', 'ブラウザー', 'ブラウザ', 'access', 'point', 'access point']) assert.ok(out.has(w), w);
    assert.ok(!out.has('報処'));
  });
});
