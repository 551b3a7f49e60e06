/**
 * The catalog's injected effects as a JSON-able object, for `ground_truth.json`:
 * raw-material index parameters and the base-oil shock, the cost lag, cost
 * mixes, repricing rules, margin targets per tier, the own brand's measured
 * discount and margin advantage, and how popularity is drawn.
 *
 * @module
 */

import { formatDay } from "../core/dates.ts";
import type { RunContext } from "../world/context.ts";
import { geoModel } from "../world/geography.ts";
import { catalogModel } from "./model.ts";
import {
  COUNTRY_COST_FACTOR,
  COUNTRY_PRICE_LEVEL,
  priceBook,
  REPOSITION,
  REPRICING,
} from "./price_book.ts";
import { KIND_SHARE, MARGIN_TARGETS, POPULARITY_SIGMA } from "./products.ts";
import {
  BASE_OIL_SHOCK,
  COST_LAG_MONTHS,
  COST_MIXES,
  FIXED_COST_INFLATION,
  INDEX_REFERENCE_DAY,
  RAW_MATERIAL_INDICES,
  rawMaterialModel,
} from "./raw_materials.ts";

/** The own brand against third-party brands for the same needs, on the period's first day. */
export function ownBrandComparison(ctx: RunContext): {
  priceRatio: number;
  retailMarginOwn: number;
  retailMarginThirdParty: number;
  needsCompared: number;
} {
  const cat = catalogModel(ctx);
  const pb = priceBook(ctx);
  const S = geoModel(ctx).segments.length;
  const groups = new Map<string, { own: number[]; known: number[] }>();
  cat.products.forEach((p, i) => {
    if (p.brandType === "own") return;
    const need = p.designCode ?? `${p.subcategory}|${p.saeGrade ?? ""}|${p.packLabel}`;
    for (let s = 0; s < S; s++) {
      const r = pb.row(i, s, ctx.start);
      if (r < 0) continue;
      const k = `${s}|${need}`;
      if (!groups.has(k)) groups.set(k, { own: [], known: [] });
      (p.brandType === "private_label" ? groups.get(k)!.own : groups.get(k)!.known).push(r);
    }
  });
  let ratio = 0, mOwn = 0, mKnown = 0, n = 0;
  const margin = (r: number) => 1 - pb.wholesale[r] / pb.retailExTax[r];
  for (const g of groups.values()) {
    if (!g.own.length || !g.known.length) continue;
    const known = g.known.reduce((a, r) => a + pb.retailExTax[r], 0) / g.known.length;
    for (const r of g.own) {
      ratio += pb.retailExTax[r] / known;
      mOwn += margin(r);
      mKnown += g.known.reduce((a, k) => a + margin(k), 0) / g.known.length;
      n++;
    }
  }
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    priceRatio: r4(ratio / Math.max(1, n)),
    retailMarginOwn: r4(mOwn / Math.max(1, n)),
    retailMarginThirdParty: r4(mKnown / Math.max(1, n)),
    needsCompared: n,
  };
}

/** Everything the catalog injects, as a JSON-able object (write it under "catalog" in ground_truth.json). */
export function CATALOG_GROUND_TRUTH(ctx: RunContext): Record<string, unknown> {
  const rm = rawMaterialModel(ctx);
  const own = ownBrandComparison(ctx);
  return {
    rawMaterialIndices: {
      frequency: "weekly (Mondays)",
      reference: `${formatDay(INDEX_REFERENCE_DAY)} = 100 on each index's trend line`,
      model: "index = 100 × exp(trend × years since reference + AR(1) noise) × shock factor",
      indices: RAW_MATERIAL_INDICES.map((i) => ({ ...i })),
      groupIIIFollowsGroupII: 0.85,
    },
    baseOilShock: {
      weekStart: formatDay(rm.shockDay),
      size: BASE_OIL_SHOCK.size,
      rampWeeks: BASE_OIL_SHOCK.rampWeeks,
      halfLifeWeeks: BASE_OIL_SHOCK.halfLifeWeeks,
      shareByIndex: Object.fromEntries(RAW_MATERIAL_INDICES.map((i) => [i.code, i.shockShare])),
      factor:
        "1 + size × share × min(1, (t+1)/rampWeeks) × 2^(−max(0, t−rampWeeks+1)/halfLifeWeeks), t in weeks",
      story: BASE_OIL_SHOCK.story,
    },
    costLag: {
      months: [COST_LAG_MONTHS.to, COST_LAG_MONTHS.from],
      rule:
        `standard cost of month m uses the mean weekly index over months m−${COST_LAG_MONTHS.from} … m−${COST_LAG_MONTHS.to}`,
    },
    costMixes: COST_MIXES,
    fixedCostInflationPerYear: FIXED_COST_INFLATION,
    repricing: REPRICING,
    retailPricePosition: {
      ...REPOSITION,
      rule:
        "retail target × price position; position = exp(sigma · z), z ~ N(0,1) clipped at ±2, drawn for the first month and redrawn with probability `monthly` in every later month (a review)",
    },
    marginTargets: MARGIN_TARGETS,
    countryCostFactor: COUNTRY_COST_FACTOR,
    countryPriceLevel: COUNTRY_PRICE_LEVEL,
    segmentPriceIndexExponents: { wholesale: 0.3, retail: 0.7 },
    ownBrand: {
      brand: "Torqline",
      discountVsThirdParty: Math.round((1 - own.priceRatio) * 1e4) / 1e4,
      ...own,
    },
    popularity: {
      lognormalSigma: POPULARITY_SIGMA,
      kindShare: KIND_SHARE,
      rule:
        "SKU demand = kind share × (vehicle demand for its grade or filter design) × subcategory and pack shares × brand share × lognormal noise",
    },
  };
}
