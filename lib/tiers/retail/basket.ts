/**
 * One basket's lines while it is being put together, priced and sold: a
 * scratch of typed arrays reused by every basket of a site, and
 * {@link takeFromStock}, where the basket meets the shelf.
 *
 * The lines of a kit are consecutive and carry its id; every other line has
 * kit 0.
 *
 * @module
 */

import type { Stock } from "./stock.ts";

/** Most lines a basket holds (further items are dropped). */
export const MAX_LINES = 16;
/** The kit id of a line that is not part of a kit. */
export const NO_KIT = 0;

/** The lines of the current basket (index 0 … {@link n} − 1); product indices are 0-based. */
export class Basket {
  /** Product index per line. */
  readonly sku = new Int32Array(MAX_LINES);
  /** Units per line. */
  readonly qty = new Int32Array(MAX_LINES);
  /** Kit id per line (0 = not part of a kit). */
  readonly kit = new Int32Array(MAX_LINES);
  /** Which kit added to the basket a line belongs to: the same kit twice is two bundles. */
  readonly inst = new Int32Array(MAX_LINES);
  private kitSeq = 0;
  /** Vehicle id the line is for (0 = none recorded). */
  readonly veh = new Int32Array(MAX_LINES);
  /** Discount amount per line (set by pricing). */
  readonly disc = new Float64Array(MAX_LINES);
  /** Promotion id per line (0 = none; set by pricing). */
  readonly promo = new Int32Array(MAX_LINES);
  /** Number of lines. */
  n = 0;

  /** Empties the basket. */
  clear(): void {
    this.n = 0;
  }

  /** True when product `p` is already in the basket outside a kit. */
  has(p: number): boolean {
    const { sku, kit } = this;
    for (let j = 0; j < this.n; j++) if (sku[j] === p && kit[j] === NO_KIT) return true;
    return false;
  }

  /** Starts a new kit: the lines added next with a kit id belong to it (one bundle). */
  beginKit(): void {
    this.kitSeq++;
  }

  /** Adds a line (ignored when the basket is full or `q` ≤ 0). */
  add(p: number, q: number, kit: number, veh: number): void {
    const n = this.n;
    if (n >= MAX_LINES || q <= 0) return;
    this.sku[n] = p;
    this.qty[n] = q;
    this.kit[n] = kit;
    this.inst[n] = kit === NO_KIT ? 0 : this.kitSeq;
    this.veh[n] = veh;
    this.n = n + 1;
  }

  /** Copies line `from`'s product, quantity, kit and vehicle to line `to`. */
  copyLine(from: number, to: number): void {
    this.sku[to] = this.sku[from];
    this.qty[to] = this.qty[from];
    this.kit[to] = this.kit[from];
    this.inst[to] = this.inst[from];
    this.veh[to] = this.veh[from];
  }

  /** End (exclusive) of the run of lines from `j` on in line `j`'s kit (the same bundle). */
  groupEnd(j: number): number {
    const { kit, inst } = this, k = kit[j], i = inst[j];
    let g = j;
    while (g < this.n && kit[g] === k && inst[g] === i) g++;
    return g;
  }
}

/**
 * Sells the basket from the shelf: a line sells what the shelf has (cut to it; a
 * line with none is dropped); a kit sells whole or not at all (all its lines,
 * counting a SKU that appears twice in it, must be on hand, else each is a lost
 * sale). Keeps the sold lines in order.
 */
export function takeFromStock(b: Basket, stock: Stock): void {
  const { sku, qty, kit } = b;
  const nb = b.n;
  let kept = 0;
  for (let j = 0; j < nb; j++) {
    if (kit[j] !== NO_KIT) {
      const g = b.groupEnd(j);
      let ok = true;
      for (let x = j; x < g; x++) {
        let need = qty[x];
        for (let y = j; y < x; y++) if (sku[y] === sku[x]) need += qty[y];
        if (stock.available(sku[x]) < need) ok = false;
      }
      for (let x = j; x < g; x++) {
        if (ok) stock.take(sku[x], qty[x]);
        else stock.lose(sku[x], qty[x]);
        if (ok) b.copyLine(x, kept++);
      }
      j = g - 1;
      continue;
    }
    const sold = stock.take(sku[j], qty[j]);
    if (sold > 0) {
      qty[j] = sold;
      b.copyLine(j, kept++);
    }
  }
  b.n = kept;
}
