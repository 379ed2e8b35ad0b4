/**
 * The index format: the one place that says what the indexer writes and the search reads.
 * Any change to what is written bumps INDEX_FORMAT_VERSION; readers refuse other versions.
 */

/** Bumped on every change to the files below. */
export const INDEX_FORMAT_VERSION = 1;

/** File name of the manifest inside the index folder; fetched uncached, it names the data file. */
export const MANIFEST_FILE = 'manifest.json';

/** The small file a reader fetches first. The data file name carries its content hash. */
export type IndexManifest = {
  format: 'sagasu-index';
  version: number;
  /** Data file name relative to the manifest, e.g. `index.3f2a…c1.json`. */
  data: string;
  /** SHA-256 of the data file, lower-case hex. */
  sha256: string;
  bytes: number;
  pages: number;
  topics: number;
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
  /** Index into `topics` of the enclosing section's topic (for the heading path), or -1. */
  parent: number;
  /** Hugo heading id, '' for text before the first heading. */
  anchor: string;
  /**
   * For a list thread, its first line exactly as the page renders it (the `:~:text=` target);
   * FRAGMENT_IS_HEADING when that is the same as `heading`; '' for other topics.
   */
  fragment: string;
  /** The topic's own heading (or thread's first line), NFKC, with WORD_BREAK marks. */
  heading: string;
  /** Plain text of the topic (NFKC) with WORD_BREAK marks, lines separated by "\n". */
  text: string;
};

/** `fragment` value meaning "the thread's first line is the heading text as stored". */
export const FRAGMENT_IS_HEADING = '=';

/** The content-hashed data file. */
export type IndexData = {
  version: number;
  pages: PageRecord[];
  topics: TopicRecord[];
  /** Hiragana reading → surface forms seen in the corpus (from kuromoji), sorted by reading. */
  readings: [string, string[]][];
  /** Serialised MiniSearch index of each page's Latin words (see options.ts). */
  words: unknown;
};

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
  const { data, sha256, bytes, pages, topics } = value;
  if (typeof data !== 'string' || !/^[\w.-]+$/.test(data) || typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)
    || typeof bytes !== 'number' || typeof pages !== 'number' || typeof topics !== 'number') {
    throw new IndexFormatError(`${where}: the manifest is damaged (missing data file, hash or counts). Rebuild the index.`);
  }
  return { format: 'sagasu-index', version: INDEX_FORMAT_VERSION, data, sha256, bytes, pages, topics };
}

/** Narrows unknown JSON to index data of this version, checking the shape a search relies on. */
export function parseIndexData(value: unknown, where: string): IndexData {
  if (!isObject(value)) throw new IndexFormatError(`${where}: the index data is not an object. Rebuild the index.`);
  checkVersion(value.version, where);
  const { pages, topics, readings, words } = value;
  if (!Array.isArray(pages) || !Array.isArray(topics) || !Array.isArray(readings) || !isObject(words)) {
    throw new IndexFormatError(`${where}: the index data is damaged (pages, topics, readings or words missing). Rebuild the index.`);
  }
  for (const topic of topics) {
    if (!isObject(topic) || typeof topic.page !== 'number' || pages[topic.page] === undefined || typeof topic.text !== 'string'
      || typeof topic.anchor !== 'string' || typeof topic.fragment !== 'string' || typeof topic.heading !== 'string'
      || typeof topic.parent !== 'number' || topic.parent >= topics.length) {
      throw new IndexFormatError(`${where}: the index data has a damaged topic. Rebuild the index.`);
    }
  }
  for (const page of pages) {
    if (!isObject(page) || typeof page.url !== 'string' || typeof page.title !== 'string' || typeof page.date !== 'string') {
      throw new IndexFormatError(`${where}: the index data has a damaged page. Rebuild the index.`);
    }
  }
  return value as IndexData;
}

function checkVersion(version: unknown, where: string): void {
  if (version !== INDEX_FORMAT_VERSION) {
    throw new IndexFormatError(
      `${where}: index format version ${String(version)} is not supported by this Sagasu (format version ${INDEX_FORMAT_VERSION}). Rebuild the index with this version of Sagasu.`,
    );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Marks a word boundary inside stored text where the script does not show one (東京|都).
 * A private-use character: three bytes in the file, removed by the reader before matching.
 */
export const WORD_BREAK = '\uE000';
