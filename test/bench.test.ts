/**
 * The benchmark runs end to end in its quick mode (its timings are not checked here: they are
 * the benchmark's output, not a test's). Skipped without Chromium or /usr/bin/time.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CHROMIUM, hasChromium } from './e2e/browser.ts';
import { FIXTURE_SITE } from './helpers.ts';

const skip = !hasChromium() ? `${CHROMIUM} not found` : !existsSync('/usr/bin/time') ? '/usr/bin/time not found (Debian package "time")' : false;

describe('npm run bench -- --quick', { skip }, () => {
  it('builds both engines, measures both in Chromium and prints the table with ratios', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sagasu-bench-test-'));
    try {
      const json = join(dir, 'bench.json');
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--content', FIXTURE_SITE, '--json', json], { maxBuffer: 16 * 1024 * 1024, timeout: 600_000 });
      assert.match(stdout, /\| figure \| Sagasu \| Pagefind \| Sagasu \/ Pagefind \|/);
      for (const figure of ['build wall', 'cold first results median', 'cold bytes median', 'warm query p95', 'recall (mean)', 'precision (mean)']) assert.match(stdout, new RegExp(`\\| 1× \\(\\d+ pages\\) ${figure.replace(/[()]/g, '\\$&')}`));
      const result = JSON.parse(await readFile(json, 'utf8')) as { x1: { cold: Record<string, { ms: number; bytes: number }[]>; warm: Record<string, { samples: unknown[] }> }; scaled?: unknown };
      for (const engine of ['sagasu', 'pagefind']) {
        assert.equal(result.x1.cold[engine]?.length, 2);
        assert.ok(result.x1.cold[engine]?.every((c) => c.ms > 0 && c.bytes > 0), engine);
        assert.equal(result.x1.warm[engine]?.samples.length, 4);
      }
      assert.ok(result.scaled, 'the scaled corpus ran');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
