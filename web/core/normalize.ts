/**
 * Text normalisation shared by the indexer and the query side.
 *
 * Two steps, kept apart on purpose:
 * - `normalizeDisplay` (NFKC) runs once at index time on every stored string and on every
 *   query. It may change lengths (ｶﾞ → ガ), so offsets are only ever taken after it.
 * - `foldCase` runs at load time on stored text and on queries. It never changes the length
 *   of a string, so an offset found in folded text is the same offset in displayed text.
 */

/** Characters a Japanese reader treats as the same, mapped one to one (same UTF-16 length). */
const FOLD_MAP: Record<string, string> = {
  '〜': '~', // wave dash vs tilde (NFKC already maps the full-width ～)
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-',
  'ヶ': 'ケ', 'ゖ': 'け',
  '“': '"', '”': '"', '„': '"', '‘': "'", '’': "'",
};

const FOLD_CHARS = new RegExp(`[${Object.keys(FOLD_MAP).join('')}]`, 'g');

/** NFKC, so that full-width Latin (ＡＷＳ), half-width kana (ｻｰﾊﾞ) and compatibility forms match. */
export function normalizeDisplay(text: string): string {
  return toWellFormed(text).normalize('NFKC');
}

/** Lower case plus the one-to-one folds above; the result always has the input's length. */
export function foldCase(text: string): string {
  const lower = text.toLowerCase();
  const folded = lower.length === text.length ? lower : lowerPerUnit(text);
  return folded.replace(FOLD_CHARS, (c) => FOLD_MAP[c] ?? c);
}

/** The full normalisation a query term goes through: NFKC, then the length-preserving folds. */
export function normalizeQueryText(text: string): string {
  return foldCase(normalizeDisplay(text));
}

// A few characters (İ) grow when lower-cased; keep those as they are so lengths never change.
function lowerPerUnit(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    out += lower.length === ch.length ? lower : ch;
  }
  return out;
}

/** Replaces lone surrogates with U+FFFD so that normalize() and regexes never see broken text. */
export function toWellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** True for hiragana, including the prolonged sound mark used in casual kana. */
export function isHiragana(text: string): boolean {
  return /^[\u3041-\u309Fー]+$/.test(text);
}

/** True for katakana (full width, after NFKC). */
export function isKatakana(text: string): boolean {
  return /^[\u30A1-\u30FFー]+$/.test(text);
}

/** Katakana → hiragana (ヴ and the small ヵヶ included); other characters unchanged. */
export function toHiragana(text: string): string {
  return text.replace(/[\u30A1-\u30F6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/** True when the string contains a Han ideograph (kanji) or the iteration mark 々. */
export function hasKanji(text: string): boolean {
  return /[\p{Script=Han}々〆]/u.test(text);
}

/** Latin letters and digits: the characters that make up a "word" for word-start matching. */
export const WORD_CHAR = /[\p{Script=Latin}\p{Nd}]/u;

/** Script class of one character, for word boundaries: a change of class is a boundary. */
export type ScriptClass = 'kanji' | 'katakana' | 'hiragana' | 'latin' | 'other';

/** The script class of a character ('' and anything unlisted is 'other'). */
export function scriptOf(ch: string): ScriptClass {
  if (ch === '') return 'other';
  if (/[\p{Script=Han}々〆]/u.test(ch)) return 'kanji';
  if (/[\u30A1-\u30FAー]/.test(ch)) return 'katakana';
  if (/[\u3041-\u3096]/.test(ch)) return 'hiragana';
  if (WORD_CHAR.test(ch)) return 'latin';
  return 'other';
}
