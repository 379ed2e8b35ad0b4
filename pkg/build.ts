/**
 * Builds the npm package's lib/ from the TypeScript sources (run by `npm pack` through prepack):
 *   lib/cli.js, lib/analyze-worker.js  the CLI and its tokeniser worker, npm packages left external
 *   lib/web/sagasu.js, sagasu-worker.js the embed script and search worker, prebuilt
 *   lib/core.js + lib/types/           `sagasu/core`: the search core and its .d.ts types
 *
 *   npm run build:package
 */
import { build, type Plugin } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleEmbed } from '../web/build.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const lib = join(root, 'lib');

// Inside the package web/build.ts (esbuild at run time) is replaced by the prebuilt scripts.
const prebuiltEmbed: Plugin = {
  name: 'prebuilt-embed',
  setup(b) {
    b.onResolve({ filter: /\/web\/build\.ts$/ }, () => ({ path: join(root, 'pkg', 'embed-prebuilt.ts') }));
  },
};

await rm(lib, { recursive: true, force: true });
await build({
  entryPoints: { cli: join(root, 'indexer/cli.ts'), 'analyze-worker': join(root, 'indexer/analyze-worker.ts') },
  outdir: lib,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  charset: 'utf8',
  legalComments: 'none',
  plugins: [prebuiltEmbed],
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
const embed = await bundleEmbed();
await mkdir(join(lib, 'web'), { recursive: true });
await writeFile(join(lib, 'web', 'sagasu.js'), embed.js);
await writeFile(join(lib, 'web', 'sagasu-worker.js'), embed.workerJs);
await build({
  entryPoints: { core: join(root, 'pkg/core.ts') },
  outdir: lib,
  bundle: true,
  platform: 'neutral',
  format: 'esm',
  target: 'es2020',
  packages: 'external',
  charset: 'utf8',
  legalComments: 'none',
  logLevel: 'warning',
});
// Types of the core: tsc writes one .d.ts per source file; their imports name .ts files, which a
// consumer resolves only as .js (→ .d.ts), so the extensions are rewritten.
const types = join(lib, 'types');
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'pkg/tsconfig.types.json')], { stdio: 'inherit' });
for (const name of await readdir(types, { recursive: true })) {
  if (!name.endsWith('.d.ts')) continue;
  const file = join(types, name);
  await writeFile(file, (await readFile(file, 'utf8')).replace(/(from\s+['"]\.{1,2}\/[^'"]+)\.ts(['"])/g, '$1.js$2'));
}
process.stdout.write(`lib/ written: cli.js, analyze-worker.js, web/sagasu.js (${embed.gzipBytes} bytes gzip), core.js, types/\n`);
