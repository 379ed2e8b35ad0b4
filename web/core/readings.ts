/**
 * Kana queries for words written in kanji or katakana: かこがわ → 加古川, じどうか → 自動化,
 * ぶらうざ → ブラウザ. The indexer stores the readings kuromoji gave to each word and to short
 * runs of words (自動+化); a kana term is cut into known readings and turned back into surfaces.
 */

/** Most surface combinations one kana term expands into. */
const MAX_EXPANSIONS = 32;
/** Most pieces a kana term is cut into. */
const MAX_PIECES = 4;
/** Longest piece tried (longer readings are rare and cost keys). */
const MAX_PIECE = 12;

/** Surfaces of a reading piece with the pages each is on, undefined when the piece is no known reading. */
export type SurfacesOf = (piece: string) => [string, number][] | undefined;

/** A surface a kana term reads as, and an estimate of its pages (the fewest of its pieces'). */
export type ReadAs = { text: string; pages: number };

/** Surface strings for a hiragana term, best cut first; [] when no cut into known readings exists. */
export function expandReading(kana: string, surfacesOf: SurfacesOf): ReadAs[] {
  const cut = bestCut(kana, surfacesOf);
  if (!cut) return [];
  let combos: ReadAs[] = [{ text: '', pages: Infinity }];
  for (const piece of cut) {
    const surfaces = surfacesOf(piece) ?? [[piece, Infinity]];
    const next: ReadAs[] = [];
    for (const head of combos) {
      for (const [surface, pages] of surfaces) {
        if (next.length < MAX_EXPANSIONS) next.push({ text: head.text + surface, pages: Math.min(head.pages, pages) });
      }
    }
    combos = next;
  }
  return combos.filter((c) => c.text !== kana);
}

/**
 * The cut of `kana` into the fewest pieces, each a known reading; a single kana may stand for
 * itself (okurigana such as the し of 加古川市) at the cost of one more piece.
 */
function bestCut(kana: string, surfacesOf: SurfacesOf): string[] | undefined {
  const n = kana.length;
  const cost: number[] = [0];
  const from: number[] = [0];
  const known = (piece: string) => piece.length > 1 && surfacesOf(piece) !== undefined;
  for (let end = 1; end <= n; end++) {
    cost[end] = Infinity;
    for (let start = Math.max(0, end - MAX_PIECE); start < end; start++) {
      const piece = kana.slice(start, end);
      const isKnown = known(piece);
      if (!isKnown && piece.length > 1) continue;
      const c = (cost[start] ?? Infinity) + (isKnown ? 1 : 2);
      if (c < (cost[end] ?? Infinity)) { cost[end] = c; from[end] = start; }
    }
  }
  if (!Number.isFinite(cost[n] ?? Infinity)) return undefined;
  const pieces: string[] = [];
  for (let end = n; end > 0; end = from[end] ?? 0) pieces.unshift(kana.slice(from[end] ?? 0, end));
  if (pieces.length > MAX_PIECES || !pieces.some(known)) return undefined;
  return pieces;
}
