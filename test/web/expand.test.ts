/**
 * Query expansion against fake keyed tables: what a term is widened to, which keys it reads, and
 * the rules that keep a literal from hiding what was meant (or being flooded by it).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_READING_KEYS, deleteKeys, editDistance, expandTerm, expansionKeys, readingKey, typoKeys, type TableLookup, type TableName } from '../../web/core/expand.ts';
import { parseQuery, type QueryTerm } from '../../web/core/query.ts';

const term = (text: string, phrase = false): QueryTerm => ({ text, phrase, prefix: false });

/** A lookup over small in-memory tables that records every key it was asked for. */
function tables(entries: Partial<Record<TableName, Record<string, unknown>>>): { lookup: TableLookup; asked: [TableName, string][] } {
  const asked: [TableName, string][] = [];
  const lookup: TableLookup = (table, key) => {
    asked.push([table, key]);
    return entries[table]?.[key];
  };
  return { lookup, asked };
}

/** The vocabulary table the indexer would write for these words and page counts. */
function vocabulary(words: Record<string, number>): Record<string, unknown> {
  const table: Record<string, [string, number][]> = {};
  for (const [word, pages] of Object.entries(words)) for (const key of deleteKeys(word)) (table[key] ??= []).push([word, pages]);
  return table;
}

const texts = (alternatives: { text: string }[]) => alternatives.map((a) => a.text);

describe('readings', () => {
  it('reads a kana term as the composed kanji word its reading is stored under', () => {
    const { lookup } = tables({ readings: { じどうか: [['自動化', 23]] } });
    assert.deepEqual(expandTerm(term('じどうか'), lookup, 0), [{ text: '自動化', kind: 'reading', weight: 0.8 }]);
  });
  it('reads hiragana as the katakana word it spells, whatever the final long-vowel mark', () => {
    assert.equal(readingKey('ブラウザー'), readingKey('ぶらうざ'));
    const { lookup } = tables({ readings: { [readingKey('ブラウザー')]: [['ブラウザー', 35]] } });
    assert.deepEqual(texts(expandTerm(term('ぶらうざ'), lookup, 0)), ['ブラウザー']);
  });
  it('cuts a kana term into known readings when the whole is unknown', () => {
    const { lookup } = tables({ readings: { かこがわ: [['加古川', 3]], しやくしょ: [['市役所', 2]] } });
    assert.deepEqual(texts(expandTerm(term('かこがわしやくしょ'), lookup, 0)), ['加古川市役所']);
  });
  it('widens a kana term that matches a few pages as typed to a kanji word on more pages', () => {
    const { lookup } = tables({ readings: { かしか: [['可視化', 5]] } });
    assert.deepEqual(texts(expandTerm(term('かしか'), lookup, 1)), ['可視化']);
  });
  it('keeps a kana term that is common as typed (いま) from widening to a rarer kanji word', () => {
    const { lookup } = tables({ readings: { いま: [['今', 50]] } });
    assert.deepEqual(expandTerm(term('いま'), lookup, 100), []);
  });
  it('reads at most MAX_READING_KEYS keys, however long the kana term', () => {
    const keys = expansionKeys(term('あいうえおかきくけこさしすせそたちつてとなにぬ')).filter(([t]) => t === 'readings');
    assert.ok(keys.length <= MAX_READING_KEYS && keys.length > 0, String(keys.length));
    assert.equal(expansionKeys(term('あいうえお')).filter(([t]) => t === 'readings').length, 10);
  });
});

describe('typos', () => {
  const words = { prometheus: 12, promise: 3, html: 90, html5: 10, from: 30, form: 5, happy: 1 };
  const site = vocabulary(words);
  it('corrects a Latin word that matches nothing to the closest site word', () => {
    const { lookup } = tables({ vocabulary: site });
    assert.deepEqual(expandTerm(term('promethues'), lookup, 0), [{ text: 'prometheus', kind: 'typo', weight: 0.7 }]);
  });
  it('offers the correction beside a slip that occurs on one page', () => {
    const { lookup } = tables({ vocabulary: vocabulary({ ...words, promethues: 1 }) });
    assert.deepEqual(texts(expandTerm(term('promethues'), lookup, 1)), ['prometheus']);
  });
  it('does not correct a real word of the site (html5, form) or a word being typed (happ)', () => {
    const { lookup } = tables({ vocabulary: site });
    assert.deepEqual(expandTerm(term('html5'), lookup, 10), []);
    assert.deepEqual(expandTerm(term('form'), lookup, 5), []);
    assert.deepEqual(expandTerm(term('happ'), lookup, 1), []);
  });
  it('counts a swap of two letters as one edit', () => {
    assert.equal(editDistance('promethues', 'prometheus'), 1);
    assert.equal(editDistance('abc', 'abc'), 0);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });
});

describe('synonyms', () => {
  const synonyms = { browser: [['ブラウザ', 35, 0.5]], ブラウザ: [['browser', 6, 0.5]] };
  it('widens a word to the spelling the site uses more often', () => {
    const { lookup } = tables({ synonyms });
    assert.deepEqual(expandTerm(term('browser'), lookup, 6), [{ text: 'ブラウザ', kind: 'synonym', weight: 0.5 }]);
  });
  it('keeps a word in the site’s usual spelling exact', () => {
    const { lookup } = tables({ synonyms });
    assert.deepEqual(expandTerm(term('ブラウザ'), lookup, 35), []);
  });
  it('skips a synonym made of the term’s own units (its hits are the term’s), keeps the others', () => {
    // サーバー and サーバ are the same units (a final long vowel is none); サーヴァ is not.
    const { lookup } = tables({ synonyms: { サーバー: [['サーバ', 90, 0.6], ['サーヴァ', 95, 0.6]] } });
    assert.deepEqual(texts(expandTerm(term('サーバー'), lookup, 90)), ['サーヴァ']);
  });
  it('never widens a quoted term, and reads no key for it', () => {
    const { lookup, asked } = tables({ synonyms, readings: { じどうか: [['自動化', 23]] } });
    const [quoted] = parseQuery('"browser"').terms;
    assert.ok(quoted?.phrase);
    assert.deepEqual(expansionKeys(quoted), []);
    assert.deepEqual(expandTerm(quoted, lookup, 0), []);
    assert.deepEqual(expandTerm(term('じどうか', true), lookup, 0), []);
    assert.deepEqual(asked, []);
  });
});

describe('keys', () => {
  it('reads only keys that expansionKeys and typoKeys named, for any term and literal count', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), fc.constantFrom('', 'かこ', 'がわ', 'prom', 'あい'), fc.nat(12), (text, extra, literalPages) => {
      for (const t of parseQuery(text + extra).terms) {
        const named = new Set([...expansionKeys(t), ...typoKeys(t, literalPages)].map(([table, key]) => `${table}\u0000${key}`));
        const { lookup, asked } = tables({});
        // Every key present, so that no early exit hides a read.
        expandTerm(t, (table, key) => { lookup(table, key); return table === 'synonyms' ? [] : [['x', 1]]; }, literalPages);
        for (const [table, key] of asked) if (!named.has(`${table}\u0000${key}`)) return false;
      }
      return true;
    }), { numRuns: 300 });
  });
  it('asks for the typo vocabulary only when the literal is on a few pages', () => {
    assert.deepEqual(typoKeys(term('promehteus'), 0).length, 11);
    assert.deepEqual(typoKeys(term('promehteus'), 40), []);
    assert.deepEqual(expansionKeys(term('promehteus')).filter(([t]) => t === 'vocabulary'), []);
  });
  it('reads katakana as typed: no readings keys', () => {
    assert.deepEqual(expansionKeys(term('サーバー')).filter(([t]) => t === 'readings'), []);
    assert.ok(expansionKeys(term('さーばー')).some(([t]) => t === 'readings'));
  });
  it('keys a Latin word by itself and its one-letter deletes', () => {
    assert.deepEqual(deleteKeys('abcd'), ['abcd', 'bcd', 'acd', 'abd', 'abc']);
    assert.deepEqual(deleteKeys('abc'), ['abc']);
  });
});
