/** Builds a content folder with `sagasu build` and serves it, for browser tests and benchmarks. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serve, type RunningServer } from '../../indexer/serve.ts';

const run = promisify(execFile);

/** A built and served site; `close` stops the server and removes the folder. */
export type TestSite = { url: string; dir: string; server: RunningServer; close(): Promise<void> };

/** Runs `sagasu build --content <content>` into a temporary folder and serves it on 127.0.0.1. */
export async function buildAndServe(content: string, extraArgs: string[] = []): Promise<TestSite> {
  const dir = await mkdtemp(join(tmpdir(), 'sagasu-site-'));
  await run(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', 'build', '--quiet', '--content', content, '--out', join(dir, 'out'), ...extraArgs]);
  const server = await serve(join(dir, 'out'), 0);
  return { url: server.url, dir: join(dir, 'out'), server, close: async () => { server.close(); await rm(dir, { recursive: true, force: true }); } };
}
