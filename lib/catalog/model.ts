/**
 * The catalog model: brands, products (the SKU master), base vehicles, the
 * fitments between them, and kits. Built once per run context (memoised) as a
 * pure function of the options; the catalog's size is fixed by
 * `options.catalog`, never by the scale factor.
 *
 * Build order: vehicles → filter designs assigned to vehicles → oil and
 * filter SKUs (whose popularity follows the vehicles they serve) → fitments →
 * kits. Every random value comes from a `catalog/...` {@link Stream}.
 *
 * @module
 */

import type { RunContext } from "../world/context.ts";
import { memoize } from "../world/context.ts";
import { BRANDS } from "./brands.ts";
import { buildFitments, type FitmentRow } from "./fitment.ts";
import { buildFilterDesigns, buildFilterProducts, type FilterDesign } from "./filters.ts";
import { buildKits } from "./kits.ts";
import { buildFluidProducts } from "./oils.ts";
import { finishProducts } from "./products.ts";
import { buildVehicles } from "./vehicles.ts";

/** What a product is; decides which attributes it carries. */
export type ProductKind =
  | "motor_oil"
  | "atf"
  | "gear_oil"
  | "grease"
  | "coolant"
  | "oil_filter"
  | "air_filter"
  | "cabin_filter"
  | "fuel_filter"
  | "transmission_filter";

/** Every product kind, lubricants first. */
export const PRODUCT_KINDS: readonly ProductKind[] = [
  "motor_oil",
  "atf",
  "gear_oil",
  "grease",
  "coolant",
  "oil_filter",
  "air_filter",
  "cabin_filter",
  "fuel_filter",
  "transmission_filter",
];

/** The filter kinds. */
export const FILTER_KINDS: readonly ProductKind[] = [
  "oil_filter",
  "air_filter",
  "cabin_filter",
  "fuel_filter",
  "transmission_filter",
];

/** True for the five filter kinds. */
export function isFilterKind(kind: ProductKind): boolean {
  return kind.endsWith("_filter");
}

/** Who owns a brand: a manufacturer of the chain, the retailer (private label), or an outside company. */
export type BrandType = "own" | "private_label" | "third_party";

/** Where a brand sits on price and quality. */
export type Positioning = "value" | "mainstream" | "premium";

/** Shelves that carry a product: US-customary units, metric units, or both. */
export type Market = "us" | "metric" | "all";

/** A brand of the catalog. */
export interface Brand {
  /** 1-based id. */
  id: number;
  /** Display name. */
  name: string;
  /** own (a manufacturer's label), private_label (the retailer's own brand) or third_party. */
  type: BrandType;
  /** Price and quality position. */
  positioning: Positioning;
  /** Company id of the owner within the chain (null for third-party brands). */
  ownerCompanyId: number | null;
  /** What the brand sells here: "lubricants", "filters" or "lubricants and filters". */
  productLines: string;
  /** Markets whose shelves carry it. */
  markets: Market;
  /** Country of origin of the brand (ISO code). */
  originCountry: string;
  /** One line on the brand. */
  description: string;
  /** GS1 company prefix used for UPC-A (12-digit) GTINs: 6 digits starting with 0. */
  upcPrefix: string;
  /** GS1 company prefix used for EAN-13 GTINs: 7 digits. */
  eanPrefix: string;
  /** Relative cost of the brand's formulation or build (1 = mainstream). */
  costFactor: number;
  /** Relative share of shoppers choosing the brand within a need (popularity weight). */
  share: number;
}

/** A SKU of the catalog. Fields after `popularity` are optional attributes of its kind (null when not applicable). */
export interface Product {
  /** sku_id, 1-based = index + 1. */
  id: number;
  /** Stable SKU code, e.g. `MO-000123`. */
  sku: string;
  /** Product kind. */
  kind: ProductKind;
  /** Category (second level of the tree under the department). */
  category: string;
  /** Subcategory (third level). */
  subcategory: string;
  /** Brand id. */
  brandId: number;
  /** Brand owner type. */
  brandType: BrandType;
  /** Brand positioning. */
  positioning: Positioning;
  /** Name a shopper recognises, e.g. "Corvane Apex Full Synthetic 5W-30 Motor Oil, 5 qt". */
  name: string;
  /** Which unit-system shelves carry it. */
  market: Market;
  /** Pack content in `packUnit`. */
  packSize: number;
  /** Unit of `packSize`: qt, gal, L, oz, g or each. */
  packUnit: string;
  /** First day on sale (day number). */
  launchDay: number;
  /** First day no longer on sale (day number), or null; the last day on sale is discontinueDay - 1. */
  discontinueDay: number | null;
  /** SAE viscosity grade (motor and gear oils), else null. */
  saeGrade: string | null;
  /** Relative demand weight (units), long-tailed; mean 1 over the catalog. */
  popularity: number;

  /** Department: "Oils & Fluids" or "Filters". */
  department: string;
  /** Product line within the brand, e.g. "Apex Full Synthetic". */
  line: string;
  /** Brand name (denormalised for convenience). */
  brandName: string;
  /** Company id that makes it within the chain (1 Corvane, 2 Keldmark), null for third-party goods. */
  makerCompanyId: number | null;
  /** GTIN (UPC-A 12 digits or EAN-13) with a valid check digit. */
  gtin: string;
  /** Shelf label of the pack, e.g. "5 qt", "208 L drum", "1 filter". */
  packLabel: string;
  /** Physical package: bottle, jug, drum, cartridge, box. */
  packageType: string;
  /** Liquid content in litres (lubricants and coolant), else null. */
  volumeL: number | null;
  /** Shipping weight of one unit in kg. */
  weightKg: number;
  /** Units per case. */
  casePack: number;
  /** True for bulk packs (drums) sold to trade, not on the DIY shelf. */
  bulk: boolean;
  /** Demand weight on US-customary shelves (0 when not carried there); mean 1 over carried SKUs. */
  popUs: number;
  /** Demand weight on metric shelves (0 when not carried there); mean 1 over carried SKUs. */
  popMetric: number;

  /** Base-oil API group (lubricants). */
  baseOilGroup: string | null;
  /** API service category, e.g. "API SP", "API CK-4", "API GL-5". */
  apiService: string | null;
  /** ILSAC grade, e.g. "GF-6A". */
  ilsac: string | null;
  /** ACEA sequences, e.g. "C3" or "A3/B4". */
  acea: string | null;
  /** NLGI consistency grade (grease). */
  nlgiGrade: string | null;
  /** Specification of ATF, coolant or grease, e.g. "DEXRON-VI, MERCON LV". */
  fluidSpec: string | null;

  /** Filter construction: spin-on, cartridge, panel, round, conical, inline, pan kit. */
  filterType: string | null;
  /** Cross-reference (interchange) code of the physical design; SKUs of several brands share it. */
  designCode: string | null;
  /** Thread of a spin-on filter, e.g. "3/4-16 UNF". */
  threadSize: string | null;
  /** Gasket outer diameter in mm. */
  gasketOdMm: number | null;
  /** Gasket inner diameter in mm. */
  gasketIdMm: number | null;
  /** Outer diameter in mm (round filters). */
  outerDiameterMm: number | null;
  /** Inner diameter in mm (round and cartridge filters). */
  innerDiameterMm: number | null;
  /** Length in mm (panel and inline filters). */
  lengthMm: number | null;
  /** Width in mm (panel filters). */
  widthMm: number | null;
  /** Height in mm (every filter). */
  heightMm: number | null;
  /** Filter media. */
  media: string | null;
  /** Anti-drain-back valve (spin-on oil filters). */
  antiDrainBack: boolean | null;
  /** Bypass valve opening pressure in psi (oil filters with a bypass). */
  bypassPsi: number | null;
  /** Filtration efficiency in percent at `efficiencyMicron`. */
  efficiencyPct: number | null;
  /** Particle size of the efficiency rating in µm. */
  efficiencyMicron: number | null;

  /** Standard cost in USD at reference raw-material prices (2023 levels), before index moves. */
  baseCostUsd: number;
  /** Target manufacturer gross margin (1 − cost / transfer). */
  mfrMargin: number;
  /** Target distributor gross margin (1 − transfer / wholesale). */
  distMargin: number;
  /** Target retailer gross margin on the net shelf price (1 − wholesale / retail ex tax). */
  retailMargin: number;
  /** Which raw-material cost mix drives its standard cost (see raw_materials.ts). */
  costMix: string;
}

/** Region of sale of a base vehicle. */
export type VehicleRegion = "north_america" | "europe" | "australia";

/** A base vehicle: make, model, year range and engine. */
export interface Vehicle {
  /** 1-based id. */
  id: number;
  /** Make, e.g. "Toyota". */
  make: string;
  /** Model, e.g. "Camry". */
  model: string;
  /** First model year. */
  yearFrom: number;
  /** Last model year. */
  yearTo: number;
  /** Engine label, e.g. "2.5L I4 (203 hp)". */
  engine: string;
  /** gasoline, diesel or hybrid. */
  fuel: string;
  /** Region of sale. */
  region: VehicleRegion;
  /** Recommended SAE grade of engine oil. */
  oilGrade: string;
  /** Engine oil capacity with filter change, litres. */
  oilCapacityL: number;
  /** Relative number of these vehicles on the road (mean 1). */
  popularity: number;
  /** Displacement in litres. */
  displacementL: number;
  /** Number of cylinders. */
  cylinders: number;
  /** Power in hp. */
  powerHp: number;
  /** Body style. */
  body: string;
  /** Filter design index per filter kind (or -1 when the vehicle has no serviceable filter of that kind). */
  designs: Record<string, number>;
}

/** A kit (bundle) sold at a price below the sum of its parts. */
export interface Kit {
  /** 1-based id. */
  id: number;
  /** Display name. */
  name: string;
  /** oil_change (oil + the filter that fits) or lube_deal (lubricant tied to a part). */
  kind: "oil_change" | "lube_deal";
  /** The vehicle the kit is made for, or null for a generic deal. */
  vehicleId: number | null;
  /** Products and quantities. */
  components: { productId: number; qty: number }[];
  /** Shelves that carry it. */
  market: "us" | "metric";
  /** Stable code, e.g. `KIT-0001`. */
  code: string;
  /** Target discount of the bundle price against the sum of its parts' list prices. */
  discount: number;
}

/**
 * The whole catalog of a run. Lookups return shared arrays (do not mutate
 * them) of every matching SKU whatever its dates: callers check
 * `launchDay <= day < discontinueDay` themselves.
 */
export interface Catalog {
  /** Products; `products[i].id === i + 1`. */
  products: Product[];
  /** Brands; `brands[i].id === i + 1`. */
  brands: Brand[];
  /** Base vehicles; `vehicles[i].id === i + 1`. */
  vehicles: Vehicle[];
  /** Which product fits which vehicle, and as what. */
  fitments: FitmentRow[];
  /** Kits; `kits[i].id === i + 1`. */
  kits: Kit[];
  /** Physical filter designs (cross-reference codes), per kind. */
  designs: FilterDesign[];
  /** Product ids (1-based) that fit a vehicle, by kind (physical fit, every market). */
  fitsVehicle(vehicleId: number, kind: ProductKind): number[];
  /** Product ids that fit a vehicle, by kind, carried on the shelves of `market`. */
  fitsVehicleIn(vehicleId: number, kind: ProductKind, market: "us" | "metric"): number[];
  /** Motor oil product ids of a grade for a market (retail packs, not drums). */
  oilsOfGrade(grade: string, market: "us" | "metric"): number[];
  /** True when a product is on the shelves of `market` ("us" or "metric"). */
  carriedIn(productIndex: number, market: "us" | "metric"): boolean;
}

/** The catalog of a run (memoised; a pure function of the options). */
export function catalogModel(ctx: RunContext): Catalog {
  return memoize("catalog", ctx, () => buildCatalog(ctx));
}

function buildCatalog(ctx: RunContext): Catalog {
  const vehicles = buildVehicles(ctx);
  const designs = buildFilterDesigns(ctx, vehicles);
  const fluids = buildFluidProducts(ctx);
  const filters = buildFilterProducts(ctx, designs);
  const products = finishProducts(ctx, [...fluids, ...filters], vehicles);
  const fit = buildFitments(products, vehicles, designs);
  const brands = BRANDS.slice();
  const kits = buildKits(ctx, products, vehicles, fit);
  const grades = new Map<string, number[]>();
  products.forEach((p, i) => {
    if (p.kind !== "motor_oil" || p.bulk || !p.saeGrade) return;
    for (const m of p.market === "all" ? ["us", "metric"] : [p.market]) {
      const k = `${p.saeGrade}|${m}`;
      if (!grades.has(k)) grades.set(k, []);
      grades.get(k)!.push(i + 1);
    }
  });
  const none: number[] = [];
  const carried = (i: number, m: "us" | "metric") => {
    const pm = products[i].market;
    return pm === "all" || pm === m;
  };
  return {
    products,
    brands,
    vehicles,
    fitments: fit.rows,
    kits,
    designs,
    fitsVehicle: (v, kind) => fit.byVehicle[v - 1]?.[kind] ?? none,
    fitsVehicleIn: (v, kind, m) =>
      (m === "us" ? fit.byVehicleUs : fit.byVehicleMetric)[v - 1]?.[kind] ?? none,
    oilsOfGrade: (g, m) => grades.get(`${g}|${m}`) ?? none,
    carriedIn: carried,
  };
}
