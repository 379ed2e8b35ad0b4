/**
 * Hostile content, generated here (never committed in bulk): each case goes through `sagasu index`
 * and ends indexed, skipped with a warning naming file and line, or a build error naming them —
 * never a crash, a hang or a stack trace. Exit codes and messages are asserted as printed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sagasu } from '../helpers.ts';

let work: string;
before(async () => { work = await mkdtemp(join(tmpdir(), 'sagasu-hostile-')); });
after(async () => { await rm(work, { recursive: true, force: true }); });

const GOOD = '---\ntitle: 普通のページ\ndate: 2020-01-01\n---\n## 見出し\n\n普通の本文。\n';

/** A content folder with one good page plus `files`; returns the CLI result of indexing it. */
async function indexWith(name: string, files: Record<string, string | Buffer>, extra: string[] = []) {
  const content = join(work, name);
  await mkdir(content, { recursive: true });
  await writeFile(join(content, 'good.md'), GOOD);
  for (const [path, data] of Object.entries(files)) {
    await mkdir(join(content, path, '..'), { recursive: true });
    await writeFile(join(content, path), data);
  }
  const out = join(work, `${name}-out`);
  const started = performance.now();
  const result = await sagasu(['index', '--content', content, '--out', out, ...extra]);
  assert.doesNotMatch(result.stderr, /\n\s+at |unexpected failure/, 'no stack trace');
  return { ...result, content, out, seconds: (performance.now() - started) / 1000 };
}

/** The stored text of a built index (every byte a reader gets). */
async function indexText(out: string): Promise<string> {
  const dir = join(out, 'sagasu');
  const names = (await readdir(dir, { recursive: true })).filter((n) => /\.(bin|json)$/.test(n));
  return (await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')))).join('\n');
}

const fm = (fields: string, body = '本文。\n') => `---\n${fields}\n---\n${body}`;

describe('hostile front matter and encodings', () => {
  const errors: [string, string | Buffer, RegExp][] = [
    ['unclosed quote', fm('title: "閉じていない\ndate: 2020-01-01'), /^bad\.md:\d+: error: broken YAML front matter: .+ \[E_FRONT_MATTER\]$/m],
    ['tab indentation', fm('title: タブ\ntags:\n\t- a\n\t- b'), /^bad\.md:\d+: error: broken YAML front matter: .+ \[E_FRONT_MATTER\]$/m],
    ['front matter that is a list', fm('- one\n- two'), /^bad\.md:2: error: front matter is not a mapping of fields\. Write it as `key: value` lines \(title:, date:, tags:\) \[E_FRONT_MATTER\]$/m],
    ['invalid UTF-8', Buffer.concat([Buffer.from(fm('title: x')), Buffer.from([0xff, 0xfe, 0x0a])]), /^bad\.md:5: error: is not valid UTF-8 \(byte 27\)\. Save the file as UTF-8 \[E_ENCODING\]$/m],
    ['a binary file named .md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]), /^bad\.md: error: is a binary file, not Markdown text\. Remove it or rename it so it does not end in \.md \[E_BINARY\]$/m],
  ];
  for (const [name, data, message] of errors) {
    it(`stops the build on ${name}, naming file and line, with exit 1`, async () => {
      const result = await indexWith(name.replace(/\W+/g, '-'), { 'bad.md': data });
      assert.equal(result.code, 1);
      assert.match(result.stderr, message);
      assert.match(result.stderr, /Build failed; the previous output was left as it was\.\n$/);
    });
  }

  it('indexes odd but valid pages, warning where something was guessed', async () => {
    const result = await indexWith('odd', {
      'number-title.md': fm('title: 2019'),
      'list-title.md': fm('title: [a, b]', '## 見出しが題名\n\n本文\n'),
      'slash-date.md': fm('title: スラッシュ日付\ndate: 2019/09/14'),
      'unquoted-date.md': fm('title: 引用なし日付\ndate: 2019-09-14'),
      'bad-date.md': fm('title: 壊れた日付\ndate: 2019-13-45'),
      'bom.md': `\uFEFF${fm('title: BOM付き')}`,
      'crlf.md': fm('title: 改行CRLF', '## 見出しCRLF\r\n\r\n本文CRLF\r\n').replace(/\n/g, '\r\n'),
      'empty.md': '',
      'dup-headings.md': fm('title: 重複見出し', '## 同じ\n\nいち\n\n## 同じ\n\nに\n'),
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^list-title\.md:2: warning: `title` is not text; using the first heading instead\. Write `title: "…"` \[W_FIELD\]$/m);
    assert.match(result.stderr, /^bad-date\.md:3: warning: `date` "2019-13-45" is not a date; the page has no date\. Write `date: 2019-09-14` \[W_DATE\]$/m);
    assert.match(result.stderr, /^empty\.md:1: warning: page has no title; using "empty"\. Add `title:` to the front matter \[W_NO_TITLE\]$/m);
    const search = async (q: string) => JSON.parse((await sagasu(['search', '--index', result.out, '--json', q])).stdout) as { results: { url: string; title: string; date: string }[] };
    assert.equal((await search('スラッシュ日付')).results[0]?.date, '2019-09-14');
    assert.equal((await search('引用なし日付')).results[0]?.date, '2019-09-14');
    assert.equal((await search('BOM付き')).results[0]?.title, 'BOM付き');
    assert.equal((await search('本文CRLF')).results[0]?.url, '/crlf/#見出しcrlf');
    assert.equal((await search('2019')).results.some((r) => r.title === '2019'), true);
    assert.deepEqual((await search('に')).results.filter((r) => r.url.startsWith('/dup-headings/')).map((r) => r.url), ['/dup-headings/#同じ-1']);
  });
});

describe('hostile sizes and shapes', () => {
  it('indexes a 10 MB page', async () => {
    const line = 'The quick brown fox jumps over the lazy dog while Prometheus scrapes the exporters.\n';
    const body = `${line.repeat(Math.ceil(10_000_000 / line.length))}最後の行に日本語の目印。\n`;
    const result = await indexWith('ten-mb', { 'big.md': fm('title: 巨大なページ', body) });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^big\.md:4: warning: a paragraph too long for the Markdown parser was split every 200 lines \[W_MARKDOWN\]$/m);
    const hits = JSON.parse((await sagasu(['search', '--index', result.out, '--json', '日本語の目印'])).stdout) as { total: number };
    assert.equal(hits.total, 1);
    console.log(`# 10 MB page indexed in ${result.seconds.toFixed(1)} s`);
  });

  it('indexes a page of one 1 MB line in time linear in its length', async () => {
    const result = await indexWith('long-line', { 'line.md': fm('title: 一行', `${'長い一行の会議メモ、'.repeat(100_000)}終わり\n`) }, ['--no-cache']);
    assert.equal(result.code, 0, result.stderr);
    console.log(`# 1 MB single line indexed in ${result.seconds.toFixed(1)} s (kuromoji gets it in pieces of at most 512 characters)`);
  });

  it('indexes 10,000 tiny pages', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 10_000; i++) files[`many/p${String(i).padStart(5, '0')}.md`] = fm(`title: 小ページ${i}`, `小さな本文${i}。\n`);
    const result = await indexWith('many', files);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^10,001 pages, /);
    console.log(`# 10,000 pages indexed in ${result.seconds.toFixed(1)} s`);
  });

  it('indexes a list nested 1,000 levels deep, with a warning naming the line', async () => {
    const body = Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}* 深さ${i}\n`).join('');
    const result = await indexWith('nested', { 'deep.md': fm('title: 深い入れ子', body) });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^deep\.md:37: warning: list nested deeper than 64 columns; deeper items are indexed at that depth \[W_MARKDOWN\]$/m);
    const hits = JSON.parse((await sagasu(['search', '--index', result.out, '--json', '深さ999'])).stdout) as { total: number };
    assert.equal(hits.total, 1);
  });

  it('indexes 10,000 headings in one page with unique Hugo ids', async () => {
    const body = Array.from({ length: 10_000 }, (_, i) => `## 議題\n\n本文${i}\n\n`).join('');
    const result = await indexWith('headings', { 'h.md': fm('title: 見出しだらけ', body) });
    assert.equal(result.code, 0, result.stderr);
    const hits = JSON.parse((await sagasu(['search', '--index', result.out, '--json', '本文9999'])).stdout) as { results: { url: string }[] };
    assert.equal(hits.results[0]?.url, '/h/#議題-9999');
  });
});

describe('hostile links in the file system', () => {
  it('never follows a symlink loop or a link out of the content folder', async () => {
    const outside = join(work, 'outside.md');
    await writeFile(outside, fm('title: 外部の秘密', '外部の秘密の本文\n'));
    const content = join(work, 'links');
    await mkdir(content, { recursive: true });
    await writeFile(join(content, 'good.md'), GOOD);
    await symlink(outside, join(content, 'escape.md'));
    await symlink('loop.md', join(content, 'loop.md'));
    await symlink('.', join(content, 'again'));
    await symlink('good.md', join(content, 'alias.md'));
    const out = join(work, 'links-out');
    const result = await sagasu(['index', '--content', content, '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^escape\.md: warning: symbolic link points outside the content folder; skipped \[W_SYMLINK\]$/m);
    assert.match(result.stderr, /^loop\.md: warning: symbolic link is broken or loops; skipped \[W_SYMLINK\]$/m);
    assert.match(result.stderr, /^again: warning: symbolic link to a folder is not followed; skipped\. Copy the folder into the content folder instead \[W_SYMLINK\]$/m);
  });

  it('keeps everything outside the content folder out of the output', async () => {
    const outside = join(work, 'outside2.md');
    await writeFile(outside, fm('title: 外部の秘密2', '外部の秘密の本文2\n'));
    const content = join(work, 'links2');
    await mkdir(content, { recursive: true });
    await writeFile(join(content, 'good.md'), GOOD);
    await symlink(outside, join(content, 'escape.md'));
    const out = join(work, 'links2-out');
    const result = await sagasu(['index', '--content', content, '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(await indexText(out), /外部の秘密/);
  });

  it('reports an unreadable file by name', { skip: process.getuid?.() === 0 ? 'running as root: file permissions do not stop root from reading' : false }, async () => {
    const content = join(work, 'perm');
    await mkdir(content, { recursive: true });
    await writeFile(join(content, 'secret.md'), GOOD);
    await chmod(join(content, 'secret.md'), 0o000);
    const result = await sagasu(['index', '--content', content, '--out', join(work, 'perm-out')]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^secret\.md: error: cannot be read \(EACCES\)\. Check the file's permissions \[E_READ\]$/m);
  });
});
