/**
 * Identifier helpers: a keyed Feistel permutation (to scatter sequential ids
 * without a shuffle) and readable codes.
 *
 * @module
 */

import { fmix32, streamKey } from "./rng.ts";

/**
 * A bijection on [0, n) keyed by (seed, name): a balanced Feistel network on
 * the smallest even power of two ≥ n, with cycle-walking to stay inside [0, n).
 * `permute(i)` is O(1) on average, needs no table, and `invert` undoes it.
 */
export class Permutation {
  private readonly halfBits: number;
  private readonly mask: number;
  private readonly keys: number[];
  /** Builds the permutation of [0, n). */
  constructor(readonly n: number, seed: number, name: string) {
    if (!(n >= 1 && Number.isSafeInteger(n) && n <= 2 ** 30)) {
      throw new RangeError(`permutation size must be 1..2^30, got ${n}`);
    }
    let bits = 2;
    while (2 ** bits < n) bits += 2;
    this.halfBits = bits / 2;
    this.mask = (1 << this.halfBits) - 1;
    const k = streamKey(seed, `perm:${name}`);
    this.keys = [0, 1, 2, 3].map((r) => fmix32(k + r * 0x9e3779b9));
  }
  private round(x: number, r: number): number {
    return fmix32(x ^ this.keys[r]) & this.mask;
  }
  private enc(x: number): number {
    let l = x >>> this.halfBits, r = x & this.mask;
    for (let i = 0; i < 4; i++) {
      const t = r;
      r = l ^ this.round(r, i);
      l = t;
    }
    return ((l << this.halfBits) | r) >>> 0;
  }
  private dec(x: number): number {
    let l = x >>> this.halfBits, r = x & this.mask;
    for (let i = 3; i >= 0; i--) {
      const t = l;
      l = r ^ this.round(l, i);
      r = t;
    }
    return ((l << this.halfBits) | r) >>> 0;
  }
  /** The image of i (0 ≤ i < n). */
  permute(i: number): number {
    let x = this.enc(i);
    while (x >= this.n) x = this.enc(x);
    return x;
  }
  /** The preimage of y (0 ≤ y < n). */
  invert(y: number): number {
    let x = this.dec(y);
    while (x >= this.n) x = this.dec(x);
    return x;
  }
}

/** A readable code: `code("ST", 42, 5)` → `"ST00042"`. */
export function code(prefix: string, n: number, width: number): string {
  return prefix + String(n).padStart(width, "0");
}

/** The GS1 check digit for the digits of a GTIN body (any length). */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}
