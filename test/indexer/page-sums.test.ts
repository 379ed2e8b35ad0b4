/**
 * PageSums (indexer/page-sums.ts): counts kept from build to build must equal the counts made
 * from scratch, whatever pages came, went or repeat, and name every item whose count moved.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PageSums } from '../../indexer/page-sums.ts';

/** Pages as [key, items]; equal keys carry equal items. */
type Site = [string, string[]][];

function scratch(site: Site): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [, items] of site) for (const item of new Set(items)) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

const sorted = (m: Map<string, number>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1));

describe('PageSums', () => {
  it('keeps counts equal to counting from scratch as pages are added, removed, repeated and edited', () => {
    const sums = new PageSums<string>();
    const steps: Site[] = [
      [['a', ['x', 'y']], ['b', ['y', 'z', 'z']]],
      [['a', ['x', 'y']], ['b', ['y', 'z']], ['c', ['w']]], // c is new
      [['b', ['y', 'z']], ['c', ['w']], ['c', ['w']]], // a gone, c twice
      [['c', ['w']], ['d', ['x', 'w']]], // b gone, c once, d new
      [['c', ['w']], ['d', ['x', 'w']], ['a', ['x', 'y']]], // a back
      [],
    ];
    let before = new Map<string, number>();
    for (const site of steps) {
      let made = 0;
      const changed = sums.update(site.map(([key]) => key), (i) => { made++; return site[i]?.[1] ?? []; });
      const expected = scratch(site);
      assert.deepEqual(sorted(sums.counts), sorted(expected));
      const moved = new Set([...new Set([...before.keys(), ...expected.keys()])].filter((item) => before.get(item) !== expected.get(item)));
      for (const item of moved) assert.ok(changed.has(item), `${item} changed and is named`);
      assert.ok(made <= new Set(site.map(([key]) => key)).size, 'items made once per new key at most');
      before = expected;
    }
  });

  it('makes the items of a page only when its key is new', () => {
    const sums = new PageSums<string>();
    sums.update(['a', 'b'], (i) => [['p'], ['q']][i] ?? []);
    const asked: number[] = [];
    const changed = sums.update(['a', 'b', 'c'], (i) => { asked.push(i); return ['r']; });
    assert.deepEqual(asked, [2]);
    assert.deepEqual([...changed], ['r']);
    // Only a page's number of copies changes: its items are not made again.
    const again = sums.update(['a', 'a', 'b', 'c'], () => { throw new Error('made again'); });
    assert.deepEqual([...again], ['p']);
    assert.equal(sums.counts.get('p'), 2);
  });
});
