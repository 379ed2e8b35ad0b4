/**
 * The binary layout of a posting chunk (`b-<build>/p/<i>.bin`), written by the indexer and read
 * by the core. Binary because positions dominate the index: a varint per position is a third of
 * its JSON text and decodes without a parser.
 *
 *   "SGS2" · build (16 ASCII hex) · varint keyCount
 *   per key, sorted: varint keyBytes · key (UTF-8) · varint (postingBytes << 1 | presence)
 *   the postings, in key order
 *
 * A posting lists segments (page titles first, then topics) in increasing order:
 *   varint segmentCount, then per segment
 *   varint segmentDelta · varint (count << 5 | inHeading << 4 | lengthClass) · [varint headingUnits]
 *   and for a positional key, count × varint (positionDelta << 2 | wordStart << 1 | wordEnd).
 */
import { IndexFormatError } from './format.ts';

const MAGIC = 'SGS2';

/** A decoded posting list. Positional arrays are empty for presence keys. */
export type Posting = {
  presence: boolean;
  segs: Uint32Array;
  count: Uint32Array;
  /** floor(log2(body units + 1)), at most 15. */
  lengthClass: Uint8Array;
  /** Units of the segment's heading when the key occurs in it, else -1. */
  headingUnits: Int32Array;
  /** Positions of segment i are pos[posStart[i]] … pos[posStart[i + 1] - 1]. */
  posStart: Uint32Array;
  pos: Uint32Array;
  /** Per position: 2 = a word starts here, 1 = a word ends after the key. */
  flags: Uint8Array;
};

/** Bytes of `value` as a varint. */
export function varintLength(value: number): number {
  let n = 1;
  for (let v = value; v >= 0x80; v = Math.floor(v / 128)) n++;
  return n;
}

/** Appends varints to a growing byte buffer. */
export class ByteWriter {
  private bytes = new Uint8Array(16);
  length = 0;

  varint(value: number): void {
    this.ensure(8); // a varint of any safe integer
    let v = value;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.bytes[this.length++] = v;
  }

  raw(data: Uint8Array): void {
    this.ensure(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/**
 * Appends one segment's entry of one key to `out`, all but the segment delta (which depends on
 * the key's previous segment): the entry of a segment is the same whatever else the site holds,
 * so a rebuild can keep it (see assemblePostings in indexer/encode-index.ts). `flags` are ignored for a presence key (only
 * the count of positions is kept).
 */
export function encodeEntry(out: ByteWriter, presence: boolean, lengthClass: number, headingUnits: number, positions: number[], flags: number[]): void {
  const inHeading = positions.some((p) => p < headingUnits);
  out.varint(positions.length * 32 + (inHeading ? 16 : 0) + lengthClass);
  if (inHeading) out.varint(headingUnits);
  if (presence) return;
  let last = 0;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i] as number;
    out.varint((p - last) * 4 + (flags[i] ?? 0));
    last = p;
  }
}

/**
 * One key's finished posting: its segment count, whether it is a presence key, and its body
 * (per segment: the delta from the key's previous segment, then the segment's entry).
 */
export type PostingBody = { presence: boolean; segments: number; body: Uint8Array };

/** Bytes of a finished posting in a chunk. */
function postingLength(p: PostingBody): number {
  return varintLength(p.segments) + p.body.length;
}

/** Writes `value` as a varint into `out` at `at`; returns the position after it. */
export function writeVarint(out: Uint8Array, at: number, value: number): number {
  let v = value;
  let i = at;
  while (v >= 0x80) {
    out[i++] = (v & 0x7f) | 0x80;
    v = Math.floor(v / 128);
  }
  out[i++] = v;
  return i;
}

/** One chunk file: its keys (sorted) and their postings. */
export function encodeChunk(build: string, entries: [string, PostingBody][]): Uint8Array {
  const encoder = new TextEncoder();
  const out = new ByteWriter();
  out.raw(encoder.encode(MAGIC + build));
  const sorted = [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  out.varint(sorted.length);
  for (const [key, posting] of sorted) {
    const keyBytes = encoder.encode(key);
    out.varint(keyBytes.length);
    out.raw(keyBytes);
    out.varint(postingLength(posting) * 2 + (posting.presence ? 1 : 0));
  }
  for (const [, posting] of sorted) {
    out.varint(posting.segments);
    out.raw(posting.body);
  }
  return out.result();
}

/** A chunk as read: where each key's posting is; postings are decoded on first use. */
export class Chunk {
  private readonly where = new Map<string, [number, number, boolean]>();
  private readonly decoded = new Map<string, Posting>();

  constructor(private readonly bytes: Uint8Array, build: string, name: string) {
    const damaged = () => new IndexFormatError(`${name}: the posting chunk is damaged or from another build. Rebuild the index and publish all of its files together.`);
    const head = new TextDecoder().decode(bytes.subarray(0, 4 + build.length));
    if (head !== MAGIC + build) throw damaged();
    const reader = new ByteReader(bytes, head.length);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const count = reader.varint();
    const keys: [string, number, boolean][] = [];
    try {
      for (let k = 0; k < count; k++) {
        const length = reader.varint();
        const key = decoder.decode(bytes.subarray(reader.at, reader.at + length));
        reader.at += length;
        const info = reader.varint();
        keys.push([key, Math.floor(info / 2), info % 2 === 1]);
      }
    } catch {
      throw damaged();
    }
    let at = reader.at;
    for (const [key, length, presence] of keys) {
      this.where.set(key, [at, length, presence]);
      at += length;
    }
    if (at !== bytes.length) throw damaged();
  }

  /** Keys of this chunk (all buckets that hash here). */
  keys(): IterableIterator<string> {
    return this.where.keys();
  }

  /** The posting of a key, or undefined when no segment contains it. */
  get(key: string): Posting | undefined {
    let posting = this.decoded.get(key);
    if (posting) return posting;
    const place = this.where.get(key);
    if (!place) return undefined;
    posting = decodePosting(this.bytes.subarray(place[0], place[0] + place[1]), place[2]);
    this.decoded.set(key, posting);
    return posting;
  }
}

function decodePosting(bytes: Uint8Array, presence: boolean): Posting {
  const reader = new ByteReader(bytes, 0);
  const n = reader.varint();
  const segs = new Uint32Array(n);
  const count = new Uint32Array(n);
  const lengthClass = new Uint8Array(n);
  const headingUnits = new Int32Array(n);
  const posStart = new Uint32Array(n + 1);
  // A position takes at least one byte, so the posting's length bounds their number: filling
  // typed arrays of that length and copying the used part once is a third of a common word's
  // decoding, which growing plain arrays spent in the garbage collector.
  const pos = new Uint32Array(presence ? 0 : bytes.length);
  const flags = new Uint8Array(presence ? 0 : bytes.length);
  let k = 0;
  let seg = 0;
  for (let i = 0; i < n; i++) {
    seg += reader.varint();
    segs[i] = seg;
    const info = reader.varint();
    const c = Math.floor(info / 32);
    count[i] = c;
    lengthClass[i] = info & 15;
    headingUnits[i] = info & 16 ? reader.varint() : -1;
    posStart[i] = k;
    if (presence) continue;
    let p = 0;
    for (let j = 0; j < c; j++) {
      const v = reader.varint();
      p += Math.floor(v / 4);
      pos[k] = p;
      flags[k++] = v & 3;
    }
  }
  posStart[n] = k;
  return { presence, segs, count, lengthClass, headingUnits, posStart, pos: pos.slice(0, k), flags: flags.slice(0, k) };
}

class ByteReader {
  constructor(private readonly bytes: Uint8Array, public at: number) {}

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = this.bytes[this.at++];
      if (b === undefined) throw new RangeError('varint past the end');
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
    }
  }
}
