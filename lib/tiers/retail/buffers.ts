/**
 * Growable typed-array columns for the hot loop: append one value at a time,
 * amortised O(1), no per-row objects; `done()` hands the filled prefix to the
 * writer.
 *
 * @module
 */

/** A growable Int32 column. */
export class I32 {
  /** Backing store (longer than the content). */
  a: Int32Array;
  /** Number of values. */
  n = 0;
  /** Starts with room for `cap` values. */
  constructor(cap = 1024) {
    this.a = new Int32Array(Math.max(16, cap));
  }
  /** Appends a value. */
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  /** The values, as a view of exactly their length (no copy). */
  done(): Int32Array {
    return this.a.subarray(0, this.n);
  }
}

/** A growable Float64 column (large ids, timestamps, totals; NaN = null). */
export class F64 {
  /** Backing store. */
  a: Float64Array;
  /** Number of values. */
  n = 0;
  /** Starts with room for `cap` values. */
  constructor(cap = 1024) {
    this.a = new Float64Array(Math.max(16, cap));
  }
  /** Appends a value. */
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  /** The values, as a view of exactly their length (no copy). */
  done(): Float64Array {
    return this.a.subarray(0, this.n);
  }
}

/** A growable Uint8 column (booleans and dictionary codes). */
export class U8 {
  /** Backing store. */
  a: Uint8Array;
  /** Number of values. */
  n = 0;
  /** Starts with room for `cap` values. */
  constructor(cap = 1024) {
    this.a = new Uint8Array(Math.max(16, cap));
  }
  /** Appends a value. */
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Uint8Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  /** The values, as a view of exactly their length (no copy). */
  done(): Uint8Array {
    return this.a.subarray(0, this.n);
  }
}
