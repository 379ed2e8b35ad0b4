/**
 * Small pure pieces of the search box: where the dropdown goes, how a result's heading is
 * shortened and highlighted, the exact-search and zero-result suggestions, the shortcut hint.
 */
import type { SearchClient } from '../client.ts';
import type { SearchHit, SearchOptions } from '../core/search.ts';
import type { UiStrings } from './strings.ts';

/** Fixed position of the inline dropdown, as CSSOM style properties (a strict CSP allows them). */
export type PanelPlace = { top: string; left: string; width: string; maxHeight: string };

/** Widest the inline dropdown grows, in CSS pixels. */
const PANEL_WIDTH = 512;
/** Below this viewport width the dropdown spans the screen. */
const PHONE_WIDTH = 480;
const MARGIN = 8;

/**
 * Where the inline dropdown goes for an input at `rect`: under it, at least as wide as the input
 * (up to PANEL_WIDTH), shifted left to stay inside the viewport; the full width on a phone.
 */
export function placePanel(rect: { left: number; bottom: number; width: number }, viewport = visibleViewport()): PanelPlace {
  const top = Math.max(0, rect.bottom + 4);
  const width = viewport.width <= PHONE_WIDTH ? viewport.width - 2 * (MARGIN / 2) : Math.min(Math.max(rect.width, PANEL_WIDTH), viewport.width - 2 * MARGIN);
  const margin = viewport.width <= PHONE_WIDTH ? MARGIN / 2 : MARGIN;
  const left = Math.min(Math.max(margin, rect.left), viewport.width - width - margin);
  const maxHeight = Math.max(160, viewport.height - top - MARGIN);
  return { top: `${Math.round(top)}px`, left: `${Math.round(Math.max(margin, left))}px`, width: `${Math.round(width)}px`, maxHeight: `${Math.round(maxHeight)}px` };
}

function visibleViewport(): { width: number; height: number } {
  const vv = window.visualViewport;
  return { width: Math.min(vv?.width ?? Infinity, document.documentElement.clientWidth || window.innerWidth), height: vv?.height ?? window.innerHeight };
}

/** A result's heading, short: the last two levels of its path (a thread's first line last). */
export function shortHeading(hit: SearchHit, strings: UiStrings): string {
  return hit.heading.length > 0 ? hit.heading.slice(-2).join(' › ') : strings.top;
}

/** Splits text into plain and marked parts where a word of the query occurs (case-insensitive). */
export function highlight(text: string, query: string): { text: string; mark: boolean }[] {
  const words = query.normalize('NFKC').toLowerCase().split(/[\s、]+/).map((w) => w.replace(/^[-"「]+|["」]+$/g, '')).filter((w) => w.length > 0);
  const lower = text.normalize('NFKC').toLowerCase();
  // NFKC can change lengths; only highlight when it did not, so offsets stay true.
  if (lower.length !== text.length || words.length === 0) return [{ text, mark: false }];
  const marks = new Uint8Array(text.length);
  for (const word of words) {
    for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + word.length)) marks.fill(1, at, at + word.length);
  }
  const parts: { text: string; mark: boolean }[] = [];
  for (let i = 0; i < text.length;) {
    let j = i;
    while (j < text.length && marks[j] === marks[i]) j++;
    parts.push({ text: text.slice(i, j), mark: marks[i] === 1 });
    i = j;
  }
  return parts;
}

/** The query with one term quoted: searched exactly, without readings, corrections or synonyms. */
export function exactQuery(query: string, term: string): string {
  const words = query.trim().split(/[\s　]+/);
  const i = words.findIndex((w) => w.normalize('NFKC').toLowerCase() === term);
  if (i === -1) return `"${term}"`;
  words[i] = `"${words[i]}"`;
  return words.join(' ');
}

/**
 * For a query that finds nothing: its longest part that does find something (a term, or a term
 * cut where its script changes: 量子コンピュータ → コンピュータ), with its page count.
 */
export async function suggest(client: SearchClient, query: string, options: SearchOptions): Promise<{ query: string; total: number } | undefined> {
  const terms = query.trim().split(/[\s　、]+/).filter((t) => t !== '');
  const parts = new Set<string>();
  for (const term of terms) {
    if (terms.length > 1) parts.add(term);
    for (const piece of term.match(/\p{Script=Han}+|[\p{Script=Katakana}ー]+|\p{Script=Hiragana}+|[\p{Script=Latin}\p{Nd}]+/gu) ?? []) if (piece !== term && piece.length >= 2) parts.add(piece);
  }
  for (const part of [...parts].sort((a, b) => b.length - a.length).slice(0, 6)) {
    const response = await client.search(part, { ...options, limit: 1, topicsPerPage: 1 }).catch(() => undefined);
    if (response && response.total > 0) return { query: part, total: response.total };
  }
  return undefined;
}

/** A facet list that keeps the chosen value (with 0) when the query no longer matches it. */
export function withChosen(list: [string, number][], chosen: string): [string, number][] {
  return chosen === '' || list.some(([name]) => name === chosen) ? list : [...list, [chosen, 0]];
}

/** The platform's shortcut for the modal: ⌘K on Apple devices, Ctrl K elsewhere, none on touch. */
export function shortcutHint(): string {
  if (typeof window.matchMedia === 'function' && window.matchMedia('(pointer: coarse)').matches) return '';
  const platform = (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ?? navigator.platform ?? '';
  return /mac|iphone|ipad/i.test(platform) ? '⌘K' : 'Ctrl K';
}
