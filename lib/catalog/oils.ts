/**
 * The oil and fluid range: motor oils by line, grade and pack for US shelves
 * (qt, 5 qt, gal, 55 gal drum) and metric shelves (1 L, 4 L, 5 L, 208 L
 * drum), plus ATF, gear oil, grease and coolant.
 *
 * Unit systems are separate SKUs: a product's `market` says which shelves
 * carry it ("us" in the United States, "metric" in Canada, Europe and
 * Australia). A line lists its grades and packs per market.
 *
 * @module
 */

import { lognormal } from "../core/dist.ts";
import { Stream } from "../core/rng.ts";
import type { RunContext } from "../world/context.ts";
import { brandByName } from "./brands.ts";
import type { ProductKind } from "./model.ts";
import type { DraftProduct } from "./products.ts";

/** A pack: shelf label, content and package. */
export interface Pack {
  /** Content in `unit`. */
  size: number;
  /** qt, gal, L, oz or g. */
  unit: string;
  /** Content in litres (null for grease). */
  litres: number | null;
  /** Content in kg (grease), else null. */
  kg: number | null;
  /** bottle, jug, drum or cartridge. */
  type: string;
  /** Units per case. */
  casePack: number;
  /** Packaging cost in USD per pack. */
  packaging: number;
  /** Relative unit demand of this pack within a line. */
  share: number;
  /** True for drums (trade). */
  bulk: boolean;
}

/** Every pack size. */
export const PACKS: Record<string, Pack> = {
  "1 qt": {
    size: 1,
    unit: "qt",
    litres: 0.946,
    kg: null,
    type: "bottle",
    casePack: 12,
    packaging: 0.6,
    share: 0.45,
    bulk: false,
  },
  "5 qt": {
    size: 5,
    unit: "qt",
    litres: 4.732,
    kg: null,
    type: "jug",
    casePack: 3,
    packaging: 1.0,
    share: 0.55,
    bulk: false,
  },
  "1 gal": {
    size: 1,
    unit: "gal",
    litres: 3.785,
    kg: null,
    type: "jug",
    casePack: 6,
    packaging: 0.85,
    share: 0.5,
    bulk: false,
  },
  "1 L": {
    size: 1,
    unit: "L",
    litres: 1,
    kg: null,
    type: "bottle",
    casePack: 12,
    packaging: 0.6,
    share: 0.45,
    bulk: false,
  },
  "4 L": {
    size: 4,
    unit: "L",
    litres: 4,
    kg: null,
    type: "jug",
    casePack: 4,
    packaging: 0.9,
    share: 0.5,
    bulk: false,
  },
  "5 L": {
    size: 5,
    unit: "L",
    litres: 5,
    kg: null,
    type: "jug",
    casePack: 4,
    packaging: 1.0,
    share: 0.55,
    bulk: false,
  },
  "55 gal drum": {
    size: 55,
    unit: "gal",
    litres: 208.2,
    kg: null,
    type: "drum",
    casePack: 1,
    packaging: 30,
    share: 0.012,
    bulk: true,
  },
  "208 L drum": {
    size: 208,
    unit: "L",
    litres: 208,
    kg: null,
    type: "drum",
    casePack: 1,
    packaging: 30,
    share: 0.012,
    bulk: true,
  },
  "14 oz cartridge": {
    size: 14,
    unit: "oz",
    litres: null,
    kg: 0.397,
    type: "cartridge",
    casePack: 10,
    packaging: 0.4,
    share: 1,
    bulk: false,
  },
  "400 g cartridge": {
    size: 400,
    unit: "g",
    litres: null,
    kg: 0.4,
    type: "cartridge",
    casePack: 12,
    packaging: 0.4,
    share: 1,
    bulk: false,
  },
};

type Sub =
  | "synthetic"
  | "blend"
  | "conventional"
  | "high_mileage"
  | "diesel"
  | "atf"
  | "cvt"
  | "gear_syn"
  | "gear_conv"
  | "grease_mp"
  | "grease_wb"
  | "coolant_conc"
  | "coolant_premix";

interface Line {
  brand: string;
  line: string;
  kind: ProductKind;
  sub: Sub;
  /** Base-oil group, or null (coolant). */
  group: string | null;
  us?: [grades: string[], packs: string[]];
  metric?: [grades: string[], packs: string[]];
  /** Drum packs: grades per market. */
  drums?: { us?: string[]; metric?: string[] };
}

const SUBCATEGORY: Record<Sub, string> = {
  synthetic: "Full Synthetic",
  blend: "Synthetic Blend",
  conventional: "Conventional",
  high_mileage: "High Mileage",
  diesel: "Diesel",
  atf: "Automatic Transmission Fluid",
  cvt: "CVT Fluid",
  gear_syn: "Synthetic Gear Oil",
  gear_conv: "Conventional Gear Oil",
  grease_mp: "Multi-Purpose Grease",
  grease_wb: "Wheel Bearing Grease",
  coolant_conc: "Concentrate",
  coolant_premix: "50/50 Prediluted",
};

const CATEGORY: Record<string, string> = {
  motor_oil: "Motor Oil",
  atf: "Transmission Fluid",
  gear_oil: "Gear Oil",
  grease: "Grease",
  coolant: "Antifreeze & Coolant",
};

/** Base material cost per litre (per kg for grease) in USD at reference prices, by subcategory. */
const COST_PER_UNIT: Record<Sub, number> = {
  synthetic: 1.55,
  blend: 1.25,
  conventional: 1.05,
  high_mileage: 1.35,
  diesel: 1.15,
  atf: 1.6,
  cvt: 1.9,
  gear_syn: 2.6,
  gear_conv: 1.3,
  grease_mp: 3.0,
  grease_wb: 3.6,
  coolant_conc: 1.0,
  coolant_premix: 0.55,
};

/** Unit demand of a subcategory relative to its kind's others. */
const SUB_SHARE: Record<Sub, number> = {
  synthetic: 0.42,
  blend: 0.2,
  conventional: 0.14,
  high_mileage: 0.16,
  diesel: 1,
  atf: 0.8,
  cvt: 0.2,
  gear_syn: 0.45,
  gear_conv: 0.55,
  grease_mp: 0.75,
  grease_wb: 0.25,
  coolant_conc: 0.6,
  coolant_premix: 0.4,
};

const Q = ["1 qt", "5 qt"], L15 = ["1 L", "5 L"], L14 = ["1 L", "4 L"];

/** The lubricant and fluid lines. */
const LINES: Line[] = [
  // Corvane: the manufacturer's own label, a full range on both shelves.
  {
    brand: "Corvane",
    line: "Apex Full Synthetic",
    kind: "motor_oil",
    sub: "synthetic",
    group: "Group III",
    us: [["0W-16", "0W-20", "5W-20", "5W-30"], Q],
    metric: [["0W-16", "0W-20", "0W-30", "5W-20", "5W-30", "5W-40"], L15],
    drums: { metric: ["5W-30"] },
  },
  {
    brand: "Corvane",
    line: "Plus Synthetic Blend",
    kind: "motor_oil",
    sub: "blend",
    group: "Group II/III",
    us: [["5W-20", "5W-30"], Q],
    metric: [["5W-30", "10W-40"], L14],
    drums: { us: ["5W-30"] },
  },
  {
    brand: "Corvane",
    line: "Classic Conventional",
    kind: "motor_oil",
    sub: "conventional",
    group: "Group II",
    us: [["5W-30", "10W-30", "10W-40", "20W-50"], Q],
    metric: [["10W-30", "10W-40", "15W-40", "20W-50"], L14],
  },
  {
    brand: "Corvane",
    line: "Miles+ High Mileage",
    kind: "motor_oil",
    sub: "high_mileage",
    group: "Group II/III",
    us: [["5W-20", "5W-30", "10W-30"], Q],
    metric: [["5W-30", "10W-40"], ["5 L"]],
  },
  {
    brand: "Corvane",
    line: "HDX Heavy Duty",
    kind: "motor_oil",
    sub: "diesel",
    group: "Group II",
    us: [["15W-40", "10W-30", "5W-40"], ["1 gal"]],
    metric: [["15W-40", "10W-40", "10W-30", "5W-30"], ["5 L"]],
    drums: { us: ["15W-40"], metric: ["15W-40"] },
  },
  // Torqline: the retailer's own brand, the popular grades at a value price.
  {
    brand: "Torqline",
    line: "Full Synthetic",
    kind: "motor_oil",
    sub: "synthetic",
    group: "Group III",
    us: [["0W-20", "5W-20", "5W-30"], Q],
    metric: [["0W-20", "5W-30", "5W-40"], L15],
  },
  {
    brand: "Torqline",
    line: "Synthetic Blend",
    kind: "motor_oil",
    sub: "blend",
    group: "Group II/III",
    us: [["5W-20", "5W-30", "10W-30"], ["5 qt"]],
    metric: [["10W-40"], ["4 L"]],
  },
  {
    brand: "Torqline",
    line: "Conventional",
    kind: "motor_oil",
    sub: "conventional",
    group: "Group II",
    us: [["5W-30", "10W-30"], ["5 qt"]],
    metric: [["15W-40"], ["4 L"]],
  },
  {
    brand: "Torqline",
    line: "High Mileage",
    kind: "motor_oil",
    sub: "high_mileage",
    group: "Group II/III",
    us: [["5W-30", "10W-30"], ["5 qt"]],
  },
  {
    brand: "Torqline",
    line: "Heavy Duty Diesel",
    kind: "motor_oil",
    sub: "diesel",
    group: "Group II",
    us: [["15W-40"], ["1 gal"]],
    metric: [["15W-40"], ["5 L"]],
  },
  // Third-party competitor offerings.
  {
    brand: "Mobil 1",
    line: "Advanced Full Synthetic",
    kind: "motor_oil",
    sub: "synthetic",
    group: "Group IV (PAO)",
    us: [["0W-20", "5W-20", "5W-30"], Q],
    metric: [["0W-30", "5W-30"], L14],
  },
  {
    brand: "Castrol",
    line: "EDGE Full Synthetic",
    kind: "motor_oil",
    sub: "synthetic",
    group: "Group III",
    us: [["0W-20", "5W-30"], Q],
    metric: [["0W-30", "5W-30", "5W-40"], L15],
  },
  {
    brand: "Castrol",
    line: "GTX Conventional",
    kind: "motor_oil",
    sub: "conventional",
    group: "Group II",
    us: [["5W-30", "10W-30"], Q],
  },
  {
    brand: "Castrol",
    line: "Magnatec",
    kind: "motor_oil",
    sub: "blend",
    group: "Group II/III",
    metric: [["5W-30", "10W-40"], L14],
  },
  {
    brand: "Valvoline",
    line: "Advanced Full Synthetic",
    kind: "motor_oil",
    sub: "synthetic",
    group: "Group III",
    us: [["0W-20", "5W-30"], Q],
  },
  {
    brand: "Valvoline",
    line: "High Mileage",
    kind: "motor_oil",
    sub: "high_mileage",
    group: "Group II/III",
    us: [["5W-30", "10W-30"], ["5 qt"]],
  },
  {
    brand: "Valvoline",
    line: "Daily Protection",
    kind: "motor_oil",
    sub: "conventional",
    group: "Group II",
    us: [["5W-20", "5W-30"], ["5 qt"]],
  },
  {
    brand: "Pennzoil",
    line: "Platinum Full Synthetic",
    kind: "motor_oil",
    sub: "synthetic",
    group: "Group III (GTL)",
    us: [["0W-20", "5W-30"], Q],
  },
  {
    brand: "Pennzoil",
    line: "High Mileage",
    kind: "motor_oil",
    sub: "high_mileage",
    group: "Group II/III",
    us: [["5W-30"], ["5 qt"]],
  },
  {
    brand: "Quaker State",
    line: "Full Synthetic",
    kind: "motor_oil",
    sub: "synthetic",
    group: "Group III",
    us: [["5W-30"], ["5 qt"]],
  },
  {
    brand: "Quaker State",
    line: "Advanced Durability",
    kind: "motor_oil",
    sub: "conventional",
    group: "Group II",
    us: [["5W-30", "10W-30"], ["5 qt"]],
  },
  {
    brand: "Shell",
    line: "Rotella T4",
    kind: "motor_oil",
    sub: "diesel",
    group: "Group II",
    us: [["15W-40"], ["1 gal"]],
  },
  {
    brand: "Shell",
    line: "Helix Ultra",
    kind: "motor_oil",
    sub: "synthetic",
    group: "Group III (GTL)",
    metric: [["0W-20", "5W-30", "5W-40"], L15],
  },
  {
    brand: "Shell",
    line: "Helix HX7",
    kind: "motor_oil",
    sub: "blend",
    group: "Group II/III",
    metric: [["10W-40"], ["4 L"]],
  },
  {
    brand: "TotalEnergies",
    line: "Quartz 9000",
    kind: "motor_oil",
    sub: "synthetic",
    group: "Group III",
    metric: [["5W-40", "5W-30"], L15],
  },
  {
    brand: "TotalEnergies",
    line: "Quartz 7000",
    kind: "motor_oil",
    sub: "blend",
    group: "Group II/III",
    metric: [["10W-40"], ["5 L"]],
  },
  {
    brand: "Liqui Moly",
    line: "Top Tec",
    kind: "motor_oil",
    sub: "synthetic",
    group: "Group III",
    metric: [["5W-30", "0W-20"], L15],
  },
  {
    brand: "Motul",
    line: "8100",
    kind: "motor_oil",
    sub: "synthetic",
    group: "Group IV (PAO)",
    metric: [["5W-30", "5W-40"], L15],
  },
  {
    brand: "Royal Purple",
    line: "High Performance",
    kind: "motor_oil",
    sub: "synthetic",
    group: "Group IV (PAO)",
    us: [["5W-30"], ["1 qt"]],
  },
  // Transmission fluids.
  {
    brand: "Corvane",
    line: "Multi-Vehicle ATF",
    kind: "atf",
    sub: "atf",
    group: "Group III",
    us: [[""], ["1 qt", "1 gal"]],
    metric: [[""], ["1 L", "4 L"]],
  },
  {
    brand: "Corvane",
    line: "CVT Fluid",
    kind: "atf",
    sub: "cvt",
    group: "Group III",
    us: [[""], ["1 qt"]],
    metric: [[""], ["1 L"]],
  },
  {
    brand: "Torqline",
    line: "Multi-Vehicle ATF",
    kind: "atf",
    sub: "atf",
    group: "Group III",
    us: [[""], ["1 qt", "1 gal"]],
    metric: [[""], ["1 L"]],
  },
  {
    brand: "Valvoline",
    line: "MaxLife ATF",
    kind: "atf",
    sub: "atf",
    group: "Group III",
    us: [[""], ["1 qt", "1 gal"]],
  },
  {
    brand: "Castrol",
    line: "Transmax ATF",
    kind: "atf",
    sub: "atf",
    group: "Group III",
    metric: [[""], ["1 L"]],
  },
  {
    brand: "Mobil 1",
    line: "Synthetic ATF",
    kind: "atf",
    sub: "atf",
    group: "Group IV (PAO)",
    us: [[""], ["1 qt"]],
  },
  // Gear oils.
  {
    brand: "Corvane",
    line: "Synthetic Gear Oil",
    kind: "gear_oil",
    sub: "gear_syn",
    group: "Group IV (PAO)",
    us: [["75W-90", "75W-140"], ["1 qt"]],
    metric: [["75W-90"], ["1 L"]],
  },
  {
    brand: "Corvane",
    line: "Gear Oil",
    kind: "gear_oil",
    sub: "gear_conv",
    group: "Group I",
    us: [["80W-90"], ["1 qt"]],
    metric: [["80W-90"], ["1 L"]],
  },
  {
    brand: "Torqline",
    line: "Gear Oil",
    kind: "gear_oil",
    sub: "gear_conv",
    group: "Group I",
    us: [["80W-90"], ["1 qt"]],
    metric: [["80W-90"], ["1 L"]],
  },
  {
    brand: "Lucas Oil",
    line: "Synthetic Gear Oil",
    kind: "gear_oil",
    sub: "gear_syn",
    group: "Group IV (PAO)",
    us: [["75W-90"], ["1 qt"]],
  },
  {
    brand: "Liqui Moly",
    line: "Hypoid Gear Oil",
    kind: "gear_oil",
    sub: "gear_syn",
    group: "Group III",
    metric: [["75W-90"], ["1 L"]],
  },
  // Greases.
  {
    brand: "Corvane",
    line: "Multi-Purpose Grease",
    kind: "grease",
    sub: "grease_mp",
    group: "Group I",
    us: [[""], ["14 oz cartridge"]],
    metric: [[""], ["400 g cartridge"]],
  },
  {
    brand: "Corvane",
    line: "Wheel Bearing Grease",
    kind: "grease",
    sub: "grease_wb",
    group: "Group I",
    us: [[""], ["14 oz cartridge"]],
    metric: [[""], ["400 g cartridge"]],
  },
  {
    brand: "Torqline",
    line: "Multi-Purpose Grease",
    kind: "grease",
    sub: "grease_mp",
    group: "Group I",
    us: [[""], ["14 oz cartridge"]],
    metric: [[""], ["400 g cartridge"]],
  },
  {
    brand: "Lucas Oil",
    line: "Red N Tacky Grease",
    kind: "grease",
    sub: "grease_mp",
    group: "Group I",
    us: [[""], ["14 oz cartridge"]],
  },
  // Coolants.
  {
    brand: "Corvane",
    line: "Extended Life Antifreeze",
    kind: "coolant",
    sub: "coolant_conc",
    group: null,
    us: [[""], ["1 gal"]],
    metric: [[""], ["5 L"]],
  },
  {
    brand: "Corvane",
    line: "Extended Life Antifreeze",
    kind: "coolant",
    sub: "coolant_premix",
    group: null,
    us: [[""], ["1 gal"]],
    metric: [[""], ["5 L"]],
  },
  {
    brand: "Torqline",
    line: "Universal Antifreeze",
    kind: "coolant",
    sub: "coolant_conc",
    group: null,
    us: [[""], ["1 gal"]],
    metric: [[""], ["5 L"]],
  },
  {
    brand: "Prestone",
    line: "All Makes All Models",
    kind: "coolant",
    sub: "coolant_conc",
    group: null,
    us: [[""], ["1 gal"]],
  },
  {
    brand: "Prestone",
    line: "All Makes All Models",
    kind: "coolant",
    sub: "coolant_premix",
    group: null,
    us: [[""], ["1 gal"]],
  },
];

/** API, ILSAC and ACEA of a motor oil. */
function motorSpecs(
  sub: Sub,
  grade: string,
  market: "us" | "metric",
): { api: string; ilsac: string | null; acea: string | null } {
  if (sub === "diesel") {
    const light = grade === "5W-30";
    return {
      api: light ? "API CK-4/SP" : "API CK-4",
      ilsac: null,
      acea: market === "metric" ? (light ? "C3, E6" : "E8, E11") : null,
    };
  }
  const ilsac = grade === "0W-16"
    ? "GF-6B"
    : ["0W-20", "5W-20", "5W-30", "10W-30"].includes(grade)
    ? "GF-6A"
    : null;
  const acea: Record<string, string> = {
    "0W-20": "C5",
    "0W-30": "C2",
    "5W-30": "C3",
    "5W-40": "A3/B4",
    "10W-40": "A3/B4",
    "15W-40": "A3/B3",
    "20W-50": "A3/B3",
    "0W-40": "A3/B4",
  };
  return {
    api: "API SP",
    ilsac: market === "us" || !acea[grade] ? ilsac : null,
    acea: market === "metric" ? acea[grade] ?? null : null,
  };
}

const NOUN: Record<string, string> = {
  motor_oil: "Motor Oil",
  atf: "",
  gear_oil: "",
  grease: "",
  coolant: "",
};

/** The lubricant and fluid SKUs (ids, GTINs, dates and popularity are added by `finishProducts`). */
export function buildFluidProducts(ctx: RunContext): DraftProduct[] {
  const s = new Stream(ctx.seed, "catalog/fluids");
  const out: DraftProduct[] = [];
  LINES.forEach((ln, li) => {
    const brand = brandByName(ln.brand);
    const markets: ["us" | "metric", [string[], string[]] | undefined][] = [["us", ln.us], [
      "metric",
      ln.metric,
    ]];
    for (const [market, spec] of markets) {
      const drums = ln.drums?.[market] ?? [];
      const [grades, packs] = spec ?? [[], []];
      const items: [string, string][] = [];
      for (const g of grades) for (const p of packs) items.push([g, p]);
      for (const g of drums) items.push([g, market === "us" ? "55 gal drum" : "208 L drum"]);
      for (const [grade, packLabel] of items) {
        const pack = PACKS[packLabel];
        const row = li * 4096 + out.length;
        const specs = ln.kind === "motor_oil" ? motorSpecs(ln.sub, grade, market) : null;
        const units = pack.litres ?? pack.kg!;
        const density = ln.kind === "coolant" ? 1.1 : 0.87;
        const weight = pack.litres !== null
          ? pack.litres * density + (pack.bulk ? 18 : 0.05 + 0.02 * pack.litres)
          : pack.kg! + 0.06;
        const gradePart = grade ? ` ${grade}` : "";
        const noun = ln.kind === "motor_oil" ? ` ${NOUN.motor_oil}` : "";
        out.push({
          kind: ln.kind,
          department: "Oils & Fluids",
          category: CATEGORY[ln.kind],
          subcategory: SUBCATEGORY[ln.sub],
          brand,
          line: ln.line,
          name: `${brand.name} ${ln.line}${
            ln.kind === "coolant"
              ? (ln.sub === "coolant_conc" ? " Concentrate" : " 50/50 Prediluted")
              : ""
          }${gradePart}${noun}, ${packLabel}`,
          market,
          packSize: pack.size,
          packUnit: pack.unit,
          packLabel,
          packageType: pack.type,
          volumeL: pack.litres,
          weightKg: Math.round(weight * 1000) / 1000,
          casePack: pack.casePack,
          bulk: pack.bulk,
          saeGrade: grade || null,
          baseOilGroup: ln.group,
          apiService: specs ? specs.api : ln.kind === "gear_oil" ? "API GL-5" : null,
          ilsac: specs?.ilsac ?? null,
          acea: specs?.acea ?? null,
          nlgiGrade: ln.kind === "grease" ? "2" : null,
          fluidSpec: fluidSpec(ln),
          filterType: null,
          designCode: null,
          designIndex: -1,
          threadSize: null,
          gasketOdMm: null,
          gasketIdMm: null,
          outerDiameterMm: null,
          innerDiameterMm: null,
          lengthMm: null,
          widthMm: null,
          heightMm: null,
          media: null,
          antiDrainBack: null,
          bypassPsi: null,
          efficiencyPct: null,
          efficiencyMicron: null,
          baseCostUsd: (COST_PER_UNIT[ln.sub] * units + pack.packaging) * brand.costFactor *
            lognormal(s, row, 0, 0.04),
          costMix: costMixOf(ln),
          demandKey: ln.kind === "motor_oil" ? `${ln.sub}|${grade}` : "",
          demandUs: market === "us" ? SUB_SHARE[ln.sub] * pack.share : 0,
          demandMetric: market === "metric" ? SUB_SHARE[ln.sub] * pack.share : 0,
          noiseRow: row,
        });
      }
    }
  });
  return out;
}

function fluidSpec(ln: Line): string | null {
  switch (ln.sub) {
    case "atf":
      return "DEXRON-VI, MERCON LV, ATF+4 type";
    case "cvt":
      return "CVT (NS-2, CVTF TC, HCF-2 type)";
    case "gear_syn":
    case "gear_conv":
      return "API GL-5, MT-1";
    case "grease_mp":
      return "Lithium complex, NLGI 2";
    case "grease_wb":
      return "Lithium complex, NLGI 2, high temperature";
    case "coolant_conc":
      return "OAT ethylene glycol, concentrate";
    case "coolant_premix":
      return "OAT ethylene glycol, 50/50 prediluted";
    default:
      return null;
  }
}

function costMixOf(ln: Line): string {
  if (ln.kind === "coolant") return "coolant";
  if (ln.kind === "grease") return "grease";
  if (ln.group === "Group IV (PAO)") return "lube_pao";
  if (ln.group?.startsWith("Group III")) return "lube_group3";
  return "lube_group2";
}
