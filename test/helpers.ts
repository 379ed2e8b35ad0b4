/** Shared test helpers: building the fixture site's index once per test process, running the CLI. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildIndex, searchBuild, type IndexBuild } from '../indexer/build-index.ts';
import type { SearchIndex } from '../web/core/search.ts';

/** The fixture content folder. */
export const FIXTURE_SITE = fileURLToPath(new URL('./fixtures/site', import.meta.url));
/** The real corpus, read from ../shared at run time (never copied into the repo). */
export const CORPUS = fileURLToPath(new URL('../../shared/corpus/histudy-site/content', import.meta.url));

const builds = new Map<string, Promise<IndexBuild>>();

/** Builds (once) the index of a content folder. */
export function buildOnce(content: string): Promise<IndexBuild> {
  let build = builds.get(content);
  if (!build) builds.set(content, (build = buildIndex({ content, baseUrl: '', buildFuture: false, today: '2026-11-27' })));
  return build;
}

/** A SearchIndex over a build's files, read exactly as a reader reads them. */
export async function searchIndexOf(content: string): Promise<SearchIndex> {
  return searchBuild(await buildOnce(content));
}

const run = promisify(execFile);

/** Runs the CLI as a user would; resolves with exit code and output instead of throwing. */
export async function sagasu(args: string[], input?: string, timeoutMs = 120_000): Promise<{ code: number; stdout: string; stderr: string; signal?: string }> {
  const child = run(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', ...args], {
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutMs,
  });
  if (input !== undefined) child.child.stdin?.end(input);
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string; signal?: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr, ...(e.signal ? { signal: e.signal } : {}) };
  }
}
