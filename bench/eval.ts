/**
 * Prints the quality table of Sagasu on a corpus: recall and precision per query against
 * exact-substring ground truth (see quality.ts), per category, and the mean.
 *
 *   npx tsx bench/eval.ts [--content DIR] [--verbose]
 */
import { parseArgs } from 'node:util';
import { buildIndex, searchBuild } from '../indexer/build-index.ts';
import { ADVERSARIAL_QUERIES, EVERYDAY_QUERIES, VARIANT_QUERIES, relevantPages, sampledQueries, score, visiblePages } from './quality.ts';

const { values } = parseArgs({ options: { content: { type: 'string', default: '../shared/corpus/histudy-site/content' }, verbose: { type: 'boolean', default: false } } });
const build = await buildIndex({ content: String(values.content), baseUrl: '', buildFuture: false, today: new Date().toISOString().slice(0, 10) });
const index = searchBuild(build);
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
    const found = new Set(index.search(q, { limit: 0, topicsPerPage: 1 }).results.map((r) => r.page));
    slowest = Math.max(slowest, performance.now() - t);
    const s = score(found, relevantPages(truth, q));
    recall += s.recall; precision += s.precision;
    if (values.verbose && (s.recall < 1 || s.precision < 1)) console.log(`  ${q}: recall ${s.recall.toFixed(2)} precision ${s.precision.toFixed(2)} (found ${found.size}, relevant ${relevantPages(truth, q).size})`);
  }
  console.log(`${name.padEnd(13)} ${String(queries.length).padStart(7)}  ${(recall / queries.length).toFixed(3)}   ${(precision / queries.length).toFixed(3)}     ${slowest.toFixed(1)}`);
}
