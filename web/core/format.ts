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

/** Topics stored column by column: the same index in each array describes one topic. */
export type TopicColumns = {
  page: number[];
  parent: number[];
  anchor: string[];
  /** A thread's first line as rendered; FRAGMENT_IS_HEADING when equal to its heading; '' otherwise. */
  fragment: string[];
};

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

/** The content-hashed data file. */
export type IndexData = {
  version: number;
  pages: PageRecord[];
  topics: TopicColumns;
  /**
   * All searchable text in one string (NFKC, with WORD_BREAK marks), segment after segment,
   * each followed by SEGMENT_END: first every page title, then for every topic its heading,
   * "\n" and its text. One string parses fast and is the search haystack as it stands.
   */
  text: string;
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
  const damaged = (what: string) => new IndexFormatError(`${where}: the index data is damaged (${what}). Rebuild the index.`);
  if (!isObject(value)) throw damaged('not an object');
  checkVersion(value.version, where);
  const { pages, topics, text, readings, words } = value;
  if (!Array.isArray(pages) || !isObject(topics) || typeof text !== 'string' || !Array.isArray(readings) || !isObject(words)) {
    throw damaged('pages, topics, text, readings or words missing');
  }
  for (const page of pages) {
    if (!isObject(page) || typeof page.url !== 'string' || typeof page.title !== 'string' || typeof page.date !== 'string'
      || typeof page.section !== 'string' || !Array.isArray(page.tags) || !Array.isArray(page.categories)) throw damaged('a page');
  }
  const { page, parent, anchor, fragment } = topics;
  if (!Array.isArray(page) || !Array.isArray(parent) || !Array.isArray(anchor) || !Array.isArray(fragment)) throw damaged('topic columns');
  const n = page.length;
  if (parent.length !== n || anchor.length !== n || fragment.length !== n) throw damaged('topic columns of different lengths');
  for (let t = 0; t < n; t++) {
    const p = page[t];
    const up = parent[t];
    if (typeof p !== 'number' || pages[p] === undefined || typeof up !== 'number' || up >= t || typeof anchor[t] !== 'string' || typeof fragment[t] !== 'string') {
      throw damaged(`topic ${t}`);
    }
  }
  let segments = 0;
  for (let i = text.indexOf(SEGMENT_END); i !== -1; i = text.indexOf(SEGMENT_END, i + 1)) segments++;
  if (segments !== pages.length + n) throw damaged('text segments do not match pages and topics');
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

