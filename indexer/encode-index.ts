/**
 * Index format 2, written: pages and topics (with kuromoji's word-break marks) in, the files of
 * one build out — the manifest, the meta file, posting chunks, expansion table chunks and one
 * display file per page (see web/core/format.ts for what each holds and why).
 */
import { createHash } from 'node:crypto';
import { ANCHOR_OF_PARENT, INDEX_FORMAT_VERSION, MANIFEST_FILE, WORD_BREAK, buildFile, type IndexManifest, type IndexMeta, type IndexTable, type PageFile, type PageRecord, type TopicRecord } from '../web/core/format.ts';
import { foldCase } from '../web/core/normalize.ts';
import { ByteWriter, encodeChunk, encodeEntry, varintLength, writeVarint, type PostingBody } from '../web/core/postings.ts';
import { seriesOf } from '../web/core/search.ts';
import { chunkOf, emitKeys, tableChunkOf, toUnits } from '../web/core/units.ts';
import { Reuse } from './reuse.ts';

/** Raw bytes a posting chunk aims at: a query reads a few of them (binary varints gain little from gzip). */
export const CHUNK_BYTES = 8 * 1024;
/**
 * At most this many posting chunks per page: with one display file per page the whole index stays
 * within about 2.2 files per page, which static hosts' file limits and upload times can take.
 */
export const CHUNKS_PER_PAGE = 1.2;
/** JSON bytes an expansion table chunk aims at. */
export const TABLE_BYTES = 8 * 1024;
/**
 * The typo vocabulary's chunks are larger: one correction reads at most three of them (see
 * tableChunkOf), only for a rare word, and the SymSpell keys would otherwise be most of the files.
 */
export const VOCABULARY_BYTES = 24 * 1024;

/** Key → value tables the query expander reads (readings, synonyms, vocabulary). */
export type ExpansionTables = Record<string, Map<string, unknown>>;

/** What one build writes: files by path (relative to the index folder) and the manifest. */
export type EncodedIndex = { files: Map<string, string | Uint8Array>; manifest: IndexManifest };

/**
 * Encodes pages and topics. `topics[t].page` is its page number, topics of a page are
 * consecutive and in page order, `parent` is a global topic number; heading and text are NFKC
 * with WORD_BREAK marks, and so are `markedTitles` (the page titles as searched; default: as shown).
 * `reuse`: the last build's segment entries (`sagasu dev`), kept for unchanged text.
 */
export function encodeIndex(pages: PageRecord[], topics: TopicRecord[], tables: ExpansionTables = {}, markedTitles = pages.map((p) => p.title), reuse?: SegmentReuse): EncodedIndex {
  const build = buildId(pages, topics, tables, markedTitles);
  const files = new Map<string, string | Uint8Array>();

  // Postings: every segment (titles, then topics) through the one unit stream of units.ts.
  const segments = reuse ?? segmentReuse();
  const segmentList: SegmentEntries[] = [];
  let bodyTotal = 0;
  markedTitles.forEach((title) => segmentList.push(entriesOf(segments, title, undefined)));
  for (const topic of topics) {
    const entries = entriesOf(segments, ...topicSegment(topic));
    bodyTotal += entries.bodyUnits;
    segmentList.push(entries);
  }
  const postings = assemblePostings(segmentList, segments.numbers.size);
  let postingBytes = 0;
  for (const posting of postings) postingBytes += posting?.body.length ?? 0;
  const chunkCount = Math.max(1, Math.min(Math.ceil(postingBytes / CHUNK_BYTES), Math.ceil(pages.length * CHUNKS_PER_PAGE)));
  const byChunk: [string, PostingBody][][] = Array.from({ length: chunkCount }, () => []);
  postings.forEach((posting, id) => {
    const key = segments.numbers.key(id);
    if (posting) byChunk[chunkOf(key, chunkCount)]?.push([key, posting]);
  });
  byChunk.forEach((entries, i) => files.set(buildFile.postings(build, i), encodeChunk(build, entries)));

  // Expansion tables: whole keys hashed into chunks of about TABLE_BYTES.
  const tableCounts: Record<string, number> = {};
  for (const name of Object.keys(tables).sort()) {
    const table = tables[name] ?? new Map<string, unknown>();
    let bytes = 0;
    for (const [key, value] of table) bytes += key.length + JSON.stringify(value).length;
    const count = Math.max(1, Math.ceil(bytes / (name === 'vocabulary' ? VOCABULARY_BYTES : TABLE_BYTES)));
    tableCounts[name] = count;
    const chunks: Record<string, unknown>[] = Array.from({ length: count }, () => ({}));
    for (const key of [...table.keys()].sort()) (chunks[tableChunkOf(name, key, count)] as Record<string, unknown>)[key] = table.get(key);
    chunks.forEach((entries, i) => files.set(buildFile.table(build, name, i), JSON.stringify({ build, entries } satisfies IndexTable)));
  }

  // Meta and page files.
  const seriesNames = [...new Set(pages.map(seriesOf).filter((s) => s !== ''))].sort();
  const topicCount = pages.map(() => 0);
  for (const t of topics) topicCount[t.page] = (topicCount[t.page] ?? 0) + 1;
  const meta: IndexMeta = {
    build,
    seriesNames,
    date: pages.map((p) => p.date),
    series: pages.map((p) => seriesNames.indexOf(seriesOf(p))),
    topicCount,
  };
  files.set(buildFile.meta(build), JSON.stringify(meta));
  let first = 0;
  pages.forEach((page, p) => {
    const own = topics.slice(first, first + (topicCount[p] ?? 0));
    const display = (s: string) => s.replaceAll(WORD_BREAK, '');
    const file: PageFile = {
      build,
      page,
      heading: own.map((t) => display(t.heading)),
      text: own.map((t) => display(t.text)),
      anchor: own.map((t) => (t.parent >= 0 && t.anchor !== '' && t.anchor === topics[t.parent]?.anchor ? ANCHOR_OF_PARENT : t.anchor)),
      fragment: own.map((t) => t.fragment),
      parent: own.map((t) => (t.parent >= 0 ? t.parent - first : -1)),
    };
    files.set(buildFile.page(build, p), JSON.stringify(file));
    first += topicCount[p] ?? 0;
  });

  const manifest: IndexManifest = {
    format: 'sagasu-index',
    version: INDEX_FORMAT_VERSION,
    build,
    pages: pages.length,
    topics: topics.length,
    averageBody: Math.round((bodyTotal / Math.max(1, topics.length)) * 100) / 100,
    chunks: chunkCount,
    tables: tableCounts,
  };
  files.set(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  reuse?.segments.next();
  return { files, manifest };
}

/** Keys by number, so that a segment's keys are small integers (shared by the builds of a `sagasu dev`). */
export class KeyNumbers {
  private readonly keys: string[] = [];
  private readonly ids = new Map<string, number>();

  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) { id = this.keys.length; this.keys.push(key); this.ids.set(key, id); }
    return id;
  }

  key(id: number): string {
    return this.keys[id] as string;
  }

  get size(): number {
    return this.keys.length;
  }
}

/**
 * Every key's posting from the segments' entries (segment number = place in `segments`), in
 * two passes over typed arrays: sizes first, then each entry copied once into one buffer. Growing
 * a buffer per key instead copied each posting several times and was a fifth of a rebuild.
 */
function assemblePostings(segments: SegmentEntries[], keyCount: number): (PostingBody | undefined)[] {
  const size = new Float64Array(keyCount);
  const count = new Uint32Array(keyCount);
  const last = new Float64Array(keyCount);
  const presence = new Uint8Array(keyCount);
  segments.forEach((entries, seg) => {
    const { keys, ends } = entries;
    for (let i = 0; i < keys.length; i++) {
      const id = keys[i] as number;
      size[id] = (size[id] as number) + varintLength(seg - (last[id] as number)) + (ends[i] as number) - (i === 0 ? 0 : (ends[i - 1] as number));
      last[id] = seg;
      if (count[id] === 0) presence[id] = entries.presence[i] as number;
      count[id] = (count[id] as number) + 1;
    }
  });
  const at = new Float64Array(keyCount);
  let total = 0;
  for (let id = 0; id < keyCount; id++) { at[id] = total; total += size[id] as number; }
  const buffer = new Uint8Array(total);
  last.fill(0);
  segments.forEach(({ keys, ends, bytes }, seg) => {
    for (let i = 0; i < keys.length; i++) {
      const id = keys[i] as number;
      let to = writeVarint(buffer, at[id] as number, seg - (last[id] as number));
      last[id] = seg;
      for (let b = i === 0 ? 0 : (ends[i - 1] as number), end = ends[i] as number; b < end; b++) buffer[to++] = bytes[b] as number;
      at[id] = to;
    }
  });
  const postings: (PostingBody | undefined)[] = new Array(keyCount);
  let start = 0;
  for (let id = 0; id < keyCount; id++) {
    const end = start + (size[id] as number);
    if ((count[id] as number) > 0) postings[id] = { presence: presence[id] === 1, segments: count[id] as number, body: buffer.subarray(start, end) };
    start = end;
  }
  return postings;
}

/**
 * Each segment's entries by its text: made early, as pages are analysed (build-index.ts), and kept
 * by `sagasu dev` for the next build (reuse.ts).
 */
export type SegmentReuse = { numbers: KeyNumbers; segments: Reuse<SegmentEntries> };

export function segmentReuse(): SegmentReuse {
  return { numbers: new KeyNumbers(), segments: new Reuse() };
}

/** A segment's heading-like text and body (undefined: a page title, all of it heading-like). */
export type Segment = [heading: string, body: string | undefined];

/**
 * A topic's segment. A thread's first line stands in for a heading on screen, but for ranking it
 * is text: a query that names a section should land on the section, not on a thread that
 * mentions its words.
 */
export function topicSegment(topic: Pick<TopicRecord, 'fragment' | 'heading' | 'text'>): Segment {
  return topic.fragment === '' ? [topic.heading, topic.text] : ['', `${topic.heading}\n${topic.text}`];
}

/** A segment's entries, made once per text. */
export function entriesOf(reuse: SegmentReuse, heading: string, body: string | undefined): SegmentEntries {
  return reuse.segments.get(`${heading}\u0000${body ?? '\u0001'}`, () => segmentEntries(heading, body, reuse.numbers));
}

/**
 * One segment's postings entries, encoded (encodeEntry): key i (a KeyNumbers id) has
 * bytes[ends[i - 1] … ends[i]); a rebuild adds them to the postings as they are.
 */
export type SegmentEntries = { bodyUnits: number; keys: Uint32Array; presence: Uint8Array; ends: Uint32Array; bytes: Uint8Array };

/** The entries of a heading and body (undefined body: a title, all of it heading-like text). */
function segmentEntries(heading: string, body: string | undefined, numbers: KeyNumbers): SegmentEntries {
  const headingUnits = body === undefined ? 0 : toUnits(foldCase(heading)).text.length;
  const units = toUnits(foldCase(body === undefined ? heading : `${heading}\n${body}`));
  const bodyUnits = units.text.length - headingUnits;
  const lengthClass = Math.min(15, Math.floor(Math.log2(bodyUnits + 1)));
  const found = new Map<string, { presence: boolean; positions: number[]; flags: number[] }>();
  const entry = (key: string, presence: boolean) => {
    let e = found.get(key);
    if (!e) found.set(key, (e = { presence, positions: [], flags: [] }));
    return e;
  };
  emitKeys(units, {
    positional(key, position, start, end) {
      const e = entry(key, false);
      e.positions.push(position);
      e.flags.push((start ? 2 : 0) + (end ? 1 : 0));
    },
    presence(key, position) {
      entry(key, true).positions.push(position);
    },
  });
  const keys = new Uint32Array(found.size);
  const presence = new Uint8Array(found.size);
  const ends = new Uint32Array(found.size);
  const out = new ByteWriter();
  let i = 0;
  for (const [key, e] of found) {
    keys[i] = numbers.id(key);
    presence[i] = e.presence ? 1 : 0;
    encodeEntry(out, e.presence, lengthClass, headingUnits, e.positions, e.flags);
    ends[i++] = out.length;
  }
  return { bodyUnits, keys, presence, ends, bytes: out.result() };
}

/** The build id: a hash of everything the index is made of, so equal input gives equal names and bytes. */
function buildId(pages: PageRecord[], topics: TopicRecord[], tables: ExpansionTables, markedTitles: string[]): string {
  const hash = createHash('sha256');
  hash.update(`sagasu-index ${INDEX_FORMAT_VERSION}\n`);
  hash.update(JSON.stringify(pages));
  hash.update(JSON.stringify(markedTitles));
  for (const t of topics) hash.update(JSON.stringify([t.page, t.parent, t.anchor, t.fragment, t.heading, t.text]));
  for (const name of Object.keys(tables).sort()) {
    const table = tables[name] ?? new Map<string, unknown>();
    hash.update(JSON.stringify([name, [...table.keys()].sort().map((k) => [k, table.get(k)])]));
  }
  return hash.digest('hex').slice(0, 16);
}
