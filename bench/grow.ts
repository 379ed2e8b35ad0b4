/**
 * A corpus grown to N times its size for the benchmark, deterministically (seeded), with perturbed
 * text rather than copies: copies would let gzip and any deduplicating index shrink the growth
 * away, and would keep the vocabulary of 1× while a real site's vocabulary keeps growing.
 *
 * Copy 0 is the real corpus untouched. In each further copy, for every page:
 * - about 30% of its word types (Latin words, kanji runs, katakana runs, hiragana runs of two or
 *   more) are replaced everywhere on the page by a variant — one character changed within the same
 *   script; variant k is picked with a heavy tail (k ≈ 1/u), so some variants recur across copies
 *   and most are rare, as names and terms are in real logs;
 * - its `##` sections are shuffled;
 * - half of its text lines get a filler phrase in front (after the list marker);
 * - its path is renamed (`g<copy>/…`) and its title gets the copy number.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom } from './quality.ts';

/** Share of a page's word types replaced in each grown copy. */
export const REPLACED_SHARE = 0.3;

const WORD = /[A-Za-z][A-Za-z0-9]*|\p{Script=Han}+|[\p{Script=Katakana}ー]+|\p{Script=Hiragana}{2,}/gu;
const FILLERS = ['えーと、', 'ちなみに', '補足：', 'メモ：', '（追記）', 'あとで確認：', 'たしか', '個人的には', '余談ですが', '要確認：',
  'ざっくり言うと', 'いまのところ', '前回の続き：', 'うろ覚えですが', '念のため', '参考までに', '一応', '結論から言うと', 'TODO:', 'note:'];

/** FNV-1a of a string: a stable hash to pick variants without state. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Characters of one script to draw replacements from, collected from the corpus itself. */
type Pools = { han: string[]; katakana: string[]; hiragana: string[] };
const LATIN = 'abcdefghijklmnopqrstuvwxyz';

function poolsOf(texts: string[]): Pools {
  const han = new Set<string>(); const katakana = new Set<string>(); const hiragana = new Set<string>();
  for (const text of texts) {
    for (const ch of text) {
      if (/\p{Script=Han}/u.test(ch)) han.add(ch);
      else if (/\p{Script=Katakana}/u.test(ch)) katakana.add(ch);
      else if (/\p{Script=Hiragana}/u.test(ch)) hiragana.add(ch);
    }
  }
  return { han: [...han].sort(), katakana: [...katakana].sort(), hiragana: [...hiragana].sort() };
}

/** Variant `k` of `word`: one character replaced by another of its script, chosen by hash. */
function variant(word: string, k: number, pools: Pools): string {
  const chars = [...word];
  const h = hash(`${word}\u0000${k}`);
  const at = h % chars.length;
  const ch = chars[at] ?? '';
  const pool = /\p{Script=Han}/u.test(ch) ? pools.han : /[\p{Script=Katakana}ー]/u.test(ch) ? pools.katakana : /\p{Script=Hiragana}/u.test(ch) ? pools.hiragana : null;
  let replacement: string;
  if (pool) replacement = pool[(h >>> 8) % pool.length] ?? ch;
  else if (/[A-Za-z]/.test(ch)) {
    const letter = LATIN[(h >>> 8) % LATIN.length] ?? 'x';
    replacement = ch === ch.toUpperCase() ? letter.toUpperCase() : letter;
  } else replacement = String((h >>> 8) % 10);
  if (replacement === ch) replacement = `${ch}${replacement}`; // never the word itself
  chars[at] = replacement;
  return chars.join('');
}

/** One perturbed copy of a page's Markdown. */
export function perturbPage(text: string, copy: number, random: () => number, pools: Pools): string {
  // A byte-order mark before the front matter (some real pages have one) must not hide it.
  const [, front = '', body = ''] = /^\uFEFF?(---\r?\n[\s\S]*?\r?\n---\r?\n)?([\s\S]*)$/.exec(text) ?? [];
  const types = [...new Set(body.match(WORD) ?? [])].sort();
  const replace = new Map<string, string>();
  for (const type of types) {
    if (random() >= REPLACED_SHARE) continue;
    // Heavy tail: k = 1 half the time, 2 a sixth, …, rarely large.
    const k = Math.min(10_000, Math.floor(1 / Math.max(1e-4, 1 - random())));
    replace.set(type, variant(type, k, pools));
  }
  const sections = body.replace(WORD, (w) => replace.get(w) ?? w).split(/\n(?=## )/);
  const head = sections.shift() ?? '';
  for (let i = sections.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [sections[i], sections[j]] = [sections[j] ?? '', sections[i] ?? ''];
  }
  let inFence = false;
  const lines = [head, ...sections].join('\n').split('\n').map((line) => {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    // Headings, tables, quotes, code and blank lines keep their shape: only running text gets filler.
    if (inFence || random() >= 0.5 || /^\s*($|#|\||>|```|~~~|\{\{|<)/.test(line)) return line;
    const filler = Array.from({ length: 1 + Math.floor(random() * 2) }, () => FILLERS[Math.floor(random() * FILLERS.length)] ?? '').join('');
    return line.replace(/^(\s*(?:[*+-]|\d+\.)\s+)?/, (marker) => `${marker}${filler}`);
  });
  const title = front.replace(/^title: (.*?)\r?$/m, (_m, t: string) => {
    const quoted = /^(["'])(.*)\1$/.exec(t);
    return quoted ? `title: ${quoted[1]}${quoted[2]} (${copy})${quoted[1]}` : `title: ${t} (${copy})`;
  });
  return `${title}${lines.join('\n')}`;
}

/**
 * Writes `content` grown to `factor`× into `target` (copy 0 = the real pages, copies 1… perturbed)
 * and returns the number of pages written. Same input and factor, same bytes.
 */
export async function growCorpus(content: string, target: string, factor: number): Promise<number> {
  const files = (await readdir(content, { recursive: true })).filter((f) => f.endsWith('.md')).sort();
  const texts = await Promise.all(files.map((f) => readFile(join(content, f), 'utf8')));
  const pools = poolsOf(texts);
  let written = 0;
  for (let copy = 0; copy < factor; copy++) {
    for (const [i, file] of files.entries()) {
      const text = texts[i] ?? '';
      // Section index pages (_index.md) stay at their place in copy 0 only: each copy is its own section tree.
      const out = copy === 0 ? join(target, file) : join(target, `g${copy}`, file);
      await mkdir(join(out, '..'), { recursive: true });
      await writeFile(out, copy === 0 ? text : perturbPage(text, copy, seededRandom(copy * 100_003 + i + 1), pools));
      written++;
    }
  }
  return written;
}
