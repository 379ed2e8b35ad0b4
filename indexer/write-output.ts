/**
 * Atomic output: everything is written into a temporary sibling folder, which then replaces the
 * output folder by rename. A failed or killed build leaves the previous output as it was.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** Writes `files` (relative path → contents) as the new content of `outDir`, atomically. */
export async function writeOutput(outDir: string, files: Map<string, string | Uint8Array>): Promise<void> {
  const out = resolve(outDir);
  const parent = dirname(out);
  await mkdir(parent, { recursive: true });
  await recoverOutput(out);
  const tmp = join(parent, `.${basename(out)}.tmp-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  try {
    const paths = [...files.keys()].sort();
    for (const rel of paths) {
      const target = join(tmp, rel);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, files.get(rel) ?? '');
    }
    await mkdir(tmp, { recursive: true });
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
