/**
 * Atomic output: everything is written into a temporary sibling folder, which then replaces the
 * output folder by rename. A failed or killed build leaves the previous output as it was.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** Files written at once (each write is small; the file system, not the CPU, is the wait). */
const WRITES_IN_FLIGHT = 16;

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
    await mkdir(tmp, { recursive: true });
    for (const dir of new Set(paths.map((rel) => dirname(join(tmp, rel))))) await mkdir(dir, { recursive: true });
    // Several writes in flight: one at a time, a dev rebuild spent a fifth of its time here.
    let next = 0;
    const writer = async () => {
      while (next < paths.length) {
        const rel = paths[next++] as string;
        await writeFile(join(tmp, rel), files.get(rel) ?? '');
      }
    };
    await Promise.all(Array.from({ length: WRITES_IN_FLIGHT }, writer));
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
