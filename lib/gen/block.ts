/**
 * Growable typed-array columns for the hot loop: the columns of one table
 * fill together, so they live in one {@link Block} with one row count. The
 * loop reserves room once per batch of rows and then writes `cols.x[i]`
 * directly — no per-row objects and no call per value — and `columns()` hands
 * the filled prefixes to the writer.
 *
 * @module
 */

/** Constructors of the typed arrays a block can hold. */
export type ColumnCtor = Int32ArrayConstructor | Float64ArrayConstructor | Uint8ArrayConstructor;

/** A block's layout: column name → typed array constructor (in table order). */
export type BlockSpec = Record<string, ColumnCtor>;

/** The typed arrays of a block, by column name. */
export type BlockColumns<S extends BlockSpec> = { [K in keyof S]: InstanceType<S[K]> };

/**
 * The columns of one table as typed arrays with a shared row count `n`.
 *
 *     const b = new Block({ id: Float64Array, qty: Int32Array });
 *     b.reserve(k);                       // room for k more rows
 *     const i = b.n++; b.cols.id[i] = 7; b.cols.qty[i] = 2;
 *     b.columns();                        // { id: Float64Array(n), qty: Int32Array(n) }
 *
 * `cols` is one object for the block's whole life (growing swaps the arrays
 * inside it), so a loop may keep a reference to it.
 */
export class Block<S extends BlockSpec> {
  /** Number of rows written. */
  n = 0;
  /** The backing arrays (longer than `n`); write rows below `n` after {@link reserve}. */
  readonly cols: BlockColumns<S>;
  private cap: number;

  /** Starts with room for `cap` rows. */
  constructor(private readonly spec: S, cap = 1024) {
    this.cap = Math.max(16, Math.ceil(cap));
    const cols = {} as Record<string, Int32Array | Float64Array | Uint8Array>;
    for (const name in spec) cols[name] = new spec[name](this.cap);
    this.cols = cols as BlockColumns<S>;
  }

  /** Makes room for `k` more rows (amortised O(1) per row: capacity doubles). */
  reserve(k: number): void {
    const need = this.n + k;
    if (need <= this.cap) return;
    let cap = this.cap * 2;
    while (cap < need) cap *= 2;
    const cols = this.cols as Record<string, Int32Array | Float64Array | Uint8Array>;
    for (const name in this.spec) {
      const grown = new this.spec[name](cap);
      grown.set(cols[name]);
      cols[name] = grown;
    }
    this.cap = cap;
  }

  /** Reserves one row and returns its index. */
  row(): number {
    this.reserve(1);
    return this.n++;
  }

  /** The filled prefix of every column, as views of exactly `n` values (no copy). */
  columns(): BlockColumns<S> {
    const out = {} as Record<string, Int32Array | Float64Array | Uint8Array>;
    const cols = this.cols as Record<string, Int32Array | Float64Array | Uint8Array>;
    for (const name in this.spec) out[name] = cols[name].subarray(0, this.n);
    return out as BlockColumns<S>;
  }
}
