/**
 * The keyed tables the query expansion reads (web/core/expand.ts): readings, the Latin
 * vocabulary (typo keys) and synonyms, each a map key → small JSON value. Keys are made with the
 * functions the expander asks with, so a reader that fetches only the chunks holding a query's
 * keys finds everything the expansion needs.
 */
import { createHash } from 'node:crypto';
import { deleteKeys, readingKey, SYNONYM_WEIGHT, type TableName } from '../web/core/expand.ts';
import { WORD_BREAK } from '../web/core/format.ts';
import { isLatinWord } from '../web/core/match.ts';
import { foldCase, normalizeDisplay, scriptOf, type ScriptClass } from '../web/core/normalize.ts';
import type { DroppedSynonym, SynonymGroup, SynonymWord } from './synonyms.ts';
import { PageSums } from './page-sums.ts';

/** What the build knows that the tables are made of. */
export type TableSource = {
  /** Per page: its title and the kuromoji-marked text of each topic (WORD_BREAK at word boundaries). */
  pageTexts: string[][];
  /** Per page: its Latin words (folded). */
  latinWords: Set<string>[];
  /** Per page: [reading, surface] pairs from kuromoji, every occurrence. */
  readings: [string, string][][];
  /** Dictionary groups (pruned here to the site) and the site's own groups. */
  groups: SynonymGroup[];
};

/** The tables, plus the synonym words the site made unusable (reported, never written). */
export type Tables = { tables: Record<TableName, Map<string, unknown>>; dropped: DroppedSynonym[] };

/** Most surface forms kept per reading (the most frequent ones). */
const MAX_SURFACES = 4;
/** A surface seen less than this share of its reading's top surface is left out (rare homophones). */
const MIN_SURFACE_SHARE = 0.05;
/**
 * A synonym's weight is scaled by the share of its pages where it is a word of its own (not part
 * of a longer word: ネット in ネットワーク); never below this share, so such a word still adds its
 * pages, after the others.
 */
const MIN_SHARE_WEIGHT = 0.1;
const LATIN_OR_DIGIT = /[\p{Script=Latin}\p{Nd}]/u;
/** Latin words this short mean too many things to be offered as a synonym (pw, sp). */
const MIN_LATIN_TARGET = 3;
/** Most tokens joined when collecting the site's whole words (see wholeWords). */
const MAX_JOINED = 4;

/**
 * What `sagasu dev` keeps of the last build for the tables (see page-sums.ts): the
 * readings and the vocabulary as counted and built, the pages of each whole word and of each
 * synonym word.
 */
export type TableReuse = { readings: CountedTable; vocabulary: CountedTable; whole: PageSums<string>; contained: PageSums<string> };

/** An empty TableReuse, for the first of a series of builds. */
export function tableReuse(): TableReuse {
  return { readings: countedTable(), vocabulary: countedTable(), whole: new PageSums(), contained: new PageSums() };
}

/**
 * Builds the three tables; the same input gives the same maps in the same order. With `reuse`,
 * the maps and their values are the ones kept for the next build: read them, never change them.
 */
export function buildTables(source: TableSource, reuse?: TableReuse): Tables {
  // A one-off build counts from empty, with each page its own key.
  const pageKeys = reuse ? source.pageTexts.map((texts) => texts.join('\u0000')) : source.pageTexts.map((_, p) => String(p));
  try {
    const { table, dropped } = synonymsTable(source, pageKeys, reuse);
    const tables = {
      readings: readingsTable(source.readings, pageKeys, reuse?.readings ?? countedTable()),
      synonyms: table,
      vocabulary: vocabularyTable(source.latinWords, pageKeys, reuse?.vocabulary ?? countedTable()),
    };
    return { tables, dropped };
  } catch (error) {
    // Counts moved but tables not made would be wrong from then on: the next build starts over.
    if (reuse) Object.assign(reuse, tableReuse());
    throw error;
  }
}

/**
 * A table whose entry for a key is made from the key's members and their page counts alone:
 * the counts (PageSums of items), each key's members, the keys in order and the table as built.
 */
type CountedTable = { sums: PageSums<string>; members: Map<string, Set<string>>; keys: string[]; table: Map<string, unknown> };

function countedTable(): CountedTable {
  return { sums: new PageSums(), members: new Map(), keys: [], table: new Map() };
}

/**
 * Brings `state` to the counts after `changed` items changed: `place(item)` says which keys an
 * item is a member of, and as what; only the entries of those keys are made again
 * (`entryOf`), every other entry is the last build's value, as it was.
 */
function updateCounted(state: CountedTable, changed: Set<string>, place: (item: string) => [key: string, member: string][], entryOf: (key: string, members: Set<string>) => unknown): Map<string, unknown> {
  const affected = new Set<string>();
  let keysChanged = false;
  for (const item of changed) {
    const present = state.sums.counts.has(item);
    for (const [key, member] of place(item)) {
      let members = state.members.get(key);
      if (present) {
        if (!members) { state.members.set(key, (members = new Set())); keysChanged = true; }
        members.add(member);
      } else if (members) {
        members.delete(member);
        if (members.size === 0) { state.members.delete(key); keysChanged = true; }
      }
      affected.add(key);
    }
  }
  if (affected.size === 0) return state.table;
  // Code-unit order, as byCodePoint sorts (the default sort of strings, without a callback).
  if (keysChanged) state.keys = [...state.members.keys()].sort();
  const table = new Map<string, unknown>();
  for (const key of state.keys) table.set(key, affected.has(key) ? entryOf(key, state.members.get(key) ?? new Set()) : state.table.get(key));
  state.table = table;
  return table;
}

/** Reading key → its most frequent surfaces, counted in pages (the likelier reading first). */
function readingsTable(pages: [string, string][][], pageKeys: string[], state: CountedTable): Map<string, unknown> {
  // A page's distinct (reading key, surface) pairs, as one item each.
  const distinct = (p: number) => {
    const seen = new Set<string>();
    // A page repeats its words: each pair is normalised once.
    const raw = new Set<string>();
    for (const [reading, surface] of pages[p] ?? []) {
      const pair = `${reading}\u0000${surface}`;
      if (raw.has(pair)) continue;
      raw.add(pair);
      if (!/^[\u3041-\u3096ー]{2,}$/.test(reading)) continue;
      const key = readingKey(reading);
      if (key.length >= 2) seen.add(`${key}\u0000${foldCase(normalizeDisplay(surface))}`);
    }
    return seen;
  };
  const changed = state.sums.update(pageKeys, distinct);
  const split = (item: string): [string, string] => {
    const at = item.indexOf('\u0000');
    return [item.slice(0, at), item.slice(at + 1)];
  };
  return updateCounted(state, changed, (item) => [split(item)], (key, surfaces) => {
    const ranked = [...surfaces].map((s): [string, number] => [s, state.sums.counts.get(`${key}\u0000${s}`) ?? 0]).sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0]));
    const top = ranked[0]?.[1] ?? 0;
    return ranked.filter(([, n]) => n >= MIN_SURFACE_SHARE * top).slice(0, MAX_SURFACES);
  });
}

/** Typo key (a Latin word with at most one letter deleted) → the words it comes from, with their pages. */
function vocabularyTable(pages: Set<string>[], pageKeys: string[], state: CountedTable): Map<string, unknown> {
  const changed = state.sums.update(pageKeys, function* (p) {
    for (const word of pages[p] ?? []) if (isLatinWord(word) && word.length >= 3) yield word;
  });
  return updateCounted(state, changed, (word) => deleteKeys(word).map((key): [string, string] => [key, word]), (_key, words) => {
    const list = [...words].map((w): [string, number] => [w, state.sums.counts.get(w) ?? 0]);
    return list.sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0]));
  });
}

function synonymsTable(source: TableSource, pageKeys: string[], reuse?: TableReuse): { table: Map<string, unknown>; dropped: DroppedSynonym[] } {
  // Folded when a page's words are worked out (a rebuild reuses most pages' words unfolded).
  const folded: string[][] = [];
  const foldedOf = (p: number) => (folded[p] ??= (source.pageTexts[p] ?? []).map((t) => foldCase(t)));
  // Pages per whole word, moved by the pages added and removed since the last build.
  const whole = reuse?.whole ?? new PageSums<string>();
  whole.update(pageKeys, (p) => {
    const words = new Set<string>();
    for (const text of foldedOf(p)) wholeWords(text, words);
    return words;
  });
  const wholeDf = whole.counts;

  // Which words may be offered, then one pass over the site counts all of them.
  const dropped: DroppedSynonym[] = [];
  const kept: { group: SynonymGroup; site: boolean; words: SynonymWord[] }[] = [];
  for (const group of source.groups) {
    const site = group.id.startsWith('site:');
    // Only groups with a word the site uses as a word: the index must not carry 26k groups.
    if (!site && !group.words.some((w) => (wholeDf.get(w.text) ?? 0) > 0)) continue;
    const words: SynonymWord[] = [];
    for (const word of group.words) {
      if (!word.target) continue;
      // A word no other word of the group may be widened to costs a count for nothing.
      const partner = (other: SynonymWord) => other.trigger && other.text !== word.text && (site || (other.vocabulary === word.vocabulary && other.meanings === word.meanings));
      if (!group.words.some(partner)) {
        dropped.push({ group: group.id, word: word.text, reason: 'no word of the group widens to it: other meanings (ネット: internet, network, net) or another word' });
        continue;
      }
      if (!site && scriptOf(word.text[0] ?? '') === 'latin' && word.text.length < MIN_LATIN_TARGET) {
        dropped.push({ group: group.id, word: word.text, reason: 'too short to offer' });
        continue;
      }
      words.push(word);
    }
    kept.push({ group, site, words });
  }
  const pagesOf = pagesContaining(new Set(kept.flatMap((k) => k.words.map((w) => w.text))), pageKeys, foldedOf, reuse);

  const byKey = new Map<string, Map<string, [string, number, number]>>();
  for (const { group, site, words } of kept) {
    const targets: { text: string; vocabulary: number; meanings: string; pages: number; weight: number }[] = [];
    for (const word of words) {
      const pages = pagesOf.get(word.text) ?? 0;
      if (pages === 0) continue;
      // A word mostly inside longer words (ラマ in ドラマ, ネット in ネットワーク) still counts,
      // for little: its pages come after every page that says what was typed.
      const whole = Math.min(pages, wholeDf.get(word.text) ?? 0);
      const share = Math.max(MIN_SHARE_WEIGHT, whole / pages);
      targets.push({ text: word.text, vocabulary: word.vocabulary, meanings: word.meanings, pages, weight: round(SYNONYM_WEIGHT * (site ? 1 : share)) });
    }
    for (const word of group.words) {
      if (!word.trigger) continue;
      for (const target of targets) {
        if (target.text === word.text) continue;
        // Only spellings of one word (Sudachi's vocabulary number: browser ⇔ ブラウザ), never a
        // related word (customer ⇏ 顧客, 取引先), and only between words with the same meanings.
        if (!site && (target.vocabulary !== word.vocabulary || target.meanings !== word.meanings)) continue;
        let entries = byKey.get(word.text);
        if (!entries) byKey.set(word.text, (entries = new Map()));
        const previous = entries.get(target.text);
        if (!previous || previous[2] < target.weight) entries.set(target.text, [target.text, target.pages, target.weight]);
      }
    }
  }
  const table = new Map<string, unknown>();
  for (const key of [...byKey.keys()].sort(byCodePoint)) {
    table.set(key, [...(byKey.get(key) ?? new Map()).values()].sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0])));
  }
  return { table, dropped: dedupe(dropped) };
}

/**
 * Pages containing each word (a Latin word only at a word start, as the search matches it), in
 * one pass over the site (`foldedOf(p)`: page p's folded texts): words are looked up by their
 * first two characters at every position, so the cost grows with the site's text, not with
 * text × words.
 */
function pagesContaining(words: Set<string>, pageKeys: string[], foldedOf: (page: number) => string[], reuse?: TableReuse): Map<string, number> {
  const byStart = new Map<number, string[]>();
  const keyAt = (text: string, i: number) => text.charCodeAt(i) * 65536 + (i + 1 < text.length ? text.charCodeAt(i + 1) : 0);
  const single = new Set<number>();
  for (const word of words) {
    if (word.length === 1) single.add(word.charCodeAt(0));
    if (word.length < 2) continue;
    const key = keyAt(word, 0);
    const list = byStart.get(key);
    if (list) list.push(word);
    else byStart.set(key, [word]);
  }
  const wordsFound = (texts: string[]) => {
    const found = new Set<string>();
    for (const marked of texts) {
      const text = marked.replaceAll(WORD_BREAK, '');
      for (let i = 0; i < text.length; i++) {
        if (single.size > 0 && single.has(text.charCodeAt(i))) found.add(text[i] ?? '');
        const list = byStart.get(keyAt(text, i));
        if (!list) continue;
        for (const word of list) {
          if (found.has(word) || !text.startsWith(word, i)) continue;
          if (scriptOf(word[0] ?? '') === 'latin' && i > 0 && LATIN_OR_DIGIT.test(text[i - 1] ?? '')) continue;
          found.add(word);
        }
      }
    }
    return found;
  };
  // A page's words found hold for the same page text and the same words (a new page can change
  // which synonym words the site keeps: then every page is searched again).
  const wordsKey = reuse ? createHash('sha256').update([...words].sort().join('\n')).digest('hex') : '';
  const contained = reuse?.contained ?? new PageSums<string>();
  contained.update(pageKeys.map((key) => `${wordsKey}\u0000${key}`), (p) => wordsFound(foldedOf(p)));
  return contained.counts;
}

/**
 * Adds to `out` the words of a marked text: runs of one script cut at WORD_BREAK marks, and the
 * joins of up to MAX_JOINED neighbouring pieces of a run (情報|処理 gives 情報, 処理, 情報処理);
 * Latin words alone and joined by single spaces (access point); a katakana word also without its
 * final long-vowel mark.
 */
export function wholeWords(marked: string, out: Set<string>): void {
  const runs = marked.match(/[\p{Script=Han}々〆]+(?:\uE000[\p{Script=Han}々〆]+)*|[\u30A1-\u30FAー]+(?:\uE000[\u30A1-\u30FAー]+)*|[\u3041-\u3096ー]+|[\p{Script=Latin}\p{Nd}]+(?:[._+#-][\p{Script=Latin}\p{Nd}]+)*(?: [\p{Script=Latin}\p{Nd}]+)*/gu) ?? [];
  for (const run of runs) {
    const pieces = run.includes(' ') ? run.split(' ') : run.split(WORD_BREAK);
    const glue = run.includes(' ') ? ' ' : '';
    for (let start = 0; start < pieces.length; start++) {
      for (let end = start + 1; end <= Math.min(pieces.length, start + MAX_JOINED); end++) {
        const word = pieces.slice(start, end).join(glue);
        out.add(word);
        // Both long-vowel spellings, as the search matches them (ブラウザー is a ブラウザ).
        if (word.endsWith('ー')) out.add(word.replace(/ー+$/, ''));
      }
    }
  }
}

function wordScript(word: string): ScriptClass {
  const first = scriptOf(word[0] ?? '');
  return first === 'hiragana' && /[\p{Script=Han}]/u.test(word) ? 'kanji' : first;
}

function dedupe(dropped: DroppedSynonym[]): DroppedSynonym[] {
  const seen = new Set<string>();
  return dropped.filter((d) => !seen.has(`${d.group}\u0000${d.word}`) && (seen.add(`${d.group}\u0000${d.word}`), true));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
