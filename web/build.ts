/**
 * Bundles the embed script (`sagasu.js`: the custom element and UI) and the search worker
 * (`sagasu-worker.js`: the search core only) with esbuild. UTF-8 output so Japanese UI strings
 * stay readable and small; a gzip budget checked on every build.
 *
 *   npx tsx web/build.ts   # prints the size
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Largest gzip size of sagasu.js the build accepts, in bytes. */
export const EMBED_BUDGET_GZIP = 30 * 1024;

/** The bundled scripts and their sizes. */
export type EmbedBundle = { js: string; workerJs: string; bytes: number; gzipBytes: number; workerGzipBytes: number };

let bundled: Promise<EmbedBundle> | undefined;

/**
 * Bundles web/embed.ts (sagasu.js) and web/worker.ts (sagasu-worker.js) once per process (a
 * `sagasu dev` rebuild reuses it); throws when sagasu.js is over budget.
 */
export function bundleEmbed(): Promise<EmbedBundle> {
  bundled ??= bundleBoth();
  bundled.catch(() => { bundled = undefined; });
  return bundled;
}

async function bundleBoth(): Promise<EmbedBundle> {
  const [js, workerJs] = await Promise.all([bundle('./embed.ts'), bundle('./worker.ts')]);
  const bytes = Buffer.byteLength(js);
  const gzipBytes = gzipSync(js, { level: 9 }).length;
  if (gzipBytes > EMBED_BUDGET_GZIP) {
    throw new Error(`sagasu.js is ${gzipBytes} bytes gzip, over its budget of ${EMBED_BUDGET_GZIP}. Trim the UI or raise EMBED_BUDGET_GZIP with a reason.`);
  }
  return { js, workerJs, bytes, gzipBytes, workerGzipBytes: gzipSync(workerJs, { level: 9 }).length };
}

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    charset: 'utf8',
    legalComments: 'none',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await bundleEmbed();
  process.stdout.write(`sagasu.js: ${result.bytes} bytes, ${result.gzipBytes} bytes gzip (budget ${EMBED_BUDGET_GZIP}); sagasu-worker.js: ${result.workerGzipBytes} bytes gzip\n`);
}
