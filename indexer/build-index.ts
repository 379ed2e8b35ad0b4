/**
 * The index build, in phases: collect → parse → split into topics → tokenise → index → encode.
 * Nothing here prints or exits; problems are collected and returned to the CLI.
 */
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Token } from 'marked';
import { FRAGMENT_IS_HEADING, removeReserved, type IndexManifest, type PageRecord, type TopicRecord } from '../web/core/format.ts';
import type { SearchIndex } from '../web/core/search.ts';
import { openIndex, type ReadFile } from '../web/core/load.ts';
import { searchOf } from '../web/core/open.ts';
import { normalizeDisplay } from '../web/core/normalize.ts';
import { encodeIndex, entriesOf, segmentReuse, topicSegment, type SegmentReuse } from './encode-index.ts';
import { collectFiles, readContent } from './collect.ts';
import { parseFrontMatter, type PageMeta } from './front-matter.ts';
import { parseMarkdown, type HeadingInfo, type ParsedMarkdown } from './markdown.ts';
import { BuildError, type Problem } from './problems.ts';
import { startAnalysis } from './analyze.ts';
import type { Analysis } from './tokenize.ts';
import { pageUrl, type UrlRules } from './urls.ts';
import { buildTables, tableReuse, type TableReuse } from './tables.ts';
import { Reuse } from './reuse.ts';
import { readSiteSynonyms, sudachiGroups, type DroppedSynonym } from './synonyms.ts';

/** Options of an index build; defaults in INDEX_DEFAULTS. */
export type IndexOptions = {
  content: string;
  baseUrl: string;
  /** Index pages whose date is after `now` (Hugo's --buildFuture). */
  buildFuture: boolean;
  /** Today's date as `YYYY-MM-DD`, for leaving out future pages. */
  today: string;
  /** The site's synonyms file (YAML); undefined: `synonyms.yaml` next to the content folder, if any. */
  synonyms?: string | undefined;
  /** Folder of the tokeniser cache; undefined: no cache. */
  cacheDir?: string | undefined;
  /** Called as pages are tokenised: (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** What a Hugo site's config says about URLs and publishing (hugo-config.ts); Hugo's defaults when absent. */
  hugo?: HugoPublishing | undefined;
  /** The last build's per-page results, for a rebuild in the same process (`sagasu dev`; see buildReuse). */
  reuse?: BuildReuse | undefined;
  /**
   * Keep each page's Markdown tokens for rendering it (`build`, `dev`). Without, a page's token
   * tree is dropped once parsed: held for 14,100 pages, it was millions of objects every
   * collection of the build walked again.
   */
  keepTokens?: boolean | undefined;
};

/** What `sagasu dev` keeps from build to build (reuse.ts): Markdown parses, the tables' counts, segment keys. */
export type BuildReuse = { markdown: Reuse<ParsedMarkdown>; tables: TableReuse; postings: SegmentReuse };

/** An empty BuildReuse, for the first of a series of builds. */
export function buildReuse(): BuildReuse {
  return { markdown: new Reuse(), tables: tableReuse(), postings: segmentReuse() };
}

/** The parts of a Hugo config that decide which pages are published, and where. */
export type HugoPublishing = { rules: UrlRules; disabledKinds: ReadonlySet<string>; buildDrafts: boolean; buildExpired: boolean };

/** Defaults for IndexOptions. */
export const INDEX_DEFAULTS: Omit<IndexOptions, 'today'> = { content: 'content', baseUrl: '', buildFuture: false };

/** A page as the demo renderer needs it: its record plus the Markdown body and heading ids. */
export type BuiltPage = { record: PageRecord; rel: string; body: string; headings: HeadingInfo[]; tokens?: Token[] | undefined };

/** Everything a build produced, in memory, ready to be written. */
export type IndexBuild = {
  /** File name → contents, relative to the index folder (see web/core/format.ts). */
  files: Map<string, string | Uint8Array>;
  manifest: IndexManifest;
  pages: BuiltPage[];
  problems: Problem[];
  /** Synonym words the site made unusable, and why (see tables.ts). */
  synonymsDropped: DroppedSynonym[];
  /** Per page: its title and topics as kuromoji marked them (evaluation of whole words). */
  markedTexts: string[][];
};

/** Builds the index of a content folder. Throws BuildError when any error-level problem is found. */
export async function buildIndex(options: IndexOptions): Promise<IndexBuild> {
  const problems: Problem[] = [];
  const rootStat = await stat(options.content).catch(() => undefined);
  if (!rootStat?.isDirectory()) {
    throw new BuildError([{ level: 'error', code: 'E_CONTENT_DIR', file: options.content, message: 'content folder not found. Pass --content DIR with the folder that holds your Markdown pages' }]);
  }

  // Collect and parse.
  const contentFiles = await collectFiles(options.content, problems);
  const foldersOf = (kinds: ContentKind[]) => new Set(contentFiles.filter((f) => kinds.includes(contentKind(f.rel))).map((f) => folderOf(f.rel)));
  const sectionDirs = foldersOf(['home', 'section']);
  const leafDirs = foldersOf(['bundle']);
  type Parsed = BuiltPage & { topics: TopicRecord[]; analysis: number };
  const parsed: Parsed[] = [];
  /** Every parsed page by its analysis number (parsed loses pages with a duplicate URL). */
  const byAnalysis: Parsed[] = [];
  // Once every page is parsed, this thread would only wait for the tokeniser workers: it makes the
  // postings entries of the pages already analysed meanwhile, one page per turn of the event loop
  // (a worker's next page must not wait), and encodeIndex then only gathers them.
  const segments = options.reuse?.postings ?? segmentReuse();
  const ready: [number, Analysis[]][] = [];
  let stage: 'parsing' | 'waiting' | 'encoding' = 'parsing';
  const prepareNext = () => {
    if (stage !== 'waiting') return;
    const [i, analyses] = ready.pop() ?? [];
    const page = i === undefined ? undefined : byAnalysis[i];
    if (!page || !analyses) return;
    entriesOf(segments, analyses[0]?.marked ?? page.record.title, undefined);
    page.topics.forEach((topic, t) => entriesOf(segments, ...topicSegment(markedTopic(topic, analyses[t + 1]))));
    if (ready.length > 0) setImmediate(prepareNext);
  };
  const onAnalysed = (i: number, analyses: Analysis[]) => {
    ready.push([i, analyses]);
    if (stage === 'waiting' && ready.length === 1) setImmediate(prepareNext);
  };
  // Tokenising starts with the first page parsed and runs beside the parsing of the rest.
  const analysis = await startAnalysis(contentFiles.length, { cacheDir: options.cacheDir, onProgress: options.onProgress, onAnalysed });
  for (const file of contentFiles) {
    // Markdown inside a leaf bundle (a folder with an index.md) is one of its resources, not a page.
    if (inLeafBundle(file.rel, leafDirs)) continue;
    const source = await readContent(file, problems);
    if (source === undefined) continue;
    const { page, problems: found } = parseFrontMatter(source, file.rel);
    problems.push(...found);
    if (!page) continue;
    const { meta } = page;
    if (!published(file.rel, meta, options)) continue;
    const lineOffset = page.bodyLine - 1;
    const parse = () => parseMarkdown(page.body, lineOffset);
    const markdown = options.reuse ? options.reuse.markdown.get(`${file.rel}\u0000${lineOffset}\u0000${page.body}`, parse) : parse();
    for (const note of markdown.notes) problems.push({ level: 'warning', code: 'W_MARKDOWN', file: file.rel, line: note.line, message: note.message });
    let title = meta.title;
    if (title === '') {
      title = markdown.headings[0]?.text ?? file.rel.replace(/(?:\/_?index)?\.md$/i, '').split('/').pop() ?? file.rel;
      problems.push({ level: 'warning', code: 'W_NO_TITLE', file: file.rel, line: 1, message: `page has no title; using "${title}". Add \`title:\` to the front matter` });
    }
    // A Hugo list page (`_index.md`) often has no text of its own: normal, not worth a warning.
    if (markdown.topics.every((t) => t.text === '') && !isListPage(file.rel)) {
      problems.push({ level: 'warning', code: 'W_EMPTY_BODY', file: file.rel, line: page.bodyLine, message: 'page has no text to search; only its title is indexed' });
    }
    const record: PageRecord = {
      url: pageUrl(file.rel, meta, options.baseUrl, options.hugo?.rules, sectionDirs),
      title: removeReserved(normalizeDisplay(title)),
      date: meta.date,
      section: file.rel.includes('/') ? (file.rel.split('/')[0] ?? '') : '',
      categories: meta.categories.map(normalizeDisplay),
      tags: meta.tags.map(normalizeDisplay),
    };
    const topics: TopicRecord[] = markdown.topics.map((t) => {
      const heading = removeReserved(normalizeDisplay(t.heading));
      return {
        page: -1,
        parent: t.parent,
        anchor: t.anchor,
        fragment: t.fragment !== '' && t.fragment === heading ? FRAGMENT_IS_HEADING : t.fragment,
        heading,
        text: removeReserved(normalizeDisplay(t.text)),
      };
    });
    if (topics.length === 0) topics.push({ page: -1, parent: -1, anchor: '', fragment: '', heading: '', text: '' });
    // Each page's title first (its readings and word breaks count too: かこがわ finds a page titled
    // 加古川IT系インフラ勉強会), then its topics.
    analysis.add([record.title, ...topics.map((t) => `${t.heading}\n${t.text}`)]);
    const built: Parsed = { record, rel: file.rel, body: page.body, headings: markdown.headings, tokens: options.keepTokens ? markdown.tokens : undefined, topics, analysis: parsed.length };
    parsed.push(built);
    byAnalysis.push(built);
  }

  // Two files with one URL: Hugo writes both to the same place and which one survives depends on
  // its render order, so no file is "the one Hugo publishes" for sure. Keep the one whose path
  // sorts first (code-point order, as collected) so every build agrees, and name both.
  const byUrl = new Map<string, string>();
  const kept: Parsed[] = [];
  for (const page of parsed) {
    const other = byUrl.get(page.record.url);
    if (other) problems.push({ level: 'warning', code: 'W_DUPLICATE_URL', file: page.rel, message: `has the same URL ${page.record.url} as ${other}; only ${other} is indexed. Give one of them another \`slug:\` or \`url:\``, leftOut: true });
    else { byUrl.set(page.record.url, page.rel); kept.push(page); }
  }
  parsed.splice(0, parsed.length, ...kept);
  options.reuse?.markdown.next();
  stage = 'waiting';
  setImmediate(prepareNext);
  const siteGroups = await readSiteSynonyms(options.synonyms ?? join(dirname(resolve(options.content)), 'synonyms.yaml'), problems, options.synonyms !== undefined);
  // Every page analysed, duplicates included (their analyses are dropped): the worker threads end
  // and the cache is written even when the build stops here.
  const analysed = await analysis.finish();
  if (problems.some((p) => p.level === 'error')) throw new BuildError(problems);
  const analyses = parsed.map((page) => analysed[page.analysis]);
  const pages: PageRecord[] = [];
  const topics: TopicRecord[] = [];
  const latinWords: Set<string>[] = [];
  const pageTexts: string[][] = [];
  const readingPairs: [string, string][][] = [];
  const markedTitles: string[] = [];
  parsed.forEach((page, p) => {
    pages.push(page.record);
    const latin = new Set<string>();
    const title = analyses[p]?.[0];
    markedTitles.push(title?.marked ?? page.record.title);
    const texts = [title?.marked ?? page.record.title];
    const pairs: [string, string][] = [...(title?.readings ?? [])];
    for (const word of title?.latinWords ?? []) latin.add(word);
    const base = topics.length;
    page.topics.forEach((topic, i) => {
      const analysis = analyses[p]?.[i + 1];
      const marked = markedTopic(topic, analysis);
      topics.push({ ...marked, page: p, parent: topic.parent === -1 ? -1 : base + topic.parent });
      for (const word of analysis?.latinWords ?? []) latin.add(word);
      for (const pair of analysis?.readings ?? []) pairs.push(pair); // no spread: a 1 MB line has 100k+ readings
      texts.push(`${marked.heading}\n${marked.text}`);
    });
    latinWords.push(latin);
    readingPairs.push(pairs);
    pageTexts.push(texts);
  });
  const sudachi = await sudachiGroups();
  const { tables, dropped } = buildTables({ pageTexts, latinWords, readings: readingPairs, groups: [...sudachi.groups, ...siteGroups] }, options.reuse?.tables);
  stage = 'encoding';
  const { files, manifest } = encodeIndex(pages, topics, tables, markedTitles, segments);
  return { files, manifest, pages: parsed.map(({ topics: _topics, analysis: _analysis, ...page }) => page), problems, synonymsDropped: [...sudachi.dropped, ...dropped], markedTexts: pageTexts };
}

/** A topic with the heading and text kuromoji marked (as parsed when it has no analysis). */
function markedTopic(topic: TopicRecord, analysis: Analysis | undefined): TopicRecord {
  if (!analysis) return topic;
  const cut = analysis.marked.indexOf('\n');
  return { ...topic, heading: analysis.marked.slice(0, cut), text: analysis.marked.slice(cut + 1) };
}

/** Hugo's kind of a content file: the home or a section list (`_index.md`), a leaf bundle's page (`index.md`), or a page. */
type ContentKind = 'home' | 'section' | 'bundle' | 'page';

function contentKind(rel: string): ContentKind {
  if (/^_index\.md$/i.test(rel)) return 'home';
  if (/\/_index\.md$/i.test(rel)) return 'section';
  return /(?:^|\/)index\.md$/i.test(rel) ? 'bundle' : 'page';
}

function isListPage(rel: string): boolean {
  const kind = contentKind(rel);
  return kind === 'home' || kind === 'section';
}

/** The folder a list page or bundle stands for ('' for the content root). */
function folderOf(rel: string): string {
  return rel.replace(/\/?_?index\.md$/i, '');
}

/** True when `rel` lies in a leaf bundle's folder (or below it) and is not the bundle's own index.md. */
function inLeafBundle(rel: string, leafDirs: ReadonlySet<string>): boolean {
  const own = contentKind(rel) === 'bundle' ? folderOf(rel) : undefined;
  const parts = rel.split('/');
  for (let depth = 0; depth < parts.length; depth++) {
    const dir = parts.slice(0, depth).join('/');
    if (leafDirs.has(dir) && dir !== own) return true;
  }
  return false;
}

/** True when Hugo publishes the page: not a draft, not future or expired, not headless, of a kind the config renders. */
function published(rel: string, meta: PageMeta, options: IndexOptions): boolean {
  const hugo = options.hugo;
  if (meta.unlisted || (meta.draft && !hugo?.buildDrafts)) return false;
  const kind = contentKind(rel);
  if (meta.headless && kind === 'bundle') return false;
  const publishes = meta.publishDate || meta.date;
  if (publishes !== '' && publishes > options.today && !options.buildFuture) return false;
  if (meta.expiryDate !== '' && meta.expiryDate <= options.today && !hugo?.buildExpired) return false;
  return !hugo?.disabledKinds.has(kind === 'bundle' ? 'page' : kind);
}

/** A search over a build still in memory (tests, evaluation, benchmarks), reading its files from the map. */
export async function searchBuild(build: IndexBuild): Promise<SearchIndex> {
  const read: ReadFile = async (name) => {
    const file = build.files.get(name);
    if (file === undefined) throw new Error(`${name}: not in this build`);
    return typeof file === 'string' ? new TextEncoder().encode(file) : file;
  };
  return searchOf(await openIndex(read, '(memory)'));
}
