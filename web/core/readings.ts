/**
 * Kana queries for words written in kanji: かこがわ → 加古川. The indexer stores the readings
 * kuromoji gave to each kanji word (and to short runs of them); a kana query that matches
 * nothing as typed is cut into known readings and turned back into the surfaces.
 */

/** Most surface combinations one kana term expands into. */
const MAX_EXPANSIONS = 32;
/** Most pieces a kana term is cut into. */
const MAX_PIECES = 4;

/** Surface strings for a hiragana term, best cut first; [] when no cut into known readings exists. */
export function expandReading(kana: string, readings: Map<string, string[]>): string[] {
  const cut = bestCut(kana, readings);
  if (!cut) return [];
  let combos = [''];
  for (const piece of cut) {
    const surfaces = readings.get(piece) ?? [piece];
    const next: string[] = [];
    for (const head of combos) {
      for (const surface of surfaces) {
        if (next.length < MAX_EXPANSIONS) next.push(head + surface);
      }
    }
    combos = next;
  }
  return combos.filter((c) => c !== kana);
}

/**
 * The cut of `kana` into the fewest pieces, each a known reading; a single kana may stand for
 * itself (okurigana such as the し of 加古川市) at the cost of one more piece.
 */
function bestCut(kana: string, readings: Map<string, string[]>): string[] | undefined {
  const n = kana.length;
  const cost: number[] = [0];
  const from: number[] = [0];
  for (let end = 1; end <= n; end++) {
    cost[end] = Infinity;
    for (let start = Math.max(0, end - 12); start < end; start++) {
      const piece = kana.slice(start, end);
      const known = readings.has(piece);
      if (!known && piece.length > 1) continue;
      const c = (cost[start] ?? Infinity) + (known ? 1 : 2);
      if (c < (cost[end] ?? Infinity)) { cost[end] = c; from[end] = start; }
    }
  }
  if (!Number.isFinite(cost[n] ?? Infinity)) return undefined;
  const pieces: string[] = [];
  for (let end = n; end > 0; end = from[end] ?? 0) pieces.unshift(kana.slice(from[end] ?? 0, end));
  if (pieces.length > MAX_PIECES || !pieces.some((p) => readings.has(p))) return undefined;
  return pieces;
}
