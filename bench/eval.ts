/**
 * Prints the quality table of Sagasu on a corpus: recall and precision per query against
 * exact-substring ground truth (see quality.ts), per category, and the mean.
 *
 *   npx tsx bench/eval.ts [--content DIR] [--verbose]
 */
import { parseArgs } from 'node:util';
import { buildIndex, searchBuild } from '../indexer/build-index.ts';
import { ADVERSARIAL_QUERIES, EVERYDAY_QUERIES, VARIANT_QUERIES, knownTopicQueries, readingQueries, typoQueries, relevantPages, sampledQueries, score, visiblePages } from './quality.ts';

const { values } = parseArgs({ options: { content: { type: 'string', default: '../shared/corpus/histudy-site/content' }, verbose: { type: 'boolean', default: false } } });
const build = await buildIndex({ content: String(values.content), baseUrl: '', buildFuture: false, today: new Date().toISOString().slice(0, 10) });
const index = await searchBuild(build);
const truth = visiblePages(build.pages);
const categories: [string, readonly string[]][] = [
  ['everyday', EVERYDAY_QUERIES],
  ['width/case', VARIANT_QUERIES.width],
  ['prefix', VARIANT_QUERIES.prefix],
  ['sampled', sampledQueries(truth, 400)],
  ['adversarial', ADVERSARIAL_QUERIES],
];
console.log(`corpus: ${values.content} (${build.manifest.pages} pages)\n`);
console.log('category      queries  recall  precision  slowest ms');
for (const [name, queries] of categories) {
  let recall = 0; let precision = 0; let slowest = 0;
  for (const q of queries) {
    const t = performance.now();
    const found = new Set((await index.search(q, { limit: 0, topicsPerPage: 1 })).results.map((r) => r.page));
    slowest = Math.max(slowest, performance.now() - t);
    const s = score(found, relevantPages(truth, q));
    recall += s.recall; precision += s.precision;
    if (values.verbose && (s.recall < 1 || s.precision < 1)) console.log(`  ${q}: recall ${s.recall.toFixed(2)} precision ${s.precision.toFixed(2)} (found ${found.size}, relevant ${relevantPages(truth, q).size})`);
  }
  console.log(`${name.padEnd(13)} ${String(queries.length).padStart(7)}  ${(recall / queries.length).toFixed(3)}   ${(precision / queries.length).toFixed(3)}     ${slowest.toFixed(1)}`);
}

// Known topics: the rank of the expected topic (page + heading id); mean reciprocal rank.
const known = knownTopicQueries(build.pages, 100);
let reciprocal = 0;
let firsts = 0;
for (const k of known) {
  const urls = (await index.search(k.query, { limit: 10, topicsPerPage: 3 })).results.map((r) => r.url.split(':~:')[0]);
  const rank = urls.findIndex((u) => u === `${k.page}#${k.anchor}`) + 1;
  if (rank > 0) reciprocal += 1 / rank;
  if (rank === 1) firsts++;
  if (values.verbose && rank !== 1) console.log(`  ${k.query} → ${k.page}#${k.anchor}: rank ${rank || '>30'}`);
}
console.log(`\nknown topics  ${known.length} queries made from section headings: MRR ${(reciprocal / known.length).toFixed(3)}, first ${firsts}/${known.length}`);

// Fallbacks: kana readings of kanji words, and Latin words with one typo.
const pagesFor = async (q: string) => new Set((await index.search(q, { limit: 0, topicsPerPage: 1 })).results.map((r) => r.page));
const meanOf = (rows: { recall: number; precision: number }[]) => ({
  recall: rows.reduce((a, r) => a + r.recall, 0) / Math.max(1, rows.length),
  precision: rows.reduce((a, r) => a + r.precision, 0) / Math.max(1, rows.length),
});
// The readings table, from its chunk files.
const readings: [string, string[]][] = [];
for (const [name, file] of build.files) if (name.includes('/t/readings-')) readings.push(...(Object.entries((JSON.parse(String(file)) as { entries: Record<string, string[]> }).entries)));
readings.sort((a, b) => (a[0] < b[0] ? -1 : 1));
const kana = await Promise.all(readingQueries(readings, 50).map(async (k) => score(await pagesFor(k.query), relevantPages(truth, k.surface))));
const typos = await Promise.all(typoQueries(truth, 50).map(async (t) => score(await pagesFor(t.query), relevantPages(truth, t.word))));
const k = meanOf(kana);
const t = meanOf(typos);
console.log(`readings      ${kana.length} hiragana readings of kanji words: recall ${k.recall.toFixed(3)}, precision ${k.precision.toFixed(3)}`);
console.log(`typos         ${typos.length} Latin words with one typo: recall ${t.recall.toFixed(3)}, precision ${t.precision.toFixed(3)}`);
