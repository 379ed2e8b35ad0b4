/**
 * What the bench and its timeline (bench/timeline.ts) share about the search pages: where each
 * engine's page and input are, the queries typed, the throttled profile, and when a page counts
 * as showing results.
 */
import type { Page } from 'playwright-core';

export type Engine = 'sagasu' | 'pagefind';

/** The throttled profile (CDP Network.emulateNetworkConditions): 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up. */
export const THROTTLE = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 };
/** The cold query; the warm ones are typed after it on a loaded page. */
export const COLD_QUERY = 'サーバー';
export const WARM_QUERIES = ['ansible', '冗長化', 'AWS', '構成管理', 'Prometheus', 'docker', 'セキュリティ', 'python', '監視', 'バックアップ',
  'ネットワーク', 'クラウド', 'linux', '勉強会', 'データセンター', 'github', '障害', 'slack', 'VPN', '電源', 'サーバ 構築', 'javascript'];

export const SEARCH_PAGE: Record<Engine, string> = { sagasu: 'sagasu/', pagefind: 'pf/' };
export const INPUT: Record<Engine, string> = { sagasu: 'sagasu-search input', pagefind: '.pagefind-ui__search-input' };

/**
 * Waits until the page shows results for `query` (at least min(5, all) of them, or its empty
 * state) and returns how many it shows and when (the page's clock, read in the frame that showed them). Pagefind's UI first says "サーバーを検索しています"
 * ("Searching for …"): only a message with a count (or its no-results message) is an answer.
 */
export type Shown = { options: number; at: number };
export async function resultsShown(page: Page, engine: Engine, query: string): Promise<Shown> {
  if (engine === 'sagasu') {
    const shown = await page.waitForFunction((q) => {
      const root = document.querySelector('sagasu-search')?.shadowRoot;
      const list = root?.querySelector('[role=listbox]');
      if (!list || list.getAttribute('data-query') !== q) return false;
      const count = Number(/(\d+)ページ/.exec(root?.querySelector('[role=status]')?.textContent ?? '')?.[1] ?? 0);
      const options = list.querySelectorAll('[role=option]').length;
      if (root?.querySelector('.empty') !== null) return { options: 0, at: performance.now() };
      return options >= Math.min(5, count) ? { options, at: performance.now() } : false;
    }, query, { polling: 'raf', timeout: 30_000 });
    return (await shown.jsonValue()) as Shown;
  }
  const shown = await page.waitForFunction((q) => {
    const message = document.querySelector('.pagefind-ui__message')?.textContent ?? '';
    if (!message.includes(q)) return false;
    const rest = message.split(q).join(' ');
    if (/一致する情報はありません|No results/.test(rest)) return { options: 0, at: performance.now() };
    const count = /\d+/.exec(rest);
    if (!count) return false; // still "Searching for …"
    const options = document.querySelectorAll('.pagefind-ui__result-link').length;
    return options >= Math.min(5, Number(count[0])) ? { options, at: performance.now() } : false;
  }, query, { polling: 'raf', timeout: 30_000 });
  return (await shown.jsonValue()) as Shown;
}
