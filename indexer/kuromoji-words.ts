/**
 * kuromoji's best path for a text, found with kuromoji's own dictionary, lattice and Viterbi
 * search, without the work that the index never uses. kuromoji 0.1.2 (unmaintained since 2018)
 * builds each sentence's lattice by converting the whole rest of the sentence to UTF-8 and to a
 * surrogate-aware string at every character, and decodes every token's ten features; at 10× the
 * site those conversions and the garbage they leave were over a third of tokenising. Here the
 * sentence is encoded once, the trie is walked from each character's byte offset, and a word's
 * features are decoded only when its reading is asked for. Same lattice, same path:
 * test/indexer/kuromoji-words.test.ts compares both on the corpus.
 */
import { createRequire } from 'node:module';
import type kuromoji from 'kuromoji';

/** One word of the best path; `known` words are in the dictionary and have a reading. */
export type Word = { surface: string; known: boolean; name: number };

type CharClass = { class_id: number; class_name: string; is_always_invoke: number; is_grouping: number };
type Dictionary = { target_map: Record<number, number[]>; dictionary: { getShort(i: number): number }; getFeatures(name: number): string | null };
/** The parts of kuromoji's Tokenizer this module reads (not in its published types). */
type Internals = {
  token_info_dictionary: Dictionary;
  unknown_dictionary: Dictionary & { lookup(ch: string): CharClass };
  viterbi_builder: { trie: { bc: { getBaseBuffer(): Int32Array; getCheckBuffer(): Int32Array } } };
  viterbi_searcher: { connection_costs: { buffer: Int16Array } };
  tokenizeForSentence(sentence: string, tokens: kuromoji.IpadicFeatures[]): kuromoji.IpadicFeatures[];
};

const require = createRequire(import.meta.url);
const KuromojiTokenizer = require('kuromoji/src/Tokenizer.js') as { splitByPunctuation(text: string): string[] };
const SURROGATE = /[\uD800-\uDFFF]/;

/** The best path's words of `text`, as `tokenizer.tokenize(text)` would cut it. */
export function wordsOf(tokenizer: kuromoji.Tokenizer<kuromoji.IpadicFeatures>, text: string): Word[] {
  const inner = tokenizer as unknown as Internals;
  const words: Word[] = [];
  for (const sentence of KuromojiTokenizer.splitByPunctuation(text)) {
    // Surrogate pairs (rare here) take kuromoji's own path, which counts them as one character.
    if (SURROGATE.test(sentence)) {
      for (const token of inner.tokenizeForSentence(sentence, [])) words.push({ surface: token.surface_form, known: token.word_type === 'KNOWN', name: token.word_id });
      continue;
    }
    fillLattice(inner, sentence);
    for (const node of bestPath(inner.viterbi_searcher.connection_costs.buffer)) {
      const start = (LATTICE.start[node] as number) - 1;
      words.push({ surface: sentence.slice(start, start + (LATTICE.length[node] as number)), known: LATTICE.known[node] === 1, name: LATTICE.name[node] as number });
    }
  }
  return words;
}

/** A known word's reading in katakana (IPADIC's ninth feature); undefined for unknown words. */
export function readingOf(tokenizer: kuromoji.Tokenizer<kuromoji.IpadicFeatures>, word: Word): string | undefined {
  if (!word.known) return undefined;
  return (tokenizer as unknown as Internals).token_info_dictionary.getFeatures(word.name)?.split(',')[8];
}

/**
 * One sentence's lattice in typed arrays, reused from sentence to sentence: kuromoji's
 * ViterbiLattice holds an object per node with its surface string, and at 10× the site those
 * and their garbage were over half of a tokeniser worker's time. Node 0 is kuromoji's BOS;
 * positions are kuromoji's (1-based, a node ends at start + length - 1); the nodes that end at a
 * position are a list in the order kuromoji appends them, which decides ties as its search does.
 */
class Lattice {
  size = 1;
  /** Where the last node ends (kuromoji's eos_pos before its EOS is added). */
  last = 1;
  start = new Int32Array(1024);
  length = new Int32Array(1024);
  left = new Int32Array(1024);
  right = new Int32Array(1024);
  cost = new Int32Array(1024);
  name = new Int32Array(1024);
  known = new Uint8Array(1024);
  /** The next node that ends where this one does (-1: none). */
  next = new Int32Array(1024);
  /** The best path's cost to this node and the node before it (-1: unreachable). */
  best = new Float64Array(1024);
  prev = new Int32Array(1024);
  /** The first and last node that end at each position (-1: none). */
  head = new Int32Array(256);
  tail = new Int32Array(256);

  reset(characters: number): void {
    if (this.head.length < characters + 2) { this.head = new Int32Array(2 * characters + 2); this.tail = new Int32Array(2 * characters + 2); }
    this.head.fill(-1, 0, characters + 2);
    this.tail.fill(-1, 0, characters + 2);
    this.last = 1;
    // BOS: ends at position 0, costs nothing, connects with ids 0.
    this.start[0] = 0; this.length[0] = 0; this.left[0] = 0; this.right[0] = 0; this.cost[0] = 0;
    this.next[0] = -1; this.prev[0] = -1; this.best[0] = 0;
    this.head[0] = 0; this.tail[0] = 0;
    this.size = 1;
  }

  add(name: number, cost: number, start: number, length: number, known: boolean, left: number, right: number): void {
    const node = this.slot();
    const end = start + length - 1;
    if (end > this.last) this.last = end;
    this.start[node] = start; this.length[node] = length; this.left[node] = left; this.right[node] = right;
    this.cost[node] = cost; this.name[node] = name; this.known[node] = known ? 1 : 0;
    this.next[node] = -1;
    const tail = this.tail[end] as number;
    if (tail === -1) this.head[end] = node;
    else this.next[tail] = node;
    this.tail[end] = node;
  }

  /** A new node's number (not yet in any list). */
  slot(): number {
    if (this.size === this.start.length) this.grow();
    return this.size++;
  }

  private grow(): void {
    const wider = <T extends Int32Array | Uint8Array | Float64Array>(a: T): T => { const b = new (a.constructor as new (n: number) => T)(a.length * 2); b.set(a); return b; };
    this.start = wider(this.start); this.length = wider(this.length); this.left = wider(this.left); this.right = wider(this.right);
    this.cost = wider(this.cost); this.name = wider(this.name); this.known = wider(this.known); this.next = wider(this.next);
    this.best = wider(this.best); this.prev = wider(this.prev);
  }
}
const LATTICE = new Lattice();

/**
 * kuromoji's ViterbiSearcher on LATTICE: each node keeps the first cheapest node before it
 * (strict <, in list order), EOS (left id 0, cost 0) follows the nodes that end last; the path's
 * nodes from the first word on, or none when EOS cannot be reached.
 */
function bestPath(costs: Int16Array): number[] {
  const l = LATTICE;
  const width = costs[1] as number;
  /** Links `node` (with its left id and cost) to the cheapest node that ends at `end`. */
  const link = (node: number, end: number, left: number, cost: number): void => {
    let best = Number.MAX_VALUE;
    let from = -1;
    for (let q = l.head[end] as number; q !== -1; q = l.next[q] as number) {
      const c = (l.best[q] as number) + (costs[(l.right[q] as number) * width + left + 2] as number) + cost;
      if (c < best) { best = c; from = q; }
    }
    l.best[node] = best;
    l.prev[node] = from;
  };
  const eos = l.last + 1;
  for (let end = 1; end < eos; end++) {
    for (let node = l.head[end] as number; node !== -1; node = l.next[node] as number) link(node, (l.start[node] as number) - 1, l.left[node] as number, l.cost[node] as number);
  }
  const end = l.slot();
  link(end, eos - 1, 0, 0);
  const path: number[] = [];
  for (let node = l.prev[end] as number; node !== 0; node = l.prev[node] as number) {
    if (node === -1) return [];
    path.push(node);
  }
  return path.reverse();
}

/** kuromoji's ViterbiBuilder.build for a sentence without surrogates, into LATTICE: the same nodes in the same order. */
function fillLattice(inner: Internals, sentence: string): void {
  const bc = inner.viterbi_builder.trie.bc;
  const base = bc.getBaseBuffer();
  const check = bc.getCheckBuffer();
  const known = inner.token_info_dictionary;
  const unknown = inner.unknown_dictionary;
  const n = sentence.length;
  // UTF-8 once; charAt[b]: the character that starts at byte b (-1 inside a character).
  const bytes = new Uint8Array(n * 3);
  const startOf = new Int32Array(n + 1);
  const charAt = new Int32Array(n * 3 + 1).fill(-1);
  let length = 0;
  for (let i = 0; i < n; i++) {
    startOf[i] = length;
    charAt[length] = i;
    const code = sentence.charCodeAt(i);
    if (code < 0x80) bytes[length++] = code;
    else if (code < 0x800) { bytes[length++] = (code >>> 6) | 0xc0; bytes[length++] = (code & 0x3f) | 0x80; }
    else { bytes[length++] = (code >>> 12) | 0xe0; bytes[length++] = ((code >> 6) & 0x3f) | 0x80; bytes[length++] = (code & 0x3f) | 0x80; }
  }
  startOf[n] = length;
  charAt[length] = n;
  // Character classes once, and where each run of one class ends (kuromoji groups unknown words by run).
  const classes = Array.from(sentence, (ch) => unknown.lookup(ch));
  const runEnd = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) runEnd[i] = i + 1 < n && classes[i + 1]?.class_name === classes[i]?.class_name ? runEnd[i + 1] as number : i + 1;

  LATTICE.reset(n);
  for (let pos = 0; pos < n; pos++) {
    let found = 0;
    let parent = 0;
    for (let b = startOf[pos] as number; b < length; b++) {
      const child = (base[parent] as number) + (bytes[b] as number);
      if (check[child] !== parent) break;
      parent = child;
      const leaf = (base[child] as number) + 0; // the terminal code 0
      if (check[leaf] !== child) continue;
      const value = -(base[leaf] as number) - 1;
      const size = (charAt[b + 1] as number) - pos;
      found++;
      for (const id of known.target_map[value] as number[]) {
        const info = Number(id);
        LATTICE.add(info, known.dictionary.getShort(info + 4), pos + 1, size, true, known.dictionary.getShort(info), known.dictionary.getShort(info + 2));
      }
    }
    const head = classes[pos] as CharClass;
    if (found === 0 || head.is_always_invoke === 1) {
      const size = (head.is_grouping === 1 ? (runEnd[pos] as number) : pos + 1) - pos;
      for (const id of unknown.target_map[head.class_id] as number[]) {
        const info = Number(id);
        LATTICE.add(info, unknown.dictionary.getShort(info + 4), pos + 1, size, false, unknown.dictionary.getShort(info), unknown.dictionary.getShort(info + 2));
      }
    }
  }
}
