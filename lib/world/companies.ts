/**
 * The fictional companies of the supply chain and their sites (plants,
 * distribution centres, stores and online shops), placed in geo segments.
 * All names are coined.
 *
 * @module
 */

import { dayOf } from "../core/dates.ts";
import { lognormal } from "../core/dist.ts";
import { Stream } from "../core/rng.ts";
import type { RunContext } from "./context.ts";
import { memoize } from "./context.ts";
import { geoModel } from "./geography.ts";

/** A company of the world. */
export interface Company {
  /** 1-based id. */
  id: number;
  /** Coined name. */
  name: string;
  /** Role in the chain. */
  role: "lubricant_manufacturer" | "filter_manufacturer" | "distributor" | "retailer";
  /** Country of the head office. */
  hqCountry: string;
  /** Year founded. */
  founded: number;
  /** One line on what it does. */
  description: string;
}

/** The four companies (ids are stable). */
export const COMPANIES: readonly Company[] = [
  {
    id: 1,
    name: "Corvane Lubricants",
    role: "lubricant_manufacturer",
    hqCountry: "US",
    founded: 1952,
    description:
      "Blends base oils and additive packages into motor oils, ATF, gear oil, grease and coolant; makes its own Corvane label and the retailer's own brand.",
  },
  {
    id: 2,
    name: "Keldmark Filtration",
    role: "filter_manufacturer",
    hqCountry: "DE",
    founded: 1968,
    description:
      "Makes oil, air, cabin, fuel and transmission filters in work orders from a bill of materials; its own Keldmark label and the retailer's own brand.",
  },
  {
    id: 3,
    name: "Brightaxle Distribution",
    role: "distributor",
    hqCountry: "US",
    founded: 1979,
    description:
      "Distributes parts and lubricants from a distribution centre in every geo segment to the retailer and to trade customers.",
  },
  {
    id: 4,
    name: "Gearwell Auto Parts",
    role: "retailer",
    hqCountry: "US",
    founded: 1985,
    description:
      "Retailer for home mechanics and semi-professionals: stores in every country plus an online shop; sells its Torqline own brand beside well-known brands.",
  },
];

/** Kinds of site. */
export type SiteType =
  | "blending_plant"
  | "filter_plant"
  | "distribution_centre"
  | "store"
  | "online";

/** A physical or online site. */
export interface Site {
  /** 1-based id, dense. */
  id: number;
  /** Owning company id. */
  companyId: number;
  /** Kind of site. */
  type: SiteType;
  /** Display name. */
  name: string;
  /** Index of its geo segment in the run's {@link geoModel} segments. */
  segment: number;
  /** City name. */
  city: string;
  /** Latitude in degrees. */
  lat: number;
  /** Longitude in degrees. */
  lon: number;
  /** Opening day (day number). */
  openDay: number;
  /** Sales floor or warehouse area in m² (null for online). */
  areaM2: number | null;
  /** Store format (stores and online only). */
  format: "standard" | "hub" | "express" | "online" | null;
  /** Relative traffic of a store or online shop (1 = a typical standard store); 0 for others. */
  traffic: number;
}

/** Market size of each country relative to the others (share of the retailer's business). */
export const COUNTRY_MARKET: Record<string, number> = {
  US: 0.45,
  CA: 0.07,
  GB: 0.14,
  DE: 0.14,
  FR: 0.12,
  AU: 0.08,
};

/** Number of physical stores at a run's scale. */
export function storeCount(ctx: RunContext): number {
  const w = ctx.options.world;
  return Math.max(w.minStores, Math.round(w.storesPerScale * ctx.scale));
}

/** Largest-remainder allocation of `total` items to weights, with a floor of `min` each. */
export function allocate(total: number, weights: readonly number[], min = 0): number[] {
  const n = weights.length;
  const out = new Array(n).fill(min);
  let left = total - min * n;
  if (left <= 0) return out;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * left);
  for (let i = 0; i < n; i++) out[i] += Math.floor(exact[i]);
  left -= exact.reduce((a, x) => a + Math.floor(x), 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) =>
    b[0] - a[0] || a[1] - b[1]
  );
  for (let k = 0; k < left; k++) out[order[k % n][1]]++;
  return out;
}

const PLANTS: [SiteType, number, string, string][] = [
  ["blending_plant", 1, "US-SW", "Baytown Blending Plant"],
  ["blending_plant", 1, "DE-N", "Werk Hamburg-Harburg"],
  ["blending_plant", 1, "AU-E", "Lytton Blending Plant"],
  ["filter_plant", 2, "US-MW", "Fort Wayne Filter Works"],
  ["filter_plant", 2, "FR-N", "Usine de Lille-Lomme"],
];

/** Every site of a run (memoised): plants, distribution centres, stores, online shops. */
export function sitesModel(ctx: RunContext): Site[] {
  return memoize("sites", ctx, () => buildSites(ctx));
}

function buildSites(ctx: RunContext): Site[] {
  const geo = geoModel(ctx);
  const segIndex = new Map(geo.segments.map((s, i) => [s.code, i]));
  const sites: Site[] = [];
  const s = new Stream(ctx.seed, "sites");
  const before = (row: number, from: number) => from + s.int(row, dayOf(2022, 12, 31) - from, 7);
  const add = (site: Omit<Site, "id">) => sites.push({ id: sites.length + 1, ...site });
  const city = (seg: number, k: number) =>
    geo.segments[seg].cities[k % geo.segments[seg].cities.length];

  const plants = PLANTS.filter(([, , code]) => segIndex.has(code));
  if (!plants.some((p) => p[0] === "blending_plant")) {
    plants.push(["blending_plant", 1, geo.segments[0].code, "Central Blending Plant"]);
  }
  if (!plants.some((p) => p[0] === "filter_plant")) {
    plants.push(["filter_plant", 2, geo.segments[0].code, "Central Filter Works"]);
  }
  for (const [type, company, code, name] of plants) {
    const seg = segIndex.get(code)!;
    const [c, lat, lon] = city(seg, 0);
    add({
      companyId: company,
      type,
      name,
      segment: seg,
      city: c,
      lat,
      lon,
      openDay: before(sites.length, dayOf(1960, 1, 1)),
      areaM2: 20000 + s.int(sites.length, 30000, 1),
      format: null,
      traffic: 0,
    });
  }
  geo.segments.forEach((seg, i) => {
    const [c, lat, lon] = city(i, 1);
    add({
      companyId: 3,
      type: "distribution_centre",
      name: `Brightaxle DC ${c}`,
      segment: i,
      city: c,
      lat,
      lon,
      openDay: before(sites.length, dayOf(1985, 1, 1)),
      areaM2: 15000 + s.int(sites.length, 25000, 1),
      format: null,
      traffic: 0,
    });
    void seg;
  });

  // Stores: allocate to countries by market share (at least one each), then to segments by weight.
  const total = storeCount(ctx);
  const countries = geo.countries.map((c) => c.code);
  const perCountry = allocate(
    total,
    countries.map((c) => COUNTRY_MARKET[c] ?? 0.1),
    total >= countries.length ? 1 : 0,
  );
  let storeNo = 0;
  countries.forEach((cc, ci) => {
    const segs = geo.segments.map((sg, i) => [sg, i] as const).filter(([sg]) => sg.country === cc);
    const perSeg = allocate(perCountry[ci], segs.map(([sg]) => sg.weight));
    segs.forEach(([, segI], k) => {
      for (let j = 0; j < perSeg[k]; j++) {
        storeNo++;
        const row = 1000 + storeNo;
        const [c, lat0, lon0] = city(segI, j);
        const lat = lat0 + (s.u01(row, 2) - 0.5) * 0.3, lon = lon0 + (s.u01(row, 3) - 0.5) * 0.4;
        const r = s.u01(row, 4);
        const format = r < 0.1 ? "hub" : r < 0.2 ? "express" : "standard";
        const area = Math.round(
          lognormal(
            s,
            row,
            Math.log(format === "hub" ? 1400 : format === "express" ? 350 : 650),
            0.2,
            5,
          ),
        );
        const opensDuring = s.chance(row, 0.12, 6);
        const openDay = opensDuring
          ? ctx.start + s.int(row, Math.max(1, ctx.end - ctx.start), 8)
          : before(row, dayOf(1990, 1, 1));
        const traffic = (area / 650) ** 0.7 * lognormal(s, row, 0, 0.25, 9);
        add({
          companyId: 4,
          type: "store",
          name: `Gearwell ${c} #${String(storeNo).padStart(4, "0")}`,
          segment: segI,
          city: c,
          lat: round4(lat),
          lon: round4(lon),
          openDay,
          areaM2: area,
          format,
          traffic: round4(traffic),
        });
      }
    });
  });
  countries.forEach((cc) => {
    const segI = geo.segments.findIndex((sg) => sg.country === cc);
    const [c, lat, lon] = city(segI, 0);
    const stores = sites.filter((x) =>
      x.type === "store" && geo.segments[x.segment].country === cc
    ).length;
    add({
      companyId: 4,
      type: "online",
      name: `Gearwell Online ${cc}`,
      segment: segI,
      city: c,
      lat,
      lon,
      openDay: dayOf(2012, 3, 1),
      areaM2: null,
      format: "online",
      traffic: round4(Math.max(0.5, stores * 0.12)),
    });
  });
  return sites;
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
