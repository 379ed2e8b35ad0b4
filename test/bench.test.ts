/**
 * The benchmark runs end to end in its quick mode (its timings are not checked here: they are
 * the benchmark's output, not a test's — except that the throttled profile must slow the page
 * down), and the grown corpus is deterministic, perturbed and not a copy. The browser part is
 * skipped without Chromium or /usr/bin/time.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { growCorpus } from '../bench/grow.ts';
import { CHROMIUM, hasChromium } from './e2e/browser.ts';
import { FIXTURE_SITE } from './helpers.ts';

const skip = !hasChromium() ? `${CHROMIUM} not found` : !existsSync('/usr/bin/time') ? '/usr/bin/time not found (Debian package "time")' : false;

async function markdownFiles(dir: string): Promise<Map<string, string>> {
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.md')).sort();
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(join(dir, f), 'utf8')] as [string, string])));
}

describe('the grown corpus (bench/grow.ts)', () => {
  it('keeps the real pages as copy 0 and adds perturbed copies under renamed paths, the same bytes every time', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sagasu-grow-test-'));
    try {
      const original = await markdownFiles(FIXTURE_SITE);
      assert.equal(await growCorpus(FIXTURE_SITE, join(dir, 'a'), 3), original.size * 3);
      await growCorpus(FIXTURE_SITE, join(dir, 'b'), 3);
      const a = await markdownFiles(join(dir, 'a'));
      const b = await markdownFiles(join(dir, 'b'));
      assert.deepEqual(a, b, 'seeded: the same corpus twice');
      for (const [file, text] of original) {
        assert.equal(a.get(file), text, `${file} unchanged in copy 0`);
        for (const copy of [1, 2]) {
          const grown = a.get(join(`g${copy}`, file));
          assert.ok(grown !== undefined, `g${copy}/${file} written`);
          assert.notEqual(grown, text, `g${copy}/${file} is not a copy`);
          assert.match(grown, new RegExp(`^title: .* \\(${copy}\\)["']?$`, 'm'), 'the title names the copy');
          assert.equal(grown.match(/^## /gm)?.length ?? 0, text.match(/^## /gm)?.length ?? 0, 'the same sections, shuffled');
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('replaces roughly 30% of the word types of a page', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sagasu-grow-test-'));
    try {
      await growCorpus(FIXTURE_SITE, dir, 2);
      const files = await markdownFiles(dir);
      const word = /[A-Za-z][A-Za-z0-9]*|\p{Script=Han}+|[\p{Script=Katakana}ー]+|\p{Script=Hiragana}{2,}/gu;
      const body = (text: string) => text.replace(/^---\n[\s\S]*?\n---\n/, '');
      let kept = 0; let total = 0;
      for (const [file, text] of files) {
        if (file.startsWith('g1')) continue;
        const grown = new Set(body(files.get(join('g1', file)) ?? '').match(word) ?? []);
        for (const type of new Set(body(text).match(word) ?? [])) {
          total++;
          if (grown.has(type)) kept++;
        }
      }
      const replaced = 1 - kept / total;
      assert.ok(total > 50, `enough word types to judge (${total})`);
      assert.ok(replaced > 0.15 && replaced < 0.45, `replaced share ${replaced.toFixed(2)}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run bench -- --quick', { skip }, () => {
  it('builds both engines at 1× and 2×, measures them in Chromium (also throttled) and the core in Node, and prints the table with ratios', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sagasu-bench-test-'));
    try {
      const json = join(dir, 'bench.json');
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--content', FIXTURE_SITE, '--json', json], { maxBuffer: 16 * 1024 * 1024, timeout: 600_000 });
      assert.match(stdout, /\| figure \| Sagasu \| Pagefind \| Sagasu \/ Pagefind \|/);
      assert.match(stdout, /Pagefind UI with debounceTimeoutMs: 0/);
      const figures = ['build wall', 'output size gzip', 'cold first results median', 'cold bytes to first results median', 'throttled cold first results median', 'warm query p95', 'core warm p95 (Node)'];
      for (const scale of ['1×', '2×']) {
        for (const figure of figures) assert.match(stdout, new RegExp(`\\| ${scale} \\(\\d+ pages\\) ${figure.replace(/[()]/g, '\\$&')}`), `${scale} ${figure}`);
      }
      for (const figure of ['recall (mean)', 'precision (mean)']) assert.match(stdout, new RegExp(`\\| 1× \\(\\d+ pages\\) ${figure.replace(/[()]/g, '\\$&')}`));
      type Cold = { ms: number; bytes: number; shown: number }[];
      type Result = { scale: number; pages: number; cold: Record<string, Cold>; throttled: Record<string, Cold>; warm: Record<string, { samples: unknown[] }>; core: { first: { ms: number }[]; warm: number[] } };
      const { results, throttle } = JSON.parse(await readFile(json, 'utf8')) as { results: Result[]; throttle: { latency: number; downloadThroughput: number } };
      assert.deepEqual(results.map((r) => r.scale), [1, 2]);
      assert.equal(results[1]?.pages, 2 * (results[0]?.pages ?? NaN), '2× has twice the pages');
      assert.deepEqual(throttle, { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 });
      for (const r of results) {
        for (const engine of ['sagasu', 'pagefind']) {
          assert.equal(r.cold[engine]?.length, 2);
          assert.ok(r.cold[engine]?.every((c) => c.ms > 0 && c.bytes > 0), engine);
          // Timed when results are on screen, not at a "searching…" message.
          assert.ok(r.cold[engine]?.every((c) => c.shown > 0), `${engine} cold runs timed with results shown: ${r.cold[engine]?.map((c) => c.shown)}`);
          assert.equal(r.warm[engine]?.samples.length, 4);
          assert.equal(r.throttled[engine]?.length, 1);
          // The page, its script and the index are at least three requests one after another.
          assert.ok(r.throttled[engine]?.every((c) => c.ms > 3 * throttle.latency && c.bytes > 0), `${engine} throttled at ${r.scale}×: ${r.throttled[engine]?.[0]?.ms} ms`);
        }
        assert.equal(r.core.first.length, 4);
        assert.equal(r.core.warm.length, 4 * 3);
        assert.ok([...r.core.first.map((f) => f.ms), ...r.core.warm].every((ms) => Number.isFinite(ms) && ms >= 0));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
