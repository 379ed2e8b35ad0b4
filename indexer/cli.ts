/**
 * The `sagasu` command line: index, build, serve, search. The only file that prints or exits.
 * Exit codes: 0 success, 1 content or index problems, 2 usage errors.
 *
 *   npx sagasu index --content content --out public      (in a site that installed the package)
 *   npm run sagasu -- search --index dist 構成管理         (in this repository)
 */
import { existsSync, realpathSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { INDEX_DEFAULTS, buildIndex, buildReuse, type BuildReuse, type IndexBuild } from './build-index.ts';
import { warmTokenizer } from './analyze.ts';
import { BuildError, formatProblem, type Problem } from './problems.ts';
import { readHugoConfig, type HugoSite } from './hugo-config.ts';
import { recoverOutput, updateOutput, writeOutput, type OutputFiles } from './write-output.ts';
import { openSearch } from '../web/core/open.ts';
import { EMBED_FILE, IndexFormatError, MANIFEST_FILE, SEARCH_FOLDER, WORKER_FILE } from '../web/core/format.ts';
import type { SearchIndex, SearchResponse } from '../web/core/search.ts';
import { snippetParts } from '../web/core/snippet.ts';

type Command = {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  help: string;
  run: (values: Record<string, string | boolean | undefined>, positionals: string[]) => Promise<number>;
};

/** Where kuromoji's analyses are kept between builds (the usual place for tool caches). */
const DEFAULT_CACHE = 'node_modules/.cache/sagasu';


// content, out and base-url have no parser defaults: a value given beats the Hugo config's, which
// beats the default (see buildSettings).
const COMMON_BUILD_OPTIONS = {
  hugo: { type: 'string' },
  content: { type: 'string' },
  out: { type: 'string' },
  'base-url': { type: 'string' },
  'build-future': { type: 'boolean', default: false },
  synonyms: { type: 'string' },
  strict: { type: 'boolean', default: false },
  cache: { type: 'string', default: DEFAULT_CACHE },
  'no-cache': { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' },
} as const;

const BUILD_HELP = `Options:
  --hugo DIR        the Hugo site: its config (hugo.toml, config.toml, …) gives contentDir,
                    publishDir (the default --out), baseURL's path, permalinks, uglyURLs,
                    disablePathToLower, disableKinds, buildDrafts/Future/Expired
  --content DIR     folder of Markdown pages (default: content, or the Hugo site's contentDir)
  --out DIR         output folder, replaced atomically (default: dist, or the Hugo site's publishDir)
  --base-url URL    prefix for page URLs, e.g. /docs or https://histudy.jp (default: none,
                    or the path of the Hugo site's baseURL)
  --build-future    also index pages dated in the future
  --synonyms FILE   site synonyms, YAML \`word: [synonym, …]\` (default: synonyms.yaml next to DIR)
  --strict          fail the build (exit 1, previous output kept) on any warning
  --cache DIR       keep tokeniser results here between builds (default: ${DEFAULT_CACHE})
  --no-cache        tokenise every page again
  --quiet           print only problems and the summary line
  -h, --help        show this help`;

const COMMANDS: Record<string, Command> = {
  index: {
    summary: 'build the search index of a content folder',
    usage: 'sagasu index [--hugo DIR] [--content DIR] [--out DIR] [--base-url URL]',
    options: COMMON_BUILD_OPTIONS,
    help: `Writes <out>/${SEARCH_FOLDER}/ only (the index, ${EMBED_FILE} and ${WORKER_FILE}); the rest of <out>,\ne.g. the site Hugo wrote into public/, is left as it is.\n\n${BUILD_HELP}`,
    run: async (values) => runBuild(values, false),
  },
  build: {
    summary: 'build the index, the embed script, the search page and a demo of the site',
    usage: 'sagasu build [--hugo DIR] [--content DIR] [--out DIR] [--base-url URL]',
    options: COMMON_BUILD_OPTIONS,
    help: `Writes <out>/${SEARCH_FOLDER}/ (sagasu.js, index files, index.html) and every page rendered\nat its Hugo URL with the search box in its header.\n\n${BUILD_HELP}`,
    run: async (values) => runBuild(values, true),
  },
  serve: {
    summary: 'serve a built folder on 127.0.0.1 under a strict Content-Security-Policy',
    usage: 'sagasu serve [--dir DIR] [--port N]',
    options: { dir: { type: 'string', default: 'dist' }, port: { type: 'string', default: process.env.PORT || '8080' }, help: { type: 'boolean', short: 'h' } },
    help: `Options:\n  --dir DIR     folder to serve (default: dist)\n  --port N      port on 127.0.0.1 (default: $PORT, else 8080; 0 picks a free one)\n  -h, --help    show this help`,
    run: async (values) => runServe(values),
  },
  dev: {
    summary: 'build, serve, and rebuild on every change to the content (kuromoji stays loaded)',
    usage: 'sagasu dev [--content DIR] [--out DIR] [--port N]',
    options: { ...COMMON_BUILD_OPTIONS, port: { type: 'string', default: process.env.PORT || '8080' } },
    help: `Builds like \`sagasu build\`, serves the output like \`sagasu serve\`, and builds again
whenever a file under the content folder changes. Only changed pages are tokenised again, and the
dictionary is loaded once, so a rebuild after adding one page takes well under a second.

${BUILD_HELP}
  --port N          port on 127.0.0.1 (default: $PORT, else 8080; 0 picks a free one)`,
    run: async (values) => runDev(values),
  },
  search: {
    summary: 'search an index from the terminal, with the same code the browser runs',
    usage: 'sagasu search [--index DIR] [--json] [--limit N] [query…]',
    options: {
      index: { type: 'string', default: 'dist' },
      json: { type: 'boolean', default: false },
      limit: { type: 'string', default: '10' },
      help: { type: 'boolean', short: 'h' },
    },
    help: `With a query, prints its results. With --json and no query, reads queries from stdin,
one per line, and prints one JSON object per line:
  {"query": …, "total": N, "topics": N, "results": [{"url", "page", "title", "date", "heading", "snippet", "score", …}]}

Options:
  --index DIR   folder written by \`sagasu index\` or \`sagasu build\` (default: dist)
  --json        print JSON lines instead of readable text
  --limit N     most pages to return; 0 returns every match (default: 10)
  -h, --help    show this help`,
    run: async (values, positionals) => runSearch(values, positionals),
  },
};

const MAIN_HELP = `sagasu — full-text search for Japanese meeting logs on a static site

Usage: sagasu <command> [options]
  in a site:            npx sagasu <command> [options]
  in this repository:   npm run sagasu -- <command> [options]

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)}${c.summary}`).join('\n')}

Run \`sagasu <command> --help\` for a command's options.
Exit codes: 0 success, 1 content or index problems, 2 usage errors.`;

/** Runs the CLI with arguments (without node and script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${MAIN_HELP}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) return usageError(`unknown command "${name}"`, `sagasu <${Object.keys(COMMANDS).join('|')}> [options]`);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: name === 'search', strict: true });
  } catch (error) {
    return usageError((error as Error).message.split('\n')[0] ?? 'bad arguments', command.usage);
  }
  if (parsed.values.help) {
    process.stdout.write(`Usage: ${command.usage}\n\n${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
  } catch (error) {
    if (error instanceof BuildError) {
      printProblems(error.problems);
      process.stderr.write('Build failed; the previous output was left as it was.\n');
      return 1;
    }
    if (error instanceof IndexFormatError || error instanceof UsageError || (error instanceof Error && error.name === 'ServeError')) {
      process.stderr.write(`error: ${error.message}\n`);
      return error instanceof UsageError ? 2 : 1;
    }
    throw error;
  }
}

class UsageError extends Error {}

function usageError(message: string, usage: string): number {
  process.stderr.write(`error: ${message}\nUsage: ${usage}\nRun with --help for details.\n`);
  return 2;
}

/** Where and how to build: options given, else the Hugo config's values (--hugo), else the defaults. */
type BuildSettings = {
  content: string; out: string; baseUrl: string; buildFuture: boolean; hugo?: HugoSite;
  /** Warnings about the Hugo config: reported with the first build's problems (and counted by --strict), once. */
  configWarnings: Problem[];
};

async function buildSettings(values: Record<string, string | boolean | undefined>): Promise<BuildSettings | undefined> {
  const given = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  let hugo: HugoSite | undefined;
  const problems: Problem[] = [];
  if (typeof values.hugo === 'string') {
    hugo = await readHugoConfig(values.hugo, problems);
    if (!hugo) { printProblems(problems); return undefined; }
  }
  return {
    content: given('content') ?? (hugo ? relativeOrAbsolute(hugo.content) : INDEX_DEFAULTS.content),
    out: given('out') ?? (hugo ? relativeOrAbsolute(hugo.publishDir) : 'dist'),
    baseUrl: given('base-url') ?? hugo?.basePath ?? INDEX_DEFAULTS.baseUrl,
    buildFuture: values['build-future'] === true || (hugo?.buildFuture ?? false),
    ...(hugo ? { hugo } : {}),
    configWarnings: problems,
  };
}

/** A path as short as it can be said: relative to the working folder when inside it. */
function relativeOrAbsolute(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

async function runBuild(values: Record<string, string | boolean | undefined>, site: boolean): Promise<number> {
  const settings = await buildSettings(values);
  if (!settings) return 2;
  const { out } = settings;
  // Ctrl+C: remove the half-written temporary folder; the previous output was never touched.
  process.once('SIGINT', () => {
    void recoverOutput(resolve(out)).finally(() => {
      process.stderr.write('Interrupted; the previous output was left as it was.\n');
      process.exit(130);
    });
  });
  return buildOutput(values, settings, site);
}

/**
 * One build of the index (and the site when `site`) into --out; prints problems and the summary
 * line. `dev` (sagasu dev) carries the last build's per-page results and output to this one.
 */
async function buildOutput(values: Record<string, string | boolean | undefined>, settings: BuildSettings, site: boolean, dev?: DevSession): Promise<number> {
  const reuse = dev?.reuse;
  const started = performance.now();
  const { content, out, hugo } = settings;
  const progress = !values.quiet && process.stderr.isTTY;
  const build: IndexBuild = await buildIndex({
    content,
    baseUrl: settings.baseUrl,
    buildFuture: settings.buildFuture,
    hugo,
    synonyms: typeof values.synonyms === 'string' ? values.synonyms : undefined,
    today: new Date().toISOString().slice(0, 10),
    cacheDir: values['no-cache'] === true ? undefined : String(values.cache),
    onProgress: progress ? (done, total) => process.stderr.write(`\rtokenising ${done}/${total} pages`) : undefined,
    reuse,
    keepTokens: site,
  });
  if (progress) process.stderr.write('\r\x1b[K');
  const problems = [...settings.configWarnings.splice(0), ...build.problems];
  printProblems(problems);
  if (values.strict && problems.length > 0) {
    process.stderr.write('Build failed: --strict and there are warnings; the previous output was left as it was.\n');
    return 1;
  }
  let removeGone = () => {};
  if (site) {
    const files = new Map<string, string | Uint8Array>();
    for (const [name, text] of build.files) files.set(`${SEARCH_FOLDER}/${name}`, text);
    const { renderSite } = await import('./render-site.ts');
    for (const [name, bytes] of await renderSite(build)) files.set(name, bytes);
    // In place only over what this process wrote: a folder removed meanwhile is written whole.
    if (dev?.written && existsSync(out)) {
      const written = dev.written;
      dev.written = undefined; // until this update is through: if it fails, the next build writes all
      removeGone = updateOutput(out, files, written);
    } else {
      await writeOutput(out, files);
    }
    if (dev) dev.written = files;
  } else {
    // `index` runs after Hugo on Hugo's own output folder: only <out>/sagasu/ is replaced, and it
    // gets the embed scripts too, so a page of the site needs nothing but the script tag.
    const files = new Map(build.files);
    const { bundleEmbed } = await import('../web/build.ts');
    const embed = await bundleEmbed();
    files.set(EMBED_FILE, embed.js);
    files.set(WORKER_FILE, embed.workerJs);
    await writeOutput(join(out, SEARCH_FOLDER), files);
  }
  const { raw, gz } = indexSize(build.files, !reuse);
  const seconds = (performance.now() - started) / 1000;
  const sizes = gz === undefined ? kb(raw) : `${kb(raw)}, ${gz.estimated ? '≈ ' : ''}${kb(gz.bytes)} gz`;
  process.stdout.write(`${build.manifest.pages.toLocaleString('en')} pages, ${build.manifest.topics.toLocaleString('en')} topics → ${out}/ (index ${build.files.size.toLocaleString('en')} files, ${sizes}) in ${seconds.toFixed(seconds < 10 ? 2 : 1)} s\n`);
  removeGone();
  return 0;
}

/**
 * Files above which the summary's gzip size is estimated from a sample of about this many (at
 * 14,100 pages compressing every file took 18 s; at 1,410 pages 1,676 sampled files took 1 s and
 * 500 estimate the total within about 1 %: 23,504 kB for 23,743).
 */
const GZIP_EXACT_FILES = 500;

/**
 * The index's raw bytes and, with `withGzip`, its gzip bytes as served (each file compressed on
 * its own). dev leaves the gzip size out: compressing the whole index again was a fifth of a rebuild.
 */
function indexSize(files: Map<string, string | Uint8Array>, withGzip: boolean): { raw: number; gz?: { bytes: number; estimated: boolean } } {
  const every = Math.ceil(files.size / GZIP_EXACT_FILES);
  let raw = 0;
  let sampledRaw = 0;
  let sampledGz = 0;
  let i = 0;
  for (const data of files.values()) {
    const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    raw += size;
    if (withGzip && i++ % every === 0) { sampledRaw += size; sampledGz += gzipSync(data).length; }
  }
  if (!withGzip) return { raw };
  return { raw, gz: { bytes: every === 1 ? sampledGz : Math.round((raw * sampledGz) / Math.max(1, sampledRaw)), estimated: every > 1 } };
}

async function runServe(values: Record<string, string | boolean | undefined>): Promise<number> {
  const port = parsePort(values.port);
  const { serve } = await import('./serve.ts');
  const server = await serve(String(values.dir), port);
  process.stdout.write(`Serving ${String(values.dir)}/ at ${server.url} (Ctrl+C to stop)\n`);
  await untilStopped(() => server.close());
  return 0;
}

function parsePort(value: string | boolean | undefined): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${String(value)} is not a port number (0–65535)`);
  return port;
}

/** Resolves on Ctrl+C or SIGTERM, after running `stop`. */
function untilStopped(stop: () => void): Promise<void> {
  return new Promise<void>((resolveStop) => {
    const once = () => { stop(); resolveStop(); };
    process.once('SIGINT', once);
    process.once('SIGTERM', once);
  });
}

/** What `sagasu dev` keeps between builds: per-page results, and the files it last wrote. */
type DevSession = { reuse: BuildReuse; written?: OutputFiles | undefined };

/** Events closer than this are one save (editors write a file in several steps). */
const SAVE_SETTLE_MS = 50;

/** Build, serve, and build again whenever a content file changes; kuromoji stays loaded between builds. */
async function runDev(values: Record<string, string | boolean | undefined>): Promise<number> {
  const settings = await buildSettings(values);
  if (!settings) return 2;
  const { content, out } = settings;
  const port = parsePort(values.port);
  const { serve } = await import('./serve.ts');
  const { watch } = await import('node:fs');
  const dev: DevSession = { reuse: buildReuse() };
  await buildOutput(values, settings, true, dev);
  const server = await serve(out, port);
  warmTokenizer();
  process.stdout.write(`Serving ${out}/ at ${server.url}, rebuilding when ${content}/ changes (Ctrl+C to stop)\n`);
  let running: Promise<void> | undefined;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const rebuild = () => {
    if (running) { again = true; return; }
    running = buildOutput(values, settings, true, dev)
      .then(() => undefined, (error: unknown) => {
        if (error instanceof BuildError) { printProblems(error.problems); process.stderr.write('Build failed; still serving the previous output.\n'); }
        else process.stderr.write(`Build failed: ${(error as Error).message}\n`);
      })
      .finally(() => { running = undefined; if (again) { again = false; rebuild(); } });
  };
  const watcher = watch(content, { recursive: true }, () => { clearTimeout(timer); timer = setTimeout(rebuild, SAVE_SETTLE_MS); });
  await untilStopped(() => { watcher.close(); server.close(); });
  return 0;
}

async function runSearch(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number> {
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`--limit ${String(values.limit)} is not a whole number ≥ 0`);
  const index = await openIndex(String(values.index));
  const options = { limit, topicsPerPage: limit === 0 ? 0 : 3 };
  const json = values.json === true;
  if (positionals.length > 0) {
    const response = await index.search(positionals.join(' '), options);
    process.stdout.write(json ? `${JSON.stringify(response)}\n` : formatResponse(response));
    return 0;
  }
  if (!json) throw new UsageError('no query given. Pass a query, or --json to read queries from stdin');
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    process.stdout.write(`${JSON.stringify(await index.search(line, options))}\n`);
  }
  return 0;
}

/** Opens `<dir>/sagasu/manifest.json`, or `<dir>/manifest.json` when pointed at the index folder itself. */
async function openIndex(dir: string): Promise<SearchIndex> {
  const nested = join(dir, SEARCH_FOLDER);
  const folder = (await stat(join(nested, MANIFEST_FILE)).catch(() => undefined))?.isFile() ? nested : dir;
  const read = async (name: string) => {
    try {
      return new Uint8Array(await readFile(join(folder, name)));
    } catch {
      throw new IndexFormatError(`${join(folder, name)}: not found. Build the index first: sagasu index --out ${dir}`);
    }
  };
  return openSearch(read, folder);
}

function formatResponse(response: SearchResponse): string {
  const color = process.stdout.isTTY && !process.env.NO_COLOR;
  const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const lines: string[] = [paint('2', `${plural(response.total, 'page')}, ${plural(response.topics, 'topic')} for “${response.query}”`)];
  for (const e of response.expansions) lines.push(paint('2', `  (${e.term} → ${e.matched.slice(0, 5).join(', ')})`));
  let lastPage = '';
  for (const hit of response.results) {
    if (hit.page !== lastPage) {
      lines.push('', `${paint('1', hit.title)}  ${paint('2', hit.date)}`);
      lastPage = hit.page;
    }
    const snippet = snippetParts(hit.snippet).map((p) => (p.mark ? paint('1;33', p.text) : p.text)).join('');
    lines.push(`  ${paint('36', hit.heading.join(' › ') || '(top)')}  ${paint('2', hit.url)}`, `    ${snippet}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Prints each problem, then one summary line: how many, and how many pages they kept out. */
function printProblems(problems: Problem[]): void {
  if (problems.length === 0) return;
  for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
  const errors = problems.filter((p) => p.level === 'error').length;
  if (errors > 0) {
    process.stderr.write(`${plural(errors, 'error')}, ${plural(problems.length - errors, 'warning')}\n`);
    return;
  }
  const leftOut = new Set(problems.filter((p) => p.leftOut).map((p) => p.file)).size;
  const what = leftOut === 0 ? 'every page was indexed' : `${plural(leftOut, 'page')} left out of the index, the other pages indexed`;
  process.stderr.write(`${plural(problems.length, 'warning')}: ${what} (--strict fails the build on warnings)\n`);
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

function kb(bytes: number): string {
  return `${(bytes / 1000).toLocaleString('en', { maximumFractionDigits: 0 })} kB`;
}

// Run when this file is the program: `tsx indexer/cli.ts`, `node lib/cli.js`, or npx's
// node_modules/.bin/sagasu, a symlink to lib/cli.js (hence the realpath).
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`sagasu: unexpected failure: ${(error as Error)?.stack ?? String(error)}\nPlease report this with the command you ran.\n`);
    return 70;
  });
}
