/**
 * Readings, typos and synonyms end to end: a tiny site built in a temporary folder, with a site
 * synonyms file next to its content, searched through the same core as the browser.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIndex, searchBuild } from '../../indexer/build-index.ts';
import { BuildError, formatProblem } from '../../indexer/problems.ts';
import type { SearchIndex } from '../../web/core/search.ts';

const PAGES: Record<string, string> = {
  'a.md': '---\ntitle: 一\ndate: 2020-01-01\n---\n## 作業\n\nデプロイを自動化した。ブラウザで確認。\n',
  'b.md': '---\ntitle: 二\ndate: 2020-02-01\n---\n## 画面\n\nブラウザの表示を直した。\n',
  'c.md': '---\ntitle: 三\ndate: 2020-03-01\n---\n## 英語\n\nThe browser crashed. Kubernetes cluster is up.\n',
  'd.md': '---\ntitle: 四\ndate: 2020-04-01\n---\n## 雑談\n\nしかし雨だった。\n',
};

let work: string;
let index: SearchIndex;
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'sagasu-expand-'));
  await mkdir(join(work, 'content'));
  for (const [name, text] of Object.entries(PAGES)) await writeFile(join(work, 'content', name), text);
  await writeFile(join(work, 'synonyms.yaml'), '# site words\nk8s: [Kubernetes, クバネティス]\n');
  index = await searchBuild(await buildIndex({ content: join(work, 'content'), baseUrl: '', buildFuture: false, today: '2026-11-28' }));
});
after(async () => { await rm(work, { recursive: true, force: true }); });

const pages = async (q: string) => [...new Set((await index.search(q, { limit: 0 })).results.map((r) => r.page))].sort();

describe('readings, typos and synonyms on a built site', () => {
  it('finds 自動化 from じどうか (a kanji word and its suffix, composed at index time)', async () => {
    assert.deepEqual(await pages('じどうか'), ['/a/']);
    assert.deepEqual((await index.search('じどうか')).expansions, [{ term: 'じどうか', kind: 'reading', matched: ['自動化'] }]);
  });
  it('finds the katakana word a hiragana query spells', async () => {
    assert.deepEqual(await pages('ぶらうざ'), ['/a/', '/b/']);
  });
  it('finds ブラウザ from browser (Sudachi) and says so', async () => {
    assert.deepEqual(await pages('browser'), ['/a/', '/b/', '/c/']);
    assert.deepEqual((await index.search('browser')).expansions.map((e) => [e.kind, e.matched]), [['synonym', ['ブラウザ']]]);
  });
  it('finds Kubernetes from k8s (the site synonyms file)', async () => {
    assert.deepEqual(await pages('k8s'), ['/c/']);
  });
  it('corrects a typo', async () => {
    assert.deepEqual(await pages('kubernetse'), ['/c/']);
  });
  it('matches a quoted term exactly: no reading, correction or synonym', async () => {
    assert.deepEqual(await pages('"じどうか"'), []);
    assert.deepEqual(await pages('"browser"'), ['/c/']);
    assert.deepEqual((await index.search('"browser"')).expansions, []);
  });
  it('stops the build on a malformed synonyms file, naming file and line', async () => {
    const file = join(work, 'bad.yaml');
    await writeFile(file, 'k8s: [Kubernetes\nfoo: bar: baz\n');
    await assert.rejects(buildIndex({ content: join(work, 'content'), synonyms: file, baseUrl: '', buildFuture: false, today: '2026-11-28' }), (error: unknown) => {
      assert.ok(error instanceof BuildError);
      assert.deepEqual(error.problems.map(formatProblem), [`${file}:2: error: is not valid YAML. Write one \`word: [synonym, synonym]\` per line [E_SYNONYMS]`]);
      return true;
    });
  });
});
