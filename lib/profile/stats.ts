/**
 * The small statistics a profile needs, pure and on plain arrays: least
 * squares, alternating-projection demeaning (fixed effects), the first
 * harmonic of a yearly cycle, relative errors.
 *
 * @module
 */

/**
 * Least squares: the coefficients b minimising |y − X b|², where `X` is given
 * column by column. Solves the normal equations by Gaussian elimination with
 * partial pivoting; throws when the columns are collinear.
 */
export function leastSquares(columns: ArrayLike<number>[], y: ArrayLike<number>): number[] {
  const k = columns.length, n = y.length;
  const a: number[][] = Array.from({ length: k }, () => new Array(k + 1).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += columns[i][r] * columns[j][r];
      a[i][j] = s;
      a[j][i] = s;
    }
    let s = 0;
    for (let r = 0; r < n; r++) s += columns[i][r] * y[r];
    a[i][k] = s;
  }
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    if (Math.abs(a[p][c]) < 1e-12) throw new Error("leastSquares: collinear columns");
    [a[c], a[p]] = [a[p], a[c]];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = a[r][c] / a[c][c];
      for (let j = c; j <= k; j++) a[r][j] -= f * a[c][j];
    }
  }
  return a.map((row, i) => row[k] / row[i]);
}

/**
 * Removes fixed effects from `v` in place: alternately subtracts the mean of
 * each group of every grouping (`groups[g][row]` is the row's group id in
 * grouping g, ids 0 … n−1) until the largest change is below `tol`. With one
 * grouping this is plain within-group demeaning; with two it is the two-way
 * within transformation (the method of alternating projections).
 */
export function demean(
  v: Float64Array,
  groups: Int32Array[],
  maxIter = 200,
  tol = 1e-10,
): Float64Array {
  return demeanWeighted(v, groups, new Float64Array(v.length).fill(1), maxIter, tol);
}

/** Slope of y on x through the origin: Σxy / Σx² (for demeaned data); NaN when x does not vary. */
export function slope(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let sxy = 0, sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += x[i] * y[i];
    sxx += x[i] * x[i];
  }
  return sxx > 0 ? sxy / sxx : NaN;
}

/**
 * The amplitude A of a multiplicative cycle 1 + A·cos(θ) from the first
 * harmonic c of its logarithm: log(1 + A cos θ) has first harmonic
 * c = 2(1 − √(1 − A²)) / A, so A = c / (1 + c²/4).
 */
export function amplitudeFromLogHarmonic(c: number): number {
  return c / (1 + (c * c) / 4);
}

/** (value − truth) / |truth|; undefined when either is missing or truth is 0. */
export function relativeError(value: number | null, truth: number | undefined): number | undefined {
  if (value === null || truth === undefined || !Number.isFinite(value) || truth === 0) {
    return undefined;
  }
  return (value - truth) / Math.abs(truth);
}

/**
 * Weighted version of {@link demean}: alternately subtracts each group's
 * `w`-weighted mean until the largest change is below `tol`.
 */
export function demeanWeighted(
  v: Float64Array,
  groups: Int32Array[],
  w: Float64Array,
  maxIter = 500,
  tol = 1e-10,
): Float64Array {
  const sizes = groups.map((g) => {
    let m = 0;
    for (let i = 0; i < g.length; i++) if (g[i] + 1 > m) m = g[i] + 1;
    return m;
  });
  const weights = groups.map((g, gi) => {
    const c = new Float64Array(sizes[gi]);
    for (let i = 0; i < g.length; i++) c[g[i]] += w[i];
    return c;
  });
  for (let it = 0; it < maxIter; it++) {
    let change = 0;
    groups.forEach((g, gi) => {
      const sum = new Float64Array(sizes[gi]);
      for (let i = 0; i < v.length; i++) sum[g[i]] += w[i] * v[i];
      for (let j = 0; j < sum.length; j++) {
        sum[j] = weights[gi][j] > 0 ? sum[j] / weights[gi][j] : 0;
        if (Math.abs(sum[j]) > change) change = Math.abs(sum[j]);
      }
      for (let i = 0; i < v.length; i++) v[i] -= sum[g[i]];
    });
    if (groups.length === 1 || change < tol) break;
  }
  return v;
}

/**
 * Poisson pseudo-maximum likelihood of a count `y` on one regressor `x`
 * with high-dimensional fixed effects (`groups`, as in {@link demean}) and a
 * log exposure `offset`: E[y] = exp(offset + β·x + fixed effects). Returns β
 * and its standard error, robust to any correlation within the clusters of
 * `groups[0]` (the sandwich estimator). Iteratively reweighted least squares,
 * the fixed effects removed by weighted alternating projections at each step
 * (Correia, Guimarães & Zylkin 2020, "Fast Poisson estimation with
 * high-dimensional fixed effects"). Counts may be zero (the reason to prefer
 * it to least squares on log counts, Santos Silva & Tenreyro 2006); groups
 * whose counts are all zero carry no information and must be left out by the
 * caller.
 */
export function poissonSlope(
  y: Float64Array,
  x: Float64Array,
  offset: Float64Array,
  groups: Int32Array[],
  maxIter = 100,
  tol = 1e-9,
): { beta: number; se: number } {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= Math.max(1, n);
  const mu = Float64Array.from(y, (v) => (v + mean) / 2);
  const eta = Float64Array.from(mu, Math.log);
  let beta = 0;
  let xt: Float64Array = new Float64Array(n);
  for (let it = 0; it < maxIter; it++) {
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) z[i] = eta[i] - offset[i] + (y[i] - mu[i]) / mu[i];
    const zt = demeanWeighted(z.slice(), groups, mu);
    xt = demeanWeighted(x.slice(), groups, mu);
    let sxy = 0, sxx = 0;
    for (let i = 0; i < n; i++) (sxy += mu[i] * xt[i] * zt[i], sxx += mu[i] * xt[i] * xt[i]);
    if (!(sxx > 0)) return { beta: NaN, se: NaN };
    const b = sxy / sxx;
    for (let i = 0; i < n; i++) {
      eta[i] = offset[i] + z[i] - zt[i] + xt[i] * b;
      mu[i] = Math.exp(eta[i]);
    }
    const done = Math.abs(b - beta) < tol * (1 + Math.abs(b));
    beta = b;
    if (done && it > 0) break;
  }
  // Sandwich: (Σ μ x̃²)⁻¹ · Σ over clusters (Σ x̃ (y − μ))² · (Σ μ x̃²)⁻¹.
  let bread = 0;
  const score = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    bread += mu[i] * xt[i] * xt[i];
    const c = groups[0][i];
    score.set(c, (score.get(c) ?? 0) + xt[i] * (y[i] - mu[i]));
  }
  let meat = 0;
  for (const v of score.values()) meat += v * v;
  return { beta, se: Math.sqrt(meat) / bread };
}
