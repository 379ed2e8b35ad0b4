/**
 * Loading an index from its folder, the same way in the browser (fetch) and the CLI (files):
 * the manifest first, then the content-hashed data file, checked against the manifest's hash.
 */
import { IndexFormatError, MANIFEST_FILE, parseIndexData, parseIndexExtras, parseManifest, type IndexFile, type IndexManifest } from './format.ts';
import { SearchIndex } from './search.ts';

/** Reads one file of the index folder as bytes; `fresh` asks to bypass caches (the manifest). */
export type ReadFile = (name: string, fresh: boolean) => Promise<Uint8Array>;

/** A loaded index and the manifest it came from; `extras` settles when kana and typo fallbacks work. */
export type LoadedIndex = { manifest: IndexManifest; index: SearchIndex; extras: Promise<void> };

// Web Crypto exists in browsers and in Node 20 as a global; the core's ES-only types lack it.
type Digest = { subtle: { digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer> } };

/**
 * Loads and checks an index; `where` names the folder or URL in every error message. The data
 * file is enough to search; the extras file is loaded right after it (await `extras` to search
 * with kana and typo fallbacks from the first query, as the CLI does).
 */
export async function loadIndex(read: ReadFile, where: string): Promise<LoadedIndex> {
  const manifest = parseManifest(parseJson(await read(MANIFEST_FILE, true), `${where}/${MANIFEST_FILE}`), `${where}/${MANIFEST_FILE}`);
  const data = parseIndexData(await readChecked(read, manifest.data, where), `${where}/${manifest.data.file}`);
  const index = new SearchIndex(data);
  const extras = readChecked(read, manifest.extras, where).then((json) => index.attachExtras(parseIndexExtras(json, `${where}/${manifest.extras.file}`)));
  extras.catch(() => undefined); // a reader that never awaits it must not see an unhandled rejection
  return { manifest, index, extras };
}

/** Reads one listed file, checks its size and hash against the manifest, parses its JSON. */
async function readChecked(read: ReadFile, entry: IndexFile, where: string): Promise<unknown> {
  const name = `${where}/${entry.file}`;
  const bytes = await read(entry.file, false);
  if (bytes.length !== entry.bytes || (await sha256Hex(bytes)) !== entry.sha256) {
    throw new IndexFormatError(`${name}: the index file does not match its manifest (truncated or changed after the build). Rebuild the index and publish all of its files together.`);
  }
  return parseJson(bytes, name);
}

/** Lower-case hex SHA-256 of some bytes, through Web Crypto. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const crypto = (globalThis as unknown as { crypto: Digest }).crypto;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

function parseJson(bytes: Uint8Array, where: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new IndexFormatError(`${where}: not valid UTF-8 JSON (truncated or damaged). Rebuild the index.`);
  }
}
