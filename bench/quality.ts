/**
 * Search quality against exact-substring ground truth: a page is relevant to a query when its
 * visible text (title + rendered body, tags stripped) contains every query word after NFKC and
 * lower case, a Latin word only at a word start. Used by the recall test and the benchmarks.
 */
import { normalizeDisplay } from '../web/core/normalize.ts';
import { htmlText } from '../indexer/markdown.ts';
import { renderMarkdown } from '../indexer/render-site.ts';
import type { BuiltPage } from '../indexer/build-index.ts';

/** A deterministic pseudo-random sequence in [0, 1) (a linear congruential generator): samples repeat run to run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** A page's URL and its visible text, normalised for matching. */
export type TruthPage = { url: string; text: string };

/** Visible text of every page, from the same HTML the demo site serves. */
export function visiblePages(pages: BuiltPage[]): TruthPage[] {
  return pages.map((p) => ({ url: p.record.url, text: fold(`${p.record.title}\n${htmlText(renderMarkdown(p.body))}`) }));
}

/** NFKC + lower case, the ground truth's only normalisation. */
export function fold(text: string): string {
  return normalizeDisplay(text).toLowerCase();
}

/** URLs of the pages that contain every word of `query`. */
export function relevantPages(pages: TruthPage[], query: string): Set<string> {
  const words = fold(query).split(/\s+/).filter((w) => w !== '');
  const tests = words.map((w) => {
    const escaped = w.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
    return new RegExp(/^[\p{Script=Latin}\p{Nd}]/u.test(w) ? `(?<![\\p{Script=Latin}\\p{Nd}])${escaped}` : escaped, 'u');
  });
  return new Set(pages.filter((p) => tests.every((t) => t.test(p.text))).map((p) => p.url));
}

/** Recall and precision of one answer (pages found) against the relevant set. Empty sets count as perfect. */
export function score(found: Set<string>, relevant: Set<string>): { recall: number; precision: number; missed: string[] } {
  const hits = [...found].filter((u) => relevant.has(u)).length;
  return {
    recall: relevant.size === 0 ? 1 : hits / relevant.size,
    precision: found.size === 0 ? (relevant.size === 0 ? 1 : 0) : hits / found.size,
    missed: [...relevant].filter((u) => !found.has(u)),
  };
}

/** Everyday queries, Japanese and English, one or two words: the recall table's fixed part. */
export const EVERYDAY_QUERIES = [
  'AWS', 'ansible', 'Prometheus', 'docker', 'python', 'サーバー', 'サーバ', '構成管理', '冗長化', '電源',
  'データセンター', 'セキュリティ', 'CSP', 'ラズパイ', 'Raspberry Pi', 'kubernetes', 'linux', 'windows',
  'バックアップ', '監視', '勉強会', 'github', 'slack', 'discord', '障害', 'クラウド', 'vagrant', 'DNS',
  'PHP', 'ChatGPT', '機械学習', 'AWS 障害', 'ansible 構築', '姫路', '加古川', 'javascript', 'java', 'rust',
  'go', 'zabbix', 'nginx', 'apache', 'mysql', 'postgresql', 'wordpress', 'git', 'vscode', 'エディタ',
  '資格', '転職', '新人', 'リモートワーク', 'テレワーク', 'コロナ', 'セキュリティ ヘッダ', '東京', '京都',
  'ネットワーク', 'ルーター', 'VPN', 'IPv6', 'SSL', '証明書', 'Let\'s Encrypt', 'IoT', 'arduino', '電子工作',
  'ハッカソン', 'LT', 'AI', '生成AI',
];

/** Width and case variants, prefixes and long-vowel variants: the other categories of the issue. */
export const VARIANT_QUERIES = {
  width: ['ＡＷＳ', 'ｄｏｃｋｅｒ', 'PYTHON', 'ｻｰﾊﾞ', 'ＬＩＮＵＸ', 'Ansible'],
  prefix: ['構成管', 'Prome', 'ラズパ', 'データセン', 'セキュリ', 'kube', 'ansi'],
  longVowel: ['サーバ', 'サーバー', 'ユーザ', 'ユーザー', 'コンピュータ', 'コンピューター', 'ルータ', 'ルーター', 'フォルダ', 'フォルダー'],
} as const;

/** A deterministic sample of substrings of the corpus: random 2–4 character runs of Japanese text and Latin word prefixes. */
export function sampledQueries(pages: TruthPage[], count: number, seed = 1): string[] {
  const random = seededRandom(seed);
  const out = new Set<string>();
  for (let guard = 0; out.size < count && guard < count * 50; guard++) {
    const page = pages[Math.floor(random() * pages.length)];
    if (!page || page.text.length < 10) continue;
    const at = Math.floor(random() * (page.text.length - 5));
    if (random() < 0.7) {
      const run = page.text.slice(at, at + 2 + Math.floor(random() * 3));
      if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u.test(run)) out.add(run);
    } else {
      const wordStart = /(?<![\p{Script=Latin}\p{Nd}])[a-z][a-z0-9]{2,}/gu;
      wordStart.lastIndex = at;
      const word = wordStart.exec(page.text)?.[0];
      if (word) out.add(word.slice(0, 3 + Math.floor(random() * Math.max(1, word.length - 2))));
    }
  }
  return [...out];
}

/** Queries built to be slow or odd: long, repetitive, many common terms, symbols only. */
export const ADVERSARIAL_QUERIES: readonly string[] = [
  'あ'.repeat(10_000), 'x'.repeat(10_000), '.*'.repeat(5_000), 'の '.repeat(5_000), '"' + 'の'.repeat(300),
  'a b c d e f g h i j k l', 'ア イ ウ エ オ カ キ ク ケ コ サ シ', 'あ い う え お が ぎ ぐ げ ご ざ じ',
  '-の -に -は -を -が -で サーバー', 'abcd efgh ijkl mnop qrst uvwx yzab cdef ghij klmn opqr stuv',
  'こうせいかんりのはなし', '!!!???...', '((((((((((', '\\\\', '👨‍👩‍👧‍👦 🇯🇵', '\u202Eevil\u202C', '</mark><script>',
];

/** A query meant to find one topic: the page and Hugo heading id it should rank first. */
export type KnownTopic = { query: string; page: string; anchor: string };

/**
 * Known-topic queries made from the corpus's own section headings: up to two distinctive words
 * of a heading (a Latin word, a run of kanji, a katakana word) that no other heading shares,
 * deterministic sample.
 */
export function knownTopicQueries(pages: { record: { url: string }; headings: { id: string; text: string; depth: number }[] }[], count: number, seed = 7): KnownTopic[] {
  const random = seededRandom(seed);
  const candidates: KnownTopic[] = [];
  const seen = new Map<string, number>();
  const queryOf = (text: string) => (text.replace(/[(（][^)）]*[)）]\s*$/, '').match(/[A-Za-z][A-Za-z0-9.+#-]{2,}|\p{Script=Han}{2,}|[\p{Script=Katakana}ー]{3,}/gu) ?? []).slice(0, 2).join(' ');
  for (const page of pages) for (const heading of page.headings) seen.set(queryOf(heading.text), (seen.get(queryOf(heading.text)) ?? 0) + 1);
  for (const page of pages) {
    for (const heading of page.headings) {
      const query = queryOf(heading.text);
      // Only headings whose words name one topic in the corpus (not 自己紹介 or 懇親会, on every page).
      if (query === '' || seen.get(query) !== 1) continue;
      candidates.push({ query, page: page.record.url, anchor: heading.id });
    }
  }
  const picked: KnownTopic[] = [];
  while (picked.length < count && candidates.length > 0) picked.push(...candidates.splice(Math.floor(random() * candidates.length), 1));
  return picked;
}

/**
 * Hiragana readings of kanji words as queries (かこがわ for 加古川): words of two or more kanji
 * from the corpus's own readings table, relevant pages = pages containing the kanji.
 */
export function readingQueries(readings: [string, string[]][], count: number, seed = 11): { query: string; surface: string }[] {
  const random = seededRandom(seed);
  const pool = readings.filter(([r, s]) => r.length >= 3 && /^\p{Script=Han}{2,}$/u.test(s[0] ?? ''));
  const out: { query: string; surface: string }[] = [];
  while (out.length < count && pool.length > 0) {
    const [reading, surfaces] = pool.splice(Math.floor(random() * pool.length), 1)[0] ?? ['', []];
    out.push({ query: reading, surface: surfaces[0] ?? '' });
  }
  return out;
}

/** Latin words of the corpus (5+ letters) with one typo each: two letters swapped or one replaced. */
export function typoQueries(pages: TruthPage[], count: number, seed = 13): { query: string; word: string }[] {
  const random = seededRandom(seed);
  const words = [...new Set(pages.flatMap((p) => p.text.match(/(?<![\p{Script=Latin}\p{Nd}])[a-z]{5,12}(?![\p{Script=Latin}\p{Nd}])/gu) ?? []))].sort();
  const out: { query: string; word: string }[] = [];
  while (out.length < count && words.length > 0) {
    const word = words.splice(Math.floor(random() * words.length), 1)[0] ?? '';
    const i = 1 + Math.floor(random() * (word.length - 2));
    const typo = random() < 0.5
      ? word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2)
      : word.slice(0, i) + (word[i] === 'x' ? 'z' : 'x') + word.slice(i + 1);
    if (typo !== word) out.push({ query: typo, word });
  }
  return out;
}
