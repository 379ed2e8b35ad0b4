/**
 * Units and keys: the one place that says how stored text becomes index keys and how a query
 * term becomes the keys to look up. The indexer runs `segmentUnits` over every stored segment,
 * the browser runs `termProbes` over every query term: the same code on both sides and no
 * dictionary, so the query side cannot disagree with the index side.
 *
 * Folded text is read as a stream of units:
 * - a Latin word (a run of Latin letters and digits) is one unit;
 * - a run of white space is one space unit;
 * - a katakana word's final long-vowel marks are no unit at all (サーバー and サーバ are the same
 *   units, as the reader of Japanese expects);
 * - every other code point is one unit.
 *
 * Keys: each Latin word; each pair of adjacent units that are neither Latin nor space (a
 * bigram, with the unit position); each such unit alone (a unigram, presence only); and `^` plus
 * the first letter of each Latin word (an initial, presence only). A multi-unit term is found
 * by its bigrams and words at consistent positions, which verifies it as an exact substring.
 */
import { WORD_BREAK } from './format.ts';
import { WORD_CHAR, scriptOf } from './normalize.ts';

/** The units of a text and what ranking needs to know about each. */
export type Units = {
  text: string[];
  /** 1 for a Latin word, 2 for white space, 0 for any other unit. */
  kind: Uint8Array;
  /** 1 where a word starts at unit i (script change, punctuation, or a kuromoji break). */
  boundary: Uint8Array;
  /** 1 where the character just before unit i is a long-vowel mark (kept or dropped). */
  afterLongVowel: Uint8Array;
};

const LATIN = 1;
const SPACE = 2;
const SPACE_CHARS = /\s/u;
const KATAKANA_LETTER = /[\u30A1-\u30FA\u30FD-\u30FF]/;
const KATAKANA_GOES_ON = /[\u30A1-\u30FAー]/;

/** Cuts folded text (WORD_BREAK marks allowed) into units. Boundaries have one more entry: the end. */
export function toUnits(text: string): Units {
  const out: string[] = [];
  const kinds: number[] = [];
  const marks: number[] = [];
  const afterLong: number[] = [];
  let mark = 0;
  let long = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(code);
    if (ch === WORD_BREAK) { mark = 1; i++; continue; }
    let unit = ch;
    let kind = 0;
    let end = i + ch.length;
    if (SPACE_CHARS.test(ch)) {
      while (end < text.length && (SPACE_CHARS.test(text[end] ?? '') || text[end] === WORD_BREAK)) end++;
      unit = ' ';
      kind = SPACE;
    } else if (WORD_CHAR.test(ch)) {
      while (end < text.length) {
        const next = String.fromCodePoint(text.codePointAt(end) ?? 0);
        if (!WORD_CHAR.test(next)) break;
        end += next.length;
      }
      unit = text.slice(i, end);
      kind = LATIN;
    } else if (ch === 'ー' && KATAKANA_LETTER.test(lastChar(out[out.length - 1] ?? ''))) {
      let j = end;
      while (text[j] === 'ー' || text[j] === WORD_BREAK) j++;
      // A katakana word's final long vowels are dropped: サーバー is stored and looked up as サーバ.
      if (!KATAKANA_GOES_ON.test(text[j] ?? '')) { i = j; long = 1; continue; }
    }
    out.push(unit);
    kinds.push(kind);
    marks.push(mark);
    afterLong.push(long);
    mark = 0;
    long = ch === 'ー' ? 1 : 0;
    i = end;
  }
  const boundary = new Uint8Array(out.length + 1);
  for (let u = 0; u <= out.length; u++) {
    if (u === 0 || u === out.length || marks[u] === 1 || kinds[u] !== 0 || kinds[u - 1] !== 0) { boundary[u] = 1; continue; }
    const before = scriptOf(lastChar(out[u - 1] ?? ''));
    const after = scriptOf(out[u] ?? '');
    if (before !== after || before === 'other') boundary[u] = 1;
  }
  return { text: out, kind: Uint8Array.from(kinds), boundary, afterLongVowel: Uint8Array.from(afterLong) };
}

function lastChar(unit: string): string {
  const code = unit.codePointAt(unit.length - 1) ?? 0;
  return code >= 0xdc00 && code <= 0xdfff ? unit.slice(-2) : unit.slice(-1);
}

/** What the indexer is told about one key occurrence (positional keys) or one key in a segment (presence keys). */
export type KeySink = {
  /** A Latin word or a bigram at unit `position`; `start`/`end`: a word starts before it / ends after it. */
  positional(key: string, position: number, start: boolean, end: boolean): void;
  /** A unigram or an initial somewhere in the segment. */
  presence(key: string, position: number): void;
};

/** Prefix of an initial key: `^a` is "a Latin word starting with a". */
export const INITIAL = '^';

/**
 * Prefix of a key for "this unit follows a long-vowel mark": a term that starts with ー (ー仮想,
 * typed after サーバ) is found although a word-final ー is no unit of its own.
 */
export const AFTER_LONG_VOWEL = 'ーー';

/** Emits every key of a segment's units (the indexer's side of `termProbes`). */
export function emitKeys(units: Units, sink: KeySink): void {
  const { text, kind, boundary, afterLongVowel } = units;
  for (let u = 0; u < text.length; u++) {
    const unit = text[u] ?? '';
    if (afterLongVowel[u] === 1 && kind[u] === 0) sink.positional(AFTER_LONG_VOWEL + unit, u, false, boundary[u + 1] === 1);
    if (kind[u] === LATIN) {
      sink.positional(unit, u, true, true);
      sink.presence(INITIAL + firstChar(unit), u);
    } else if (kind[u] === 0) {
      sink.presence(unit, u);
      if (kind[u + 1] === 0 && u + 1 < text.length) sink.positional(unit + (text[u + 1] ?? ''), u, boundary[u] === 1, boundary[u + 2] === 1);
    }
  }
}

function firstChar(unit: string): string {
  return String.fromCodePoint(unit.codePointAt(0) ?? 0);
}

/**
 * One lookup a term needs: `word` an exact Latin word, `prefix` every Latin word starting with
 * the key, `gram` a bigram; `unigram` and `initial` are presence-only keys for one-unit terms.
 * `offset` is the unit position inside the term.
 */
export type Probe = { kind: 'word' | 'prefix' | 'gram' | 'unigram' | 'initial'; key: string; offset: number };

/**
 * The lookups that find a folded query term as an exact substring (a Latin word at a word start,
 * the last Latin word of a term as a prefix, as the visitor may still be typing it). [] when the
 * term has no unit to look up.
 */
export function termProbes(term: string): Probe[] {
  const units = toUnits(term);
  let first = 0;
  let last = units.text.length - 1;
  while (first <= last && units.kind[first] === SPACE) first++;
  while (last >= first && units.kind[last] === SPACE) last--;
  if (first > last) return [];
  // Leading long-vowel marks: look the next unit up as "after a long vowel".
  let lead: Probe | undefined;
  let skip = first;
  while (skip <= last && units.text[skip] === 'ー') skip++;
  if (skip > first && skip <= last && units.kind[skip] === 0) {
    lead = { kind: 'gram', key: AFTER_LONG_VOWEL + (units.text[skip] ?? ''), offset: 0 };
    first = skip;
  }
  const text = units.text.slice(first, last + 1);
  const kind = units.kind.slice(first, last + 1);
  if (lead && text.length === 1) return [lead];
  const probes: Probe[] = lead ? [lead] : [];
  if (text.length === 1) {
    const only = text[0] ?? '';
    if (kind[0] === LATIN) return [only.length === 1 || firstChar(only) === only ? { kind: 'initial', key: INITIAL + only, offset: 0 } : { kind: 'prefix', key: only, offset: 0 }];
    return [{ kind: 'unigram', key: only, offset: 0 }];
  }
  let run: number[] = [];
  const flushRun = () => {
    // Bigrams at every other position, and always the last one, cover every unit of the run; a
    // lone unit between words (the ' of let's) must at least be in the same segment.
    for (let r = 0; r + 1 < run.length; r += 2) probes.push(gram(text, run[r] ?? 0));
    if (run.length >= 2 && run.length % 2 === 1) probes.push(gram(text, run[run.length - 2] ?? 0));
    if (run.length === 1) probes.push({ kind: 'unigram', key: text[run[0] ?? 0] ?? '', offset: run[0] ?? 0 });
    run = [];
  };
  for (let u = 0; u < text.length; u++) {
    if (kind[u] === 0) { run.push(u); continue; }
    flushRun();
    if (kind[u] !== LATIN) continue;
    const word = text[u] ?? '';
    if (u < text.length - 1) probes.push({ kind: 'word', key: word, offset: u });
    else if (firstChar(word) !== word) probes.push({ kind: 'prefix', key: word, offset: u });
    else probes.push({ kind: 'initial', key: INITIAL + word, offset: u });
  }
  flushRun();
  if (probes.length > 0) return probes;
  // Only single symbols and one-letter words: fall back to the first unit's presence.
  const u = kind[0] === LATIN ? 0 : kind.findIndex((k) => k === 0);
  const unit = text[Math.max(0, u)] ?? '';
  return [kind[Math.max(0, u)] === LATIN ? { kind: 'initial', key: INITIAL + firstChar(unit), offset: 0 } : { kind: 'unigram', key: unit, offset: 0 }];
}

function gram(text: string[], at: number): Probe {
  return { kind: 'gram', key: (text[at] ?? '') + (text[at + 1] ?? ''), offset: at };
}

/** The string a key is partitioned by: Latin words by their first two letters (so a prefix finds them all in one place). */
export function bucketOf(key: string): string {
  const code = key.codePointAt(0) ?? 0;
  return WORD_CHAR.test(String.fromCodePoint(code)) ? [...key].slice(0, 2).join('') : key;
}

/** The posting chunk (of `count`) that holds a key: the hash of its bucket. */
export function chunkOf(key: string, count: number): number {
  return hashOf(bucketOf(key), count);
}

/**
 * The chunk (of `count`) of an expansion table that holds a key: the typo vocabulary by the key's
 * first two letters, so a word and its one-letter deletes sit in at most three chunks; the
 * other tables by the whole key.
 */
export function tableChunkOf(table: string, key: string, count: number): number {
  return hashOf(table === 'vocabulary' ? key.slice(0, 2) : key, count);
}

/** FNV-1a over the UTF-16 code units of a string, modulo `count` (expansion tables use it on whole keys). */
export function hashOf(text: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % Math.max(1, count);
}
