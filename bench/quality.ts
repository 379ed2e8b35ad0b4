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

/**
 * URLs of the pages that contain every word of `query`. With `longVowel`, a katakana word's final
 * long-vowel mark is optional (サーバー also wants サーバ): the tolerance the search promises.
 */
export function relevantPages(pages: TruthPage[], query: string, longVowel = false): Set<string> {
  const words = fold(query).split(/\s+/).filter((w) => w !== '');
  const tests = words.map((w) => {
    let escaped = w.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
    if (longVowel && /[\u30A1-\u30FA]ー+$/u.test(w)) escaped = escaped.replace(/ー+$/u, '(?:ー+)?');
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

/** A kana query and the word it spells: relevant pages are those containing `surface` (or, in the wider truth, the kana itself). */
export type ReadingQuery = { query: string; surface: string; kind: 'kanji' | 'composed' | 'katakana' };

/**
 * Hiragana readings sampled from the corpus text, not from the index: a random position of a
 * random page gives the whole run of kanji (2–4) or katakana (3–10) around it; `readingOf` (kuromoji
 * on the run alone, in the caller) gives a kanji run's reading, katakana is its own reading. Kanji
 * runs kuromoji cuts into two or more tokens (自動|化) are the 'composed' kind.
 */
export function readingQueries(pages: TruthPage[], readingOf: (run: string) => { reading: string; tokens: number } | undefined, count: number, seed = 11): ReadingQuery[] {
  const random = seededRandom(seed);
  const out = new Map<string, ReadingQuery>();
  for (let guard = 0; out.size < count && guard < count * 200; guard++) {
    const page = pages[Math.floor(random() * pages.length)];
    if (!page || page.text.length < 10) continue;
    const at = Math.floor(random() * page.text.length);
    const katakana = random() < 0.3;
    const run = runAround(page.text, at, katakana ? /[\u30A1-\u30FAー]/u : /\p{Script=Han}/u);
    if (katakana) {
      if (run.length < 3 || run.length > 10 || run.startsWith('ー')) continue;
      const query = run.replace(/[\u30A1-\u30F6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
      out.set(query, { query, surface: run, kind: 'katakana' });
    } else {
      // A whole word: not cut off from its okurigana (面白|い, 動画取|り込み); a particle may follow.
      const after = page.text[runEnd(page.text, at, /\p{Script=Han}/u)] ?? '';
      if (run.length < 2 || run.length > 4 || (/[\u3041-\u3096]/u.test(after) && !/[をがはにでとのもやへ]/u.test(after))) continue;
      const reading = readingOf(run);
      if (!reading || reading.reading.length < 3 || !/^[\u3041-\u3096ー]+$/u.test(reading.reading)) continue;
      out.set(reading.reading, { query: reading.reading, surface: run, kind: reading.tokens > 1 ? 'composed' : 'kanji' });
    }
  }
  return [...out.values()];
}

/** Where the run of characters matching `char` from `at` on ends. */
function runEnd(text: string, at: number, char: RegExp): number {
  let end = at;
  while (end < text.length && char.test(text[end] ?? '')) end++;
  return end;
}

/** The whole run of characters matching `char` around `at` ('' when the character at `at` does not). */
function runAround(text: string, at: number, char: RegExp): string {
  if (!char.test(text[at] ?? '')) return '';
  let start = at;
  let end = at + 1;
  while (start > 0 && char.test(text[start - 1] ?? '')) start--;
  while (end < text.length && char.test(text[end] ?? '')) end++;
  return text.slice(start, end);
}

/** A synonym query: one word of a dictionary word, relevant pages those containing any of `words`. */
export type SynonymQuery = { query: string; words: string[]; group: string };

/** One dictionary word in several spellings or scripts (Sudachi: one group, one vocabulary number). */
export type DictionaryWord = { group: string; words: { text: string; trigger: boolean }[] };

/**
 * Cross-script synonym queries: dictionary words written in the corpus in two scripts or more
 * (ブラウザ and browser), sampled with a seed; the query is one of the spellings a visitor may
 * type (a trigger), the relevant pages those containing any spelling. The caller passes the
 * dictionary words (unambiguous ones: a spelling listed under two meanings is no truth of either).
 */
export function synonymQueries(pages: TruthPage[], dictionary: DictionaryWord[], count: number, seed = 17): SynonymQuery[] {
  const random = seededRandom(seed);
  const present = (word: string) => relevantPages(pages, word).size > 0;
  const scriptOf = (w: string) => (/^[a-z0-9]/.test(w) ? 'latin' : /^[\u30A1-\u30FAー]+$/u.test(w) ? 'katakana' : 'other');
  const pool = dictionary.filter((d) => {
    const inSite = d.words.filter((w) => !/\s/.test(w.text) && present(w.text));
    return new Set(inSite.map((w) => scriptOf(w.text))).size >= 2;
  });
  const out: SynonymQuery[] = [];
  while (out.length < count && pool.length > 0) {
    const word = pool.splice(Math.floor(random() * pool.length), 1)[0];
    const triggers = word?.words.filter((w) => w.trigger && !/\s/.test(w.text)) ?? [];
    const query = triggers[Math.floor(random() * triggers.length)];
    if (!word || !query) continue;
    out.push({ query: query.text, words: word.words.map((w) => w.text).filter((w) => !/\s/.test(w)), group: word.group });
  }
  return out;
}

/** Pages containing any of `words` (each with the same rules as relevantPages). */
export function relevantToAny(pages: TruthPage[], words: string[]): Set<string> {
  return new Set(words.flatMap((w) => [...relevantPages(pages, w)]));
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
