/**
 * Counts summed over the pages of a site (a word's pages, a reading's surfaces), kept from build
 * to build: a rebuild adds the items of the pages that are new and takes away those of the pages
 * that are gone, and tells which items changed, so a table is worked out again only for them.
 * A fresh build runs the same code from empty, so both give the same counts.
 */
export class PageSums<T> {
  /** Per page key: its items, and how many pages of the site have that key (two pages may). */
  private pages = new Map<string, { items: T[]; copies: number }>();
  /** Item → the number of pages that have it; an item on no page is absent. */
  readonly counts = new Map<T, number>();

  /**
   * Brings the counts to the pages `keys` (page i's key; equal keys mean equal items), making
   * the items of a page with a key not seen last time with `itemsOf(i)` (each item once per
   * page). Returns every item whose count may have changed (an item of a page gone and of a
   * page come is listed though its count is the same).
   */
  update(keys: readonly string[], itemsOf: (page: number) => Iterable<T>): Set<T> {
    const copies = new Map<string, number>();
    const firstPage = new Map<string, number>();
    keys.forEach((key, i) => {
      copies.set(key, (copies.get(key) ?? 0) + 1);
      if (!firstPage.has(key)) firstPage.set(key, i);
    });
    const changed = new Set<T>();
    const add = (items: T[], by: number) => {
      for (const item of items) {
        const count = (this.counts.get(item) ?? 0) + by;
        if (count === 0) this.counts.delete(item);
        else this.counts.set(item, count);
        changed.add(item);
      }
    };
    for (const [key, page] of this.pages) {
      const now = copies.get(key) ?? 0;
      if (now >= page.copies) continue; // more copies: added below
      add(page.items, now - page.copies);
      page.copies = now;
      if (now === 0) this.pages.delete(key);
    }
    for (const [key, now] of copies) {
      let page = this.pages.get(key);
      if (page) {
        if (now > page.copies) add(page.items, now - page.copies);
        page.copies = now;
        continue;
      }
      page = { items: [...new Set(itemsOf(firstPage.get(key) ?? 0))], copies: now };
      this.pages.set(key, page);
      add(page.items, now);
    }
    return changed;
  }
}
