/**
 * Generators of the manufacturing tier:
 * - the makers' master data (materials, recipes and their components, which
 *   SKU is packed from which recipe, bills of materials), one chunk in stage 0;
 * - the plants: one chunk per plant in stage 2, reading Brightaxle's purchase
 *   orders to that plant's maker from the distribution centres it supplies,
 *   their lines and the DC's receipts, and writing everything the plant does
 *   (its row in `plants`, lines, customers, purchases, production, stock and
 *   order to cash).
 *
 * @module
 */

import { catalogModel } from "../../catalog/model.ts";
import { priceBook } from "../../catalog/price_book.ts";
import { rawMaterialModel } from "../../catalog/raw_materials.ts";
import { PAYMENT_KINDS } from "../../gen/order_to_cash.ts";
import type { ChunkSpec, Columns, GroupBatching, GroupGenerator } from "../../gen/types.ts";
import { singleChunkPlan } from "../../gen/types.ts";
import { sitesModel } from "../../world/companies.ts";
import type { RunContext } from "../../world/context.ts";
import { customerColumns, plantCustomers } from "./customers.ts";
import { makerModel } from "./model.ts";
import { type Plant, plants } from "./plants.ts";
import {
  BATCH_STATUSES,
  type ChainPo,
  ITEM_TYPES,
  PlantOut,
  PlantSim,
  PURCHASE_PRIORITIES,
  QTY_UNITS,
} from "./simulator.ts";
import { MANUFACTURING_TABLES } from "./tables.ts";
import { SHUTDOWN_WEEK } from "./params.ts";

const dict = (codes: Uint8Array, pool: readonly string[]) => ({ codes, pool });
const nf = (xs: (number | null)[]) => Float64Array.from(xs, (x) => (x === null ? NaN : x));

/** The master-data tables, in registry order. */
export const MASTER_TABLES = [
  "materials",
  "blend_recipes",
  "blend_recipe_components",
  "recipe_products",
  "bills_of_materials",
];

/** The makers' master data: one chunk, no inputs (stage 0). */
export const MAKER_MASTER_GROUP: GroupGenerator = {
  name: "maker_master_data",
  tables: MASTER_TABLES,
  plan: () => singleChunkPlan(),
  generate(ctx) {
    const mm = makerModel(ctx);
    const ms = mm.materials;
    const recipeRows = mm.recipes.flatMap((r) => r.components.map((c) => [r.id, c] as const));
    const packed = mm.recipes.flatMap((r) => r.products.map((p) => [r.id, p] as const))
      .sort((a, b) => a[1] - b[1]);
    const bomRows = mm.boms.flatMap((b) => b.components.map((c, i) => [b, c, i] as const));
    return {
      materials: {
        material_id: Int32Array.from(ms, (m) => m.id),
        maker_company_id: Int32Array.from(ms, (m) => m.maker),
        material_code: ms.map((m) => m.code),
        material_name: ms.map((m) => m.name),
        material_type: ms.map((m) => m.type),
        unit: ms.map((m) => m.unit),
        index_code: ms.map((m) => m.indexCode),
        index_kg_per_unit: Float64Array.from(ms, (m) => m.indexKg),
        index_premium: Float64Array.from(ms, (m) => m.premium),
        fixed_usd_per_unit: Float64Array.from(ms, (m) => m.fixedUsd),
        lead_time_days: Int32Array.from(ms, (m) => m.leadDays),
        supplier_name: mm.supplierNames,
      },
      blend_recipes: {
        recipe_id: Int32Array.from(mm.recipes, (r) => r.id),
        recipe_code: mm.recipes.map((r) => r.code),
        product_kind: mm.recipes.map((r) => r.kind),
        subcategory: mm.recipes.map((r) => r.subcategory),
        sae_grade: mm.recipes.map((r) => r.grade),
        base_oil_group: mm.recipes.map((r) => r.baseOilGroup),
        density_kg_per_l: Float64Array.from(mm.recipes, (r) => r.density),
        campaign_sequence: Int32Array.from(mm.recipes, (r) => r.sequence + 1),
        kv100_min_cst: nf(mm.recipes.map((r) => r.kv100?.[0] ?? null)),
        kv100_max_cst: nf(mm.recipes.map((r) => r.kv100?.[1] ?? null)),
        ccs_max_mpas: nf(mm.recipes.map((r) => r.ccs?.maxMpas ?? null)),
        ccs_temp_c: nf(mm.recipes.map((r) => r.ccs?.tempC ?? null)),
        flash_min_c: nf(mm.recipes.map((r) => r.flashMinC)),
        freeze_max_c: nf(mm.recipes.map((r) => r.freezeMaxC)),
      },
      blend_recipe_components: {
        recipe_id: Int32Array.from(recipeRows, ([r]) => r),
        material_id: Int32Array.from(recipeRows, ([, c]) => c.material + 1),
        pct: Float64Array.from(recipeRows, ([, c]) => c.qty / 100),
      },
      recipe_products: {
        recipe_id: Int32Array.from(packed, ([r]) => r),
        sku_id: Int32Array.from(packed, ([, p]) => p + 1),
        pack_litres: Float64Array.from(packed, ([, p]) => Math.round(mm.packLitres[p] * 1e6) / 1e6),
      },
      bills_of_materials: {
        sku_id: Int32Array.from(bomRows, ([b]) => b.product + 1),
        line_number: Int32Array.from(bomRows, ([, , i]) => i + 1),
        material_id: Int32Array.from(bomRows, ([, c]) => c.material + 1),
        quantity: Int32Array.from(bomRows, ([, c]) => c.qty),
        line_family: bomRows.map(([b]) => b.family),
      },
    };
  },
};

/** The plant tables, in registry order. */
export const PLANT_TABLES = MANUFACTURING_TABLES.map((t) => t.name).filter((n) =>
  !MASTER_TABLES.includes(n)
);

/** One chunk: a plant (index into {@link plants}). */
export interface PlantPart {
  /** Index into `plants(ctx)`. */
  plant: number;
}

/** The chunk plan: one chunk per plant, in site order. */
export function plantPlan(ctx: RunContext): ChunkSpec[] {
  return plants(ctx).map((_, i) => ({ index: i, slice: { plant: i } satisfies PlantPart }));
}

/** The DC site ids a plant supplies. */
function servedDcs(ctx: RunContext, plant: Plant): number[] {
  return sitesModel(ctx).filter((s) =>
    s.type === "distribution_centre" && plant.segments.includes(s.segment)
  ).map((s) => s.id);
}

/** Brightaxle's POs to the plant's maker from the inputs, with lines and receipt days. */
function chainPos(plant: Plant, inputs: Record<string, Columns>): ChainPo[] {
  const H = inputs.pos, Ls = inputs.lines, R = inputs.receipts;
  const sup = H.supplier_company_id as Float64Array;
  const byId = new Map<number, ChainPo>();
  const out: ChainPo[] = [];
  const poId = H.po_id as Float64Array;
  for (let i = 0; i < poId.length; i++) {
    if (sup[i] !== plant.maker) continue;
    const po: ChainPo = {
      poId: poId[i],
      dc: (H.dc_site_id as Int32Array)[i],
      seg: (H.segment_id as Int32Array)[i] - 1,
      orderDay: (H.order_date as Int32Array)[i],
      expectedDay: (H.expected_date as Int32Array)[i],
      receiptDay: -1,
      lines: [],
    };
    byId.set(po.poId, po);
    out.push(po);
  }
  const lp = Ls.po_id as Float64Array;
  for (let i = 0; i < lp.length; i++) {
    const po = byId.get(lp[i]);
    if (!po) continue;
    po.lines.push({
      p: (Ls.sku_id as Int32Array)[i] - 1,
      qty: (Ls.qty as Int32Array)[i],
      price: (Ls.unit_cost as Float64Array)[i],
    });
  }
  const rp = R.po_id as Float64Array;
  for (let i = 0; i < rp.length; i++) {
    const po = byId.get(rp[i]);
    if (po) po.receiptDay = Math.max(po.receiptDay, (R.receipt_date as Int32Array)[i]);
  }
  return out;
}

/**
 * How the validator batches the plants: a plant links (by `dc_site_id`) to the
 * distribution centres it supplies, so a batch of plants is checked with
 * those DCs' documents (their purchase orders and receipts); a plant's rows
 * are one chunk over the whole period.
 */
export const PLANT_BATCHING: GroupBatching = {
  link: {
    column: "dc_site_id",
    values: (ctx, chunk) => servedDcs(ctx, plants(ctx)[(chunk.slice as PlantPart).plant]),
  },
  days: (ctx) => [0, ctx.end - ctx.start + 1],
  reach: { back: 0, ahead: 0 },
};

/** The plants group (stage 2). */
export const PLANT_GROUP: GroupGenerator = {
  name: "manufacturing",
  tables: PLANT_TABLES,
  reads: ["distributor_purchase_orders", "distributor_purchase_order_lines", "dc_receipts"],
  plan: plantPlan,
  batching: PLANT_BATCHING,
  inputs(ctx, chunk) {
    const plant = plants(ctx)[(chunk.slice as PlantPart).plant];
    return [
      {
        name: "pos",
        table: "distributor_purchase_orders",
        columns: [
          "po_id",
          "dc_site_id",
          "segment_id",
          "supplier_company_id",
          "order_date",
          "expected_date",
        ],
        where: { column: "dc_site_id", in: servedDcs(ctx, plant) },
        linked: servedDcs(ctx, plant),
      },
      {
        name: "lines",
        table: "distributor_purchase_order_lines",
        columns: ["po_id", "line_number", "sku_id", "qty", "unit_cost"],
        where: { column: "po_id", inInput: { name: "pos", column: "po_id" } },
        linked: servedDcs(ctx, plant),
      },
      {
        name: "receipts",
        table: "dc_receipts",
        columns: ["po_id", "receipt_date"],
        where: { column: "po_id", inInput: { name: "pos", column: "po_id" } },
        linked: servedDcs(ctx, plant),
      },
    ];
  },
  generate(ctx, chunk, _only, inputs) {
    const plant = plants(ctx)[(chunk.slice as PlantPart).plant];
    const cust = plantCustomers(ctx, plant);
    const out = new PlantOut();
    const sim = new PlantSim(
      {
        ctx,
        cat: catalogModel(ctx),
        pb: priceBook(ctx),
        rm: rawMaterialModel(ctx),
        mm: makerModel(ctx),
      },
      plant,
      cust,
      chainPos(plant, inputs!),
      out,
    );
    sim.run();
    const cur = sim.currencyPool;
    const one = (x: number) => Int32Array.of(x);
    const blending = plant.maker === 1;
    const res: Record<string, Columns> = {
      plants: {
        plant_site_id: one(plant.site.id),
        maker_company_id: one(plant.maker),
        plant_type: [blending ? "blending" : "filter"],
        currency: [plant.currency],
        served_dc_site_ids: [servedDcs(ctx, plant).join(",")],
        blend_tanks: one(sim.tanks),
        tank_litres: one(sim.tankLitres),
        production_lines: one(sim.lines.length),
        capacity_per_week: Float64Array.of(sim.capacityPerWeek),
        shutdown_iso_week: one(SHUTDOWN_WEEK[plant.country] ?? 30),
      },
      production_lines: {
        line_id: Int32Array.from(sim.lines, (_, i) => plant.site.id * 100 + i + 1),
        plant_site_id: Int32Array.from(sim.lines, () => plant.site.id),
        line_name: sim.lines.map((l, i) =>
          `${LINE_NAMES[l.family]} line ${
            sim.lines.slice(0, i + 1).filter((x) => x.family === l.family).length
          }`
        ),
        line_family: sim.lines.map((l) => l.family),
        rate_per_hour: Int32Array.from(sim.lines, (l) => l.rate),
        shifts_per_day: Int32Array.from(sim.lines, () => 2),
        hours_per_shift: Float64Array.from(sim.lines, () => 7.5),
      },
      manufacturer_customers: customerColumns(ctx, plant, cust),
    };
    const b = out.batches.columns();
    res.blend_batches = {
      ...b,
      status: dict(b.status, BATCH_STATUSES),
      currency: dict(b.currency, cur),
    };
    res.blend_consumption = out.blendUse.columns();
    res.packaging_runs = out.packs.columns();
    const w = out.wos.columns();
    res.work_orders = { ...w, currency: dict(w.currency, cur) };
    res.component_consumption = out.compUse.columns();
    const p = out.purchases.columns();
    res.raw_material_purchases = {
      ...p,
      priority: dict(p.priority, PURCHASE_PRIORITIES),
      currency: dict(p.currency, cur),
    };
    const inv = out.inventory.columns();
    res.plant_inventory = {
      ...inv,
      item_type: dict(inv.item_type, ITEM_TYPES),
      unit: dict(inv.unit, QTY_UNITS),
    };
    const o = out.orders.columns();
    res.manufacturer_sales_orders = { ...o, currency: dict(o.currency, cur) };
    res.manufacturer_sales_order_lines = out.orderLines.columns();
    res.manufacturer_shipments = out.shipments.columns();
    const iv = out.invoices.columns();
    res.manufacturer_invoices = { ...iv, currency: dict(iv.currency, cur) };
    res.manufacturer_invoice_lines = out.invoiceLines.columns();
    const pay = out.payments.columns();
    res.manufacturer_payments = { ...pay, payment_kind: dict(pay.payment_kind, PAYMENT_KINDS) };
    return res;
  },
};

const LINE_NAMES: Record<string, string> = {
  spin_on: "Spin-on",
  cartridge: "Cartridge",
  panel: "Panel",
  other: "Inline and pan",
};
