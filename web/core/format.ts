/**
 * The index format: the one place that says what the indexer writes and the search reads.
 * Any change to what is written bumps INDEX_FORMAT_VERSION; readers refuse other versions.
 */

/** Bumped on every change to the files below. */
export const INDEX_FORMAT_VERSION = 2;

/** File name of the manifest inside the index folder; fetched uncached, it names the build folder. */
export const MANIFEST_FILE = 'manifest.json';

/** The folder of a built site that holds everything the search needs (`<out>/sagasu/`). */
export const SEARCH_FOLDER = 'sagasu';
/** The embed script inside SEARCH_FOLDER. */
export const EMBED_FILE = 'sagasu.js';
/** The worker script, next to the embed script, which loads it by this name. */
export const WORKER_FILE = 'sagasu-worker.js';

/**
 * The small file a reader fetches first (uncached). Every other file lives in the build folder
 * `b-<build>/`, named by the hash of the whole index, so it never changes and is cached forever:
 * - `meta.json` (IndexMeta): per page, what filters, sorting and grouping need;
 * - `p/<i>.bin` (see postings.ts): the postings of the keys whose bucket hashes to chunk i;
 * - `t/<table>-<i>.json` (IndexTable): the entries of an expansion table whose key hashes to i;
 * - `page/<p>.json` (PageFile): what a result shows (title, URL, headings, text of each topic).
 */
export type IndexManifest = {
  format: 'sagasu-index';
  version: number;
  /** 16 hex digits: SHA-256 of all index files; names the build folder. */
  build: string;
  pages: number;
  topics: number;
  /** Mean body length of a topic, in units (see units.ts): the length norm of ranking. */
  averageBody: number;
  /** Number of posting chunks. */
  chunks: number;
  /** Number of chunks of each expansion table (readings, synonyms, vocabulary). */
  tables: Record<string, number>;
};

/** Per page, small enough for every search to have: filters, date sort and topic ranges. */
export type IndexMeta = {
  build: string;
  /** Names of the series (first front-matter tag); `series` below indexes this list, -1 for none. */
  seriesNames: string[];
  /** `YYYY-MM-DD` or '' per page. */
  date: string[];
  series: number[];
  /** Topics per page: page p owns topics sum(topicCount[0..p-1]) … +topicCount[p]-1. */
  topicCount: number[];
};

/** One page's results display: its record and its topics, column by column (page-local numbers). */
export type PageFile = {
  build: string;
  page: PageRecord;
  /** Own heading (NFKC), '' for the text before the first heading. */
  heading: string[];
  /** Plain text (NFKC), lines separated by "\n". */
  text: string[];
  /** Hugo heading id; ANCHOR_OF_PARENT for a thread (its section's id). */
  anchor: string[];
  /** A thread's first line as rendered; FRAGMENT_IS_HEADING when equal to its heading; '' otherwise. */
  fragment: string[];
  /** Page-local index of the enclosing section's topic, or -1. */
  parent: number[];
};

/** One chunk of an expansion table: key → value (see expand.ts for what each table holds). */
export type IndexTable = { build: string; entries: Record<string, unknown> };

/** Path of a file of the build, relative to the manifest. */
export const buildFile = {
  meta: (build: string) => `b-${build}/meta.json`,
  postings: (build: string, chunk: number) => `b-${build}/p/${chunk}.bin`,
  table: (build: string, table: string, chunk: number) => `b-${build}/t/${table}-${chunk}.json`,
  page: (build: string, page: number) => `b-${build}/page/${page}.json`,
};

/** One published page. */
export type PageRecord = {
  /** Site-relative (or --base-url prefixed) URL, always ending in `/`. */
  url: string;
  title: string;
  /** `YYYY-MM-DD`, or '' when the page has no date. */
  date: string;
  /** First path segment of the content file (`histudy`, `kakogawa_infra`). */
  section: string;
  categories: string[];
  tags: string[];
};

/** One topic: a heading section, a thread of a list, or the text before the first heading. */
export type TopicRecord = {
  /** Index into `pages`. */
  page: number;
  /** Index of the enclosing section's topic (for the heading path), or -1. */
  parent: number;
  /** Hugo heading id, '' for text before the first heading. */
  anchor: string;
  /** For a list thread, its first line exactly as the page renders it (the `:~:text=` target), else ''. */
  fragment: string;
  /** The topic's own heading (or thread's first line), NFKC; '' for text before the first heading. */
  heading: string;
  /** Plain text of the topic (NFKC), lines separated by "\n". */
  text: string;
};

/** `anchor` value meaning "the same heading id as the parent topic" (every thread of a section). */
export const ANCHOR_OF_PARENT = '^';

/** `fragment` value meaning "the thread's first line is the heading text as stored". */
export const FRAGMENT_IS_HEADING = '=';

/**
 * Ends every segment of `IndexData.text`. A private-use character: no query can contain it
 * (the query parser drops them) and no pattern matches across it.
 */
export const SEGMENT_END = '\uE001';

/**
 * Marks a word boundary inside stored text where the script does not show one (東京|都).
 * A private-use character: three bytes in the file, removed by the reader before matching.
 */
export const WORD_BREAK = '\uE000';

/** Removes the two private-use characters the format reserves, from content or a query. */
export function removeReserved(text: string): string {
  return text.replace(/[\uE000\uE001]/g, '');
}

/** Thrown for any index the reader cannot use; the message says what to do. */
export class IndexFormatError extends Error {
  override name = 'IndexFormatError';
}

/** Narrows unknown JSON to a manifest of this version, or throws an IndexFormatError. */
export function parseManifest(value: unknown, where: string): IndexManifest {
  if (!isObject(value) || value.format !== 'sagasu-index') {
    throw new IndexFormatError(`${where}: not a Sagasu index manifest. Point to the folder written by \`sagasu index\` or \`sagasu build\`.`);
  }
  checkVersion(value.version, where);
  const { build, pages, topics, averageBody, chunks, tables } = value;
  if (typeof build !== 'string' || !/^[0-9a-f]{16}$/.test(build) || !isCount(pages) || !isCount(topics) || typeof averageBody !== 'number'
    || !isCount(chunks) || chunks < 1 || !isObject(tables) || !Object.values(tables).every(isCount)) {
    throw new IndexFormatError(`${where}: the manifest is damaged (missing build, counts or chunk numbers). Rebuild the index.`);
  }
  return { format: 'sagasu-index', version: INDEX_FORMAT_VERSION, build, pages, topics, averageBody, chunks, tables: tables as Record<string, number> };
}

/** Narrows unknown JSON to the meta file of `build`. */
export function parseMeta(value: unknown, build: string, pages: number, where: string): IndexMeta {
  const damaged = (what: string) => new IndexFormatError(`${where}: the index meta file is damaged (${what}). Rebuild the index.`);
  checkBuild(value, build, where);
  const { seriesNames, date, series, topicCount } = value as Record<string, unknown>;
  if (!isStrings(seriesNames) || !isStrings(date) || !Array.isArray(series) || !Array.isArray(topicCount)) throw damaged('columns missing');
  if (date.length !== pages || series.length !== pages || topicCount.length !== pages) throw damaged('columns of different lengths');
  if (!series.every((s) => typeof s === 'number' && s < seriesNames.length) || !topicCount.every(isCount)) throw damaged('a page');
  return value as IndexMeta;
}

/** Narrows unknown JSON to a page file of `build`. */
export function parsePageFile(value: unknown, build: string, where: string): PageFile {
  const damaged = (what: string) => new IndexFormatError(`${where}: the index page file is damaged (${what}). Rebuild the index.`);
  checkBuild(value, build, where);
  const { page, heading, text, anchor, fragment, parent } = value as Record<string, unknown>;
  if (!isObject(page) || typeof page.url !== 'string' || typeof page.title !== 'string' || typeof page.date !== 'string'
    || typeof page.section !== 'string' || !isStrings(page.tags) || !isStrings(page.categories)) throw damaged('page record');
  if (!isStrings(heading) || !isStrings(text) || !isStrings(anchor) || !isStrings(fragment) || !Array.isArray(parent)) throw damaged('topic columns');
  const n = heading.length;
  if (text.length !== n || anchor.length !== n || fragment.length !== n || parent.length !== n) throw damaged('topic columns of different lengths');
  for (let t = 0; t < n; t++) {
    const up = parent[t];
    if (typeof up !== 'number' || up >= t || (anchor[t] === ANCHOR_OF_PARENT && up < 0)) throw damaged(`topic ${t}`);
  }
  return value as PageFile;
}

/** Narrows unknown JSON to a chunk of an expansion table of `build`. */
export function parseTable(value: unknown, build: string, where: string): IndexTable {
  checkBuild(value, build, where);
  if (!isObject((value as Record<string, unknown>).entries)) throw new IndexFormatError(`${where}: the index table is damaged (no entries). Rebuild the index.`);
  return value as IndexTable;
}

/** A file of another build means a half-published index (or a cache mixing two deploys). */
function checkBuild(value: unknown, build: string, where: string): void {
  if (!isObject(value) || value.build !== build) {
    throw new IndexFormatError(`${where}: this file does not belong to the index build ${build} (truncated, changed, or from another build). Rebuild the index and publish all of its files together.`);
  }
}

/** Throws the documented message for an index of another format version. */
export function checkVersion(version: unknown, where: string): void {
  if (version !== INDEX_FORMAT_VERSION) {
    throw new IndexFormatError(
      `${where}: index format version ${String(version)} is not supported by this Sagasu (format version ${INDEX_FORMAT_VERSION}). Rebuild the index with this version of Sagasu.`,
    );
  }
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
