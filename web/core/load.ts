/**
 * Reading an index, the same way in the browser (fetch) and the CLI (files): the manifest and the
 * meta file first, then only the chunks, tables and page files a query touches, each fetched once
 * and kept in memory (a failed fetch is forgotten, so the next query tries again).
 */
import { Chunk, type Posting } from './postings.ts';
import { IndexFormatError, MANIFEST_FILE, buildFile, parseManifest, parseMeta, parsePageFile, parseTable, type IndexManifest, type IndexMeta, type PageFile } from './format.ts';
import { chunkOf, tableChunkOf } from './units.ts';
import { WORD_CHAR } from './normalize.ts';

/** Reads one file of the index folder as bytes; `fresh` asks to bypass caches (the manifest). */
export type ReadFile = (name: string, fresh: boolean) => Promise<Uint8Array>;

/** An opened index: manifest and meta in memory, everything else on demand. */
export class IndexStore {
  /** Page of each topic (from the meta file's topic counts). */
  readonly topicPage: Uint32Array;
  /** First topic of each page, and at the end the number of topics. */
  readonly firstTopic: Uint32Array;
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(readonly manifest: IndexManifest, readonly meta: IndexMeta, private readonly read: ReadFile, readonly where: string) {
    this.topicPage = new Uint32Array(manifest.topics);
    this.firstTopic = new Uint32Array(manifest.pages + 1);
    let t = 0;
    meta.topicCount.forEach((count, p) => {
      this.firstTopic[p] = t;
      for (let i = 0; i < count; i++) this.topicPage[t++] = p;
    });
    this.firstTopic[manifest.pages] = t;
    if (t !== manifest.topics) throw new IndexFormatError(`${where}: the meta file's topic counts do not add up to the manifest's. Rebuild the index.`);
  }

  /** The posting of one key, or undefined when nothing contains it. */
  async posting(key: string): Promise<Posting | undefined> {
    return (await this.chunk(chunkOf(key, this.manifest.chunks))).get(key);
  }

  /** Every Latin word of the index that starts with `prefix` (two letters or more), with its posting. */
  async postingsWithPrefix(prefix: string): Promise<[string, Posting][]> {
    const chunk = await this.chunk(chunkOf(prefix, this.manifest.chunks));
    const out: [string, Posting][] = [];
    for (const key of chunk.keys()) {
      if (key.startsWith(prefix) && WORD_CHAR.test(key[0] ?? '')) out.push([key, chunk.get(key) as Posting]);
    }
    return out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }

  /** The value of `key` in an expansion table (undefined when absent or the index has no such table). */
  async tableEntry(table: string, key: string): Promise<unknown> {
    const count = this.manifest.tables[table];
    if (!count) return undefined;
    const chunk = tableChunkOf(table, key, count);
    const entries = await this.once(buildFile.table(this.manifest.build, table, chunk), async (name) => parseTable(await this.json(name), this.manifest.build, this.path(name)).entries);
    return Object.prototype.hasOwnProperty.call(entries, key) ? entries[key] : undefined;
  }

  /** The display file of a page. */
  page(p: number): Promise<PageFile> {
    return this.once(buildFile.page(this.manifest.build, p), async (name) => parsePageFile(await this.json(name), this.manifest.build, this.path(name)));
  }

  private chunk(i: number): Promise<Chunk> {
    return this.once(buildFile.postings(this.manifest.build, i), async (name) => new Chunk(await this.read(name, false), this.manifest.build, this.path(name)));
  }

  private once<T>(name: string, load: (name: string) => Promise<T>): Promise<T> {
    let promise = this.cache.get(name) as Promise<T> | undefined;
    if (!promise) {
      promise = load(name);
      this.cache.set(name, promise);
      promise.catch(() => this.cache.delete(name));
    }
    return promise;
  }

  private async json(name: string): Promise<unknown> {
    return parseJson(await this.read(name, false), this.path(name));
  }

  private path(name: string): string {
    return `${this.where}/${name}`;
  }
}

/** Opens an index: its manifest (uncached) and meta file; `where` names the folder or URL in every error. */
export async function openIndex(read: ReadFile, where: string): Promise<IndexStore> {
  const manifestPath = `${where}/${MANIFEST_FILE}`;
  const manifest = parseManifest(parseJson(await read(MANIFEST_FILE, true), manifestPath), manifestPath);
  const metaName = buildFile.meta(manifest.build);
  const meta = parseMeta(parseJson(await read(metaName, false), `${where}/${metaName}`), manifest.build, manifest.pages, `${where}/${metaName}`);
  return new IndexStore(manifest, meta, read, where);
}

function parseJson(bytes: Uint8Array, where: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new IndexFormatError(`${where}: not valid UTF-8 JSON (truncated or damaged). Rebuild the index.`);
  }
}
