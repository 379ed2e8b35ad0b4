/**
 * TermMatch keeps a row per topic found, in arrays that grow and are reused query after query:
 * whatever is added, merged and reset, it must read back as a plain per-topic record would.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_STARTS, TermMatch } from '../../web/core/find.ts';

const TOPICS = 3000;
const PAGES = 40;

type Hit = { topic: number; head: number; body: number; word: boolean; headingUnits: number; lengthClass: number; starts: number[] };
type Model = Map<number, { head: number; body: number; word: boolean; headingUnits: number; lengthClass: number; starts: number[] }>;

const hit = fc.record({
  topic: fc.integer({ min: 0, max: TOPICS - 1 }),
  head: fc.constantFrom(0, 0, 1, 0.6),
  body: fc.constantFrom(0, 1, 2, 0.6),
  word: fc.boolean(),
  headingUnits: fc.integer({ min: 0, max: 40 }),
  lengthClass: fc.integer({ min: 0, max: 15 }),
  starts: fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 6 }),
});

/** What `add` + `addStart` promise, written the plain way. */
function addToModel(model: Model, h: Hit): void {
  let entry = model.get(h.topic);
  if (!entry) model.set(h.topic, (entry = { head: 0, body: 0, word: false, headingUnits: 0, lengthClass: h.lengthClass, starts: [] }));
  entry.head += h.head;
  entry.body += h.body;
  entry.word ||= h.word;
  if (h.head > 0) entry.headingUnits = Math.max(entry.headingUnits, h.headingUnits);
  for (const s of h.starts) if (entry.starts.length < MAX_STARTS) entry.starts.push(s);
}

function addToMatch(match: TermMatch, h: Hit): void {
  if (match.add(h.topic, h.head, h.body, h.word, h.headingUnits, h.lengthClass)) match.pages.add(h.topic % PAGES);
  for (const s of h.starts) match.addStart(h.topic, s);
}

function assertSame(match: TermMatch, model: Model): void {
  assert.deepEqual([...match.topics].sort((a, b) => a - b), [...model.keys()].sort((a, b) => a - b));
  for (let topic = 0; topic < TOPICS; topic++) {
    const entry = model.get(topic);
    const row = match.rowOf(topic);
    assert.equal(row >= 0, entry !== undefined);
    if (!entry) { assert.equal(row, -1); assert.equal(match.startsOf(topic).length, 0); continue; }
    assert.ok(Math.abs((match.head[row] ?? NaN) - entry.head) < 1e-4, `head of ${topic}`);
    assert.ok(Math.abs((match.body[row] ?? NaN) - entry.body) < 1e-4, `body of ${topic}`);
    assert.equal(match.word[row] === 1, entry.word);
    assert.equal(match.lengthClass[row], entry.lengthClass);
    if (entry.head > 0) assert.equal(match.headingUnits[row], entry.headingUnits);
    assert.deepEqual([...match.startsOf(topic)], entry.starts);
    for (const s of entry.starts) assert.ok(match.hasStartNear(topic, s + 2, 2));
  }
}

describe('TermMatch', () => {
  it('reads back every topic added, past its first rows, after merging and after a reset', () => {
    fc.assert(fc.property(fc.array(hit, { maxLength: 700 }), fc.array(hit, { maxLength: 300 }), fc.array(hit, { maxLength: 100 }), (first, other, next) => {
      // One match used for two queries in a row, as the pool does.
      const match = new TermMatch(TOPICS, PAGES);
      const model: Model = new Map();
      for (const h of first) { addToMatch(match, h); addToModel(model, h); }
      const alternative = new TermMatch(TOPICS, PAGES);
      for (const h of other) { addToMatch(alternative, h); addToModel(model, h); }
      match.merge(alternative);
      assertSame(match, model);

      match.reset();
      assertSame(match, new Map());
      assert.equal(match.pages.size, 0);
      const again: Model = new Map();
      for (const h of next) { addToMatch(match, h); addToModel(again, h); }
      assertSame(match, again);
    }), { numRuns: 60 });
  });

  it('grows past its first rows without losing any', () => {
    const match = new TermMatch(TOPICS, PAGES);
    for (let t = TOPICS - 1; t >= 0; t--) { match.add(t, 0, 1, t % 2 === 0, 0, t % 16); match.addStart(t, t); }
    assert.equal(match.topics.length, TOPICS);
    for (let t = 0; t < TOPICS; t++) {
      const row = match.rowOf(t);
      assert.equal(match.topics[row], t);
      assert.equal(match.lengthClass[row], t % 16);
      assert.deepEqual([...match.startsOf(t)], [t]);
    }
  });
});
