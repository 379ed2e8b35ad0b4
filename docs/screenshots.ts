/**
 * Retakes the README's screenshots: runs the visual suite (test/e2e/visual.test.ts) on the demo
 * content and a hostile host page, and copies the pictures the README shows into docs/. All
 * others stay in test-results/visual/ (git-ignored). Needs Chromium and a CJK font (Debian:
 * fonts-noto-cjk).
 *
 *   npx tsx docs/screenshots.ts
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', 'test/e2e/visual.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SAGASU_VISUAL_DOCS: '1' },
});
process.exitCode = run.status ?? 1;
