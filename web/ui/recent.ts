/**
 * Recent searches, kept in localStorage. Storage may be missing, full or forbidden (private
 * mode, sandboxed frames, a strict cookie policy): every call is guarded and never throws.
 */

const KEY = 'sagasu:recent';
/** Most searches kept. */
export const RECENT_MAX = 5;

/** The recent searches, newest first ([] when storage is unavailable or holds garbage). */
export function loadRecent(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((q): q is string => typeof q === 'string' && q.trim() !== '').slice(0, RECENT_MAX) : [];
  } catch {
    return [];
  }
}

/** Puts `query` first (once) and returns the new list. */
export function saveRecent(query: string): string[] {
  const q = query.trim();
  const list = q === '' ? loadRecent() : [q, ...loadRecent().filter((r) => r !== q)].slice(0, RECENT_MAX);
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // Storage is full or forbidden: the list simply is not remembered.
  }
  return list;
}

/** Forgets every recent search. */
export function clearRecent(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing to forget when storage is unavailable.
  }
}
