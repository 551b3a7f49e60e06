/**
 * The makers' static model (pure, memoised per run): the materials both buy
 * (Corvane's base oils and additives, Keldmark's media and components), the
 * blend recipes of Corvane's finished products with the QC specification of
 * each grade, and the bill of materials of each Keldmark filter.
 *
 * Materials are priced off the raw-material indices: a unit costs its content
 * of the indexed material at the index's price × a premium, plus a fixed part
 * (fabrication, freight). Purchases pay the index of their order week; the
 * standard price of a month uses the lagged index the price book's standard
 * costs use (`laggedIndex`), so the shock reaches purchases first and
 * standards two to three months later.
 *
 * @module
 */

import { allFakers } from "@faker-js/faker";
import { catalogModel, type Product } from "../../catalog/model.ts";
import {
  laggedIndex,
  RAW_MATERIAL_INDICES,
  type RawMaterialModel,
} from "../../catalog/raw_materials.ts";
import { streamKey } from "../../core/rng.ts";
import type { RunContext } from "../../world/context.ts";
import { memoize } from "../../world/context.ts";
import { CCS_LIMITS, FILTER_LINES, FLASH_MIN_C, FREEZE_MAX_C, KV100_BANDS } from "./params.ts";

/** A material or component a maker buys. */
export interface Material {
  /** 1-based id (materials.material_id). */
  id: number;
  /** Buying maker (1 Corvane, 2 Keldmark). */
  maker: number;
  /** Stable code, e.g. BO-G3 or CAN-76x100. */
  code: string;
  /** English name. */
  name: string;
  /** Kind, e.g. base_oil, additive, media, canister, gasket. */
  type: string;
  /** Unit of quantity: kg, g or each. */
  unit: "kg" | "g" | "each";
  /** Index its price follows (null: fixed price). */
  indexCode: string | null;
  /** kg of the indexed material in one unit. */
  indexKg: number;
  /** Price over the index's content (processing, grade premium). */
  premium: number;
  /** Fixed part of the unit price in USD (fabrication, freight). */
  fixedUsd: number;
  /** Supplier lead time in days. */
  leadDays: number;
}

/** One component of a recipe or bill of materials. */
export interface Component {
  /** Material index (0-based). */
  material: number;
  /** Recipes: mass share in hundredths of a percent (sums to 10 000). BOMs: units per filter. */
  qty: number;
}

/** A blend recipe with the QC specification of its grade. */
export interface Recipe {
  /** 1-based id. */
  id: number;
  /** Code, e.g. MO-5W30-FS-G3. */
  code: string;
  /** Product kind. */
  kind: string;
  /** Subcategory of its products. */
  subcategory: string;
  /** SAE grade or null. */
  grade: string | null;
  /** Base-oil group label or null. */
  baseOilGroup: string | null;
  /** Density kg/L. */
  density: number;
  /** Components (mass shares). */
  components: Component[];
  /** Kinematic viscosity at 100 °C band [min, max) cSt, or null. */
  kv100: readonly [number, number] | null;
  /** CCS maximum mPa·s and its temperature, or null. */
  ccs: { maxMpas: number; tempC: number } | null;
  /** Minimum flash point °C, or null. */
  flashMinC: number | null;
  /** Maximum freeze point °C, or null. */
  freezeMaxC: number | null;
  /** Product indices (0-based) packed from it. */
  products: number[];
  /** Position in the campaign wheel: light to heavy within a family. */
  sequence: number;
}

/** A filter's bill of materials and line family. */
export interface Bom {
  /** Product index (0-based). */
  product: number;
  /** Line family. */
  family: keyof typeof FILTER_LINES.families;
  /** Components (units per filter: pieces or grams). */
  components: Component[];
}

/** The makers' static model. */
export interface MakerModel {
  /** Materials, id = index + 1. */
  materials: Material[];
  /** Supplier name per material (Faker company names). */
  supplierNames: string[];
  /** Recipes, id = index + 1. */
  recipes: Recipe[];
  /** Recipe index (0-based) per product index, -1 if none. */
  recipeOf: Int32Array;
  /** Litres per unit of each product (grease from its mass at the recipe's density); 0 if none. */
  packLitres: Float64Array;
  /** BOMs of Keldmark's filters. */
  boms: Bom[];
  /** BOM index per product index, -1 if none. */
  bomOf: Int32Array;
  /** Products of each maker (0-based indices), by maker id. */
  productsOf: Record<number, number[]>;
}

/** The makers' static model of a run (memoised). */
export function makerModel(ctx: RunContext): MakerModel {
  return memoize("maker_model", ctx, () => build(ctx));
}

/** Corvane's materials: code, name, type, unit, index, premium, fixed USD, lead days. */
const LUBE_MATERIALS: [string, string, string, string | null, number, number, number][] = [
  ["BO-G1", "Base oil, API Group I (SN 500)", "base_oil", "base_oil_group_ii", 0.92, 0, 14],
  ["BO-G2", "Base oil, API Group II (N150)", "base_oil", "base_oil_group_ii", 1, 0, 12],
  ["BO-G3", "Base oil, API Group III (4 cSt)", "base_oil", "base_oil_group_iii", 1, 0, 16],
  ["BO-PAO", "Base oil, API Group IV (PAO 6)", "base_oil", "base_oil_group_iii", 2.1, 0, 21],
  [
    "ADD-PCMO",
    "Additive package, passenger-car motor oil (API SP)",
    "additive",
    "additive_package",
    1,
    0,
    21,
  ],
  [
    "ADD-HDMO",
    "Additive package, heavy-duty diesel (API CK-4)",
    "additive",
    "additive_package",
    1.05,
    0,
    21,
  ],
  [
    "ADD-ATF",
    "Additive package, automatic transmission fluid",
    "additive",
    "additive_package",
    1.15,
    0,
    21,
  ],
  ["ADD-GEAR", "Additive package, gear oil (API GL-5)", "additive", "additive_package", 0.9, 0, 21],
  [
    "VM-OCP",
    "Viscosity modifier (olefin copolymer)",
    "viscosity_modifier",
    "additive_package",
    0.8,
    0,
    21,
  ],
  [
    "PPD-PMA",
    "Pour-point depressant (polymethacrylate)",
    "pour_point_depressant",
    "additive_package",
    1.2,
    0,
    21,
  ],
  ["THK-LI", "Thickener, lithium 12-hydroxystearate", "thickener", "additive_package", 0.7, 0, 14],
  ["MEG", "Mono-ethylene glycol", "glycol", "ethylene_glycol", 1, 0, 10],
  ["INH-OAT", "Coolant inhibitor package (OAT)", "additive", "additive_package", 0.9, 0, 21],
  ["WATER", "Deionised water", "water", null, 0, 0.002, 1],
];

/**
 * Corvane buys under term contracts priced at a discount to the posted
 * (index) prices, as large blenders do: posted base-oil prices run well above
 * contract prices in the trade press (Argus, ICIS report posted and contract
 * assessments separately).
 */
export const LUBE_CONTRACT_FACTOR = 0.78;

/** Viscosity modifier dose by motor-oil grade, in hundredths of a percent. */
const VM_DOSE: Record<string, number> = {
  "0W-16": 250,
  "0W-20": 300,
  "0W-30": 500,
  "5W-20": 400,
  "5W-30": 600,
  "5W-40": 900,
  "10W-30": 600,
  "10W-40": 900,
  "15W-40": 700,
  "20W-50": 800,
  "75W-90": 400,
  "75W-140": 800,
  "80W-90": 0,
};

const DENSITY: Record<string, number> = {
  motor_oil: 0.86,
  atf: 0.85,
  gear_oil: 0.89,
  grease: 0.92,
  coolant: 1.11,
};

/** Grams per ounce. */
const OZ_G = 28.349523125;

function build(ctx: RunContext): MakerModel {
  const cat = catalogModel(ctx);
  const materials: Material[] = [];
  const byCode = new Map<string, number>();
  const add = (m: Omit<Material, "id">): number => {
    const hit = byCode.get(m.code);
    if (hit !== undefined) return hit;
    materials.push({ id: materials.length + 1, ...m });
    byCode.set(m.code, materials.length - 1);
    return materials.length - 1;
  };
  for (const [code, name, type, idx, premium, fixed, lead] of LUBE_MATERIALS) {
    add({
      maker: 1,
      code,
      name,
      type,
      unit: "kg",
      indexCode: idx,
      indexKg: idx ? 1 : 0,
      premium: Math.round(premium * LUBE_CONTRACT_FACTOR * 1000) / 1000,
      fixedUsd: fixed,
      leadDays: lead,
    });
  }
  const m = (code: string) => byCode.get(code)!;

  // Corvane: one recipe per kind × subcategory × grade × base-oil group.
  const P = cat.products.length;
  const recipeOf = new Int32Array(P).fill(-1);
  const packLitres = new Float64Array(P);
  const recipes: Recipe[] = [];
  const recipeKey = new Map<string, number>();
  const productsOf: Record<number, number[]> = { 1: [], 2: [] };
  for (let p = 0; p < P; p++) {
    const prod = cat.products[p];
    if (prod.makerCompanyId === 1) {
      productsOf[1].push(p);
      const key = [prod.kind, prod.subcategory, prod.saeGrade, prod.baseOilGroup].join("|");
      let r = recipeKey.get(key);
      if (r === undefined) {
        r = recipes.length;
        recipeKey.set(key, r);
        recipes.push(recipeFor(r + 1, prod, m));
      }
      recipeOf[p] = r;
      recipes[r].products.push(p);
      packLitres[p] = prod.volumeL ??
        (prod.packUnit === "oz" ? prod.packSize * OZ_G : prod.packSize) / 1000 /
          recipes[r].density;
    } else if (prod.makerCompanyId === 2) {
      productsOf[2].push(p);
    }
  }
  // The campaign wheel: by family, light grades before heavy ones.
  const order = recipes.map((r, i) => [r.kind, r.kv100 ? r.kv100[0] : 0, r.code, i] as const)
    .sort((a, b) =>
      a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0)
    );
  order.forEach(([, , , i], k) => recipes[i].sequence = k);

  // Keldmark: one BOM per filter.
  const bomOf = new Int32Array(P).fill(-1);
  const boms: Bom[] = [];
  for (const p of productsOf[2]) {
    bomOf[p] = boms.length;
    boms.push(bomFor(p, cat.products[p], add));
  }

  const faker = allFakers.en;
  faker.seed(streamKey(ctx.seed, "materials/suppliers"));
  const supplierNames = materials.map(() => faker.company.name());
  return { materials, supplierNames, recipes, recipeOf, packLitres, boms, bomOf, productsOf };
}

function recipeFor(id: number, prod: Product, m: (code: string) => number): Recipe {
  const kind = prod.kind;
  const grade = prod.saeGrade;
  const parts: [string, number][] = [];
  let kv100: readonly [number, number] | null = null;
  let ccs: Recipe["ccs"] = null;
  let freeze: number | null = null;
  if (kind === "motor_oil") {
    const diesel = prod.subcategory === "Diesel";
    const hm = prod.subcategory === "High Mileage" ? 100 : 0;
    parts.push([diesel ? "ADD-HDMO" : "ADD-PCMO", (diesel ? 1300 : 900) + hm]);
    parts.push(["VM-OCP", VM_DOSE[grade ?? ""] ?? 600], ["PPD-PMA", 25]);
    const [w, hot] = (grade ?? "5W-30").split("-");
    kv100 = KV100_BANDS[hot] ?? null;
    ccs = CCS_LIMITS[w] ?? null;
  } else if (kind === "atf") {
    parts.push(["ADD-ATF", 1200], ["VM-OCP", 400], ["PPD-PMA", 30]);
    kv100 = KV100_BANDS.atf;
  } else if (kind === "gear_oil") {
    parts.push(["ADD-GEAR", 700], ["VM-OCP", VM_DOSE[grade ?? ""] ?? 0], ["PPD-PMA", 20]);
    kv100 = KV100_BANDS[(grade ?? "").endsWith("140") ? "gear-140" : "gear-90"];
  } else if (kind === "grease") {
    parts.push(["THK-LI", 1000], ["ADD-GEAR", 300]);
  } else {
    const conc = prod.subcategory === "Concentrate";
    parts.push(["MEG", conc ? 9300 : 4700], ["INH-OAT", conc ? 400 : 200]);
    parts.push(["WATER", conc ? 300 : 5100]);
    freeze = FREEZE_MAX_C;
  }
  const used = parts.reduce((a, [, q]) => a + q, 0);
  const rest = 10000 - used;
  if (kind !== "coolant") {
    const g = prod.baseOilGroup ?? "Group II";
    if (g === "Group II/III") {
      const half = Math.round(rest / 2);
      parts.unshift(["BO-G2", half], ["BO-G3", rest - half]);
    } else {
      const code = g.startsWith("Group IV")
        ? "BO-PAO"
        : g === "Group III"
        ? "BO-G3"
        : g === "Group I"
        ? "BO-G1"
        : "BO-G2";
      parts.unshift([code, rest]);
    }
  } else {
    parts[parts.length - 1][1] += rest;
  }
  const sub = prod.subcategory.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0])
    .join("").toUpperCase();
  const code = [
    prod.sku.slice(0, 2),
    (grade ?? "").replace("-", ""),
    sub,
    (prod.baseOilGroup ?? "").replace(/^Group /, "G").replace(/[^A-Za-z0-9/]+/g, ""),
  ].filter(Boolean).join("-");
  return {
    id,
    code,
    kind,
    subcategory: prod.subcategory,
    grade,
    baseOilGroup: prod.baseOilGroup,
    density: kind === "coolant" && prod.subcategory !== "Concentrate" ? 1.07 : DENSITY[kind],
    components: parts.filter(([, q]) => q > 0).map(([c, q]) => ({ material: m(c), qty: q })),
    kv100,
    ccs,
    flashMinC: FLASH_MIN_C[kind] ?? null,
    freezeMaxC: freeze,
    products: [],
    sequence: 0,
  };
}

/** Media by the product's media name: code, name, premium over the filter-media index, g/m². */
function mediaOf(media: string): [string, string, number, number] {
  if (media.includes("glass")) return ["MED-GLS", "Synthetic glass-fibre media", 2.2, 110];
  if (media.includes("blend")) return ["MED-BLD", "Cellulose-synthetic blend media", 1.5, 115];
  if (media.includes("carbon")) return ["MED-CRB", "Activated-carbon media", 2.0, 190];
  if (media.includes("particulate")) {
    return ["MED-NWV", "Electret non-woven (particulate) media", 1.6, 90];
  }
  if (media.includes("felt")) return ["MED-FLT", "Polyester felt media", 1.3, 250];
  if (media.includes("synthetic")) return ["MED-SYN", "Synthetic media", 1.8, 100];
  if (media.includes("cotton")) return ["MED-CTN", "Oiled cotton gauze", 2.5, 220];
  return ["MED-CEL", "Cellulose media", 1, 125];
}

/** Line family of a filter construction. */
export function familyOf(filterType: string | null): Bom["family"] {
  if (filterType === "spin-on") return "spin_on";
  if (filterType === "panel") return "panel";
  if (
    filterType === "cartridge" || filterType === "diesel cartridge" || filterType === "round" ||
    filterType === "conical"
  ) return "cartridge";
  return "other";
}

function bomFor(
  p: number,
  prod: Product,
  add: (m: Omit<Material, "id">) => number,
): Bom {
  const family = familyOf(prod.filterType);
  const parts: Component[] = [];
  const steel = (code: string, name: string, type: string, kg: number, fixed: number) =>
    add({
      maker: 2,
      code,
      name,
      type,
      unit: "each",
      indexCode: "steel_coil",
      indexKg: kg,
      premium: 1.8,
      fixedUsd: fixed,
      leadDays: 28,
    });
  const fixed = (code: string, name: string, type: string, usd: number, lead = 21) =>
    add({
      maker: 2,
      code,
      name,
      type,
      unit: "each",
      indexCode: null,
      indexKg: 0,
      premium: 0,
      fixedUsd: usd,
      leadDays: lead,
    });
  const h = prod.heightMm ?? 50;
  const od = prod.outerDiameterMm ?? 0;
  // Media: pleated area × grammage, in grams.
  const [mc, mn, mp, gsm] = mediaOf(prod.media ?? "cellulose");
  const area = od > 0
    ? Math.PI * od * 0.8 * h * 6 / 1e6
    : (prod.lengthMm ?? 200) * (prod.widthMm ?? 150) * Math.max(1, h / 5) * 0.9 / 1e6;
  const media = add({
    maker: 2,
    code: mc,
    name: mn,
    type: "media",
    unit: "g",
    indexCode: "filter_media",
    indexKg: 0.001,
    premium: mp,
    fixedUsd: 0,
    leadDays: 21,
  });
  parts.push({ material: media, qty: Math.max(8, Math.round(area * gsm)) });
  if (family === "spin_on") {
    const canKg = Math.round(Math.PI * od * h * 0.45 * 7.85e-6 * 1000) / 1000;
    const size = `${od}x${h}`;
    parts.push({
      material: steel(`CAN-${size}`, `Canister ${size} mm`, "canister", canKg, 0.12),
      qty: 1,
    });
    const thread = prod.threadSize ?? "3/4-16 UNF";
    parts.push({
      material: steel(`BP-${thread}`, `Base plate, thread ${thread}`, "base_plate", 0.09, 0.1),
      qty: 1,
    });
    parts.push({
      material: steel(`CT-${h}`, `Centre tube, ${h} mm`, "centre_tube", 0.0004 * h, 0.03),
      qty: 1,
    });
    parts.push({
      material: steel(`EC-M${od}`, `Metal end cap, ${od - 12} mm`, "end_cap", 0.00035 * od, 0.02),
      qty: 2,
    });
    if (prod.antiDrainBack) {
      parts.push({
        material: fixed(
          "ADBV-NBR",
          "Anti-drain-back valve, nitrile",
          "anti_drain_back_valve",
          0.05,
        ),
        qty: 1,
      });
    }
    if (prod.bypassPsi) {
      parts.push({
        material: steel(
          `BPV-${prod.bypassPsi}`,
          `Bypass valve, opens at ${prod.bypassPsi} psi`,
          "bypass_valve",
          0.012,
          0.09,
        ),
        qty: 1,
      });
    }
  } else if (family === "cartridge") {
    parts.push({
      material: fixed(`EC-P${od}`, `Plastic end cap, ${od} mm`, "end_cap", 0.03 + od * 0.0004),
      qty: 2,
    });
    parts.push({
      material: steel(`CT-${h}`, `Centre tube, ${h} mm`, "centre_tube", 0.0004 * h, 0.03),
      qty: 1,
    });
  } else if (family === "panel") {
    const l = prod.lengthMm ?? 200, w = prod.widthMm ?? 150;
    parts.push({
      material: fixed(
        `FRM-${l}x${w}`,
        `Polyurethane frame ${l}x${w} mm`,
        "frame",
        0.08 + (l + w) * 0.0004,
      ),
      qty: 1,
    });
  } else {
    const size = od > 0 ? `${od}` : `${prod.lengthMm ?? 250}x${prod.widthMm ?? 200}`;
    parts.push({
      material: steel(`HSG-${size}`, `Housing or screen ${size} mm`, "housing", 0.15, 0.2),
      qty: 1,
    });
  }
  if (prod.gasketOdMm && prod.gasketIdMm) {
    const g = `${prod.gasketOdMm}x${prod.gasketIdMm}`;
    parts.push({ material: fixed(`GSK-${g}`, `Gasket ${g} mm, nitrile`, "gasket", 0.04), qty: 1 });
  } else if (family !== "panel") {
    parts.push({ material: fixed("ORING-STD", "O-ring, nitrile", "gasket", 0.02), qty: 1 });
  }
  const adhesive = add({
    maker: 2,
    code: "ADH-PLS",
    name: "Plastisol adhesive",
    type: "adhesive",
    unit: "g",
    indexCode: null,
    indexKg: 0,
    premium: 0,
    fixedUsd: 0.0032,
    leadDays: 14,
  });
  parts.push({ material: adhesive, qty: Math.max(6, Math.round(h * 0.25)) });
  return { product: p, family, components: parts };
}

/** A material's price per unit in USD with the index at `indexValue` points (100 = reference). */
export function unitPriceUsd(mat: Material, indexValue: number): number {
  if (!mat.indexCode) return mat.fixedUsd;
  const ref = RAW_MATERIAL_INDICES.find((i) => i.code === mat.indexCode)!.refUsdPerTonne;
  return mat.indexKg * (ref * indexValue / 100) / 1000 * mat.premium + mat.fixedUsd;
}

/** Price per 1,000 units in minor units of a currency `perUsd` units to the dollar. */
export function pricePerThousand(usdPerUnit: number, perUsd: number): number {
  return Math.round(usdPerUnit * 1000 * perUsd * 100);
}

/** The amount of `qty` units at a price per 1,000 units (minor units). */
export function amountOf(qty: number, perThousand: number): number {
  return Math.round(qty * perThousand / 1000);
}

/** Standard price per 1,000 units of a material in absolute month `mn` (lagged index). */
export function standardPerThousand(
  rm: RawMaterialModel,
  mat: Material,
  mn: number,
  perUsd: number,
): number {
  const idx = mat.indexCode ? laggedIndex(rm, mat.indexCode, mn) : 100;
  return pricePerThousand(unitPriceUsd(mat, idx), perUsd);
}
