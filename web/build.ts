/**
 * Bundles the embed script with esbuild: one file, `sagasu.js`, that is both the custom element
 * (on a page) and the search worker (when started as a Worker). UTF-8 output so Japanese UI
 * strings stay readable and small; a gzip budget checked on every build.
 *
 *   npx tsx web/build.ts   # prints the size
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Largest gzip size of sagasu.js the build accepts, in bytes. */
export const EMBED_BUDGET_GZIP = 30 * 1024;

/** The bundled script and its sizes. */
export type EmbedBundle = { js: string; bytes: number; gzipBytes: number };

/** Bundles web/embed.ts; throws when the gzip budget is exceeded. */
export async function bundleEmbed(): Promise<EmbedBundle> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./embed.ts', import.meta.url))],
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
  const js = result.outputFiles[0]?.text ?? '';
  const bytes = Buffer.byteLength(js);
  const gzipBytes = gzipSync(js, { level: 9 }).length;
  if (gzipBytes > EMBED_BUDGET_GZIP) {
    throw new Error(`sagasu.js is ${gzipBytes} bytes gzip, over its budget of ${EMBED_BUDGET_GZIP}. Trim the UI or raise EMBED_BUDGET_GZIP with a reason.`);
  }
  return { js, bytes, gzipBytes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const bundle = await bundleEmbed();
  process.stdout.write(`sagasu.js: ${bundle.bytes} bytes, ${bundle.gzipBytes} bytes gzip (budget ${EMBED_BUDGET_GZIP})\n`);
}
