/**
 * `sagasu dev` while a page is mid-edit: a page whose front matter is half-typed is left out with
 * a warning, and the server goes on publishing every other page, new ones included.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sagasu } from '../helpers.ts';

let work: string;
let child: ChildProcess | undefined;
before(async () => { work = await mkdtemp(join(tmpdir(), 'sagasu-dev-')); });
after(async () => {
  child?.kill('SIGTERM');
  await rm(work, { recursive: true, force: true });
});

/** Resolves when `text()` matches `pattern`, polling; rejects after `ms`. */
async function until(text: () => string, pattern: RegExp, ms = 60_000): Promise<RegExpMatchArray> {
  const end = Date.now() + ms;
  for (;;) {
    const m = pattern.exec(text());
    if (m) return m;
    if (Date.now() > end) throw new Error(`timed out waiting for ${pattern}; output so far:\n${text()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('sagasu dev', () => {
  it('keeps serving and indexing the good pages while one page has broken front matter', async () => {
    const content = join(work, 'content');
    const out = join(work, 'out');
    await mkdir(content, { recursive: true });
    await writeFile(join(content, 'good.md'), '---\ntitle: 最初のページ\n---\n最初の本文\n');
    let stdout = '';
    let stderr = '';
    child = spawn(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', 'dev', '--content', content, '--out', out, '--port', '0', '--no-cache', '--quiet'], { env: { ...process.env, NO_COLOR: '1' } });
    child.stdout?.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
    const [, url] = await until(() => stdout, /at (http:\/\/127\.0\.0\.1:\d+\/)/);
    await writeFile(join(content, 'half.md'), '---\ntitle: "書きかけ\n');
    await writeFile(join(content, 'new.md'), '---\ntitle: 新しいページ\n---\n追加した本文\n');
    await until(() => stdout, /^2 pages, /m);
    assert.match(stderr, /^half\.md:\d+: warning: broken YAML front matter: .+; page left out of the index\. Fix the YAML between the --- lines \[W_FRONT_MATTER\]$/m);
    assert.equal((await fetch(new URL('sagasu/manifest.json', url))).status, 200);
    const search = async (q: string) => (JSON.parse((await sagasu(['search', '--index', out, '--json', q])).stdout) as { total: number }).total;
    assert.equal(await search('追加した本文'), 1);
    assert.equal(await search('最初の本文'), 1);

    // Output folder removed while dev runs: the next rebuild writes it whole, not only what changed.
    await rm(out, { recursive: true, force: true });
    await writeFile(join(content, 'third.md'), '---\ntitle: 三つ目\n---\n三つ目の本文\n');
    await until(() => stdout, /^3 pages, /m);
    assert.equal(await search('最初の本文'), 1);
    assert.equal(await search('三つ目の本文'), 1);
    assert.equal((await fetch(new URL('sagasu/sagasu.js', url))).status, 200, 'an unchanged file is there again');
  });
});
