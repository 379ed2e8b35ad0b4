/**
 * What `sagasu dev` keeps between builds: the per-page results of the last build, by the exact
 * input they were made from, so a rebuild after one new page redoes only that page's share of
 * the parse, the tables and the postings. Only `dev` keeps them from build to build (a one-off
 * build uses one for the postings entries it makes early, see build-index.ts); results are never
 * mutated after they are made, so sharing them is safe.
 */

/** Results of the last build (and of this one so far) by input; what a build did not ask for is forgotten. */
export class Reuse<V> {
  private before = new Map<string, V>();
  private now = new Map<string, V>();
  /** How many results came from the last build (a rebuild's test can see the reuse happen). */
  reused = 0;

  /** The result for `key`: this build's, the last build's, or `make()`'s. */
  get(key: string, make: () => V): V {
    let value = this.now.get(key);
    if (value !== undefined) return value;
    value = this.before.get(key);
    if (value !== undefined) this.reused++;
    else value = make();
    this.now.set(key, value);
    return value;
  }

  /** Ends a build's use: the next build can reuse what this one asked for, nothing older. */
  next(): void {
    this.before = this.now;
    this.now = new Map();
  }
}
