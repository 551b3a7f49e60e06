/**
 * Weekly raw-material price indices (base oils, additive package, glycol,
 * steel, filter media) and the monthly cost factors that drive standard
 * costs.
 *
 * Each index is a log-linear trend times a stationary AR(1) noise, times one
 * documented shock (base oils, partly passed on to additives). The noise
 * recursion starts on a fixed Monday ({@link INDEX_ANCHOR_DAY}), so an index's
 * value on a week never depends on the run's period.
 *
 * Standard costs follow the indices with a lag: the cost of month m uses the
 * mean weekly index of months m − 3 and m − 2 ({@link COST_LAG_MONTHS}).
 *
 * @module
 */

import { dayOf, isoWeekday, parseDay, ymd } from "../core/dates.ts";
import { normal } from "../core/dist.ts";
import { Stream } from "../core/rng.ts";
import type { RunContext } from "../world/context.ts";
import { memoize } from "../world/context.ts";

/** One raw-material index. */
export interface IndexSpec {
  /** Stable code, e.g. `base_oil_group_ii`. */
  code: string;
  /** English name. */
  name: string;
  /** USD per tonne at index 100. */
  refUsdPerTonne: number;
  /** Log trend per year. */
  trendPerYear: number;
  /** Standard deviation of the weekly AR(1) innovation (log). */
  weeklyVol: number;
  /** AR(1) coefficient per week. */
  ar: number;
  /** Share of the base-oil shock the index takes (0 = unaffected). */
  shockShare: number;
}

/** The indices, in table order. */
export const RAW_MATERIAL_INDICES: readonly IndexSpec[] = [
  {
    code: "base_oil_group_ii",
    name: "Base oil, API Group II",
    refUsdPerTonne: 1050,
    trendPerYear: 0.02,
    weeklyVol: 0.016,
    ar: 0.97,
    shockShare: 1,
  },
  {
    code: "base_oil_group_iii",
    name: "Base oil, API Group III",
    refUsdPerTonne: 1350,
    trendPerYear: 0.02,
    weeklyVol: 0.008,
    ar: 0.97,
    shockShare: 0.9,
  },
  {
    code: "additive_package",
    name: "Lubricant additive package",
    refUsdPerTonne: 4200,
    trendPerYear: 0.03,
    weeklyVol: 0.006,
    ar: 0.98,
    shockShare: 0.35,
  },
  {
    code: "ethylene_glycol",
    name: "Mono-ethylene glycol",
    refUsdPerTonne: 900,
    trendPerYear: 0.01,
    weeklyVol: 0.022,
    ar: 0.95,
    shockShare: 0,
  },
  {
    code: "steel_coil",
    name: "Cold-rolled steel coil",
    refUsdPerTonne: 1000,
    trendPerYear: 0,
    weeklyVol: 0.018,
    ar: 0.975,
    shockShare: 0,
  },
  {
    code: "filter_media",
    name: "Filter media (cellulose and synthetic)",
    refUsdPerTonne: 2600,
    trendPerYear: 0.025,
    weeklyVol: 0.008,
    ar: 0.98,
    shockShare: 0,
  },
];

/** The Monday the noise recursions start from (fixed, so values do not depend on the period). */
export const INDEX_ANCHOR_DAY: number = parseDay("1990-01-01");
/** The Monday where every index's trend line is 100. */
export const INDEX_REFERENCE_DAY: number = parseDay("2023-01-02");

/** The base-oil price shock: a jump that ramps in over a few weeks and decays exponentially. */
export const BASE_OIL_SHOCK = {
  /** Preferred week (a Monday); used when it lies inside the period with 8 weeks to spare on both sides. */
  preferredWeek: "2024-04-01",
  /** Otherwise the shock lands on the Monday this far into the period. */
  fallbackFraction: 0.4,
  /** Peak size: +32 % on Group II base oil (times each index's shockShare). */
  size: 0.32,
  /** Weeks from start to peak (linear ramp). */
  rampWeeks: 3,
  /** Half-life of the decay after the peak, in weeks. */
  halfLifeWeeks: 26,
  /** What happened, for the dataset card. */
  story:
    "a refinery outage and export disruption tighten base-oil supply; prices jump about a third and ease over the following year",
} as const;

/** Standard costs use the mean index of months m − 3 … m − 2 (a lag of two to three months). */
export const COST_LAG_MONTHS = { from: 3, to: 2 } as const;

/** Yearly inflation of the non-material share of standard cost (labour, packaging, overhead). */
export const FIXED_COST_INFLATION = 0.03;

/** Cost mixes: share of standard cost per index; the rest is fixed (inflating) cost. */
export const COST_MIXES: Record<string, Record<string, number>> = {
  lube_group2: { base_oil_group_ii: 0.5, additive_package: 0.2 },
  lube_group3: { base_oil_group_iii: 0.5, additive_package: 0.22 },
  lube_pao: { base_oil_group_iii: 0.4, additive_package: 0.22 },
  grease: { base_oil_group_ii: 0.4, additive_package: 0.2 },
  coolant: { ethylene_glycol: 0.55, additive_package: 0.12 },
  filter_canister: { steel_coil: 0.3, filter_media: 0.25 },
  filter_element: { filter_media: 0.4, steel_coil: 0.05 },
};

/** Absolute month number (year × 12 + month − 1) of a day. */
export function monthNumber(day: number): number {
  const { year, month } = ymd(day);
  return year * 12 + month - 1;
}

/** First day of an absolute month number. */
export function monthStartDay(mn: number): number {
  return dayOf(Math.floor(mn / 12), (mn % 12) + 1, 1);
}

/** The indices of a run: weekly values from the anchor to the period's end. */
export interface RawMaterialModel {
  /** Monday of the shock's first week (day number). */
  shockDay: number;
  /** First Monday of the series (the anchor). */
  firstWeek: number;
  /** Weekly index values (100 = trend level on the reference day), per index code. */
  values: Record<string, Float64Array>;
  /** Index value of a code on the week containing `day`. */
  valueAt(code: string, day: number): number;
  /** Mean weekly value of a code over the Mondays in an absolute month. */
  monthMean(code: string, mn: number): number;
  /** Mondays from the one on/before the period's start to its end (the table's weeks). */
  tableWeeks(): number[];
}

/** The shock's Monday for a run: the preferred week if well inside the period, else 40 % in. */
export function shockDayOf(start: number, end: number): number {
  const preferred = parseDay(BASE_OIL_SHOCK.preferredWeek);
  if (preferred - 56 >= start && preferred + 56 <= end) return preferred;
  const d = start + Math.floor((end - start) * BASE_OIL_SHOCK.fallbackFraction);
  return d - (isoWeekday(d) - 1);
}

/** Multiplicative shock factor t weeks after the shock's start, for an index taking `share` of it. */
export function shockFactor(t: number, share: number): number {
  if (t < 0 || share === 0) return 1;
  const { size, rampWeeks, halfLifeWeeks } = BASE_OIL_SHOCK;
  const ramp = Math.min(1, (t + 1) / rampWeeks);
  const decay = t < rampWeeks ? 1 : Math.pow(2, -(t - rampWeeks + 1) / halfLifeWeeks);
  return 1 + size * share * ramp * decay;
}

/** The raw-material indices of a run (memoised). */
export function rawMaterialModel(ctx: RunContext): RawMaterialModel {
  return memoize("raw_materials", ctx, () => build(ctx));
}

function build(ctx: RunContext): RawMaterialModel {
  const firstWeek = Math.min(INDEX_ANCHOR_DAY, ctx.start - 200 - (isoWeekday(ctx.start - 200) - 1));
  const lastWeek = Math.max(ctx.end, INDEX_REFERENCE_DAY);
  const n = Math.floor((lastWeek - firstWeek) / 7) + 1;
  const shockDay = shockDayOf(ctx.start, ctx.end);
  const values: Record<string, Float64Array> = {};
  let groupII: Float64Array | null = null;
  for (const spec of RAW_MATERIAL_INDICES) {
    const s = new Stream(ctx.seed, `catalog/raw_material_index/${spec.code}`);
    const noise = new Float64Array(n);
    let x = 0;
    for (let w = 0; w < n; w++) {
      x = spec.ar * x + normal(s, firstWeek + 7 * w + 1_000_000, 0, spec.weeklyVol);
      noise[w] = x;
    }
    // Group III moves with Group II (shared supply), plus its own smaller noise.
    if (spec.code === "base_oil_group_iii" && groupII) {
      for (let w = 0; w < n; w++) noise[w] += 0.85 * groupII[w];
    }
    if (spec.code === "base_oil_group_ii") groupII = noise;
    const out = new Float64Array(n);
    for (let w = 0; w < n; w++) {
      const day = firstWeek + 7 * w;
      const years = (day - INDEX_REFERENCE_DAY) / 365.25;
      const shock = shockFactor(Math.floor((day - shockDay) / 7), spec.shockShare);
      out[w] = 100 * Math.exp(spec.trendPerYear * years + noise[w]) * shock;
    }
    values[spec.code] = out;
  }
  const weekOf = (day: number) => Math.max(0, Math.min(n - 1, Math.floor((day - firstWeek) / 7)));
  const monthCache = new Map<string, number>();
  return {
    shockDay,
    firstWeek,
    values,
    valueAt: (code, day) => values[code][weekOf(day)],
    monthMean(code, mn) {
      const key = `${code}|${mn}`;
      const hit = monthCache.get(key);
      if (hit !== undefined) return hit;
      const a = monthStartDay(mn), b = monthStartDay(mn + 1);
      let first = a + ((8 - isoWeekday(a)) % 7);
      let sum = 0, k = 0;
      for (; first < b; first += 7) {
        sum += values[code][weekOf(first)];
        k++;
      }
      const v = sum / k;
      monthCache.set(key, v);
      return v;
    },
    tableWeeks() {
      const out: number[] = [];
      for (let d = ctx.start - (isoWeekday(ctx.start) - 1); d <= ctx.end; d += 7) out.push(d);
      return out;
    },
  };
}

/**
 * The index a standard cost of absolute month `mn` uses: the mean weekly value
 * of months mn − 3 … mn − 2 ({@link COST_LAG_MONTHS}). Standard costs (the
 * price book's, and the makers' standard material prices) follow it.
 */
export function laggedIndex(rm: RawMaterialModel, code: string, mn: number): number {
  let m = 0;
  for (let k = mn - COST_LAG_MONTHS.from; k <= mn - COST_LAG_MONTHS.to; k++) {
    m += rm.monthMean(code, k);
  }
  return m / (COST_LAG_MONTHS.from - COST_LAG_MONTHS.to + 1);
}

/**
 * Cost factor of a mix for an absolute month: fixed share × inflation plus,
 * per index, its weight × (lagged mean index / 100). About 1 at reference prices.
 */
export function costFactor(rm: RawMaterialModel, mix: string, mn: number): number {
  const weights = COST_MIXES[mix];
  if (!weights) throw new Error(`unknown cost mix ${mix}`);
  let material = 0, share = 0;
  for (const [code, w] of Object.entries(weights)) {
    material += w * laggedIndex(rm, code, mn) / 100;
    share += w;
  }
  const years = (monthStartDay(mn) - INDEX_REFERENCE_DAY) / 365.25;
  return (1 - share) * Math.pow(1 + FIXED_COST_INFLATION, years) + material;
}
