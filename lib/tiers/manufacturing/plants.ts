/**
 * The makers' plants and whom they supply: each distribution centre buys
 * from its maker's plant in its region (the first plant of the maker when
 * its region has none), and a plant's outside customers live in the
 * segments of the DCs it supplies. Transit times follow distance.
 *
 * @module
 */

import { catalogModel } from "../../catalog/model.ts";
import type { RunContext } from "../../world/context.ts";
import { memoize } from "../../world/context.ts";
import { type Site, sitesModel } from "../../world/companies.ts";
import { geoModel } from "../../world/geography.ts";
import { makerModel } from "./model.ts";
import { REGION_OF_COUNTRY, TRANSIT_DAYS } from "./params.ts";

/** A plant with the segments it supplies. */
export interface Plant {
  /** The plant's site. */
  site: Site;
  /** Maker company id (1 Corvane, 2 Keldmark). */
  maker: number;
  /** Country code of the plant. */
  country: string;
  /** Currency of its books. */
  currency: string;
  /** Planning FX rate: units of its currency per USD. */
  perUsd: number;
  /** Segment indices (0-based) whose DCs it supplies, ascending. */
  segments: number[];
}

/** Every plant of a run, by site id (memoised). */
export function plants(ctx: RunContext): Plant[] {
  return memoize("mfg_plants", ctx, () => {
    const geo = geoModel(ctx);
    const sites = sitesModel(ctx).filter((s) =>
      s.type === "blending_plant" || s.type === "filter_plant"
    );
    const out: Plant[] = sites.map((site) => {
      const c = geo.countryOf(site.segment);
      return {
        site,
        maker: site.companyId,
        country: c.code,
        currency: c.currency,
        perUsd: c.perUsd,
        segments: [],
      };
    });
    geo.segments.forEach((_, seg) => {
      for (const maker of [1, 2]) {
        out[plantIndexFor(out, maker, geo.countryOf(seg).code)].segments.push(seg);
      }
    });
    return out;
  });
}

function plantIndexFor(list: Plant[], maker: number, country: string): number {
  const region = REGION_OF_COUNTRY[country];
  const mine = list.map((p, i) => [p, i] as const).filter(([p]) => p.maker === maker);
  const same = mine.find(([p]) => p.country === country) ??
    mine.find(([p]) => REGION_OF_COUNTRY[p.country] === region) ?? mine[0];
  return same[1];
}

/** The plant of `maker` that supplies the DC of segment `seg`. */
export function plantFor(ctx: RunContext, maker: number, seg: number): Plant {
  return plants(ctx).find((p) => p.maker === maker && p.segments.includes(seg))!;
}

/** Standard days in transit from a plant's country to a customer's. */
export function transitDays(from: string, to: string): number {
  if (from === to) return TRANSIT_DAYS.country;
  if (REGION_OF_COUNTRY[from] === REGION_OF_COUNTRY[to]) return TRANSIT_DAYS.region;
  return TRANSIT_DAYS.overseas;
}

/** What a plant makes and buys: product and material indices (0-based), ascending. */
export interface PlantScope {
  /** The maker's SKUs carried in the markets of the segments it supplies. */
  prods: number[];
  /** The materials those SKUs' recipes or bills of materials use. */
  mats: number[];
}

/** The products and materials of a plant (pure). */
export function plantScope(ctx: RunContext, plant: Plant): PlantScope {
  const geo = geoModel(ctx);
  const cat = catalogModel(ctx);
  const mm = makerModel(ctx);
  const markets = new Set(plant.segments.map((sg) => geo.countryOf(sg).units));
  const prods = mm.productsOf[plant.maker].filter((p) => {
    const m = cat.products[p].market;
    return m === "all" || markets.has(m as "us" | "metric");
  });
  const mats = new Set<number>();
  for (const p of prods) {
    const parts = plant.maker === 1
      ? mm.recipes[mm.recipeOf[p]].components
      : mm.boms[mm.bomOf[p]].components;
    for (const c of parts) mats.add(c.material);
  }
  return { prods, mats: [...mats].sort((a, b) => a - b) };
}
