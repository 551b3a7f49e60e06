/**
 * The retailer's promotion calendar: per geo segment, promotions of five
 * mechanics (percent off, fixed price, buy x get y, kit deal, lubricant deal
 * with a part purchase), each for a window of whole weeks starting on a Monday,
 * for one audience (everyone, loyalty members, or trade accounts) and a set of
 * SKUs. Country-wide campaigns repeat the same offer in every segment of the
 * country (one promotion row per segment, sharing a campaign code); local
 * promotions run in one segment.
 *
 * A pure function of the run (memoised); the basket simulation reads it to
 * apply discounts (only inside the window, segment and audience) and to lift
 * demand, and the `promotions` / `promotion_products` tables write it.
 *
 * @module
 */

import { isoWeek, isoWeekday } from "../../core/dates.ts";
import { AliasTable, poisson } from "../../core/dist.ts";
import { priceEnding } from "../../core/money.ts";
import { Stream } from "../../core/rng.ts";
import { type Catalog, catalogModel, type Product, type ProductKind } from "../../catalog/model.ts";
import { type PriceBook, priceBook } from "../../catalog/price_book.ts";
import type { RunContext } from "../../world/context.ts";
import { memoize } from "../../world/context.ts";
import { geoModel } from "../../world/geography.ts";
import {
  KIND_WEIGHT_DIY,
  KINDS,
  type Mechanic,
  MECHANIC_MIX,
  MECHANICS,
  P_CAMPAIGN,
  PROMO_AUDIENCE,
  PROMOS_PER_4_WEEKS,
} from "./params.ts";

/** Audiences of a promotion, by code. */
export const AUDIENCES = ["all", "loyalty", "trade"] as const;

/** One promotion in one geo segment. */
export interface Promotion {
  /** 1-based id, dense. */
  id: number;
  /** Display name. */
  name: string;
  /** Mechanic. */
  mechanic: Mechanic;
  /** Campaign code shared by a country-wide campaign's promotions, or null. */
  campaign: string | null;
  /** Segment index. */
  segment: number;
  /** Audience code: 0 all, 1 loyalty members, 2 trade accounts. */
  audience: number;
  /** First day. */
  start: number;
  /** Last day (inclusive). */
  end: number;
  /** Discount in basis points (percent_off, kit_deal, lube_deal), else 0. */
  pctBp: number;
  /** buy_x_get_y: units to pay for. */
  buy: number;
  /** buy_x_get_y: units free. */
  get: number;
  /** Product indices (0-based) the offer applies to (empty for kit deals: every oil-change kit). */
  products: Int32Array;
  /** fixed_price: the promotional shelf price per product (minor units), else NaN. */
  promoPrice: Float64Array;
}

/** The promotion calendar of a run. */
export interface PromotionModel {
  /** Every promotion, by id − 1. */
  promotions: Promotion[];
  /** Per segment index, its promotions ordered by start. */
  bySegment: Promotion[][];
}

/** The promotion calendar (memoised; pure). */
export function promotionModel(ctx: RunContext): PromotionModel {
  return memoize("retail.promotions", ctx, () => buildPromotions(ctx));
}

const PCT_OFF = [1000, 1500, 2000, 2500, 3000];
const PCT_OFF_W = [0.2, 0.3, 0.25, 0.15, 0.1];
const BXGY: [number, number][] = [[2, 1], [3, 1], [4, 1]];
// Oil-change specials: the deeper ones sell the kit near or below cost (a loss leader that brings the
// DIY oil change, and its extras, into the store).
const KIT_PCT = [1500, 2500, 3500, 4500];
const LUBE_PCT = [2000, 2500, 3000, 4000];
const DURATIONS = [7, 14, 21];
const DURATION_W = [0.4, 0.45, 0.15];
const LUBE_KINDS: ProductKind[] = ["atf", "gear_oil", "grease", "coolant"];
const MAX_PRODUCTS = 12;

function pick<T>(xs: readonly T[], w: readonly number[], u: number): T {
  let t = 0;
  for (const x of w) t += x;
  let a = u * t;
  for (let i = 0; i < xs.length; i++) {
    a -= w[i];
    if (a < 0) return xs[i];
  }
  return xs[xs.length - 1];
}

/** Draft of an offer, before it is placed in segments. */
interface Draft {
  mechanic: Mechanic;
  audience: number;
  days: number;
  pctBp: number;
  buy: number;
  get: number;
  products: number[];
  fixedFactor: number;
  name: string;
}

function buildPromotions(ctx: RunContext): PromotionModel {
  const cat = catalogModel(ctx);
  const pb = priceBook(ctx);
  const geo = geoModel(ctx);
  const s = new Stream(ctx.seed, "promotions");
  const promotions: Promotion[] = [];
  const firstMonday = ctx.start + ((8 - isoWeekday(ctx.start)) % 7);
  const rate = PROMOS_PER_4_WEEKS / 4;
  let row = 0;
  for (const country of geo.countries) {
    const segs = geo.segments.map((sg, i) => [sg, i] as const).filter(([sg]) =>
      sg.country === country.code
    );
    const market = country.units;
    for (let monday = firstMonday; monday <= ctx.end; monday += 7) {
      const wk = isoWeek(monday);
      const campaigns = poisson(s, row++, rate * P_CAMPAIGN);
      for (let k = 0; k < campaigns; k++) {
        const d = draft(s, row++, cat, market, monday);
        if (!d) continue;
        const code = `${country.code}-${wk.year}W${String(wk.week).padStart(2, "0")}-${k + 1}`;
        for (const [, si] of segs) {
          promotions.push(place(ctx, pb, d, si, monday, code, promotions.length + 1));
        }
      }
      for (const [, si] of segs) {
        const local = poisson(s, row++, rate * (1 - P_CAMPAIGN));
        for (let k = 0; k < local; k++) {
          const d = draft(s, row++, cat, market, monday);
          if (d) promotions.push(place(ctx, pb, d, si, monday, null, promotions.length + 1));
        }
      }
    }
  }
  const bySegment: Promotion[][] = geo.segments.map(() => []);
  for (const p of promotions) bySegment[p.segment].push(p);
  for (const list of bySegment) list.sort((a, b) => a.start - b.start || a.id - b.id);
  return { promotions, bySegment };
}

function place(
  ctx: RunContext,
  pb: PriceBook,
  d: Draft,
  segment: number,
  monday: number,
  campaign: string | null,
  id: number,
): Promotion {
  const promoPrice = new Float64Array(d.products.length).fill(NaN);
  if (d.mechanic === "fixed_price") {
    d.products.forEach((p, i) => {
      const list = pb.retail[pb.row(p, segment, monday)];
      let price = priceEnding(list * d.fixedFactor);
      if (price >= list) price = list - 100;
      promoPrice[i] = Math.max(99, price);
    });
  }
  return {
    id,
    name: d.name,
    mechanic: d.mechanic,
    campaign,
    segment,
    audience: d.audience,
    start: monday,
    end: Math.min(ctx.end, monday + d.days - 1),
    pctBp: d.pctBp,
    buy: d.buy,
    get: d.get,
    products: Int32Array.from(d.products),
    promoPrice,
  };
}

/** Products of the market on sale for the whole window, not bulk. */
function onSale(cat: Catalog, market: "us" | "metric", from: number, to: number): number[] {
  const out: number[] = [];
  cat.products.forEach((p, i) => {
    if (p.bulk || !cat.carriedIn(i, market)) return;
    if (p.launchDay > from || (p.discontinueDay !== null && p.discontinueDay <= to)) return;
    out.push(i);
  });
  return out;
}

function pop(p: Product, market: "us" | "metric"): number {
  return market === "us" ? p.popUs : p.popMetric;
}

/** A brand's products of some kinds: the own brand (Torqline) half the time, else a popular brand. */
function brandSet(
  s: Stream,
  row: number,
  cat: Catalog,
  market: "us" | "metric",
  cands: number[],
  keep: (p: Product) => boolean,
): number[] {
  const pool = cands.filter((i) => keep(cat.products[i]));
  if (!pool.length) return [];
  const own = pool.filter((i) => cat.products[i].brandType === "private_label");
  let brand: number;
  if (own.length && s.chance(row, 0.5, 20)) brand = cat.products[own[0]].brandId;
  else {
    const a = new AliasTable(pool.map((i) => pop(cat.products[i], market) + 1e-9));
    brand = cat.products[pool[a.sample(s, row, 21)]].brandId;
  }
  let set = pool.filter((i) => cat.products[i].brandId === brand);
  if (set.length > MAX_PRODUCTS) {
    const subs = [...new Set(set.map((i) => cat.products[i].subcategory))];
    const sub = subs[s.int(row, subs.length, 22)];
    set = set.filter((i) => cat.products[i].subcategory === sub);
  }
  return set.sort((a, b) => pop(cat.products[b], market) - pop(cat.products[a], market) || a - b)
    .slice(0, MAX_PRODUCTS).sort((a, b) => a - b);
}

function kindLabel(cat: Catalog, ids: number[]): string {
  const p = cat.products[ids[0]];
  const brand = p.brandName;
  const cats = [...new Set(ids.map((i) => cat.products[i].category))];
  return `${brand} ${cats.length === 1 ? cats[0] : "Lubricants"}`;
}

function draft(
  s: Stream,
  row: number,
  cat: Catalog,
  market: "us" | "metric",
  monday: number,
): Draft | null {
  const mechanic = pick(MECHANICS, MECHANICS.map((m) => MECHANIC_MIX[m]), s.u01(row, 0));
  const audience = pick([0, 1, 2], [
    PROMO_AUDIENCE.all,
    PROMO_AUDIENCE.loyalty,
    PROMO_AUDIENCE.trade,
  ], s.u01(row, 1));
  const days = pick(DURATIONS, DURATION_W, s.u01(row, 2));
  const cands = onSale(cat, market, monday, monday + days);
  const who = audience === 1 ? " (members)" : audience === 2 ? " (trade)" : "";
  const base = {
    mechanic,
    audience,
    days,
    pctBp: 0,
    buy: 0,
    get: 0,
    fixedFactor: 1,
    products: [] as number[],
  };
  switch (mechanic) {
    case "percent_off": {
      const kind = pick(KINDS, KIND_WEIGHT_DIY, s.u01(row, 3));
      const products = brandSet(s, row, cat, market, cands, (p) => p.kind === kind);
      if (!products.length) return null;
      const pctBp = pick(PCT_OFF, PCT_OFF_W, s.u01(row, 4));
      return {
        ...base,
        pctBp,
        products,
        name: `${pctBp / 100}% off ${kindLabel(cat, products)}${who}`,
      };
    }
    case "fixed_price": {
      const kind = pick(KINDS, KIND_WEIGHT_DIY, s.u01(row, 3));
      const pool = cands.filter((i) => cat.products[i].kind === kind);
      if (!pool.length) return null;
      const a = new AliasTable(pool.map((i) => pop(cat.products[i], market) + 1e-9));
      const n = 1 + s.int(row, 3, 4);
      const products = [
        ...new Set(Array.from({ length: n }, (_, k) => pool[a.sample(s, row, 5 + k)])),
      ].sort((x, y) => x - y);
      const fixedFactor = 0.75 + 0.1 * s.u01(row, 9);
      const p0 = cat.products[products[0]];
      return {
        ...base,
        products,
        fixedFactor,
        name: `Special price: ${p0.name}${
          products.length > 1 ? ` and ${products.length - 1} more` : ""
        }${who}`,
      };
    }
    case "buy_x_get_y": {
      const u = s.u01(row, 3);
      const keep = u < 0.5
        ? (p: Product) => p.kind === "motor_oil" && (p.volumeL ?? 9) < 2
        : u < 0.8
        ? (p: Product) => p.kind === "oil_filter"
        : (p: Product) => p.kind === "air_filter" || p.kind === "cabin_filter";
      const products = brandSet(s, row, cat, market, cands, keep);
      if (!products.length) return null;
      const [buy, get] = BXGY[s.int(row, BXGY.length, 4)];
      return {
        ...base,
        buy,
        get,
        products,
        name: `Buy ${buy} get ${get} free: ${kindLabel(cat, products)}${who}`,
      };
    }
    case "kit_deal": {
      const pctBp = KIT_PCT[s.int(row, KIT_PCT.length, 3)];
      return { ...base, pctBp, name: `Oil-change kits: extra ${pctBp / 100}% off${who}` };
    }
    case "lube_deal": {
      const products = brandSet(s, row, cat, market, cands, (p) => LUBE_KINDS.includes(p.kind));
      if (!products.length) return null;
      const pctBp = LUBE_PCT[s.int(row, LUBE_PCT.length, 3)];
      return {
        ...base,
        pctBp,
        products,
        name: `Lube deal: ${pctBp / 100}% off ${kindLabel(cat, products)} with any filter${who}`,
      };
    }
  }
}
