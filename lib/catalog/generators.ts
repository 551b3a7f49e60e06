/**
 * Generators of the catalog tables. All are small except the price book,
 * which is planned in row ranges; every chunk is cut from the memoised
 * models, so any worker produces the same rows.
 *
 * @module
 */

import {
  type DictColumn,
  rowRangePlan,
  singleChunkPlan,
  type TableGenerator,
} from "../gen/types.ts";
import { catalogModel, type Product } from "./model.ts";
import { CHANGE_REASONS, priceBook } from "./price_book.ts";
import { RAW_MATERIAL_INDICES, rawMaterialModel } from "./raw_materials.ts";

/** Rows per price-book chunk. */
export const PRICE_BOOK_CHUNK_ROWS = 500_000;

const i32 = (xs: ArrayLike<number>) => Int32Array.from(xs);
const f64 = (xs: ArrayLike<number>) => Float64Array.from(xs);
const bool = (xs: boolean[]) => Uint8Array.from(xs, (b) => (b ? 1 : 0));
/** Nullable number: NaN = null. */
const nf = (xs: (number | null)[]) => Float64Array.from(xs, (x) => (x === null ? NaN : x));
/** Nullable boolean: NaN = null, else 0/1. */
const nb = (xs: (boolean | null)[]) => Float64Array.from(xs, (x) => (x === null ? NaN : x ? 1 : 0));

/** A dictionary column of strings (repeated values stored once). */
function dict(xs: readonly string[]): DictColumn {
  const pool: string[] = [];
  const at = new Map<string, number>();
  const codes = new Int32Array(xs.length);
  xs.forEach((x, i) => {
    let k = at.get(x);
    if (k === undefined) {
      k = pool.length;
      pool.push(x);
      at.set(x, k);
    }
    codes[i] = k;
  });
  return { codes, pool };
}

/** "+"-joined names of a change-reason bit set. */
export function reasonName(bits: number): string {
  return CHANGE_REASONS.filter((_, i) => bits & (1 << i)).join("+") || "none";
}

/** Generators of the catalog tier, by table name. */
export const CATALOG_GENERATORS: TableGenerator[] = [
  {
    table: "brands",
    plan: () => singleChunkPlan(),
    generate(ctx) {
      const bs = catalogModel(ctx).brands;
      return {
        brand_id: i32(bs.map((b) => b.id)),
        brand_name: bs.map((b) => b.name),
        brand_type: bs.map((b) => b.type),
        positioning: bs.map((b) => b.positioning),
        owner_company_id: nf(bs.map((b) => b.ownerCompanyId)),
        product_lines: bs.map((b) => b.productLines),
        markets: bs.map((b) => b.markets),
        origin_country: bs.map((b) => b.originCountry),
        description: bs.map((b) => b.description),
      };
    },
  },
  {
    table: "products",
    plan: () => singleChunkPlan(),
    generate(ctx) {
      const ps = catalogModel(ctx).products;
      const s = (f: (p: Product) => string | null) => ps.map(f);
      const n = (f: (p: Product) => number | null) => nf(ps.map(f));
      return {
        sku_id: i32(ps.map((p) => p.id)),
        sku: s((p) => p.sku),
        gtin: s((p) => p.gtin),
        product_name: s((p) => p.name),
        brand_id: i32(ps.map((p) => p.brandId)),
        maker_company_id: n((p) => p.makerCompanyId),
        department: dict(ps.map((p) => p.department)),
        category: dict(ps.map((p) => p.category)),
        subcategory: dict(ps.map((p) => p.subcategory)),
        product_kind: dict(ps.map((p) => p.kind)),
        product_line: dict(ps.map((p) => p.line)),
        market: dict(ps.map((p) => p.market)),
        pack_size: f64(ps.map((p) => p.packSize)),
        pack_unit: dict(ps.map((p) => p.packUnit)),
        pack_label: dict(ps.map((p) => p.packLabel)),
        package_type: dict(ps.map((p) => p.packageType)),
        volume_l: n((p) => p.volumeL),
        weight_kg: f64(ps.map((p) => p.weightKg)),
        case_pack: i32(ps.map((p) => p.casePack)),
        is_bulk: bool(ps.map((p) => p.bulk)),
        launch_date: i32(ps.map((p) => p.launchDay)),
        discontinue_date: n((p) => p.discontinueDay),
        popularity: f64(ps.map((p) => p.popularity)),
        popularity_us: f64(ps.map((p) => p.popUs)),
        popularity_metric: f64(ps.map((p) => p.popMetric)),
        sae_grade: s((p) => p.saeGrade),
        base_oil_group: s((p) => p.baseOilGroup),
        api_service: s((p) => p.apiService),
        ilsac_grade: s((p) => p.ilsac),
        acea_sequences: s((p) => p.acea),
        nlgi_grade: s((p) => p.nlgiGrade),
        fluid_spec: s((p) => p.fluidSpec),
        filter_type: s((p) => p.filterType),
        design_code: s((p) => p.designCode),
        thread_size: s((p) => p.threadSize),
        gasket_od_mm: n((p) => p.gasketOdMm),
        gasket_id_mm: n((p) => p.gasketIdMm),
        outer_diameter_mm: n((p) => p.outerDiameterMm),
        inner_diameter_mm: n((p) => p.innerDiameterMm),
        length_mm: n((p) => p.lengthMm),
        width_mm: n((p) => p.widthMm),
        height_mm: n((p) => p.heightMm),
        media: s((p) => p.media),
        anti_drain_back_valve: nb(ps.map((p) => p.antiDrainBack)),
        bypass_valve_psi: n((p) => p.bypassPsi),
        efficiency_pct: n((p) => p.efficiencyPct),
        efficiency_micron: n((p) => p.efficiencyMicron),
        cost_mix: dict(ps.map((p) => p.costMix)),
      };
    },
  },
  {
    table: "vehicles",
    plan: () => singleChunkPlan(),
    generate(ctx) {
      const vs = catalogModel(ctx).vehicles;
      return {
        vehicle_id: i32(vs.map((v) => v.id)),
        make: dict(vs.map((v) => v.make)),
        model: vs.map((v) => v.model),
        year_from: i32(vs.map((v) => v.yearFrom)),
        year_to: i32(vs.map((v) => v.yearTo)),
        body_style: dict(vs.map((v) => v.body)),
        engine: vs.map((v) => v.engine),
        displacement_l: f64(vs.map((v) => v.displacementL)),
        cylinders: i32(vs.map((v) => v.cylinders)),
        power_hp: i32(vs.map((v) => v.powerHp)),
        fuel: dict(vs.map((v) => v.fuel)),
        region: dict(vs.map((v) => v.region)),
        oil_grade: dict(vs.map((v) => v.oilGrade)),
        oil_capacity_l: f64(vs.map((v) => v.oilCapacityL)),
        popularity: f64(vs.map((v) => v.popularity)),
      };
    },
  },
  {
    table: "fitments",
    plan: () => singleChunkPlan(),
    generate(ctx) {
      const fs = catalogModel(ctx).fitments;
      return {
        sku_id: i32(fs.map((f) => f.productId)),
        vehicle_id: i32(fs.map((f) => f.vehicleId)),
        role: dict(fs.map((f) => f.role)),
        oil_capacity_l: nf(fs.map((f) => f.fillL)),
      };
    },
  },
  {
    table: "kits",
    plan: () => singleChunkPlan(),
    generate(ctx) {
      const ks = catalogModel(ctx).kits;
      return {
        kit_id: i32(ks.map((k) => k.id)),
        kit_code: ks.map((k) => k.code),
        kit_name: ks.map((k) => k.name),
        kit_type: dict(ks.map((k) => k.kind)),
        vehicle_id: nf(ks.map((k) => k.vehicleId)),
        market: dict(ks.map((k) => k.market)),
        target_discount: f64(ks.map((k) => k.discount)),
      };
    },
  },
  {
    table: "kit_components",
    plan: () => singleChunkPlan(),
    generate(ctx) {
      const rows = catalogModel(ctx).kits.flatMap((k) =>
        k.components.map((c) => [k.id, c.productId, c.qty])
      );
      return {
        kit_id: i32(rows.map((r) => r[0])),
        sku_id: i32(rows.map((r) => r[1])),
        quantity: i32(rows.map((r) => r[2])),
      };
    },
  },
  {
    table: "kit_prices",
    plan: () => singleChunkPlan(),
    generate(ctx) {
      const pb = priceBook(ctx);
      const t = pb.kits;
      const seg = Int32Array.from(t.segmentIndex, (s) => s + 1);
      return {
        kit_id: t.kitId,
        segment_id: seg,
        valid_from: t.validFrom,
        valid_to: t.validTo,
        currency: { codes: t.segmentIndex, pool: pb.currencyOfSegment },
        kit_price: t.price,
        components_retail_price: t.componentsRetail,
      };
    },
  },
  {
    table: "raw_material_index",
    plan: () => singleChunkPlan(),
    generate(ctx) {
      const rm = rawMaterialModel(ctx);
      const weeks = rm.tableWeeks();
      const n = weeks.length * RAW_MATERIAL_INDICES.length;
      const week = new Int32Array(n), code = new Int32Array(n);
      const value = new Float64Array(n), price = new Float64Array(n);
      let r = 0;
      for (const w of weeks) {
        RAW_MATERIAL_INDICES.forEach((spec, k) => {
          const v = Math.round(rm.valueAt(spec.code, w) * 100) / 100;
          week[r] = w;
          code[r] = k;
          value[r] = v;
          price[r] = Math.round(spec.refUsdPerTonne * v) / 100;
          r++;
        });
      }
      return {
        week_start: week,
        index_code: { codes: code, pool: RAW_MATERIAL_INDICES.map((i) => i.code) },
        index_name: { codes: code, pool: RAW_MATERIAL_INDICES.map((i) => i.name) },
        index_value: value,
        price_usd_per_tonne: price,
      };
    },
  },
  {
    table: "price_book",
    plan: (ctx) => rowRangePlan(priceBook(ctx).rows, PRICE_BOOK_CHUNK_ROWS),
    generate(ctx, chunk) {
      const pb = priceBook(ctx);
      const { start, end } = chunk.slice as { start: number; end: number };
      const sku = new Int32Array(end - start), seg = new Int32Array(end - start);
      const cur = new Int32Array(end - start), why = new Int32Array(end - start);
      for (let i = start; i < end; i++) {
        sku[i - start] = pb.productIndex[i] + 1;
        seg[i - start] = pb.segmentIndex[i] + 1;
        cur[i - start] = pb.segmentIndex[i];
        why[i - start] = pb.reason[i];
      }
      return {
        sku_id: sku,
        segment_id: seg,
        valid_from: pb.validFrom.slice(start, end),
        valid_to: pb.validTo.slice(start, end),
        currency: { codes: cur, pool: pb.currencyOfSegment },
        standard_cost: pb.cost.slice(start, end),
        transfer_price: pb.transfer.slice(start, end),
        wholesale_price: pb.wholesale.slice(start, end),
        retail_list_price: pb.retail.slice(start, end),
        retail_price_ex_tax: pb.retailExTax.slice(start, end),
        change_reason: { codes: why, pool: Array.from({ length: 32 }, (_, b) => reasonName(b)) },
      };
    },
  },
];
