/**
 * Query robustness: the parser and the search never throw, whatever is typed — lone surrogates,
 * control characters, emoji with ZWJ, combining marks, RTL overrides, regex metacharacters,
 * 10,000-character queries. Run on the real corpus when ../shared is there, else the fixtures.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import type { SearchIndex } from '../../web/core/search.ts';
import { snippetParts } from '../../web/core/snippet.ts';
import { CORPUS, FIXTURE_SITE, searchIndexOf } from '../helpers.ts';
import { ADVERSARIAL_QUERIES } from '../../bench/quality.ts';

const nasty = fc.constantFrom(
  '\uD800', '\uDFFF', '\uDBFF\uDFFF', '👨‍👩‍👧‍👦', '🇯🇵', 'e\u0301', 'ガ\u3099', '\u202E', '\u200B', '\u0000', '\u001F', '\uFEFF',
  '.*+?^${}()|[]\\/', '"', '「', '」', '-', 'ー', ' ', '\u3000', '、', '\uE000', '\uE001', '</mark>', '<script>', 'ｶﾞ', 'Ⅻ', 'ﬁ',
);
const query = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 8 }), nasty), { maxLength: 24 }).map((parts) => parts.join(''));

describe('search robustness', () => {
  let index: SearchIndex;
  before(async () => { index = await searchIndexOf(existsSync(CORPUS) ? CORPUS : FIXTURE_SITE); });

  it('never throws, and every result is a site link with a well-formed snippet', async () => {
    await fc.assert(fc.asyncProperty(query, fc.boolean(), async (q, byDate) => {
      const response = await index.search(q, { sort: byDate ? 'date' : 'relevance', limit: 5 });
      return response.results.every((r) => r.url.startsWith('/') && !r.url.startsWith('//')
        && snippetParts(r.snippet).map((p) => p.text).join('') === r.snippet.text
        && r.snippet.matches.every(([s, e]) => s < e && e <= r.snippet.text.length));
    }), { numRuns: 1500 });
  });

  it('answers long, repetitive and symbol-only queries', async () => {
    for (const q of ADVERSARIAL_QUERIES) await assert.doesNotReject(() => index.search(q), q.slice(0, 20));
    assert.equal((await index.search('x'.repeat(10_000))).total, 0);
    assert.equal((await index.search('   \u3000 ')).total, 0);
  });
});
