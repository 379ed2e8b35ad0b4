/**
 * Snippets: a short window of a topic's text around its matches, with match offsets that
 * point into the snippet text (so a UI can wrap them in <mark> without parsing anything).
 */

/** A passage to show, and where the matches are inside it: [start, end) pairs, sorted, disjoint. */
export type Snippet = { text: string; matches: [number, number][] };

/** Characters of context kept before the first match. */
const LEAD = 24;

/**
 * Cuts `length` characters of `text` around the first of `ranges` (offsets into `text`),
 * keeping every range that fits. Newlines become spaces; cut ends get an ellipsis.
 */
export function makeSnippet(text: string, ranges: [number, number][], length = 120): Snippet {
  const sorted = mergeRanges(ranges);
  const first = sorted[0];
  let start = first ? Math.max(0, first[0] - LEAD) : 0;
  // Prefer to start at a line start when one is close before the match.
  if (first) {
    const lineStart = text.lastIndexOf('\n', first[0] - 1) + 1;
    if (lineStart >= start) start = lineStart;
  }
  let end = Math.min(text.length, start + length);
  if (end - start < length) start = Math.max(0, end - length);
  // Never cut a surrogate pair in half.
  if (isLowSurrogate(text.charCodeAt(start))) start--;
  if (isLowSurrogate(text.charCodeAt(end))) end++;
  const head = start > 0 ? '…' : '';
  const tail = end < text.length ? '…' : '';
  const body = text.slice(start, end).replace(/\s/g, ' ');
  const matches: [number, number][] = [];
  for (const [s, e] of sorted) {
    if (s >= start && e <= end) matches.push([s - start + head.length, e - start + head.length]);
  }
  return { text: head + body + tail, matches };
}

/** Sorts ranges and merges the overlapping or touching ones. */
export function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = ranges.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Splits a snippet into plain and marked parts; joined back, the parts are the snippet text. */
export function snippetParts(snippet: Snippet): { text: string; mark: boolean }[] {
  const parts: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const [s, e] of snippet.matches) {
    if (s < at || e > snippet.text.length) continue;
    if (s > at) parts.push({ text: snippet.text.slice(at, s), mark: false });
    parts.push({ text: snippet.text.slice(s, e), mark: true });
    at = e;
  }
  if (at < snippet.text.length) parts.push({ text: snippet.text.slice(at), mark: false });
  return parts;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
