/**
 * Counter-based randomness: every value is a pure function of
 * (seed, table, column, row, draw). No state is carried from one row to the
 * next, so any chunk of any table can be generated alone, in any order, on any
 * worker or machine, and always yields the same numbers.
 *
 * The mixing is MurmurHash3's 32-bit block function and finaliser, applied to
 * the words (stream key, row low, row high, draw). It is fast in JavaScript
 * (only `Math.imul`, shifts and xors) and passes the distribution tests in
 * `tests/core_test.ts`.
 *
 * @module
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const TWO32 = 4294967296;

/** Murmur3's avalanche finaliser: a bijective 32-bit mixer. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Folds one 32-bit word into a running Murmur3 hash state. */
function block(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** FNV-1a hash of a string to 32 bits (used to turn names into stream ids). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hash of a seed and a name: the key of one random stream. */
export function streamKey(seed: number, name: string): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / TWO32) >>> 0;
  let h = block(0x3c6ef372, lo);
  h = block(h, hi);
  h = block(h, hashString(name));
  return fmix32(h ^ 12);
}

/** The hash state of (key, row): the part every draw of a row shares. */
function rowState(key: number, row: number): number {
  return block(block(key, row >>> 0), (row / TWO32) >>> 0);
}

/** Folds a draw into a row's hash state and finalises it to a uint32. */
function drawBits(state: number, draw: number): number {
  return fmix32(block(state, draw) ^ 12);
}

/** A uint32 that is a pure function of (key, row, draw). */
export function hashBits(key: number, row: number, draw: number): number {
  return drawBits(rowState(key, row), draw);
}

/**
 * One named random stream, e.g. `new Stream(seed, "retail_transaction_lines.qty")`.
 * Every method takes the row (any non-negative integer below 2^53) and an
 * optional draw number for when one row needs several independent values.
 */
export class Stream {
  /** The 32-bit key derived from the seed and the stream name. */
  readonly key: number;
  /** The row whose hash prefix is cached (-1: none). */
  private lastRow = -1;
  /** The hash state after folding in the key and `lastRow` (the part every draw of a row shares). */
  private lastPrefix = 0;
  /** Builds the stream for `name` under `seed`. */
  constructor(readonly seed: number, readonly name: string) {
    this.key = streamKey(seed, name);
  }
  /**
   * The hash state of `row` before its draw is folded in. Rows usually take
   * several draws in a row, so the last one is remembered: the values are
   * exactly {@link hashBits}', the row's part computed once per row instead of per draw.
   */
  private prefix(row: number): number {
    if (row !== this.lastRow) {
      this.lastPrefix = rowState(this.key, row);
      this.lastRow = row;
    }
    return this.lastPrefix;
  }
  /** A uniform uint32 (equal to `hashBits(key, row, draw)`). */
  bits(row: number, draw = 0): number {
    return drawBits(this.prefix(row), draw);
  }
  /** A uniform double in the open interval (0, 1). */
  u01(row: number, draw = 0): number {
    return (drawBits(this.prefix(row), draw) + 0.5) / TWO32;
  }
  /** A uniform integer in [0, n). */
  int(row: number, n: number, draw = 0): number {
    return Math.floor(this.u01(row, draw) * n);
  }
  /** A uniform integer in [lo, hi] (both inclusive). */
  range(row: number, lo: number, hi: number, draw = 0): number {
    return lo + Math.floor(this.u01(row, draw) * (hi - lo + 1));
  }
  /** True with probability p. */
  chance(row: number, p: number, draw = 0): boolean {
    return this.u01(row, draw) < p;
  }
  /** A child stream, e.g. per entity: `stream.child("store-12")`. */
  child(name: string): Stream {
    return new Stream(this.seed, `${this.name}/${name}`);
  }
}
