/**
 * Atomic output: everything is written into a temporary sibling folder, which then replaces the
 * output folder by rename. A failed or killed build leaves the previous output as it was.
 * `sagasu dev` updates its own output in place instead (updateOutput).
 */
import { mkdirSync, renameSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { MANIFEST_FILE } from '../web/core/format.ts';

/** Output files: path relative to the output folder → contents. */
export type OutputFiles = Map<string, string | Uint8Array>;

/** Writes `files` (relative path → contents) as the new content of `outDir`, atomically. */
export async function writeOutput(outDir: string, files: OutputFiles): Promise<void> {
  const out = resolve(outDir);
  const parent = dirname(out);
  await mkdir(parent, { recursive: true });
  await recoverOutput(out);
  const tmp = join(parent, `.${basename(out)}.tmp-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  try {
    // Synchronous calls: creating a file is the cost, and the thread pool's round trips added half
    // again to it (542 files of the demo: 180 ms vs 270 ms with 16 writes in flight).
    const made = new Set<string>();
    for (const rel of [...files.keys()].sort()) writeNew(join(tmp, rel), files.get(rel) ?? '', made);
    const old = join(parent, `.${basename(out)}.old-${process.pid}`);
    const hadOutput = await exists(out);
    if (hadOutput) await rename(out, old);
    await rename(tmp, out);
    if (hadOutput) await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}

/** Writes a file, making its folder first (once: `made` remembers). */
function writeNew(file: string, data: string | Uint8Array, made: Set<string>): void {
  const dir = dirname(file);
  if (!made.has(dir)) { mkdirSync(dir, { recursive: true }); made.add(dir); }
  writeFileSync(file, data);
}

/**
 * `sagasu dev`: brings the output folder from `before` (what this process last wrote there) to
 * `files`, writing only what changed: a rebuild's index is a new b-<build>/ folder, but most demo
 * pages stay the same. Each replaced file is swapped in by rename, and the manifests last, so a
 * reader sees the old index or the new one, never a mix. Returns the removal of what is gone
 * (the old index folder), to run once the new output is announced.
 */
export function updateOutput(outDir: string, files: OutputFiles, before: OutputFiles): () => void {
  const out = resolve(outDir);
  const made = new Set<string>();
  const changed = [...files.keys()].filter((rel) => !same(before.get(rel), files.get(rel) ?? ''));
  const manifestsLast = (rel: string) => (basename(rel) === MANIFEST_FILE ? 1 : 0);
  changed.sort((a, b) => manifestsLast(a) - manifestsLast(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const rel of changed) {
    const file = join(out, rel);
    if (!before.has(rel)) { writeNew(file, files.get(rel) ?? '', made); continue; }
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, files.get(rel) ?? '');
    renameSync(tmp, file);
  }
  const gone = [...before.keys()].filter((rel) => !files.has(rel));
  return () => {
    const dirs = new Set<string>();
    for (const rel of gone) {
      try { unlinkSync(join(out, rel)); } catch { /* already gone */ }
      for (let dir = dirname(rel); dir !== '.'; dir = dirname(dir)) dirs.add(dir);
    }
    // Deepest first; a folder that still holds anything stays.
    for (const dir of [...dirs].sort((a, b) => b.length - a.length)) {
      try { rmdirSync(join(out, dir)); } catch { /* not empty */ }
    }
  };
}

function same(a: string | Uint8Array | undefined, b: string | Uint8Array): boolean {
  if (a === undefined) return false;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

/**
 * Puts back an output folder left aside by a build killed between its two renames, and
 * removes temporary folders of builds that died. Safe to run before every build.
 */
export async function recoverOutput(out: string): Promise<void> {
  const parent = dirname(out);
  const name = basename(out);
  const entries = await readdir(parent).catch(() => [] as string[]);
  const olds = entries.filter((e) => e.startsWith(`.${name}.old-`)).sort();
  if (!(await exists(out)) && olds.length > 0) {
    await rename(join(parent, olds.pop() as string), out);
  }
  for (const e of entries) {
    if (e.startsWith(`.${name}.tmp-`) || olds.includes(e)) await rm(join(parent, e), { recursive: true, force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}
