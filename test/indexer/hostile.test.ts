/**
 * Hostile content, generated here (never committed in bulk): each case goes through `sagasu index`
 * and ends indexed or left out with a warning naming file and line — never a failed build, a
 * crash, a hang or a stack trace; one bad page never takes the site's search down. Exit codes and
 * messages are asserted as printed.
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
  const leftOut: [string, string | Buffer, RegExp][] = [
    ['unclosed quote', fm('title: "閉じていない\ndate: 2020-01-01'), /^bad\.md:\d+: warning: broken YAML front matter: .+; page left out of the index\. Fix the YAML between the --- lines \[W_FRONT_MATTER\]$/m],
    ['tab indentation', fm('title: タブ\ntags:\n\t- a\n\t- b'), /^bad\.md:\d+: warning: broken YAML front matter: .+; page left out of the index\. Fix the YAML between the --- lines \[W_FRONT_MATTER\]$/m],
    ['front matter that is a list', fm('- one\n- two'), /^bad\.md:2: warning: front matter is not a mapping of fields; page left out of the index\. Write it as `key: value` lines \(title:, date:, tags:\) \[W_FRONT_MATTER\]$/m],
    ['a binary file named .md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]), /^bad\.md: warning: is a binary file, not Markdown text; left out of the index\. Remove it or rename it so it does not end in \.md \[W_BINARY\]$/m],
  ];
  for (const [name, data, message] of leftOut) {
    it(`leaves out a page with ${name}, naming file and line, and indexes the rest with exit 0`, async () => {
      const result = await indexWith(name.replace(/\W+/g, '-'), { 'bad.md': data });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, message);
      assert.match(result.stderr, /\n1 warning: 1 page left out of the index, the other pages indexed \(--strict fails the build on warnings\)\n$/);
      assert.match(result.stdout, /^1 pages, /);
      const hits = JSON.parse((await sagasu(['search', '--index', result.out, '--json', '普通の本文'])).stdout) as { total: number };
      assert.equal(hits.total, 1);
    });
  }

  it('indexes a page with invalid UTF-8 as Hugo shows it, with U+FFFD for the bad bytes', async () => {
    const result = await indexWith('invalid-utf-8', { 'bad.md': Buffer.concat([Buffer.from(fm('title: 壊れた文字', '前の行\n')), Buffer.from([0xff, 0xfe]), Buffer.from('後ろの文字列\n')]) });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^bad\.md:5: warning: is not valid UTF-8 \(byte 41\); indexed with U\+FFFD \(�\) in place of the bad bytes, as Hugo shows it\. Save the file as UTF-8 \[W_ENCODING\]$/m);
    assert.match(result.stdout, /^2 pages, /);
    const hits = JSON.parse((await sagasu(['search', '--index', result.out, '--json', '後ろの文字列'])).stdout) as { results: { url: string }[] };
    assert.equal(hits.results[0]?.url.startsWith('/bad/'), true);
    assert.match(await indexText(result.out), /\uFFFD\uFFFD後ろ/);
  });

  it('builds a hostile folder with exit 0, naming every bad file, with the good pages searchable', async () => {
    const outside = join(work, 'outside-all.md');
    await writeFile(outside, fm('title: 外の頁'));
    const result = await indexWith('all-at-once', {
      'yaml.md': fm('title: "閉じていない'),
      'utf8.md': Buffer.concat([Buffer.from(fm('title: 文字化け頁')), Buffer.from([0xc3, 0x28, 0x0a])]),
      'binary.md': Buffer.from([0x00, 0x01, 0x02, 0x03]),
      'empty.md': '',
      'a/same.md': fm('title: 一つ目', '重複の一つ目\n'),
      'b/same.md': fm('title: 二つ目\nurl: /a/same/', '重複の二つ目\n'),
      'list/_index.md': fm('title: 一覧', ''),
    }, ['--no-cache']).then(async (r) => r);
    // The symlink out is added after the fact, so it is run again with it in place.
    await symlink(outside, join(result.content, 'escape.md'));
    const again = await sagasu(['index', '--content', result.content, '--out', result.out]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(again.code, 0, again.stderr);
    const lines = again.stderr.trim().split('\n');
    assert.deepEqual(lines.map((l) => /\[(\w+)\]$/.exec(l)?.[1] ?? l).sort(), [
      'W_BINARY', 'W_DUPLICATE_URL', 'W_EMPTY_BODY', 'W_ENCODING', 'W_FRONT_MATTER', 'W_NO_TITLE', 'W_SYMLINK',
      '7 warnings: 4 pages left out of the index, the other pages indexed (--strict fails the build on warnings)',
    ].sort());
    for (const file of ['yaml.md', 'utf8.md', 'binary.md', 'empty.md', 'b/same.md', 'escape.md']) assert.match(again.stderr, new RegExp(`^${file.replace('.', '\\.')}[:]`, 'm'), file);
    assert.match(again.stderr, /^b\/same\.md: warning: has the same URL \/a\/same\/ as a\/same\.md; only a\/same\.md is indexed\./m);
    const search = async (q: string) => (JSON.parse((await sagasu(['search', '--index', result.out, '--json', q])).stdout) as { total: number }).total;
    assert.equal(await search('普通の本文'), 1);
    assert.equal(await search('重複の一つ目'), 1);
    assert.equal(await search('重複の二つ目'), 0);
    assert.equal(await search('一覧'), 1);
    assert.equal(await search('外の頁'), 0);
    const strict = await sagasu(['index', '--strict', '--content', result.content, '--out', result.out]);
    assert.equal(strict.code, 1);
    assert.match(strict.stderr, /\nBuild failed: --strict and there are warnings; the previous output was left as it was\.\n$/);
  });

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

  it('leaves an unreadable file out, naming it, with exit 0', { skip: process.getuid?.() === 0 ? 'running as root: file permissions do not stop root from reading' : false }, async () => {
    const content = join(work, 'perm');
    await mkdir(content, { recursive: true });
    await writeFile(join(content, 'secret.md'), GOOD);
    await chmod(join(content, 'secret.md'), 0o000);
    const result = await sagasu(['index', '--content', content, '--out', join(work, 'perm-out')]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^secret\.md: warning: cannot be read \(EACCES\); left out of the index\. Check the file's permissions \[W_READ\]$/m);
  });
});
