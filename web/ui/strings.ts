/**
 * UI text. Japanese by default; a host page can override any entry through the element's
 * `strings` attribute (JSON), e.g. strings='{"placeholder":"Search the logs"}'.
 */

/** Every string the UI shows; functions take the numbers they need. */
export type UiStrings = {
  placeholder: string;
  label: string;
  openButton: string;
  loading: string;
  loadFailed: string;
  wrongVersion: string;
  empty: (query: string) => string;
  emptyHint: string;
  count: (pages: number, topics: number) => string;
  expanded: (term: string, words: string) => string;
  exactOnly: (term: string) => string;
  seeAll: (pages: number) => string;
  suggest: (query: string, pages: number) => string;
  recent: string;
  clearRecent: string;
  loadingSlow: string;
  retrying: string;
  allSeries: string;
  allYears: string;
  sortRelevance: string;
  sortDate: string;
  series: string;
  year: string;
  sort: string;
  more: string;
  close: string;
  clear: string;
  top: string;
  hint: string;
};

/** The default (Japanese) strings. */
export const DEFAULT_STRINGS: UiStrings = {
  placeholder: 'サイト内を検索',
  label: 'サイト内検索',
  openButton: '検索',
  loading: '検索の準備をしています…',
  loadFailed: '検索を読み込めませんでした。もう一度入力すると再試行します。',
  wrongVersion: 'このサイトの検索索引は別の版のSagasuで作られています。サイトの管理者に索引の再構築を依頼してください。',
  empty: (query) => `「${query}」に一致する記録は見つかりませんでした。`,
  emptyHint: '言葉を短くする、ひらがなやカタカナで書く、絞り込みを外すと見つかることがあります。',
  count: (pages, topics) => `${pages}ページ・${topics}件の話題`,
  expanded: (term, words) => `「${term}」を「${words}」も含めて表示しています`,
  exactOnly: (term) => `「${term}」だけで検索`,
  seeAll: (pages) => `すべての結果を見る (${pages})`,
  suggest: (query, pages) => `「${query}」なら ${pages} ページ見つかります`,
  recent: '最近の検索',
  clearRecent: '履歴を消去',
  loadingSlow: '検索の索引を読み込んでいます…（回線が遅いようです）',
  retrying: '再読み込みしています…',
  allSeries: 'すべての勉強会',
  allYears: 'すべての年',
  sortRelevance: '関連度順',
  sortDate: '新しい順',
  series: '勉強会',
  year: '年',
  sort: '並べ替え',
  more: 'さらに表示',
  close: '閉じる',
  clear: '消去',
  top: '(冒頭)',
  hint: '↑↓ 移動　Enter 開く　Esc 閉じる',
};

/** Merges overrides (already parsed JSON, unknown shape) into the defaults; only strings replace strings. */
export function mergeStrings(overrides: unknown): UiStrings {
  const merged: UiStrings = { ...DEFAULT_STRINGS };
  if (typeof overrides !== 'object' || overrides === null) return merged;
  for (const [key, value] of Object.entries(overrides)) {
    if (key in merged && typeof value === 'string' && typeof merged[key as keyof UiStrings] === 'string') {
      (merged as Record<string, unknown>)[key] = value;
    }
  }
  return merged;
}
