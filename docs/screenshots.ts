/**
 * Takes the README's screenshots: the search page with results for 冗長化, light and dark, on the
 * real corpus (or the fixtures when ../shared is absent). Needs Chromium and a CJK font
 * (Debian: fonts-noto-cjk).
 *
 *   npx tsx docs/screenshots.ts
 */
import { existsSync } from 'node:fs';
import { launchBrowser } from '../test/e2e/browser.ts';
import { buildAndServe } from '../test/e2e/site.ts';
import { CORPUS, FIXTURE_SITE } from '../test/helpers.ts';

const site = await buildAndServe(existsSync(CORPUS) ? CORPUS : FIXTURE_SITE);
try {
  for (const scheme of ['light', 'dark'] as const) {
    const browser = await launchBrowser({ colorScheme: scheme, viewport: { width: 900, height: 760 } });
    const page = await browser.context.newPage();
    await page.goto(`${site.url}histudy/2021/10/`);
    const input = page.locator('sagasu-search input');
    await input.click();
    await input.pressSequentially('冗長化');
    await page.locator('sagasu-search a[role=option]').first().waitFor();
    await input.press('ArrowDown');
    await page.waitForTimeout(200);
    await page.screenshot({ path: new URL(`./results-${scheme}.png`, import.meta.url).pathname });
    await browser.close();
  }
} finally {
  await site.close();
}
