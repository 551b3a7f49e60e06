/**
 * Random variates on top of the counter-based {@link Stream}: every sampler is
 * a pure function of (stream, row, parameters, draw), with no hidden state, so
 * any row can be generated alone and always gives the same value.
 *
 * Draw numbers. A sampler reads uniforms `s.u01(row, draw + i)`:
 * - single-uniform samplers (`normal`, `lognormal`, `uniform`, `bernoulli`,
 *   `Zipf.sample`, `AliasTable.sample`, and `poisson` for lambda < 12) read
 *   exactly `draw`;
 * - rejection samplers (`poisson` for lambda ≥ 12, `gamma`,
 *   `negativeBinomial`, `negativeBinomialMean`) read draws in
 *   `[draw, draw + DRAWS_PER_SAMPLE)`. Their loops are capped to that block;
 *   in the astronomically unlikely case it is exhausted they return a
 *   deterministic fallback, so a value is still a pure function of its inputs.
 *
 * A caller needing several independent values for one row must therefore not
 * use consecutive draw numbers with rejection samplers: space them by
 * {@link DRAWS_PER_SAMPLE} (`draw = j * DRAWS_PER_SAMPLE`), or use a separate
 * stream (`new Stream(seed, "table.column")`) per value, which is the
 * preferred way.
 *
 * Uniforms have 32 bits of resolution, so no sampler produces events rarer
 * than about 2^-32 through inversion (e.g. `normal` stays within ±6.4 sd).
 *
 * @module
 */

import type { Stream } from "./rng.ts";

/**
 * How many consecutive draw numbers a rejection sampler may read: a call with
 * draw `d` uses only draws `d … d + DRAWS_PER_SAMPLE - 1`.
 */
export const DRAWS_PER_SAMPLE = 64;

// ---------------------------------------------------------------------------
// Normal distribution

const SQRT_2PI = 2.5066282746310002;

/**
 * Lower tail Φ(-z) for z ≥ 0, accurate to about 1e-14 relative (checked
 * against mpmath): Hart's rational approximation (as given by West 2005) below
 * 3, Laplace's continued fraction above. Used by {@link normalInv}'s refinement.
 */
function lowerTail(z: number): number {
  const e = Math.exp(-0.5 * z * z);
  if (z < 3) {
    let n = 3.52624965998911e-02 * z + 0.700383064443688;
    n = n * z + 6.37396220353165;
    n = n * z + 33.912866078383;
    n = n * z + 112.079291497871;
    n = n * z + 221.213596169931;
    n = n * z + 220.206867912376;
    let d = 8.83883476483184e-02 * z + 1.75566716318264;
    d = d * z + 16.064177579207;
    d = d * z + 86.7807322029461;
    d = d * z + 296.564248779674;
    d = d * z + 637.333633378831;
    d = d * z + 793.826512519948;
    d = d * z + 440.413735824752;
    return (e * n) / d;
  }
  // Laplace's continued fraction, 48 terms: better than 4e-16 relative for
  // z ≥ 3, where Hart's rational drifts to ~1e-9 relative.
  let c = z;
  for (let k = 48; k >= 1; k--) c = z + k / c;
  return e / c / SQRT_2PI;
}

/**
 * The standard normal CDF Φ(x), accurate to about 1e-14 relative in the lower
 * tail (absolute 1e-16 in the upper one).
 */
export function normalCdf(x: number): number {
  return x <= 0 ? lowerTail(-x) : 1 - lowerTail(x);
}

// Acklam's rational approximations (relative error < 1.15e-9 before refinement).
const A0 = -3.969683028665376e+01, A1 = 2.209460984245205e+02, A2 = -2.759285104469687e+02;
const A3 = 1.383577518672690e+02, A4 = -3.066479806614716e+01, A5 = 2.506628277459239e+00;
const B0 = -5.447609879822406e+01, B1 = 1.615858368580409e+02, B2 = -1.556989798598866e+02;
const B3 = 6.680131188771972e+01, B4 = -1.328068155288572e+01;
const C0 = -7.784894002430293e-03, C1 = -3.223964580411365e-01, C2 = -2.400758277161838e+00;
const C3 = -2.549732539343734e+00, C4 = 4.374664141464968e+00, C5 = 2.938163982698783e+00;
const D0 = 7.784695709041462e-03, D1 = 3.224671290700398e-01, D2 = 2.445134137142996e+00;
const D3 = 3.754408661907416e+00;
const P_LOW = 0.02425;

/**
 * The inverse standard normal CDF (probit): Acklam's algorithm followed by one
 * Halley refinement step, accurate to well below 1e-9 (typically ~1e-15
 * relative). Returns -Infinity for p ≤ 0, Infinity for p ≥ 1, NaN for NaN.
 */
export function normalInv(p: number): number {
  if (!(p > 0)) return p === p ? -Infinity : NaN;
  if (p >= 1) return Infinity;
  // Work in the lower half (x ≤ 0) so the refinement sees an accurate tail;
  // 1 - p is exact for p ≥ 0.5.
  const upper = p > 0.5;
  const q = upper ? 1 - p : p;
  let x: number;
  if (q < P_LOW) {
    const t = Math.sqrt(-2 * Math.log(q));
    x = (((((C0 * t + C1) * t + C2) * t + C3) * t + C4) * t + C5) /
      ((((D0 * t + D1) * t + D2) * t + D3) * t + 1);
  } else {
    const t = q - 0.5;
    const r = t * t;
    x = (((((A0 * r + A1) * r + A2) * r + A3) * r + A4) * r + A5) * t /
      (((((B0 * r + B1) * r + B2) * r + B3) * r + B4) * r + 1);
  }
  // One step of Halley's method on Φ(x) - q = 0 (skipped where Φ underflows).
  if (q < 1e-300) return upper ? -x : x;
  const e = lowerTail(-x) - q;
  const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
  x = x - u / (1 + 0.5 * x * u);
  return upper ? -x : x;
}

/** A normal variate N(mean, sd²), by inversion of one uniform (reads `draw`). */
export function normal(s: Stream, row: number, mean = 0, sd = 1, draw = 0): number {
  return mean + sd * normalInv(s.u01(row, draw));
}

/**
 * A lognormal variate exp(N(mu, sigma²)) (reads `draw`); its median is
 * exp(mu) and its mean exp(mu + sigma²/2).
 */
export function lognormal(s: Stream, row: number, mu = 0, sigma = 1, draw = 0): number {
  return Math.exp(mu + sigma * normalInv(s.u01(row, draw)));
}

/** A uniform double in the open interval (lo, hi) (reads `draw`). */
export function uniform(s: Stream, row: number, lo = 0, hi = 1, draw = 0): number {
  return lo + (hi - lo) * s.u01(row, draw);
}

/** 1 with probability p, else 0 (reads `draw`). */
export function bernoulli(s: Stream, row: number, p: number, draw = 0): number {
  return s.u01(row, draw) < p ? 1 : 0;
}

// ---------------------------------------------------------------------------
// Poisson

const LOG_FACT_N = 256;
const LOG_FACT = new Float64Array(LOG_FACT_N);
for (let k = 2; k < LOG_FACT_N; k++) LOG_FACT[k] = LOG_FACT[k - 1] + Math.log(k);
const HALF_LOG_2PI = 0.9189385332046728;

/** log(k!) for a non-negative integer k (table below 256, Stirling series above). */
export function logFactorial(k: number): number {
  if (k < LOG_FACT_N) return LOG_FACT[k];
  const x = k + 1;
  const r = 1 / x, r2 = r * r;
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI +
    r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 / 1680)));
}

/** Below this mean Poisson variates come from inversion, above it from PTRS. */
const POISSON_INVERSION_MAX = 12;

function checkLambda(lambda: number): void {
  if (!(lambda >= 0 && lambda < Infinity)) {
    throw new RangeError(`poisson mean must be finite and ≥ 0, got ${lambda}`);
  }
}

/** Poisson core using at most `maxDraws` draws starting at `draw`. */
function poissonCore(
  s: Stream,
  row: number,
  lambda: number,
  draw: number,
  maxDraws: number,
): number {
  if (lambda === 0) return 0;
  if (lambda < POISSON_INVERSION_MAX) {
    // Inversion by sequential search: one uniform.
    const u = s.u01(row, draw);
    let p = Math.exp(-lambda);
    let f = p;
    let k = 0;
    while (u > f && k < 1000) {
      k++;
      p *= lambda / k;
      f += p;
    }
    return k;
  }
  // Hörmann (1993), "The transformed rejection method for generating Poisson
  // random variables" (PTRS): two uniforms per trial, acceptance ≈ 0.9+.
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (let i = 0; i + 1 < maxDraws; i += 2) {
    const u = s.u01(row, draw + i) - 0.5;
    const v = s.u01(row, draw + i + 1);
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (
      Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <=
        -lambda + k * loglam - logFactorial(k)
    ) return k;
  }
  // Deterministic fallback (practically unreachable): normal approximation.
  return Math.max(0, Math.round(lambda + slam * normalInv(s.u01(row, draw))));
}

/**
 * A Poisson variate with mean `lambda` (exact): inversion by sequential
 * search (one draw) for lambda < 12, Hörmann's PTRS transformed rejection
 * (draws `[draw, draw + DRAWS_PER_SAMPLE)`) above. lambda = 0 gives 0.
 * Throws RangeError for a negative or non-finite lambda.
 */
export function poisson(s: Stream, row: number, lambda: number, draw = 0): number {
  checkLambda(lambda);
  return poissonCore(s, row, lambda, draw, DRAWS_PER_SAMPLE);
}

// ---------------------------------------------------------------------------
// Gamma

/** Standard gamma (scale 1) core using at most `maxDraws` draws from `draw`. */
function gammaCore(s: Stream, row: number, shape: number, draw: number, maxDraws: number): number {
  let boost = 1;
  let first = draw;
  let a = shape;
  if (shape < 1) {
    // Gamma(a) = Gamma(a + 1) · U^(1/a).
    boost = Math.pow(s.u01(row, draw), 1 / shape);
    first = draw + 1;
    a = shape + 1;
  }
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const end = draw + maxDraws;
  for (let i = first; i + 1 < end; i += 2) {
    const x = normalInv(s.u01(row, i));
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = s.u01(row, i + 1);
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v * boost;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v * boost;
  }
  // Deterministic fallback (practically unreachable): the mean.
  return shape;
}

function checkGamma(shape: number, scale: number): void {
  if (!(shape > 0 && shape < Infinity)) {
    throw new RangeError(`gamma shape must be finite and > 0, got ${shape}`);
  }
  if (!(scale >= 0 && scale < Infinity)) {
    throw new RangeError(`gamma scale must be finite and ≥ 0, got ${scale}`);
  }
}

/**
 * A gamma variate with the given shape (k > 0) and scale (θ ≥ 0): mean kθ,
 * variance kθ². Marsaglia–Tsang (2000) with a normal by inversion and a
 * uniform per trial; for shape < 1 the boost Gamma(k) = Gamma(k+1)·U^(1/k).
 * Reads draws `[draw, draw + DRAWS_PER_SAMPLE)`.
 */
export function gamma(s: Stream, row: number, shape: number, scale = 1, draw = 0): number {
  checkGamma(shape, scale);
  return scale * gammaCore(s, row, shape, draw, DRAWS_PER_SAMPLE);
}

// ---------------------------------------------------------------------------
// Negative binomial

const NB_SPLIT = DRAWS_PER_SAMPLE / 2;

/**
 * A negative binomial variate: the number of failures before the r-th success
 * with success probability p, as a gamma–Poisson mixture (r > 0 may be
 * fractional; 0 < p ≤ 1). Mean r(1-p)/p, variance r(1-p)/p². The gamma uses
 * draws `[draw, draw + 32)`, the Poisson `[draw + 32, draw + 64)`.
 */
export function negativeBinomial(s: Stream, row: number, r: number, p: number, draw = 0): number {
  if (!(r > 0 && r < Infinity)) throw new RangeError(`negative binomial r must be > 0, got ${r}`);
  if (!(p > 0 && p <= 1)) throw new RangeError(`negative binomial p must be in (0, 1], got ${p}`);
  if (p === 1) return 0;
  const lambda = gammaCore(s, row, r, draw, NB_SPLIT) * ((1 - p) / p);
  return poissonCore(s, row, lambda, draw + NB_SPLIT, NB_SPLIT);
}

/**
 * A negative binomial variate parameterised by its mean and dispersion k
 * (k > 0; variance = mean + mean²/k; k = Infinity gives a Poisson). The usual
 * model for overdispersed counts such as intermittent demand. Same draws as
 * {@link negativeBinomial}.
 */
export function negativeBinomialMean(
  s: Stream,
  row: number,
  mean: number,
  k: number,
  draw = 0,
): number {
  if (!(mean >= 0 && mean < Infinity)) {
    throw new RangeError(`negative binomial mean must be finite and ≥ 0, got ${mean}`);
  }
  if (!(k > 0)) throw new RangeError(`negative binomial dispersion must be > 0, got ${k}`);
  if (mean === 0) return 0;
  if (k === Infinity) return poissonCore(s, row, mean, draw + NB_SPLIT, NB_SPLIT);
  const lambda = gammaCore(s, row, k, draw, NB_SPLIT) * (mean / k);
  return poissonCore(s, row, lambda, draw + NB_SPLIT, NB_SPLIT);
}

// ---------------------------------------------------------------------------
// Discrete distributions from tables

/**
 * The smallest index i with `u < cumulative[i]` (binary search), for a
 * non-decreasing array of cumulative weights; returns the last index when u is
 * at or beyond the total. Entries with zero weight are never returned for
 * u ≥ 0. To sample with unnormalised weights pass `u * total`.
 */
export function weightedIndex(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < cumulative[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The Zipf distribution on ranks 0 … n-1: P(k) ∝ 1 / (k + 1)^exponent
 * (exponent 0 is uniform). The CDF is precomputed; sampling is one uniform and
 * a binary search.
 */
export class Zipf {
  /** The normalised CDF: cdf[k] = P(X ≤ k), cdf[n-1] = 1. */
  readonly cdf: Float64Array;
  /** The normaliser Σ (k+1)^-exponent (the generalised harmonic number). */
  readonly norm: number;
  /** Builds the table for n ranks (n ≥ 1) and exponent ≥ 0. */
  constructor(readonly n: number, readonly exponent: number) {
    if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`Zipf n must be ≥ 1, got ${n}`);
    if (!(exponent >= 0 && exponent < Infinity)) {
      throw new RangeError(`Zipf exponent must be finite and ≥ 0, got ${exponent}`);
    }
    const cdf = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k++) {
      sum += Math.pow(k + 1, -exponent);
      cdf[k] = sum;
    }
    for (let k = 0; k < n; k++) cdf[k] /= sum;
    cdf[n - 1] = 1;
    this.cdf = cdf;
    this.norm = sum;
  }
  /** A rank in 0 … n-1 (reads `draw`). */
  sample(s: Stream, row: number, draw = 0): number {
    return weightedIndex(this.cdf, s.u01(row, draw));
  }
  /** A rank for a given uniform u in [0, 1). */
  sampleU(u: number): number {
    return weightedIndex(this.cdf, u);
  }
  /** P(X = k); 0 outside 0 … n-1. */
  pmf(k: number): number {
    if (!(k >= 0 && k < this.n && Number.isInteger(k))) return 0;
    return Math.pow(k + 1, -this.exponent) / this.norm;
  }
}

/** Scratch for {@link AliasTable}'s small and large stacks, grown on demand (construction is synchronous). */
let aliasStack = new Int32Array(256);

/**
 * Walker's alias method in Vose's numerically stable form: O(n) set-up, O(1)
 * sampling from one uniform for any discrete distribution given by
 * non-negative weights. Outcome probabilities are exact to within about
 * 2^-31 each (the resolution of one 32-bit uniform).
 */
export class AliasTable {
  /** Number of outcomes (columns). */
  readonly n: number;
  /** Per column, the probability of keeping the column itself. */
  readonly prob: Float64Array;
  /** Per column, the outcome taken otherwise. */
  readonly alias: Int32Array;
  /** Builds the table; throws RangeError on empty, negative, non-finite or all-zero weights. */
  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    if (n === 0) throw new RangeError("AliasTable needs at least one weight");
    if (n > 0x7fffffff) throw new RangeError("AliasTable too large");
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (!(w >= 0 && w < Infinity)) {
        throw new RangeError(`AliasTable weight ${i} must be finite and ≥ 0, got ${w}`);
      }
      total += w;
    }
    if (!(total > 0 && total < Infinity)) {
      throw new RangeError(`AliasTable weights must have a positive finite sum, got ${total}`);
    }
    // `prob` doubles as the working array of scaled weights: a column's entry
    // is final once it leaves the small stack, and only unfinished columns are
    // rescaled. The small stack grows up from the bottom of the shared scratch
    // and the large one down from index n - 1; together they never hold more
    // than n columns.
    const prob = new Float64Array(n);
    const alias = new Int32Array(n);
    if (aliasStack.length < n) aliasStack = new Int32Array(Math.max(n, 2 * aliasStack.length));
    const stack = aliasStack;
    let ns = 0, top = n; // small: stack[0 … ns); large: stack[top … n)
    for (let i = 0; i < n; i++) {
      const x = (weights[i] * n) / total;
      prob[i] = x;
      if (x < 1) stack[ns++] = i;
      else stack[--top] = i;
    }
    while (ns > 0 && top < n) {
      const l = stack[--ns];
      const g = stack[top++];
      alias[l] = g;
      const x = prob[g] + prob[l] - 1;
      prob[g] = x;
      if (x < 1) stack[ns++] = g;
      else stack[--top] = g;
    }
    // Leftovers are 1 up to rounding.
    while (top < n) {
      const g = stack[top++];
      prob[g] = 1;
      alias[g] = g;
    }
    while (ns > 0) {
      const l = stack[--ns];
      prob[l] = 1;
      alias[l] = l;
    }
    this.n = n;
    this.prob = prob;
    this.alias = alias;
  }
  /**
   * The outcome for a uniform u in [0, 1): the integer part of u·n picks the
   * column, the fractional part is compared with the column's probability.
   */
  sampleU(u: number): number {
    const x = u * this.n;
    let i = Math.floor(x);
    if (i >= this.n) i = this.n - 1;
    return x - i < this.prob[i] ? i : this.alias[i];
  }
  /** An outcome index in 0 … n-1 (reads `draw`). */
  sample(s: Stream, row: number, draw = 0): number {
    return this.sampleU(s.u01(row, draw));
  }
}
