/**
 * Fitments: which product fits which base vehicle, and as what. A filter
 * fits every vehicle its design was assigned to (all brands' parts for that
 * design); a motor oil fits every vehicle whose recommended grade it is
 * (diesel oils only diesel engines; synthetic oils any engine).
 *
 * @module
 */

import type { FilterDesign } from "./filters.ts";
import { FILTER_KINDS, type Product, type ProductKind, type Vehicle } from "./model.ts";

/** One fitment row. */
export interface FitmentRow {
  /** Product id (1-based). */
  productId: number;
  /** Vehicle id (1-based). */
  vehicleId: number;
  /** What the product is for on that vehicle: the filter kind, or engine_oil. */
  role: string;
  /** Engine oil capacity in litres (engine_oil rows), else null. */
  fillL: number | null;
}

/** Fitment rows plus per-vehicle indices by kind. */
export interface Fitments {
  /** Every row, ordered by vehicle, role, product. */
  rows: FitmentRow[];
  /** Per vehicle index: product ids by kind (every market). */
  byVehicle: Partial<Record<ProductKind, number[]>>[];
  /** Per vehicle index: product ids by kind carried on US shelves. */
  byVehicleUs: Partial<Record<ProductKind, number[]>>[];
  /** Per vehicle index: product ids by kind carried on metric shelves. */
  byVehicleMetric: Partial<Record<ProductKind, number[]>>[];
}

/** True when a motor oil suits an engine of the given fuel. */
export function oilSuits(p: Product, fuel: string): boolean {
  if (p.subcategory === "Diesel") return fuel === "diesel";
  if (fuel === "diesel") return p.subcategory === "Full Synthetic";
  return true;
}

/** Builds every fitment row and the per-vehicle indices. */
export function buildFitments(
  products: Product[],
  vehicles: Vehicle[],
  designs: FilterDesign[],
): Fitments {
  const byDesign = new Map<string, number[]>();
  const oilsByGrade = new Map<string, number[]>();
  for (const p of products) {
    if (p.designCode) {
      const k = `${p.kind}|${p.designCode}`;
      if (!byDesign.has(k)) byDesign.set(k, []);
      byDesign.get(k)!.push(p.id);
    } else if (p.kind === "motor_oil" && p.saeGrade && !p.bulk) {
      if (!oilsByGrade.has(p.saeGrade)) oilsByGrade.set(p.saeGrade, []);
      oilsByGrade.get(p.saeGrade)!.push(p.id);
    }
  }
  const rows: FitmentRow[] = [];
  const byVehicle: Partial<Record<ProductKind, number[]>>[] = [];
  const byVehicleUs: Partial<Record<ProductKind, number[]>>[] = [];
  const byVehicleMetric: Partial<Record<ProductKind, number[]>>[] = [];
  const carried = (id: number, m: string) =>
    products[id - 1].market === "all" || products[id - 1].market === m;
  for (const v of vehicles) {
    const all: Partial<Record<ProductKind, number[]>> = {};
    for (const kind of FILTER_KINDS) {
      const d = v.designs[kind];
      if (d === undefined || d < 0) continue;
      const ids = byDesign.get(`${kind}|${designs[d].code}`) ?? [];
      all[kind] = ids;
      for (const id of ids) rows.push({ productId: id, vehicleId: v.id, role: kind, fillL: null });
    }
    const oils = (oilsByGrade.get(v.oilGrade) ?? []).filter((id) =>
      oilSuits(products[id - 1], v.fuel)
    );
    all.motor_oil = oils;
    for (const id of oils) {
      rows.push({ productId: id, vehicleId: v.id, role: "engine_oil", fillL: v.oilCapacityL });
    }
    byVehicle.push(all);
    const us: Partial<Record<ProductKind, number[]>> = {},
      metric: Partial<Record<ProductKind, number[]>> = {};
    for (const [k, ids] of Object.entries(all) as [ProductKind, number[]][]) {
      us[k] = ids.filter((id) => carried(id, "us"));
      metric[k] = ids.filter((id) => carried(id, "metric"));
    }
    byVehicleUs.push(us);
    byVehicleMetric.push(metric);
  }
  return { rows, byVehicle, byVehicleUs, byVehicleMetric };
}
