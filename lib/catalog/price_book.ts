/**
 * The price book: for every SKU × geo segment whose shelves carry it, the
 * standard cost, manufacturer transfer price, distributor wholesale price and
 * retail list price (local currency, integer minor units) over validity
 * periods that tile the run's period. It is the only source of prices and
 * costs for every later table.
 *
 * Periods start on the first of a month (the first one on --start) and
 * `validTo` is inclusive (the last one ends on --end). A row is written only
 * when a price changes, so a SKU has between one and one row per month.
 *
 * How prices move (month by month):
 * - standard cost = base cost × cost factor of its raw-material mix (lagged
 *   2–3 months) × country landed-cost factor, at the country's planning FX
 *   rate; lubricants re-cost monthly, filters quarterly;
 * - transfer = cost / (1 − manufacturer margin), repriced quarterly
 *   (lubricants, Jan/Apr/Jul/Oct) or yearly (filters, January);
 * - wholesale = transfer / (1 − distributor margin) × segment price index^0.3,
 *   repriced the month after the transfer price;
 * - retail list = wholesale / (1 − retailer margin) × segment price index^0.7
 *   × country price level, plus VAT where shelf prices include it, ending in
 *   .99; reviewed every March and, out of cycle, every other month (the
 *   month staggered by line: brand × subcategory) when its target has moved
 *   more than 4 % since the price was last set (measured against that target,
 *   not against the rounded shelf price, so a target hovering near a .99
 *   boundary does not flip the shelf price back and forth); a review moves
 *   the shelf price at most 6 % toward the target, so a cost shock reaches
 *   the shelf in steps, line by line, over several months (retailers pass
 *   cost increases on in rounds of a few percent);
 * - and the retail list price carries the SKU's price position in its
 *   segment (competitive repricing against other retailers' shelf prices): a
 *   log-normal factor around 1 (σ {@link REPOSITION}.sigma), drawn for the
 *   first month and redrawn at random, about once every 20 months, in any
 *   month; a repositioning is a review. It gives a SKU's shelf price moves of
 *   its own beside its kind's, as real shelf prices have (and as a demand
 *   model needs to show its price elasticity).
 * Every tier reprices at once when the tier below would leave it under a
 * 4 % (retail: 8 %) markup, so cost < transfer < wholesale < retail ex tax always.
 *
 * @module
 */

import { normalInv } from "../core/dist.ts";
import { priceEnding } from "../core/money.ts";
import { Stream } from "../core/rng.ts";
import type { RunContext } from "../world/context.ts";
import { memoize } from "../world/context.ts";
import { geoModel } from "../world/geography.ts";
import { catalogModel } from "./model.ts";
import { costFactor, monthNumber, monthStartDay, rawMaterialModel } from "./raw_materials.ts";

/** Landed-cost factor by country (freight and duty on top of the plant cost). */
export const COUNTRY_COST_FACTOR: Record<string, number> = {
  US: 1.0,
  CA: 1.05,
  GB: 1.07,
  DE: 1.03,
  FR: 1.04,
  AU: 1.1,
};

/** Retail price level by country, relative to the US at planning FX rates (before VAT). */
export const COUNTRY_PRICE_LEVEL: Record<string, number> = {
  US: 1.0,
  CA: 1.04,
  GB: 1.0,
  DE: 0.98,
  FR: 1.0,
  AU: 1.04,
};

/** Repricing rules, for documentation and ground truth. */
export const REPRICING = {
  costMonthsLubricants: "every month",
  costMonthsFilters: [1, 4, 7, 10],
  transferMonthsLubricants: [1, 4, 7, 10],
  transferMonthsFilters: [1],
  wholesaleMonthsLubricants: [2, 5, 8, 11],
  wholesaleMonthsFilters: [2],
  retailReviewMonth: 3,
  retailOutOfCycleThreshold: 0.04,
  retailOutOfCycleMeasuredAgainst: "the retail target when the shelf price was last set",
  /** Out-of-cycle reviews of a line (brand × subcategory) every this many months, staggered by line. */
  retailOutOfCycleEveryMonths: 2,
  /** Largest move of a line's shelf price at one review (toward its target), either way. */
  retailMaxStep: 0.06,
  minimumMarkup: { transfer: 0.04, wholesale: 0.04, retail: 0.08 },
  retailEnding: 99,
} as const;

/**
 * Competitive repricing of a SKU's shelf price in a segment: each month it is
 * repositioned with probability `monthly` to a price position
 * exp(N(0, sigma²)), clipped at ±2 sigma, that multiplies its retail target.
 * With the cost-driven reviews, shelf prices change in about one SKU-month in
 * ten, as regular (non-sale) prices do (Nakamura & Steinsson 2008: 9–12 % a
 * month).
 */
export const REPOSITION = { monthly: 0.06, sigma: 0.08 } as const;

/** Why a price-book row starts: bit flags, joined with "+" in the table. */
export const CHANGE_REASONS = ["period_start", "cost", "transfer", "wholesale", "retail"] as const;

/** The price book of a run. */
export interface PriceBook {
  /**
   * Row into the price arrays for (product index 0-based, segment index
   * 0-based, day number); -1 when the segment's shelves do not carry the
   * product. Days outside the period are clamped to its first or last day. O(1).
   */
  row(productIndex: number, segmentIndex: number, day: number): number;
  /** Standard cost (integer minor units, local currency of the segment). */
  cost: Float64Array;
  /** Manufacturer transfer price to the distributor. */
  transfer: Float64Array;
  /** Distributor wholesale price to the retailer and trade. */
  wholesale: Float64Array;
  /** Retail list (shelf) price; includes VAT where the country's shelf prices do. */
  retail: Float64Array;
  /** Retail list price without tax (equal to `retail` where shelf prices exclude tax). */
  retailExTax: Float64Array;
  /** Retail bundle price of a kit (1-based id) in a segment on a day, < the sum of its components' retail; -1 when not carried. */
  kitPrice(kitId: number, segmentIndex: number, day: number): number;
  /** Rows of the table. */
  rows: number;
  /** First day of each row's validity (day number). */
  validFrom: Int32Array;
  /** Last day of each row's validity, inclusive (day number). */
  validTo: Int32Array;
  /** Product index (0-based) of each row. */
  productIndex: Int32Array;
  /** Segment index (0-based) of each row. */
  segmentIndex: Int32Array;
  /** Bit flags of {@link CHANGE_REASONS} per row. */
  reason: Uint8Array;
  /** ISO currency per segment index. */
  currencyOfSegment: string[];
  /** Month slots of the period: first day of each (the first is --start). */
  monthStart: Int32Array;
  /** The month slot (0-based) of a day (clamped to the period). */
  monthOf(day: number): number;
  /** The kit-price table: rows where a kit's price changes. */
  kits: KitPriceTable;
}

/** Kit prices per kit × segment × validity period. */
export interface KitPriceTable {
  /** Number of rows. */
  rows: number;
  /** Kit id (1-based). */
  kitId: Int32Array;
  /** Segment index (0-based). */
  segmentIndex: Int32Array;
  /** First day valid. */
  validFrom: Int32Array;
  /** Last day valid (inclusive). */
  validTo: Int32Array;
  /** Kit bundle price (retail, as the shelf shows it). */
  price: Float64Array;
  /** Sum of the components' retail list prices × quantities. */
  componentsRetail: Float64Array;
}

/**
 * A standard cost in minor units: the product's base cost (USD at reference
 * raw-material prices) × a landed-cost factor (1 ex works) × the planning FX
 * rate (units per USD) × the month's cost factor of its mix. The price book's
 * standard_cost and the makers' plant standard costs are both this.
 */
export function standardCost(
  baseCostUsd: number,
  landed: number,
  perUsd: number,
  factor: number,
): number {
  return Math.round(baseCostUsd * landed * perUsd * 100 * factor);
}

/** The price book of a run (memoised; pure). */
export function priceBook(ctx: RunContext): PriceBook {
  return memoize("price_book", ctx, () => buildPriceBook(ctx));
}

function buildPriceBook(ctx: RunContext): PriceBook {
  const cat = catalogModel(ctx);
  const geo = geoModel(ctx);
  const rm = rawMaterialModel(ctx);
  const P = cat.products.length, S = geo.segments.length;
  const m0 = monthNumber(ctx.start);
  const M = monthNumber(ctx.end) - m0 + 1;
  const monthStart = new Int32Array(M);
  const monthEnd = new Int32Array(M);
  for (let m = 0; m < M; m++) {
    monthStart[m] = m === 0 ? ctx.start : monthStartDay(m0 + m);
    monthEnd[m] = m === M - 1 ? ctx.end : monthStartDay(m0 + m + 1) - 1;
  }
  const span = ctx.end - ctx.start;
  const dayMonth = new Uint16Array(span + 1);
  for (let m = 0; m < M; m++) {
    dayMonth.fill(m, monthStart[m] - ctx.start, monthEnd[m] - ctx.start + 1);
  }

  // Cost factors per mix per month.
  const factors = new Map<string, Float64Array>();
  for (const p of cat.products) {
    if (factors.has(p.costMix)) continue;
    const f = new Float64Array(M);
    for (let m = 0; m < M; m++) f[m] = costFactor(rm, p.costMix, m0 + m);
    factors.set(p.costMix, f);
  }

  const cap = P * S * M;
  const cost = new Float64Array(cap),
    transfer = new Float64Array(cap),
    wholesale = new Float64Array(cap);
  const retail = new Float64Array(cap), retailExTax = new Float64Array(cap);
  const validFrom = new Int32Array(cap), validTo = new Int32Array(cap);
  const productIndex = new Int32Array(cap), segmentIndex = new Int32Array(cap);
  const reason = new Uint8Array(cap);
  const monthRow = new Int32Array(cap).fill(-1);
  let rows = 0;

  const segs = geo.segments.map((seg, s) => {
    const c = geo.countryOf(s);
    return {
      units: c.units,
      fx: c.perUsd,
      landed: COUNTRY_COST_FACTOR[c.code] ?? 1,
      level: COUNTRY_PRICE_LEVEL[c.code] ?? 1,
      tax: c.taxIncluded ? c.taxBp / 10000 : 0,
      wIdx: Math.pow(seg.priceIndex, 0.3),
      rIdx: Math.pow(seg.priceIndex, 0.7),
    };
  });
  const R = REPRICING;
  const repo = new Stream(ctx.seed, "catalog.price_position");
  /** The price position of (product, segment) drawn in absolute month `month` (draw 0: whether, 1: where). */
  const position = (key: number, month: number) => {
    const z = normalInv(Math.min(1 - 1e-12, Math.max(1e-12, repo.u01(key * 65536 + month, 1))));
    return Math.exp(REPOSITION.sigma * Math.max(-2, Math.min(2, z)));
  };
  for (let p = 0; p < P; p++) {
    const prod = cat.products[p];
    const lube = !prod.kind.endsWith("_filter");
    const f = factors.get(prod.costMix)!;
    const mfr = 1 - prod.mfrMargin, dist = 1 - prod.distMargin, ret = 1 - prod.retailMargin;
    for (let s = 0; s < S; s++) {
      const sg = segs[s];
      if (prod.market !== "all" && prod.market !== sg.units) continue;
      let C = 0, T = 0, W = 0, L = 0, X = 0;
      let anchor = 0; // the retail target when the shelf price was last set
      const key = p * S + s;
      let pos = position(key, m0);
      // The line's out-of-cycle review months: staggered by brand × subcategory.
      const line = lineOffset(prod.brandId, prod.subcategory, R.retailOutOfCycleEveryMonths);
      let open = -1;
      for (let m = 0; m < M; m++) {
        const cal = (m0 + m) % 12 + 1;
        let why = m === 0 ? 1 : 0;
        const c = (m === 0 || lube || cal % 3 === 1)
          ? standardCost(prod.baseCostUsd, sg.landed, sg.fx, f[m])
          : C;
        if (c !== C) (C = c, why |= 2);
        if (
          m === 0 || (lube ? cal % 3 === 1 : cal === 1) || C * (1 + R.minimumMarkup.transfer) >= T
        ) {
          const t = Math.max(C + 1, Math.round(C / mfr));
          if (t !== T) (T = t, why |= 4);
        }
        if (
          m === 0 || (lube ? cal % 3 === 2 : cal === 2) || T * (1 + R.minimumMarkup.wholesale) >= W
        ) {
          const w = Math.max(T + 1, Math.round((T / dist) * sg.wIdx));
          if (w !== W) (W = w, why |= 8);
        }
        const repositioned = m > 0 && repo.chance(key * 65536 + m0 + m, REPOSITION.monthly, 0);
        if (repositioned) pos = position(key, m0 + m);
        const full = (W / ret) * sg.rIdx * sg.level * pos;
        const review = repositioned || cal === R.retailReviewMonth ||
          ((m + line) % R.retailOutOfCycleEveryMonths === 0 &&
            Math.abs(full / anchor - 1) > R.retailOutOfCycleThreshold);
        if (m === 0 || review || W * (1 + R.minimumMarkup.retail) >= X) {
          const target = m === 0 ? full : Math.min(
            anchor * (1 + R.retailMaxStep),
            Math.max(anchor * (1 - R.retailMaxStep), full),
          );
          let l = priceEnding(target * (1 + sg.tax), R.retailEnding);
          let x = sg.tax ? Math.round(l / (1 + sg.tax)) : l;
          while (x <= W * (1 + R.minimumMarkup.retail)) {
            l += 100;
            x = sg.tax ? Math.round(l / (1 + sg.tax)) : l;
          }
          anchor = target;
          if (l !== L) (L = l, X = x, why |= 16);
        }
        if (why) {
          if (open >= 0) validTo[open] = monthStart[m] - 1;
          open = rows++;
          cost[open] = C;
          transfer[open] = T;
          wholesale[open] = W;
          retail[open] = L;
          retailExTax[open] = X;
          validFrom[open] = monthStart[m];
          productIndex[open] = p;
          segmentIndex[open] = s;
          reason[open] = why;
        }
        monthRow[(p * S + s) * M + m] = open;
      }
      validTo[open] = ctx.end;
    }
  }

  const kits = buildKitPrices(
    cat.kits,
    S,
    M,
    segs.map((x) => x.units),
    monthStart,
    monthEnd,
    (p, s, m) => {
      const r = monthRow[(p * S + s) * M + m];
      return r < 0 ? NaN : retail[r];
    },
  );

  const monthOf = (day: number) => {
    let d = day - ctx.start;
    if (d < 0) d = 0;
    else if (d > span) d = span;
    return dayMonth[d];
  };
  return {
    row(pi, si, day) {
      let d = day - ctx.start;
      if (d < 0) d = 0;
      else if (d > span) d = span;
      return monthRow[(pi * S + si) * M + dayMonth[d]];
    },
    cost: cost.slice(0, rows),
    transfer: transfer.slice(0, rows),
    wholesale: wholesale.slice(0, rows),
    retail: retail.slice(0, rows),
    retailExTax: retailExTax.slice(0, rows),
    kitPrice(kitId, si, day) {
      return kits.month[((kitId - 1) * S + si) * M + monthOf(day)];
    },
    rows,
    validFrom: validFrom.slice(0, rows),
    validTo: validTo.slice(0, rows),
    productIndex: productIndex.slice(0, rows),
    segmentIndex: segmentIndex.slice(0, rows),
    reason: reason.slice(0, rows),
    currencyOfSegment: geo.segments.map((_, s) => geo.countryOf(s).currency),
    monthStart,
    monthOf,
    kits: kits.table,
  };
}

/** A line's offset (0 … every − 1) among the out-of-cycle review months: a hash of brand and subcategory. */
function lineOffset(brandId: number, subcategory: string, every: number): number {
  let h = brandId * 2654435761 >>> 0;
  for (let i = 0; i < subcategory.length; i++) {
    h = Math.imul(h ^ subcategory.charCodeAt(i), 16777619) >>> 0;
  }
  return h % every;
}

function buildKitPrices(
  kits: ReturnType<typeof catalogModel>["kits"],
  S: number,
  M: number,
  units: string[],
  monthStart: Int32Array,
  monthEnd: Int32Array,
  retailAt: (p: number, s: number, m: number) => number,
): { month: Float64Array; table: KitPriceTable } {
  const K = kits.length;
  const month = new Float64Array(K * S * M).fill(-1);
  const cap = K * S * M;
  const t = {
    kitId: new Int32Array(cap),
    segmentIndex: new Int32Array(cap),
    validFrom: new Int32Array(cap),
    validTo: new Int32Array(cap),
    price: new Float64Array(cap),
    componentsRetail: new Float64Array(cap),
  };
  let rows = 0;
  for (const kit of kits) {
    for (let s = 0; s < S; s++) {
      if (units[s] !== kit.market) continue;
      let open = -1;
      const last = new Float64Array(kit.components.length).fill(-1);
      for (let m = 0; m < M; m++) {
        let sum = 0, changed = false;
        kit.components.forEach((c, j) => {
          const r = retailAt(c.productId - 1, s, m);
          if (r !== last[j]) (changed = true, last[j] = r);
          sum += c.qty * r;
        });
        let price = priceEnding(sum * (1 - kit.discount));
        while (price >= sum) price -= 100;
        month[((kit.id - 1) * S + s) * M + m] = price;
        if (changed) {
          if (open >= 0) t.validTo[open] = monthStart[m] - 1;
          open = rows++;
          t.kitId[open] = kit.id;
          t.segmentIndex[open] = s;
          t.validFrom[open] = monthStart[m];
          t.price[open] = price;
          t.componentsRetail[open] = sum;
        }
      }
      t.validTo[open] = monthEnd[M - 1];
    }
  }
  return {
    month,
    table: {
      rows,
      kitId: t.kitId.slice(0, rows),
      segmentIndex: t.segmentIndex.slice(0, rows),
      validFrom: t.validFrom.slice(0, rows),
      validTo: t.validTo.slice(0, rows),
      price: t.price.slice(0, rows),
      componentsRetail: t.componentsRetail.slice(0, rows),
    },
  };
}
