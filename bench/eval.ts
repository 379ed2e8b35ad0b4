/**
 * Prints the quality table of Sagasu on a corpus: recall and precision per query against
 * exact-substring ground truth (see quality.ts), per category, and the mean. Readings, typos and
 * synonyms are sampled with two seeds: the first is the one the rules were tuned on, the second
 * is held out (pass --seed N to draw others).
 *
 *   npx tsx bench/eval.ts [--content DIR] [--seed N] [--verbose] [--dropped]
 */
import { parseArgs } from 'node:util';
import kuromoji from 'kuromoji';
import { buildIndex, searchBuild } from '../indexer/build-index.ts';
import { kuromojiDictPath } from '../indexer/tokenize.ts';
import { wholeWords } from '../indexer/tables.ts';
import { sudachiDictionary, type SudachiGroup } from '../indexer/synonyms.ts';
import { foldCase, normalizeDisplay, toHiragana } from '../web/core/normalize.ts';
import { ADVERSARIAL_QUERIES, EVERYDAY_QUERIES, VARIANT_QUERIES, knownTopicQueries, readingQueries, relevantPages, relevantToAny, sampledQueries, score, synonymQueries, typoQueries, visiblePages, type DictionaryWord } from './quality.ts';

const { values } = parseArgs({ options: {
  content: { type: 'string', default: '../shared/corpus/histudy-site/content' },
  seed: { type: 'string' },
  verbose: { type: 'boolean', default: false },
  dropped: { type: 'boolean', default: false },
} });
const build = await buildIndex({ content: String(values.content), baseUrl: '', buildFuture: false, today: new Date().toISOString().slice(0, 10) });
const index = await searchBuild(build);
const truth = visiblePages(build.pages);
const verbose = values.verbose;
type Row = { recall: number; precision: number };
const meanOf = (rows: Row[]): Row => ({
  recall: rows.reduce((a, r) => a + r.recall, 0) / Math.max(1, rows.length),
  precision: rows.reduce((a, r) => a + r.precision, 0) / Math.max(1, rows.length),
});
const pagesFor = async (q: string) => new Set((await index.search(q, { limit: 0, topicsPerPage: 1 })).results.map((r) => r.page));
const line = (name: string, n: number, row: Row, note = '') => console.log(`${name.padEnd(22)} ${String(n).padStart(4)}  ${row.recall.toFixed(3)}   ${row.precision.toFixed(3)}  ${note}`);

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
    const found = await pagesFor(q);
    slowest = Math.max(slowest, performance.now() - t);
    const s = score(found, relevantPages(truth, q));
    recall += s.recall; precision += s.precision;
    if (verbose && (s.recall < 1 || s.precision < 1)) console.log(`  ${q}: recall ${s.recall.toFixed(2)} precision ${s.precision.toFixed(2)} (found ${found.size}, relevant ${relevantPages(truth, q).size})`);
  }
  console.log(`${name.padEnd(13)} ${String(queries.length).padStart(7)}  ${(recall / queries.length).toFixed(3)}   ${(precision / queries.length).toFixed(3)}     ${slowest.toFixed(1)}`);
}
// The same everyday queries against the truth with the long-vowel tolerance the search promises
// (a page saying サーバ is relevant to サーバー).
{
  const rows = await Promise.all(EVERYDAY_QUERIES.map(async (q) => score(await pagesFor(q), relevantPages(truth, q, true))));
  console.log(`${'everyday, ー optional'.padEnd(22)} ${String(rows.length).padStart(4)}  ${meanOf(rows).recall.toFixed(3)}   ${meanOf(rows).precision.toFixed(3)}`);
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
  if (verbose && rank !== 1) console.log(`  ${k.query} → ${k.page}#${k.anchor}: rank ${rank || '>30'}`);
}
console.log(`\nknown topics  ${known.length} queries made from section headings: MRR ${(reciprocal / known.length).toFixed(3)}, first ${firsts}/${known.length}`);

// Readings, typos and synonyms, each with a tuning seed and a held-out one.
const tokenizer = await new Promise<kuromoji.Tokenizer<kuromoji.IpadicFeatures>>((resolve, reject) => {
  kuromoji.builder({ dicPath: kuromojiDictPath() }).build((error, t) => (error ? reject(error) : resolve(t)));
});
const readingOf = (run: string) => {
  const tokens = tokenizer.tokenize(run);
  if (tokens.some((t) => !t.reading || t.reading === '*')) return undefined;
  return { reading: toHiragana(tokens.map((t) => t.reading).join('')), tokens: tokens.length };
};
const dictionary = sudachiWords(await sudachiDictionary());
// The stricter synonym truth: a page counts when it contains the query as typed, or a word of the
// group as a word of its own (kuromoji's boundaries, as stored in the index), not part of a longer
// one (ドラマ for ラマ).
const wholeWordPages = build.pages.map((page, p) => {
  const words = new Set<string>();
  for (const text of build.markedTexts[p] ?? []) wholeWords(foldCase(text), words);
  return { url: page.record.url, words };
});
const seeds = values.seed ? [Number(values.seed)] : [1, 2];
console.log('\nwidened queries        n     recall  precision  (seed: tuned on 1, held out 2)');
for (const seed of seeds) {
  const readings = readingQueries(truth, readingOf, 120, 11 + 100 * seed);
  for (const kind of ['kanji', 'composed', 'katakana'] as const) {
    const rows = await Promise.all(readings.filter((r) => r.kind === kind).map(async (r) => {
      const s = score(await pagesFor(r.query), relevantPages(truth, r.surface));
      if (verbose && (s.recall < 1 || s.precision < 1)) console.log(`  ${r.query} (${r.surface}): recall ${s.recall.toFixed(2)} precision ${s.precision.toFixed(2)}`);
      return s;
    }));
    line(`readings ${kind} s${seed}`, rows.length, meanOf(rows));
  }
  const wide = await Promise.all(readings.map(async (r) => score(await pagesFor(r.query), relevantToAny(truth, [r.surface, r.query]))));
  line(`readings all s${seed}`, readings.length, meanOf(await Promise.all(readings.map(async (r) => score(await pagesFor(r.query), relevantPages(truth, r.surface))))), `(kana literal also relevant: ${meanOf(wide).recall.toFixed(3)} / ${meanOf(wide).precision.toFixed(3)})`);
  const typos = await Promise.all(typoQueries(truth, 60, 13 + 100 * seed).map(async (t) => {
    const s = score(await pagesFor(t.query), relevantPages(truth, t.word));
    if (verbose && (s.recall < 1 || s.precision < 1)) console.log(`  ${t.query} (${t.word}): recall ${s.recall.toFixed(2)} precision ${s.precision.toFixed(2)}`);
    return s;
  }));
  line(`typos s${seed}`, typos.length, meanOf(typos));
  const synonymSample = synonymQueries(truth, dictionary, 60, 17 + 100 * seed);
  const synonyms = await Promise.all(synonymSample.map(async (q) => {
    const s = score(await pagesFor(q.query), relevantToAny(truth, q.words));
    if (verbose && (s.recall < 1 || s.precision < 1)) console.log(`  ${q.query} (${q.words.join(',')}): recall ${s.recall.toFixed(2)} precision ${s.precision.toFixed(2)}`);
    return s;
  }));
  const asWords = await Promise.all(synonymSample.map(async (q) => score(await pagesFor(q.query), new Set([...relevantPages(truth, q.query), ...wholeWordPages.filter((p) => q.words.some((w) => p.words.has(w))).map((p) => p.url)]))));
  line(`synonyms s${seed}`, synonyms.length, meanOf(synonyms), `(as whole words: ${meanOf(asWords).recall.toFixed(3)} / ${meanOf(asWords).precision.toFixed(3)})`);
}

if (values.dropped) {
  // Dropped synonym words that occur in the site (the others cost nothing either way).
  const shown = build.synonymsDropped.filter((d) => relevantPages(truth, d.word).size > 0);
  console.log(`\nsynonym words dropped for this site (${shown.length} of ${build.synonymsDropped.length} dropped words occur in it):`);
  for (const d of shown) console.log(`  ${d.group} ${d.word}: ${d.reason}`);
  // Precision per kept group: of the pages a word's synonyms add, the share where one of them is a
  // word of its own (not part of a longer word), for every key whose synonyms add pages.
  const synonymEntries: [string, unknown][] = [];
  for (const [name, file] of build.files) if (name.includes('/t/synonyms-')) synonymEntries.push(...Object.entries((JSON.parse(String(file)) as { entries: Record<string, unknown> }).entries));
  synonymEntries.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const rows: [string, number, number][] = [];
  for (const [key, value] of synonymEntries) {
    const response = await index.search(key, { limit: 0, topicsPerPage: 1 });
    const used = response.expansions.filter((e) => e.kind === 'synonym').flatMap((e) => e.matched);
    if (used.length === 0) continue;
    const literal = new Set((await index.search(`"${key}"`, { limit: 0, topicsPerPage: 1 })).results.map((r) => r.page));
    const withSynonym = relevantToAny(truth, used);
    const added = [...new Set(response.results.map((r) => r.page))].filter((u) => !literal.has(u) && withSynonym.has(u));
    const good = added.filter((u) => used.some((w) => wholeWordPages.find((p) => p.url === u)?.words.has(w)));
    rows.push([`${key} → ${used.join(', ')} (${JSON.stringify(value)})`, added.length, added.length === 0 ? 1 : good.length / added.length]);
  }
  const mean = rows.reduce((a, r) => a + r[2], 0) / Math.max(1, rows.length);
  console.log(`\nsynonym keys that add pages: ${rows.length}; mean precision of the added pages (synonym a word of its own there) ${mean.toFixed(3)}; below 0.9:`);
  for (const [what, added, precision] of rows.filter((r) => r[2] < 0.9)) console.log(`  ${what}: ${added} pages added, precision ${precision.toFixed(2)}`);
}

/**
 * Sudachi's dictionary words (group + vocabulary number) straight from the package, independent of
 * the index's pruning: spellings listed in more than one group are no truth of either and left out.
 */
function sudachiWords(raw: readonly SudachiGroup[]): DictionaryWord[] {
  const fold = (t: string) => foldCase(normalizeDisplay(t)).trim();
  const groupsOf = new Map<string, Set<string>>();
  for (const g of raw) for (const i of g.items) if (i.expandControl !== 2) groupsOf.set(fold(i.midashi), (groupsOf.get(fold(i.midashi)) ?? new Set()).add(g.id));
  const latinInSite = new Set(truth.flatMap((p) => p.text.match(/[a-z][a-z0-9]+/g) ?? []));
  const out: DictionaryWord[] = [];
  for (const g of raw) {
    const byNumber = new Map<number, { text: string; trigger: boolean }[]>();
    for (const i of g.items) {
      const text = fold(i.midashi);
      if (i.expandControl === 2 || (groupsOf.get(text)?.size ?? 0) > 1) continue;
      const list = byNumber.get(i.vocabularyNumber ?? 0) ?? [];
      if (!list.some((w) => w.text === text)) list.push({ text, trigger: i.expandControl === 0 });
      byNumber.set(i.vocabularyNumber ?? 0, list);
    }
    for (const [n, words] of byNumber) {
      // Cheap filter first: a word in two scripts in this site has a Latin spelling the site uses.
      if (words.length >= 2 && words.some((w) => latinInSite.has(w.text))) out.push({ group: `${g.id}/${n}`, words });
    }
  }
  return out;
}
