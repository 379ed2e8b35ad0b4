/**
 * The index format: the one place that says what the indexer writes and the search reads.
 * Any change to what is written bumps INDEX_FORMAT_VERSION; readers refuse other versions.
 */

import type { TableName } from './expand.ts';

/** Bumped on every change to the files below. */
export const INDEX_FORMAT_VERSION = 1;

/** File name of the manifest inside the index folder; fetched uncached, it names the data file. */
export const MANIFEST_FILE = 'manifest.json';

/** The folder of a built site that holds everything the search needs (`<out>/sagasu/`). */
export const SEARCH_FOLDER = 'sagasu';
/** The embed script inside SEARCH_FOLDER. */
export const EMBED_FILE = 'sagasu.js';
/** The worker script, next to the embed script, which loads it by this name. */
export const WORKER_FILE = 'sagasu-worker.js';

/** A content-hashed file of the index, as the manifest lists it. */
export type IndexFile = {
  /** File name relative to the manifest, e.g. `index.3f2a…c1.json`. */
  file: string;
  /** SHA-256 of the file, lower-case hex. */
  sha256: string;
  bytes: number;
};

/** The small file a reader fetches first (uncached). The other files' names carry their hashes. */
export type IndexManifest = {
  format: 'sagasu-index';
  version: number;
  /** What every search needs: pages, topics, text (IndexData). */
  data: IndexFile;
  /** What only kana and typo fallbacks need: readings and the Latin vocabulary (IndexExtras). */
  extras: IndexFile;
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
  /** Hugo heading id; ANCHOR_OF_PARENT for a thread (its section's id, stored once). */
  anchor: string[];
  /** A thread's first line as rendered; FRAGMENT_IS_HEADING when equal to its heading; '' otherwise. */
  fragment: string[];
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

/** The main data file: everything a search needs to find and show results. */
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
};

/**
 * The extras file: only needed when a word is widened (readings, typos, synonyms). Kept apart so
 * the first search does not wait for it; a reader loads it right after the data file.
 */
export type IndexExtras = {
  version: number;
  /** The keyed tables of web/core/expand.ts, each as [key, value] pairs sorted by key. */
  tables: Record<TableName, [string, unknown][]>;
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
  const { data, extras, pages, topics } = value;
  if (!isIndexFile(data) || !isIndexFile(extras) || typeof pages !== 'number' || typeof topics !== 'number') {
    throw new IndexFormatError(`${where}: the manifest is damaged (missing file names, hashes or counts). Rebuild the index.`);
  }
  return { format: 'sagasu-index', version: INDEX_FORMAT_VERSION, data, extras, pages, topics };
}

function isIndexFile(value: unknown): value is IndexFile {
  return isObject(value) && typeof value.file === 'string' && /^[\w.-]+$/.test(value.file)
    && typeof value.sha256 === 'string' && /^[0-9a-f]{64}$/.test(value.sha256) && typeof value.bytes === 'number';
}

/** Narrows unknown JSON to index data of this version, checking the shape a search relies on. */
export function parseIndexData(value: unknown, where: string): IndexData {
  const damaged = (what: string) => new IndexFormatError(`${where}: the index data is damaged (${what}). Rebuild the index.`);
  if (!isObject(value)) throw damaged('not an object');
  checkVersion(value.version, where);
  const { pages, topics, text } = value;
  if (!Array.isArray(pages) || !isObject(topics) || typeof text !== 'string') throw damaged('pages, topics or text missing');
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
    if (typeof p !== 'number' || pages[p] === undefined || typeof up !== 'number' || up >= t || typeof anchor[t] !== 'string' || typeof fragment[t] !== 'string'
      || (anchor[t] === ANCHOR_OF_PARENT && up < 0)) {
      throw damaged(`topic ${t}`);
    }
  }
  let segments = 0;
  for (let i = text.indexOf(SEGMENT_END); i !== -1; i = text.indexOf(SEGMENT_END, i + 1)) segments++;
  if (segments !== pages.length + n) throw damaged('text segments do not match pages and topics');
  return value as IndexData;
}

const TABLE_NAMES: readonly TableName[] = ['readings', 'synonyms', 'vocabulary'];

/** Narrows unknown JSON to index extras of this version. */
export function parseIndexExtras(value: unknown, where: string): IndexExtras {
  if (!isObject(value)) throw new IndexFormatError(`${where}: the index extras are damaged (not an object). Rebuild the index.`);
  checkVersion(value.version, where);
  const tables = value.tables;
  if (!isObject(tables) || !TABLE_NAMES.every((name) => Array.isArray(tables[name]) && tables[name].every((e: unknown) => Array.isArray(e) && typeof e[0] === 'string'))) {
    throw new IndexFormatError(`${where}: the index extras are damaged (tables missing). Rebuild the index.`);
  }
  return value as IndexExtras;
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

