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

type Node = { name: number; type: string; surface_form: string };
type Lattice = { append(node: Node): void; appendEos(): void };
type CharClass = { class_id: number; class_name: string; is_always_invoke: number; is_grouping: number };
type Dictionary = { target_map: Record<number, number[]>; dictionary: { getShort(i: number): number }; getFeatures(name: number): string | null };
/** The parts of kuromoji's Tokenizer this module reads (not in its published types). */
type Internals = {
  token_info_dictionary: Dictionary;
  unknown_dictionary: Dictionary & { lookup(ch: string): CharClass };
  viterbi_builder: { trie: { bc: { getBaseBuffer(): Int32Array; getCheckBuffer(): Int32Array } } };
  viterbi_searcher: { search(lattice: Lattice): Node[] };
  tokenizeForSentence(sentence: string, tokens: kuromoji.IpadicFeatures[]): kuromoji.IpadicFeatures[];
};

const require = createRequire(import.meta.url);
const ViterbiLattice = require('kuromoji/src/viterbi/ViterbiLattice.js') as new () => Lattice;
const ViterbiNode = require('kuromoji/src/viterbi/ViterbiNode.js') as new (name: number, cost: number, start: number, length: number, type: string, left: number, right: number, surface: string) => Node;
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
    for (const node of inner.viterbi_searcher.search(lattice(inner, sentence))) {
      words.push({ surface: node.surface_form, known: node.type === 'KNOWN', name: node.name });
    }
  }
  return words;
}

/** A known word's reading in katakana (IPADIC's ninth feature); undefined for unknown words. */
export function readingOf(tokenizer: kuromoji.Tokenizer<kuromoji.IpadicFeatures>, word: Word): string | undefined {
  if (!word.known) return undefined;
  return (tokenizer as unknown as Internals).token_info_dictionary.getFeatures(word.name)?.split(',')[8];
}

/** kuromoji's ViterbiBuilder.build for a sentence without surrogates: the same nodes in the same order. */
function lattice(inner: Internals, sentence: string): Lattice {
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

  const out = new ViterbiLattice();
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
      const key = sentence.slice(pos, charAt[b + 1]);
      found++;
      for (const id of known.target_map[value] as number[]) {
        const info = Number(id);
        out.append(new ViterbiNode(info, known.dictionary.getShort(info + 4), pos + 1, key.length, 'KNOWN', known.dictionary.getShort(info), known.dictionary.getShort(info + 2), key));
      }
    }
    const head = classes[pos] as CharClass;
    if (found === 0 || head.is_always_invoke === 1) {
      const end = head.is_grouping === 1 ? (runEnd[pos] as number) : pos + 1;
      const key = sentence.slice(pos, end);
      for (const id of unknown.target_map[head.class_id] as number[]) {
        const info = Number(id);
        out.append(new ViterbiNode(info, unknown.dictionary.getShort(info + 4), pos + 1, key.length, 'UNKNOWN', unknown.dictionary.getShort(info), unknown.dictionary.getShort(info + 2), key));
      }
    }
  }
  out.appendEos();
  return out;
}
