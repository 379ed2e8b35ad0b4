/**
 * The one tokeniser: kuromoji for Japanese, a plain word rule for Latin text. It runs at index
 * time only; what the browser needs from it (words, readings) is written into the index.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji from 'kuromoji';
import { WORD_BREAK } from '../web/core/format.ts';
import { foldCase, hasKanji, scriptOf, toHiragana } from '../web/core/normalize.ts';
import { readingOf, wordsOf } from './kuromoji-words.ts';

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
    for (const chunk of chunks(line).flatMap(withoutAsciiRuns)) {
      if (!JAPANESE.test(chunk)) { out += chunk; continue; }
      let previous = '';
      let run: Piece[] = [];
      for (const word of wordsOf(tokenizer, chunk)) {
        const surface = word.surface;
        const script = scriptOf(surface[0] ?? '');
        // Marks only where ranking needs them: inside runs of kanji or of katakana (東京|都,
        // サーバー|サイド). Hiragana runs are mostly particles; marking them tripled the marks.
        if ((script === 'kanji' || script === 'katakana') && script === scriptOf(previous)) out += WORD_BREAK;
        out += surface;
        previous = surface[surface.length - 1] ?? '';
        const kanji = hasKanji(surface);
        const pureKanji = PURE_KANJI.test(surface);
        // Only words with kanji need their reading (a katakana word is its own reading).
        const kana = kanji || pureKanji ? readingOf(tokenizer, word) : undefined;
        const reading = kana && kana !== '*' ? toHiragana(kana) : '';
        if (reading.length >= 2 && kanji && !pureKanji) readings.push([reading, surface]);
        // Runs of whole-kanji or whole-katakana tokens give the readings of their joins too: a
        // suffix kanji (化, 性, 的, 者, 会) has a one-kana reading no cut can use on its own.
        const piece = pureKanji ? { surface, reading, script: 'kanji' }
          : PURE_KATAKANA.test(surface) ? { surface, reading: toHiragana(surface), script: 'katakana' } : undefined;
        if (!piece || (run.length > 0 && run[0]?.script !== piece.script)) { composeReadings(run, readings); run = []; }
        if (piece) run.push(piece);
      }
      composeReadings(run, readings);
    }
    lines.push(out);
  }
  return { marked: lines.join('\n'), latinWords, readings };
}

type Piece = { surface: string; reading: string; script: string };

const PURE_KANJI = /^[\p{Script=Han}々〆ヶ]+$/u;
const PURE_KATAKANA = /^[\u30A1-\u30FAー]+$/;
/** Most tokens joined into one composed reading (自動|化|率 is three). */
const MAX_JOINED = 3;

/** Readings of every token of a same-script run and of joins of up to MAX_JOINED neighbours. */
function composeReadings(run: Piece[], readings: [string, string][]): void {
  for (let start = 0; start < run.length; start++) {
    let surface = '';
    let reading = '';
    for (let end = start; end < run.length && end < start + MAX_JOINED; end++) {
      const piece = run[end] as Piece;
      // A token without a reading (an unknown kanji word) breaks the chain.
      if (piece.reading === '') break;
      surface += piece.surface;
      reading += piece.reading;
      if (reading.length >= 2) readings.push([reading, surface]);
    }
  }
}

/**
 * A piece cut around its runs of four or more ASCII symbols and letters (URLs, code, English
 * words): kuromoji never marks or reads them, and they were a third of what it was handed
 * (a quarter of its time at 1×). Between two kept pieces such a run breaks any mark anyway.
 */
function withoutAsciiRuns(piece: string): string[] {
  return piece.split(ASCII_RUN).filter((part) => part !== '');
}
const ASCII_RUN = /([\x21-\x7e]{4,})/;

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
