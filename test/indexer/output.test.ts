/**
 * Output integrity: a build killed at a random moment (SIGINT or SIGKILL) leaves the previous
 * output intact and servable, and the next build still succeeds.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_SITE, sagasu } from '../helpers.ts';

/** Every file under `dir` with its bytes, as relative path → contents. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (sub: string) => {
    for (const entry of await readdir(join(dir, sub), { withFileTypes: true })) {
      const rel = sub === '' ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory()) await walk(rel);
      else files.set(rel, (await readFile(join(dir, rel))).toString('base64'));
    }
  };
  await walk('');
  return files;
}

let work: string;
before(async () => { work = await mkdtemp(join(tmpdir(), 'sagasu-kill-')); });
after(async () => { await rm(work, { recursive: true, force: true }); });

describe('a build killed at a random moment', () => {
  it('leaves the previous output intact and servable, for SIGINT and SIGKILL', async () => {
    const out = join(work, 'dist');
    const first = await sagasu(['build', '--content', FIXTURE_SITE, '--out', out]);
    assert.equal(first.code, 0, first.stderr);
    const before = await snapshot(out);
    let runs = 0;
    let intact = 0;
    // Spread the kills over a build's whole life (about 2 s), deterministically.
    const delays = [50, 250, 450, 650, 850, 1050, 1250, 1450, 1650, 1850, 2050, 2400];
    for (const [i, delay] of delays.entries()) {
      const signal = i % 2 === 0 ? 'SIGKILL' : 'SIGINT';
      const child = spawn(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', 'build', '--quiet', '--content', FIXTURE_SITE, '--out', out], { stdio: 'ignore' });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await new Promise((r) => setTimeout(r, delay));
      child.kill(signal);
      await exited;
      runs++;
      const after = await snapshot(out).catch(() => new Map<string, string>());
      if (after.size === before.size && [...before].every(([k, v]) => after.get(k) === v)) intact++;
    }
    console.log(`# ${runs} killed builds, ${intact} outputs intact`);
    assert.equal(intact, runs);
    const search = await sagasu(['search', '--index', out, '--json', '冗長化']);
    assert.equal((JSON.parse(search.stdout) as { total: number }).total, 1);
    const again = await sagasu(['build', '--content', FIXTURE_SITE, '--out', out]);
    assert.equal(again.code, 0, again.stderr);
    const leftovers = (await readdir(work)).filter((name) => name.includes('.tmp-') || name.includes('.old-'));
    assert.deepEqual(leftovers, []);
  });
});

describe('sagasu dev updating its output in place', () => {
  it('ends with exactly the new files, rewriting only what changed and removing emptied folders', async () => {
    const { updateOutput, writeOutput } = await import('../../indexer/write-output.ts');
    const { stat } = await import('node:fs/promises');
    const out = join(work, 'in-place');
    const first = new Map<string, string | Uint8Array>([
      ['index.html', 'home'], ['a/index.html', 'page a'], ['sagasu/manifest.json', '{"build":"old"}'],
      ['sagasu/b-old/p/0.bin', new Uint8Array([1, 2, 3])], ['sagasu/b-old/page/0.json', '{}'], ['same.bin', new Uint8Array([9, 9])],
    ]);
    await writeOutput(out, first);
    const unchanged = await stat(join(out, 'a/index.html'));
    const second = new Map<string, string | Uint8Array>([
      ['index.html', 'home, edited'], ['a/index.html', 'page a'], ['b/index.html', 'new page'], ['sagasu/manifest.json', '{"build":"new"}'],
      ['sagasu/b-new/p/0.bin', new Uint8Array([4])], ['sagasu/b-new/page/0.json', '{"n":1}'], ['same.bin', new Uint8Array([9, 9])],
    ]);
    const removeGone = updateOutput(out, second, first);
    assert.equal((await stat(join(out, 'sagasu/b-old/p/0.bin'))).isFile(), true, 'the old index stays until the new one is announced');
    removeGone();
    const expected = new Map([...second].map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
    assert.deepEqual(await snapshot(out), expected);
    assert.deepEqual(await readdir(join(out, 'sagasu')), ['b-new', 'manifest.json'], 'the old index folder is gone');
    const now = await stat(join(out, 'a/index.html'));
    assert.deepEqual([now.ino, now.mtimeMs], [unchanged.ino, unchanged.mtimeMs], 'an unchanged file is not rewritten');
  });
});
