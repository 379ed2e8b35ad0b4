/**
 * Stands in for web/build.ts inside the npm package: the embed script and the search worker were
 * bundled by pkg/build.ts when the package was packed, so `sagasu build` needs no esbuild at run
 * time. Only ever bundled into lib/cli.js, which sits beside lib/web/.
 */
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { EmbedBundle } from '../web/build.ts';

let loaded: Promise<EmbedBundle> | undefined;

/** The prebuilt sagasu.js and sagasu-worker.js, read once per process. */
export function bundleEmbed(): Promise<EmbedBundle> {
  loaded ??= (async () => {
    const [js, workerJs] = await Promise.all([
      readFile(new URL('./web/sagasu.js', import.meta.url), 'utf8'),
      readFile(new URL('./web/sagasu-worker.js', import.meta.url), 'utf8'),
    ]);
    return { js, workerJs, bytes: Buffer.byteLength(js), gzipBytes: gzipSync(js).length, workerGzipBytes: gzipSync(workerJs).length };
  })();
  return loaded;
}
