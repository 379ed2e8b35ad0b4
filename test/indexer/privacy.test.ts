/**
 * Privacy: drafts, future pages, unlisted pages and front-matter fields outside the allow-list
 * never reach any byte of the output (index and rendered demo alike).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sagasu } from '../helpers.ts';

/** All bytes of every file under `dir`, as one string, with the index's private-use marks removed. */
async function allBytes(dir: string): Promise<string> {
  const parts: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) parts.push(await readFile(join(entry.parentPath ?? entry.path, entry.name), 'utf8'));
  }
  return parts.join('\n').replace(/[\uE000\uE001]/g, '');
}

let content: string;
let work: string;
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'sagasu-privacy-'));
  content = join(work, 'content');
  await mkdir(content, { recursive: true });
  const page = (name: string, fields: string, body: string) => writeFile(join(content, `${name}.md`), `---\n${fields}\n---\n${body}\n`);
  await page('public', 'title: 公開ページ\ndate: 2020-01-01\nemail: secret-person@example.com\nnote: 社外秘のメモ\nauthor_phone: 090-0000-0000', '公開してよい本文。');
  await page('draft', 'title: 下書きページ\ndraft: true', '下書きの秘密本文。');
  await page('future', 'title: 未来のページ\ndate: 2999-01-01', '未来の秘密本文。');
  await page('unlisted', 'title: 非公開一覧\nbuild:\n  list: never', '一覧に出ない秘密本文。');
  await page('old-build', 'title: 旧形式\n_build:\n  render: never', '描画しない秘密本文。');
});
after(async () => { await rm(work, { recursive: true, force: true }); });

describe('what never reaches the output', () => {
  it('keeps drafts, future and unlisted pages and unlisted front-matter fields out of every byte', async () => {
    const out = join(work, 'out');
    const result = await sagasu(['build', '--content', content, '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^1 page(s)?, /);
    const bytes = await allBytes(out);
    assert.match(bytes, /公開してよい本文/);
    for (const secret of ['secret-person@example.com', '社外秘のメモ', '090-0000-0000', '下書き', '未来', '非公開一覧', '旧形式', '秘密本文']) {
      assert.equal(bytes.includes(secret), false, secret);
    }
  });

  it('indexes future pages with --build-future', async () => {
    const out = join(work, 'out-future');
    const result = await sagasu(['index', '--build-future', '--content', content, '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(await allBytes(out), /未来の秘密本文/);
  });
});
