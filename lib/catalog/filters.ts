/**
 * Filters: physical designs (one cross-reference code, one set of dimensions)
 * assigned to the vehicles they fit, and the SKUs that brands offer for them.
 *
 * A design is what fits: its thread, gasket, diameters, height and bypass
 * valve are the same whoever makes it. A SKU is a brand's part for a design;
 * media and efficiency are the brand's. Keldmark covers every design; the
 * other brands cover the designs most in demand on their shelves.
 *
 * @module
 */

import { AliasTable, lognormal } from "../core/dist.ts";
import { hashString, Stream } from "../core/rng.ts";
import type { RunContext } from "../world/context.ts";
import { brandByName } from "./brands.ts";
import type { ProductKind, Vehicle } from "./model.ts";
import type { DraftProduct } from "./products.ts";
import { MAKE_GROUP } from "./vehicles.ts";

/** A physical filter design (an interchange code). */
export interface FilterDesign {
  /** Index in the catalog's design list. */
  index: number;
  /** Filter kind. */
  kind: ProductKind;
  /** Serial within the kind, 1-based. */
  serial: number;
  /** Interchange code, e.g. `OF-0107`. */
  code: string;
  /** Construction: spin-on, cartridge, panel, round, inline, pan kit. */
  type: string;
  /** Which pool of vehicles it serves (e.g. "spin", "cartridge", "diesel"). */
  pool: string;
  /** Thread (spin-on designs). */
  thread: string | null;
  /** Gasket or seal outer diameter, mm. */
  gasketOd: number | null;
  /** Gasket or seal inner diameter, mm. */
  gasketId: number | null;
  /** Outer diameter, mm (round designs). */
  od: number | null;
  /** Inner diameter, mm (round and cartridge designs). */
  id: number | null;
  /** Length, mm (panel and inline designs). */
  length: number | null;
  /** Width, mm (panel designs). */
  width: number | null;
  /** Height, mm. */
  height: number;
  /** Anti-drain-back valve (spin-on oil filters). */
  adbv: boolean | null;
  /** Bypass valve opening pressure, psi. */
  bypass: number | null;
  /** Base cost in USD of a mainstream build at reference material prices. */
  baseCost: number;
  /** Demand from vehicles on US-customary shelves (Σ popularity of fitted vehicles). */
  demandUs: number;
  /** Demand from vehicles on metric shelves. */
  demandMetric: number;
}

/** Designs per filter kind at `filterRange` 1, and their pools. */
const DESIGN_POOLS: Record<string, [pool: string, type: string, count: number][]> = {
  oil_filter: [["spin", "spin-on", 14], ["cartridge", "cartridge", 6]],
  air_filter: [["panel", "panel", 14], ["round", "round", 4]],
  cabin_filter: [["panel", "panel", 13]],
  fuel_filter: [["inline", "inline", 4], ["diesel", "diesel cartridge", 4], [
    "diesel_spin",
    "spin-on",
    2,
  ]],
  transmission_filter: [["pan", "pan kit", 6]],
};

const KIND_CODE: Record<string, string> = {
  oil_filter: "OF",
  air_filter: "AF",
  cabin_filter: "CF",
  fuel_filter: "FF",
  transmission_filter: "TF",
};

const THREADS: [string, number, number][] = [
  // thread, gasket OD mm, weight
  ["3/4-16 UNF", 62, 0.42],
  ["M20x1.5", 62, 0.22],
  ["13/16-16 UN", 71, 0.12],
  ["M22x1.5", 72, 0.1],
  ["M18x1.5", 56, 0.06],
  ["1-12 UNF", 108, 0.08],
];

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The market shelves a vehicle region's owners shop on, with the share of its demand. */
export function regionMarkets(region: string): [market: "us" | "metric", share: number][] {
  return region === "north_america" ? [["us", 0.88], ["metric", 0.12]] : [["metric", 1]];
}

/**
 * Builds the filter designs and assigns each vehicle its design per filter
 * kind (`vehicle.designs[kind]`, -1 when it has none serviceable).
 */
export function buildFilterDesigns(ctx: RunContext, vehicles: Vehicle[]): FilterDesign[] {
  const s = new Stream(ctx.seed, "catalog/filter_designs");
  const range = ctx.options.catalog.filterRange;
  const designs: FilterDesign[] = [];
  const pools = new Map<string, { ids: number[]; alias: AliasTable }>();
  for (const [kind, list] of Object.entries(DESIGN_POOLS)) {
    let serial = 0;
    for (const [pool, type, base] of list) {
      const n = Math.max(2, Math.round(base * range));
      const ids: number[] = [];
      for (let k = 0; k < n; k++) {
        serial++;
        const d = makeDesign(s, designs.length, kind as ProductKind, serial, pool, type);
        ids.push(d.index);
        designs.push(d);
      }
      // A few designs fit many vehicles: Zipf-like weights over the pool.
      pools.set(`${kind}|${pool}`, {
        ids,
        alias: new AliasTable(ids.map((_, k) => 1 / (k + 1) ** 0.9)),
      });
    }
  }
  const pick = (kind: string, pool: string, key: string) => {
    const p = pools.get(`${kind}|${pool}`)!;
    return p.ids[p.alias.sampleU(s.child(kind).u01(hashString(key)))];
  };
  const euCartridge = new Set([
    "vag",
    "bmw",
    "mercedes",
    "stellantis_eu",
    "volvo",
    "renault_nissan",
  ]);
  for (const v of vehicles) {
    const group = MAKE_GROUP[v.make] ?? v.make;
    const era = v.yearFrom < 2005 ? 0 : v.yearFrom < 2015 ? 1 : 2;
    const h = hashString(`${v.make}|${v.model}|${v.region}|${v.yearFrom}`);
    const oilKey = `${group}|${v.displacementL}|${v.fuel === "diesel" ? "d" : "g"}|${era}`;
    const cartridge = v.region === "europe" && euCartridge.has(group) && v.yearFrom >= 2005 &&
      s.u01(hashString(oilKey), 1) < 0.85;
    v.designs.oil_filter = pick("oil_filter", cartridge ? "cartridge" : "spin", oilKey);
    const airKey = `${v.make}|${v.model}|${v.region}|${v.yearFrom}|${
      v.displacementL > 3.4 ? "big" : "small"
    }`;
    const round = v.yearFrom < 2000 || (v.body === "pickup" && v.displacementL >= 4.4) ||
      v.body === "van";
    v.designs.air_filter = pick("air_filter", round ? "round" : "panel", airKey);
    v.designs.cabin_filter = v.yearFrom >= (v.region === "europe" ? 1997 : 2001)
      ? pick("cabin_filter", "panel", `${group}|${Math.floor(v.yearFrom / 6)}|${v.body}`)
      : -1;
    if (v.fuel === "diesel") {
      const pool = v.displacementL >= 4.4 || s.u01(h, 3) < 0.2 ? "diesel_spin" : "diesel";
      v.designs.fuel_filter = pick("fuel_filter", pool, `${group}|${v.displacementL}|${era}`);
    } else if (v.fuel === "gasoline" && v.yearFrom < 2008) {
      v.designs.fuel_filter = pick("fuel_filter", "inline", `${group}|${era}`);
    } else v.designs.fuel_filter = -1;
    const autoShare = v.region === "north_america" ? 0.55 : v.region === "australia" ? 0.45 : 0.15;
    v.designs.transmission_filter = v.fuel !== "hybrid" && s.u01(h, 4) < autoShare
      ? pick("transmission_filter", "pan", `${group}|${Math.floor(v.yearFrom / 8)}|${v.body}`)
      : -1;
    for (const kind of Object.keys(DESIGN_POOLS)) {
      const d = v.designs[kind];
      if (d < 0) continue;
      for (const [m, share] of regionMarkets(v.region)) {
        if (m === "us") designs[d].demandUs += v.popularity * share;
        else designs[d].demandMetric += v.popularity * share;
      }
    }
  }
  return designs;
}

function makeDesign(
  s: Stream,
  index: number,
  kind: ProductKind,
  serial: number,
  pool: string,
  type: string,
): FilterDesign {
  const u = (k: number) => s.u01(index, k);
  const r = (lo: number, hi: number, k: number) => Math.round(lo + (hi - lo) * u(k));
  const d: FilterDesign = {
    index,
    kind,
    serial,
    code: `${KIND_CODE[kind]}-${String(100 + serial * 7).padStart(4, "0")}`,
    type,
    pool,
    thread: null,
    gasketOd: null,
    gasketId: null,
    od: null,
    id: null,
    length: null,
    width: null,
    height: 0,
    adbv: null,
    bypass: null,
    baseCost: 0,
    demandUs: 0,
    demandMetric: 0,
  };
  if (kind === "oil_filter" && pool === "spin") {
    const t = THREADS[new AliasTable(THREADS.map((x) => x[2])).sampleU(u(1))];
    d.thread = t[0];
    const big = t[0] === "1-12 UNF";
    d.gasketOd = t[1] + (u(2) < 0.3 ? 9 : 0);
    d.gasketId = d.gasketOd - (big ? 10 : 8) - (u(3) < 0.5 ? 1 : 0);
    d.od = big ? r(110, 120, 4) : [68, 76, 76, 93][Math.floor(u(4) * 4)];
    d.height = big ? r(170, 260, 5) : r(65, 142, 5);
    d.adbv = u(6) < 0.9;
    d.bypass = [8, 11, 12, 15, 16, 22, 25][Math.floor(u(7) * 7)];
    d.baseCost = 1.1 + 0.8 * d.height / 100 + 0.5 * d.od / 76;
  } else if (kind === "oil_filter") {
    d.od = r(52, 84, 4);
    d.id = r(20, 32, 3);
    d.height = r(55, 155, 5);
    d.gasketOd = d.od + 10;
    d.gasketId = d.od + 4;
    d.bypass = null;
    d.baseCost = 0.8 + 0.75 * d.height / 100;
  } else if (kind === "air_filter" && pool === "panel") {
    d.length = r(180, 360, 1);
    d.width = r(140, 260, 2);
    d.height = r(32, 75, 3);
    d.baseCost = 1.4 + 22 * (d.length / 1000) * (d.width / 1000) + d.height / 60;
  } else if (kind === "air_filter") {
    d.od = r(180, 330, 1);
    d.id = Math.round(d.od * (0.6 + 0.12 * u(2)));
    d.height = r(50, 280, 3);
    d.baseCost = 2.0 + 2.5 * (d.od / 300) * (d.height / 150);
  } else if (kind === "cabin_filter") {
    d.length = r(180, 290, 1);
    d.width = r(150, 260, 2);
    d.height = r(17, 40, 3);
    d.baseCost = 1.2 + 18 * (d.length / 1000) * (d.width / 1000);
  } else if (kind === "fuel_filter" && pool === "inline") {
    d.od = r(50, 80, 1);
    d.length = r(100, 180, 2);
    d.height = d.length;
    d.baseCost = 1.9 + d.length / 200;
  } else if (kind === "fuel_filter") {
    d.od = r(60, 110, 1);
    d.id = r(15, 30, 2);
    d.height = r(80, 200, 3);
    if (pool === "diesel_spin") {
      d.thread = ["M16x1.5", "1-14 UNS", "M14x1.5"][Math.floor(u(4) * 3)];
      d.gasketOd = r(62, 72, 5);
      d.gasketId = d.gasketOd - 9;
      d.od = r(76, 108, 1);
    }
    d.baseCost = 3.8 + d.height / 80;
  } else {
    d.length = r(200, 420, 1);
    d.width = r(120, 300, 2);
    d.height = r(20, 70, 3);
    d.baseCost = 4.5 + 20 * (d.length / 1000) * (d.width / 1000);
  }
  d.baseCost = round1(d.baseCost * 100) / 100;
  return d;
}

/** How brands offer filters: coverage of each kind's designs (share of the most demanded), media, efficiency. */
interface FilterLine {
  brand: string;
  line: string;
  code: string;
  coverage: Partial<Record<ProductKind, number>>;
  media: Partial<
    Record<ProductKind, [media: string, pct: number, micron: number, costFactor: number]>
  >;
}

const M = {
  oilCell: ["cellulose", 95, 25, 1] as [string, number, number, number],
  oilBlend: ["cellulose-synthetic blend", 97.5, 25, 1.1] as [string, number, number, number],
  oilSyn: ["full synthetic", 99, 20, 1.3] as [string, number, number, number],
  airCell: ["cellulose", 99, 10, 1] as [string, number, number, number],
  airSyn: ["synthetic", 99.5, 10, 1.25] as [string, number, number, number],
  airCotton: ["oiled cotton gauze (washable)", 98.5, 10, 2.4] as [string, number, number, number],
  cabPart: ["particulate", 95, 3, 1] as [string, number, number, number],
  cabCarbon: ["activated carbon", 98, 3, 1.55] as [string, number, number, number],
  fuelCell: ["cellulose", 98, 10, 1] as [string, number, number, number],
  fuelSyn: ["synthetic glass fibre (water separating)", 99, 4, 1.2] as [
    string,
    number,
    number,
    number,
  ],
  transFelt: ["polyester felt", 95, 30, 1] as [string, number, number, number],
  transSyn: ["synthetic", 98, 25, 1.15] as [string, number, number, number],
};

const FILTER_LINES: FilterLine[] = [
  {
    brand: "Keldmark",
    line: "Keldmark",
    code: "K",
    coverage: {
      oil_filter: 1,
      air_filter: 1,
      cabin_filter: 1,
      fuel_filter: 1,
      transmission_filter: 1,
    },
    media: {
      oil_filter: M.oilBlend,
      air_filter: M.airCell,
      cabin_filter: M.cabPart,
      fuel_filter: M.fuelSyn,
      transmission_filter: M.transSyn,
    },
  },
  {
    brand: "Torqline",
    line: "Torqline",
    code: "TQ",
    coverage: {
      oil_filter: 0.65,
      air_filter: 0.5,
      cabin_filter: 0.5,
      fuel_filter: 0.3,
      transmission_filter: 0.35,
    },
    media: {
      oil_filter: M.oilCell,
      air_filter: M.airCell,
      cabin_filter: M.cabPart,
      fuel_filter: M.fuelCell,
      transmission_filter: M.transFelt,
    },
  },
  {
    brand: "Fram",
    line: "Extra Guard",
    code: "FR",
    coverage: { oil_filter: 0.5, air_filter: 0.4, cabin_filter: 0.35, fuel_filter: 0.3 },
    media: {
      oil_filter: M.oilCell,
      air_filter: M.airCell,
      cabin_filter: M.cabCarbon,
      fuel_filter: M.fuelCell,
    },
  },
  {
    brand: "Wix",
    line: "Wix",
    code: "WX",
    coverage: {
      oil_filter: 0.35,
      air_filter: 0.25,
      cabin_filter: 0.25,
      fuel_filter: 0.4,
      transmission_filter: 0.5,
    },
    media: {
      oil_filter: M.oilBlend,
      air_filter: M.airCell,
      cabin_filter: M.cabPart,
      fuel_filter: M.fuelSyn,
      transmission_filter: M.transFelt,
    },
  },
  {
    brand: "Purolator",
    line: "PurolatorONE",
    code: "PL",
    coverage: { oil_filter: 0.3, air_filter: 0.2 },
    media: { oil_filter: M.oilBlend, air_filter: M.airCell },
  },
  {
    brand: "K&N",
    line: "Performance",
    code: "KN",
    coverage: { oil_filter: 0.2, air_filter: 0.3 },
    media: { oil_filter: M.oilSyn, air_filter: M.airCotton },
  },
  {
    brand: "Bosch",
    line: "Bosch",
    code: "BO",
    coverage: { oil_filter: 0.25, air_filter: 0.2, cabin_filter: 0.3, fuel_filter: 0.3 },
    media: {
      oil_filter: M.oilBlend,
      air_filter: M.airCell,
      cabin_filter: M.cabCarbon,
      fuel_filter: M.fuelSyn,
    },
  },
  {
    brand: "Mann-Filter",
    line: "Mann-Filter",
    code: "MN",
    coverage: {
      oil_filter: 0.45,
      air_filter: 0.35,
      cabin_filter: 0.35,
      fuel_filter: 0.45,
      transmission_filter: 0.3,
    },
    media: {
      oil_filter: M.oilSyn,
      air_filter: M.airSyn,
      cabin_filter: M.cabCarbon,
      fuel_filter: M.fuelSyn,
      transmission_filter: M.transSyn,
    },
  },
  {
    brand: "Mahle",
    line: "Mahle",
    code: "MH",
    coverage: { oil_filter: 0.3, air_filter: 0.2, cabin_filter: 0.2, transmission_filter: 0.3 },
    media: {
      oil_filter: M.oilBlend,
      air_filter: M.airCell,
      cabin_filter: M.cabCarbon,
      transmission_filter: M.transSyn,
    },
  },
];

const KIND_LETTER: Record<string, string> = {
  oil_filter: "O",
  air_filter: "A",
  cabin_filter: "C",
  fuel_filter: "F",
  transmission_filter: "T",
};

const CATEGORY: Record<string, string> = {
  oil_filter: "Oil Filters",
  air_filter: "Air Filters",
  cabin_filter: "Cabin Air Filters",
  fuel_filter: "Fuel Filters",
  transmission_filter: "Transmission Filters",
};

const NOUN: Record<string, string> = {
  oil_filter: "Oil Filter",
  air_filter: "Engine Air Filter",
  cabin_filter: "Cabin Air Filter",
  fuel_filter: "Fuel Filter",
  transmission_filter: "Transmission Filter Kit",
};

const SUBCATEGORY: Record<string, string> = {
  "spin-on": "Spin-On",
  cartridge: "Cartridge",
  panel: "Panel",
  round: "Round",
  inline: "Inline",
  "diesel cartridge": "Diesel Cartridge",
  "pan kit": "Pan Filter Kit",
};

/** The filter SKUs: each brand's part for the designs it covers (most demanded on its shelves first). */
export function buildFilterProducts(ctx: RunContext, designs: FilterDesign[]): DraftProduct[] {
  const s = new Stream(ctx.seed, "catalog/filters");
  const out: DraftProduct[] = [];
  for (const kind of Object.keys(DESIGN_POOLS) as ProductKind[]) {
    const ds = designs.filter((d) => d.kind === kind);
    for (const line of FILTER_LINES) {
      const cov = line.coverage[kind];
      if (!cov) continue;
      const brand = brandByName(line.brand);
      const demand = (d: FilterDesign) =>
        brand.markets === "us"
          ? d.demandUs
          : brand.markets === "metric"
          ? d.demandMetric
          : d.demandUs + d.demandMetric;
      const ranked = ds.slice().sort((a, b) => demand(b) - demand(a) || a.serial - b.serial);
      const take = cov >= 1 ? ranked.length : Math.max(1, Math.round(cov * ranked.length));
      const [media, pct, micron, mediaCost] = line.media[kind]!;
      for (const d of ranked.slice(0, take).sort((a, b) => a.serial - b.serial)) {
        const row = d.index * 64 + brand.id;
        const part = `${line.code}${KIND_LETTER[kind]}-${
          1000 + ((d.serial * 37 + brand.id * 101) % 9000)
        }`;
        const lineName = line.line === line.brand ? "" : ` ${line.line}`;
        const weight = kind === "oil_filter"
          ? 0.12 + 0.004 * d.height
          : kind === "air_filter"
          ? 0.2 + (d.length ?? d.od ?? 200) * (d.width ?? d.od ?? 200) * (d.height / 1e6) * 0.08
          : kind === "cabin_filter"
          ? 0.12 + (d.length! * d.width!) / 1e6 * 0.6
          : kind === "fuel_filter"
          ? 0.18 + d.height / 400
          : 0.4 + (d.length! * d.width!) / 1e6 * 4;
        out.push({
          kind,
          department: "Filters",
          category: CATEGORY[kind],
          subcategory: SUBCATEGORY[d.type] ?? d.type,
          brand,
          line: line.line,
          name: `${brand.name}${lineName} ${NOUN[kind]} ${part}`,
          market: brand.markets,
          packSize: 1,
          packUnit: "each",
          packLabel: "1 filter",
          packageType: "box",
          volumeL: null,
          weightKg: Math.round(weight * 1000) / 1000,
          casePack: kind === "air_filter" || kind === "transmission_filter" ? 6 : 12,
          bulk: false,
          saeGrade: null,
          baseOilGroup: null,
          apiService: null,
          ilsac: null,
          acea: null,
          nlgiGrade: null,
          fluidSpec: null,
          filterType: d.type,
          designCode: d.code,
          designIndex: d.index,
          threadSize: d.thread,
          gasketOdMm: d.gasketOd,
          gasketIdMm: d.gasketId,
          outerDiameterMm: d.od,
          innerDiameterMm: d.id,
          lengthMm: d.length,
          widthMm: d.width,
          heightMm: d.height,
          media,
          antiDrainBack: d.adbv,
          bypassPsi: d.bypass,
          efficiencyPct: pct,
          efficiencyMicron: micron,
          baseCostUsd: d.baseCost * mediaCost * brand.costFactor * lognormal(s, row, 0, 0.05),
          costMix: d.type === "spin-on" ? "filter_canister" : "filter_element",
          demandKey: "",
          demandUs: d.demandUs,
          demandMetric: d.demandMetric,
          noiseRow: row,
        });
      }
    }
  }
  return out;
}
