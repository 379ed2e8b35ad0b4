/**
 * The one tokeniser: kuromoji for Japanese, a plain word rule for Latin text. It runs at index
 * time only; what the browser needs from it (words, readings) is written into the index.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji from 'kuromoji';
import { WORD_BREAK } from '../web/core/format.ts';
import { foldCase, hasKanji, scriptOf, toHiragana } from '../web/core/normalize.ts';

/**
 * What the index keeps of kuromoji's analysis of a text: the text with a WORD_BREAK mark at each
 * word boundary that the script alone does not show (between two kanji or two katakana:
 * 東京|都 vs 京都), the Latin words (the vocabulary for typo tolerance), and the
 * readings of kanji words (かこがわ → 加古川).
 */
export type Analysis = { marked: string; latinWords: string[]; readings: [string, string][] };

/** A ready tokeniser; building one loads kuromoji's dictionary (about a second). */
export type Tokenizer = { analyze(text: string): Analysis };

/** Longest piece of text handed to kuromoji at once: its lattice grows with sentence length. */
const MAX_CHUNK = 512;
const LATIN_WORD = /[\p{Script=Latin}\p{Nd}]+(?:[._+#-][\p{Script=Latin}\p{Nd}]+)*/gu;
const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}々〆ー]/u;

/** The dictionary folder inside the installed kuromoji package (never a relative default). */
export function kuromojiDictPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('kuromoji/package.json')), 'dict');
}

/** Builds the tokeniser once; share it across pages. */
export function createTokenizer(): Promise<Tokenizer> {
  return new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath: kuromojiDictPath() }).build((error, tokenizer) => {
      if (error || !tokenizer) reject(error ?? new Error('kuromoji did not start'));
      else resolve({ analyze: (text) => analyze(tokenizer, text) });
    });
  });
}

function analyze(tokenizer: kuromoji.Tokenizer<kuromoji.IpadicFeatures>, text: string): Analysis {
  const latinWords: string[] = [];
  const readings: [string, string][] = [];
  const clean = text.replaceAll(WORD_BREAK, '');
  for (const match of clean.matchAll(LATIN_WORD)) {
    // Joined words (node.js, foo-bar) also give their parts: a typo is usually in one of them.
    const word = foldCase(match[0]);
    latinWords.push(word);
    if (/[._+#-]/.test(word)) latinWords.push(...word.split(/[._+#-]/).filter((part) => /^[a-z]/.test(part)));
  }
  const lines: string[] = [];
  // Line by line: kuromoji only cuts sentences at 。 and 、, and its cost grows with their length.
  for (const line of clean.split('\n')) {
    let out = '';
    for (const chunk of chunks(line)) {
      if (!JAPANESE.test(chunk)) { out += chunk; continue; }
      let previous = '';
      for (const token of tokenizer.tokenize(chunk)) {
        const surface = token.surface_form;
        const script = scriptOf(surface[0] ?? '');
        // Marks only where ranking needs them: inside runs of kanji or of katakana (東京|都,
        // サーバー|サイド). Hiragana runs are mostly particles; marking them tripled the marks.
        if ((script === 'kanji' || script === 'katakana') && script === scriptOf(previous)) out += WORD_BREAK;
        out += surface;
        previous = surface[surface.length - 1] ?? '';
        const reading = token.reading && token.reading !== '*' ? toHiragana(token.reading) : '';
        if (reading.length >= 2 && hasKanji(surface)) readings.push([reading, surface]);
      }
    }
    lines.push(out);
  }
  return { marked: lines.join('\n'), latinWords, readings };
}

/** A line cut into pieces of at most MAX_CHUNK characters, at punctuation or spaces where possible. */
function chunks(line: string): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > MAX_CHUNK) {
    const window = rest.slice(0, MAX_CHUNK);
    const cut = Math.max(window.lastIndexOf('。'), window.lastIndexOf('、'), window.lastIndexOf(' '));
    let end = cut > MAX_CHUNK / 4 ? cut + 1 : MAX_CHUNK;
    if (/[\uD800-\uDBFF]/.test(rest[end - 1] ?? '')) end--; // keep surrogate pairs whole
    out.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  out.push(rest);
  return out;
}
