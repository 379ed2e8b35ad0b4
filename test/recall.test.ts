/**
 * The recall table over the real corpus (../shared, read at run time): every page whose visible
 * text contains a query must be found. Skipped, with a message, when the corpus is absent.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { CORPUS, buildOnce, searchIndexOf } from './helpers.ts';
import { EVERYDAY_QUERIES, VARIANT_QUERIES, relevantPages, sampledQueries, score, visiblePages, type TruthPage } from '../bench/quality.ts';
import type { SearchIndex } from '../web/core/search.ts';

const present = existsSync(CORPUS);
const skip = present ? false : `corpus not found at ${CORPUS}; the recall table needs ../shared`;

describe('recall on the real corpus', { skip }, () => {
  let index: SearchIndex;
  let truth: TruthPage[];
  before(async () => {
    index = await searchIndexOf(CORPUS);
    truth = visiblePages((await buildOnce(CORPUS)).pages);
  });
  const found = async (q: string) => new Set((await index.search(q, { limit: 0, topicsPerPage: 1 })).results.map((r) => r.page));
  const table = async (queries: readonly string[]) => Promise.all(queries.map(async (q) => ({ q, ...score(await found(q), relevantPages(truth, q)) })));
  const mean = (rows: { recall: number; precision: number }[], key: 'recall' | 'precision') => rows.reduce((s, r) => s + r[key], 0) / rows.length;

  it('finds every page containing an everyday query, with precision ≥ 0.99 (サーバ a spelling of サーバー)', async () => {
    const rows = await table(EVERYDAY_QUERIES);
    const missed = rows.filter((r) => r.recall < 1).map((r) => `${r.q}: ${r.missed.join(' ')}`);
    assert.deepEqual(missed, []);
    assert.ok(mean(rows, 'precision') >= 0.97, `mean precision ${mean(rows, 'precision').toFixed(3)}`);
    // Synonyms must not dilute what was typed: against the truth with the long-vowel tolerance
    // the search promises, precision stays ≥ 0.99.
    const tolerant = await Promise.all(EVERYDAY_QUERIES.map(async (q) => score(await found(q), relevantPages(truth, q, true))));
    assert.ok(mean(tolerant, 'precision') >= 0.99, `mean precision ${mean(tolerant, 'precision').toFixed(3)}`);
  });
  it('finds every page for width/case variants and prefixes', async () => {
    const rows = await table([...VARIANT_QUERIES.width, ...VARIANT_QUERIES.prefix]);
    assert.deepEqual(rows.filter((r) => r.recall < 1).map((r) => r.q), []);
  });
  it('finds both spellings of long-vowel words', async () => {
    for (const [a, b] of [['サーバ', 'サーバー'], ['ユーザ', 'ユーザー']] as const) {
      const union = new Set([...relevantPages(truth, a), ...relevantPages(truth, b)]);
      for (const q of [a, b]) assert.deepEqual(score(await found(q), union).missed, [], q);
    }
  });
  it('finds every page for 400 sampled substrings of the corpus', async () => {
    const rows = await table(sampledQueries(truth, 400));
    assert.equal(rows.length, 400);
    assert.deepEqual(rows.filter((r) => r.recall < 1).map((r) => `${r.q}: ${r.missed.join(' ')}`), []);
  });
});
