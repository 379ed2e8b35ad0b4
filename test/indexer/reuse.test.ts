/**
 * `sagasu dev` rebuilds with the last build's per-page results (indexer/reuse.ts): the index it
 * writes must be byte for byte the one a fresh build writes, whatever changed in between.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIndex, buildReuse, type IndexOptions } from '../../indexer/build-index.ts';
import { FIXTURE_SITE } from '../helpers.ts';

let work: string;
before(async () => { work = await mkdtemp(join(tmpdir(), 'sagasu-reuse-')); });
after(async () => { await rm(work, { recursive: true, force: true }); });

const bytes = (files: Map<string, string | Uint8Array>) => new Map([...files].map(([name, data]) => [name, Buffer.from(data).toString('base64')]));

describe('a rebuild that reuses the last build', () => {
  it('writes the same files as a fresh build after pages are added, edited, moved in the text and removed', async () => {
    const content = join(work, 'content');
    await cp(FIXTURE_SITE, content, { recursive: true });
    const options: IndexOptions = { content, baseUrl: '', buildFuture: false, today: '2026-11-29' };
    const reuse = buildReuse();
    const first = await buildIndex({ ...options, reuse });
    assert.deepEqual(bytes(first.files), bytes((await buildIndex(options)).files), 'first build');

    // A new page that sorts first (every page number moves), an edited page, a page whose text
    // only moved down a line (same body, other line numbers), a removed page, and a synonym
    // word the site did not use before.
    await writeFile(join(content, 'histudy', '2019.md'), '---\ntitle: 新しい回\ndate: 2019-12-01\n---\n\n## 冗長化の話\n\nサーバーを二台にした。ブラウザの話も少し。Terraform で構築。\n');
    const edited = join(content, 'histudy', '2020', '01.md');
    await writeFile(edited, (await readFile(edited, 'utf8')).replace('京都に行った話', '奈良に行った話'));
    const moved = join(content, 'histudy', '2020', '02.md');
    await writeFile(moved, (await readFile(moved, 'utf8')).replace(/^---\n/, '---\ndescription: 一行増えた\n'));
    await rm(join(content, 'notes', 'hostile.md'));
    const reused = reuse.postings.segments.reused;
    const second = await buildIndex({ ...options, reuse });
    const fresh = await buildIndex(options);
    assert.deepEqual(bytes(second.files), bytes(fresh.files), 'rebuild');
    assert.deepEqual(second.pages.map((p) => p.headings), fresh.pages.map((p) => p.headings), 'heading lines');
    assert.ok(reuse.postings.segments.reused > reused && reuse.markdown.reused > 0, 'the rebuild reused unchanged pages');
    assert.notEqual(second.manifest.build, first.manifest.build);
  });
});
