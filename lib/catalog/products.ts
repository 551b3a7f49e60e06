/**
 * Turns draft SKUs (from oils.ts and filters.ts) into the product master:
 * ids and SKU codes, GTINs with check digits, launch and discontinue dates,
 * margin targets, and a long-tailed popularity that follows the vehicles on
 * the road (a grade's demand is the oil its vehicles take; a filter design's
 * is the vehicles it fits).
 *
 * @module
 */

import { dayOf } from "../core/dates.ts";
import { lognormal } from "../core/dist.ts";
import { gtinCheckDigit } from "../core/ids.ts";
import { Stream } from "../core/rng.ts";
import type { RunContext } from "../world/context.ts";
import { regionMarkets } from "./filters.ts";
import {
  type Brand,
  isFilterKind,
  type Product,
  PRODUCT_KINDS,
  type ProductKind,
  type Vehicle,
} from "./model.ts";

/** A SKU before ids, GTIN, dates, margins and popularity are assigned. */
export interface DraftProduct extends
  Omit<
    Product,
    | "id"
    | "sku"
    | "gtin"
    | "launchDay"
    | "discontinueDay"
    | "popularity"
    | "popUs"
    | "popMetric"
    | "brandId"
    | "brandType"
    | "positioning"
    | "brandName"
    | "makerCompanyId"
    | "mfrMargin"
    | "distMargin"
    | "retailMargin"
  > {
  /** The brand. */
  brand: Brand;
  /** Filter design index, -1 for fluids. */
  designIndex: number;
  /** For motor oils `subcategory|grade` (demand comes from the vehicles that take the grade). */
  demandKey: string;
  /** Raw demand weight on US shelves (0 when not carried). */
  demandUs: number;
  /** Raw demand weight on metric shelves (0 when not carried). */
  demandMetric: number;
  /** Row for per-SKU noise. */
  noiseRow: number;
}

/** Share of shelf unit demand by kind (DIY maintenance baskets). */
export const KIND_SHARE: Record<ProductKind, number> = {
  motor_oil: 0.36,
  oil_filter: 0.2,
  air_filter: 0.11,
  cabin_filter: 0.09,
  atf: 0.06,
  coolant: 0.06,
  grease: 0.04,
  gear_oil: 0.03,
  fuel_filter: 0.03,
  transmission_filter: 0.015,
};

/** Sigma of the lognormal noise on SKU demand (with brand share, grade and vehicle demand it makes the long tail). */
export const POPULARITY_SIGMA = 1.25;

/** SKU code prefix by kind. */
export const SKU_PREFIX: Record<ProductKind, string> = {
  motor_oil: "MO",
  atf: "AT",
  gear_oil: "GO",
  grease: "GR",
  coolant: "CO",
  oil_filter: "OF",
  air_filter: "AF",
  cabin_filter: "CF",
  fuel_filter: "FF",
  transmission_filter: "TF",
};

/** Margin targets by tier: manufacturer, distributor and retailer gross margin per brand type and positioning. */
export const MARGIN_TARGETS = {
  /** Manufacturer gross margin (1 − standard cost / transfer price). */
  manufacturer: {
    own: 0.3,
    private_label: 0.18,
    third_party: { value: 0.28, mainstream: 0.34, premium: 0.4 },
  },
  /**
   * Distributor gross margin (1 − transfer / wholesale), before the kind
   * adjustment; trade tier discounts take about two points off what the
   * distributor keeps (Genuine Parts Company: 35.5 % of sales in 2023).
   */
  distributor: { own: 0.35, private_label: 0.29, third_party: 0.35 },
  /** Retailer gross margin on the net shelf price (1 − wholesale / retail ex tax), before adjustments. */
  retailer: {
    own: 0.5,
    private_label: 0.56,
    third_party: { value: 0.49, mainstream: 0.47, premium: 0.45 },
  },
  /** Added to distributor and retailer margins for filters (lubricants get the negative). */
  filterUplift: {
    distributor: 0.04,
    retailer: 0.04,
    lubricantDistributor: -0.02,
    lubricantRetailer: -0.02,
  },
  /** Subtracted from the retailer margin for bulk drums sold to trade. */
  bulkRetailerCut: 0.18,
} as const;

/** The three margin targets of a product. */
export function marginTargets(
  brand: Brand,
  filter: boolean,
  bulk: boolean,
): { mfr: number; dist: number; retail: number } {
  const T = MARGIN_TARGETS;
  const mfr = brand.type === "third_party"
    ? T.manufacturer.third_party[brand.positioning]
    : T.manufacturer[brand.type];
  const dist = T.distributor[brand.type] +
    (filter ? T.filterUplift.distributor : T.filterUplift.lubricantDistributor);
  const retail =
    (brand.type === "third_party"
      ? T.retailer.third_party[brand.positioning]
      : T.retailer[brand.type]) +
    (filter ? T.filterUplift.retailer : T.filterUplift.lubricantRetailer) -
    (bulk ? T.bulkRetailerCut : 0);
  return { mfr, dist, retail };
}

/** GTIN of a product: UPC-A (12 digits) for US shelves, EAN-13 otherwise; item references count per brand. */
export function makeGtin(brand: Brand, market: string, item: number): string {
  const body = market === "us"
    ? brand.upcPrefix + String(item).padStart(5, "0")
    : brand.eanPrefix + String(item).padStart(5, "0");
  return body + gtinCheckDigit(body);
}

/** Assigns ids, codes, GTINs, dates, margins and popularity; returns products sorted by kind. */
export function finishProducts(
  ctx: RunContext,
  drafts: DraftProduct[],
  vehicles: Vehicle[],
): Product[] {
  const kindOrder = new Map(PRODUCT_KINDS.map((k, i) => [k, i]));
  const sorted = drafts.map((d, i) => [d, i] as const).sort((a, b) =>
    kindOrder.get(a[0].kind)! - kindOrder.get(b[0].kind)! || a[1] - b[1]
  ).map(([d]) => d);

  // Oil demand per market, fuel class and grade: Σ vehicle popularity × capacity.
  const oilDemand = new Map<string, number>();
  for (const v of vehicles) {
    const cls = v.fuel === "diesel" ? "diesel" : "gas";
    for (const [m, share] of regionMarkets(v.region)) {
      const k = `${m}|${cls}|${v.oilGrade}`;
      oilDemand.set(k, (oilDemand.get(k) ?? 0) + v.popularity * v.oilCapacityL * share);
    }
  }
  // A floor: grades few listed vehicles take still sell (older, imported and small engines).
  const floor = new Map<string, number>();
  for (const [k, v] of oilDemand) floor.set(k.split("|")[0], (floor.get(k.split("|")[0]) ?? 0) + v);
  const gradeDemand = (m: string, sub: string, grade: string) => {
    const gas = oilDemand.get(`${m}|gas|${grade}`) ?? 0;
    const diesel = oilDemand.get(`${m}|diesel|${grade}`) ?? 0;
    const d = sub === "Diesel" ? diesel : sub === "Full Synthetic" ? gas + 0.5 * diesel : gas;
    return d + 0.02 * (floor.get(m) ?? 0);
  };

  const pop = new Stream(ctx.seed, "catalog/popularity");
  const dates = new Stream(ctx.seed, "catalog/dates");
  const span = ctx.end - ctx.start + 1;
  const items = new Map<number, number>();
  const raw: { us: number; metric: number }[] = [];
  const products: Product[] = sorted.map((d, i) => {
    const id = i + 1;
    const item = (items.get(d.brand.id) ?? 0) + 1;
    items.set(d.brand.id, item);
    const filter = isFilterKind(d.kind);
    const m = marginTargets(d.brand, filter, d.bulk);
    const noise = lognormal(pop, i, 0, POPULARITY_SIGMA) * d.brand.share;
    let us = d.demandUs, metric = d.demandMetric;
    if (d.kind === "motor_oil" && d.saeGrade) {
      us *= gradeDemand("us", d.subcategory, d.saeGrade);
      metric *= gradeDemand("metric", d.subcategory, d.saeGrade);
    }
    if (d.market === "us") metric = 0;
    if (d.market === "metric") us = 0;
    raw.push({ us: us * noise, metric: metric * noise });
    // Launch: most SKUs were on sale before the period; some launch or retire during it.
    let launch = ctx.start - 60 - Math.floor(365 * 12 * dates.u01(i, 1));
    if (dates.u01(i, 0) < 0.07) {
      launch = ctx.start + Math.floor(span * (0.08 + 0.8 * dates.u01(i, 1)));
    }
    if (d.saeGrade === "0W-16") launch = Math.max(launch, dayOf(2020, 5, 1)); // ILSAC GF-6B
    let discontinue: number | null = null;
    if (dates.u01(i, 2) < 0.04) {
      const day = ctx.start + Math.floor(span * (0.3 + 0.65 * dates.u01(i, 3)));
      if (day > launch + 180) discontinue = day;
    }
    const {
      brand,
      designIndex: _d,
      demandKey: _k,
      demandUs: _u,
      demandMetric: _m,
      noiseRow: _n,
      ...rest
    } = d;
    return {
      ...rest,
      id,
      sku: `${SKU_PREFIX[d.kind]}-${String(id).padStart(5, "0")}`,
      brandId: brand.id,
      brandType: brand.type,
      positioning: brand.positioning,
      brandName: brand.name,
      makerCompanyId: brand.type === "third_party" ? null : filter ? 2 : 1,
      gtin: makeGtin(brand, d.market, item),
      launchDay: launch,
      discontinueDay: discontinue,
      popularity: 0,
      popUs: 0,
      popMetric: 0,
      mfrMargin: m.mfr,
      distMargin: m.dist,
      retailMargin: m.retail,
      baseCostUsd: Math.round(d.baseCostUsd * 1e4) / 1e4,
    };
  });
  // Normalise: within each market, kinds get their share of demand; mean 1 over carried SKUs.
  for (const market of ["us", "metric"] as const) {
    const total = new Map<ProductKind, number>();
    let carried = 0;
    products.forEach((p, i) => {
      const r = raw[i][market];
      if (r > 0) carried++;
      total.set(p.kind, (total.get(p.kind) ?? 0) + r);
    });
    products.forEach((p, i) => {
      const r = raw[i][market];
      const t = total.get(p.kind)!;
      const v = r > 0 && t > 0 ? (KIND_SHARE[p.kind] * r / t) * carried : 0;
      if (market === "us") p.popUs = round6(v);
      else p.popMetric = round6(v);
    });
  }
  let sum = 0;
  for (const p of products) sum += 0.45 * p.popUs + 0.55 * p.popMetric;
  for (const p of products) {
    p.popularity = round6((0.45 * p.popUs + 0.55 * p.popMetric) * products.length / sum);
  }
  return products;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
