/**
 * The manufacturing tier's business figures, per maker (Corvane Lubricants,
 * Keldmark Filtration), from the data alone: revenue, gross margin, inventory
 * turns and days of supply, on-time delivery, days sales outstanding, batch
 * quality (right first time, rejects), blend yield loss, filter scrap,
 * capacity utilisation — each beside the public range the generator aims for
 * — and the base-oil shock's pass-through: how many weeks after the jump in
 * the Group II index Corvane's purchase price, its batches' material cost, its
 * standard cost and the retail shelf price reach half of their rise.
 *
 * Big tables (invoice lines, batches, purchases, plant stock) are grouped
 * before any join; the price book of one maker's motor oils is the largest
 * frame collected. The building blocks are exported: notebook 09 draws its
 * charts from the same queries.
 *
 * @module
 */

import pl from "nodejs-polars";
import type { Dataset } from "../validate/dataset.ts";
import { daysSalesOutstanding, fullWeeks } from "./distribution_tier.ts";
import { dayNo, fxFrame, periodDays, receivablesByDay, scalar } from "./frames.ts";
import {
  BLEND_RIGHT_FIRST_TIME,
  BLEND_YIELD_LOSS,
  FILTER_SCRAP,
  MAKER_CAPACITY_UTILISATION,
  MAKER_DAYS_OF_SUPPLY,
  MAKER_GROSS_MARGIN,
  MAKER_INVENTORY_TURNS,
  SHOCK_PASS_THROUGH_SOURCE,
} from "./sources.ts";
import type { Figure, ProfileSection } from "./types.ts";

const f64 = (c: string) => pl.col(c).cast(pl.Float64);
const DAY_MS = 86_400_000;

/** The makers, by company id: the process (lubricant) maker and the discrete (filter) maker. */
export const MAKERS = { corvane: 1, keldmark: 2 } as const;

/** Short names of the makers (the first word of companies.company_name), by company id. */
export function makerNames(ds: Dataset): Map<number, string> {
  const rows = ds.scan("companies").select("company_id", "company_name").collectSync()
    .toRecords();
  return new Map(rows.map((r) => [Number(r.company_id), String(r.company_name).split(" ")[0]]));
}

/** Plants with their maker, currency, type and weekly capacity. */
export function plantsFrame(ds: Dataset): pl.LazyDataFrame {
  return ds.scan("plants").select(
    "plant_site_id",
    "maker_company_id",
    "plant_type",
    "currency",
    "capacity_per_week",
  );
}

/**
 * The makers' invoice lines reduced to one row per invoice, with its maker,
 * day and amounts in the reporting currency at the invoice day's FX rate:
 * `net_rep` (Σ net_amount) and `cost_rep` (Σ qty × unit_cost, the price
 * book's standard cost), both in major units.
 */
export function makerInvoiceFacts(ds: Dataset): pl.LazyDataFrame {
  const perInvoice = ds.scan("manufacturer_invoice_lines").select(
    "invoice_id",
    "net_amount",
    pl.col("qty").cast(pl.Int64).mul(pl.col("unit_cost")).alias("cost_amount"),
  ).groupBy("invoice_id").agg(
    pl.col("net_amount").sum().alias("net"),
    pl.col("cost_amount").sum().alias("cost"),
  );
  return perInvoice.join(
    ds.scan("manufacturer_invoices").select(
      "invoice_id",
      "invoice_date",
      "currency",
      "plant_site_id",
    ),
    { on: "invoice_id", how: "inner" },
  ).join(plantsFrame(ds).select("plant_site_id", "maker_company_id"), {
    on: "plant_site_id",
    how: "left",
  }).join(fxFrame(ds, "invoice_date"), { on: ["invoice_date", "currency"], how: "left" })
    .withColumns(
      f64("net").mul(pl.col("fx")).div(100).alias("net_rep"),
      f64("cost").mul(pl.col("fx")).div(100).alias("cost_rep"),
    );
}

/**
 * Stock at the plants per maker and week (Σ plant_inventory.closing_value,
 * materials and finished goods, each plant's currency at the snapshot day's
 * FX rate): `stock_value` in the reporting currency, per `by` as well (e.g.
 * `item_type`).
 */
export function weeklyPlantStock(ds: Dataset, by: string[] = []): pl.LazyDataFrame {
  return ds.scan("plant_inventory").groupBy(["plant_site_id", "snapshot_date", ...by]).agg(
    pl.col("closing_value").sum().alias("value"),
  ).join(plantsFrame(ds).select("plant_site_id", "maker_company_id", "currency"), {
    on: "plant_site_id",
    how: "left",
  }).join(fxFrame(ds, "snapshot_date"), { on: ["snapshot_date", "currency"], how: "left" })
    .groupBy(["maker_company_id", "snapshot_date", ...by]).agg(
      f64("value").mul(pl.col("fx")).sum().div(100).alias("stock_value"),
    );
}

/** Open receivables and credit sales per day of one maker (see `receivablesByDay`). */
export function makerReceivables(ds: Dataset, maker: number): pl.DataFrame {
  const plants = plantsFrame(ds).filter(pl.col("maker_company_id").eq(maker))
    .select("plant_site_id");
  const invoices = ds.scan("manufacturer_invoices").join(plants, {
    on: "plant_site_id",
    how: "semi",
  });
  const payments = ds.scan("manufacturer_payments").join(invoices.select("invoice_id"), {
    on: "invoice_id",
    how: "semi",
  });
  return receivablesByDay(ds, invoices, payments);
}

/** Per maker: shipments delivered on or before the order's requested_date ÷ shipments (%). */
export function onTimeDelivery(ds: Dataset): Map<number, number> {
  const df = ds.scan("manufacturer_shipments").select("order_id", "delivery_date").join(
    ds.scan("manufacturer_sales_orders").select("order_id", "maker_company_id", "requested_date"),
    { on: "order_id", how: "inner" },
  ).groupBy("maker_company_id").agg(
    dayNo("delivery_date").ltEq(dayNo("requested_date")).cast(pl.Float64).mean().mul(100)
      .alias("on_time"),
  ).collectSync();
  return new Map(df.toRecords().map((r) => [Number(r.maker_company_id), Number(r.on_time)]));
}

/** Blend batch quality and losses (percent). */
export interface BatchQuality {
  /** Batches released at the first QC test ÷ batches. */
  rightFirstTime: number;
  /** Batches released after a rework ÷ batches. */
  reworked: number;
  /** Batches rejected (scrapped) ÷ batches. */
  rejected: number;
  /** Σ yield_loss_litres ÷ Σ planned_litres (rejected batches lose all their litres). */
  yieldLoss: number;
  /** The same without rejected batches: the heel, flush and sampling loss of a good batch. */
  yieldLossReleased: number;
  /** Batches. */
  batches: number;
}

/** Right-first-time, rework and reject rates and the yield loss of Corvane's blend batches. */
export function batchQuality(ds: Dataset): BatchQuality {
  const r = ds.scan("blend_batches").select(
    pl.col("status").eq(pl.lit("released")).cast(pl.Float64).mean().mul(100).alias("rft"),
    pl.col("status").eq(pl.lit("reworked")).cast(pl.Float64).mean().mul(100).alias("rework"),
    pl.col("status").eq(pl.lit("rejected")).cast(pl.Float64).mean().mul(100).alias("reject"),
    pl.col("yield_loss_litres").sum().div(pl.col("planned_litres").sum()).mul(100).alias("loss"),
    pl.col("yield_loss_litres").filter(pl.col("status").neq(pl.lit("rejected"))).sum()
      .div(pl.col("planned_litres").filter(pl.col("status").neq(pl.lit("rejected"))).sum())
      .mul(100).alias("loss_released"),
    pl.len().alias("n"),
  ).collectSync().toRecords()[0] as Record<string, number>;
  return {
    rightFirstTime: r.rft,
    reworked: r.rework,
    rejected: r.reject,
    yieldLoss: r.loss,
    yieldLossReleased: r.loss_released,
    batches: Number(r.n),
  };
}

/** Keldmark's scrap: Σ scrapped_units ÷ Σ planned_units of its work orders (%). */
export function filterScrap(ds: Dataset): number | null {
  return scalar(
    ds.scan("work_orders").select(
      f64("scrapped_units").sum().div(f64("planned_units").sum()).mul(100).alias("x"),
    ).collectSync(),
    "x",
  );
}

/**
 * Output per plant over the period beside its capacity: litres charged to the
 * tanks (blend_batches.planned_litres) or filters started on the lines
 * (work_orders.planned_units), against plants.capacity_per_week × the weeks of
 * the period (shutdown weeks included, as a plant's capacity is stated for a
 * year). `utilisation_pct` per plant.
 */
export function plantUtilisation(ds: Dataset): pl.DataFrame {
  const weeks = periodDays(ds) / 7;
  const output = pl.concat([
    ds.scan("blend_batches").groupBy("plant_site_id").agg(f64("planned_litres").sum().alias("out")),
    ds.scan("work_orders").groupBy("plant_site_id").agg(f64("planned_units").sum().alias("out")),
  ], { how: "vertical" });
  return plantsFrame(ds).join(output, { on: "plant_site_id", how: "left" }).select(
    "plant_site_id",
    "maker_company_id",
    "plant_type",
    pl.col("out").fillNull(0).alias("output"),
    f64("capacity_per_week").mul(weeks).alias("capacity"),
  ).withColumns(pl.col("output").div(pl.col("capacity")).mul(100).alias("utilisation_pct"))
    .sort("plant_site_id").collectSync();
}

/** Weeks before the shock whose mean is the base (= 100) of the pass-through indices. */
export const PRE_SHOCK_WEEKS = 12;
/** Weeks after the shock in which a series' peak is looked for. */
export const SHOCK_HORIZON_WEEKS = 52;

/**
 * The Monday (day number) the base-oil shock starts, from raw_material_index
 * alone: the week w with the largest three-week rise of the Group II index,
 * value(w + 2) ÷ value(w − 1) — the shock ramps in over a few weeks, so a
 * three-week window finds its first week where a one-week step might pick a
 * later one.
 */
export function shockWeek(ds: Dataset): number {
  const df = ds.scan("raw_material_index").filter(
    pl.col("index_code").eq(pl.lit("base_oil_group_ii")),
  ).select(dayNo("week_start").alias("week"), "index_value").sort("week").collectSync();
  const weeks = df.getColumn("week").toArray() as number[];
  const v = df.getColumn("index_value").toArray() as number[];
  let best = -Infinity, at = weeks[0];
  for (let i = 1; i + 2 < v.length; i++) {
    const rise = v[i + 2] / v[i - 1];
    if (rise > best) {
      best = rise;
      at = weeks[i];
    }
  }
  return at;
}

/**
 * A weekly series as an index against the weeks before the shock: each key's
 * `value` (e.g. per plant, per plant × recipe, per SKU × segment) divided by
 * its own mean over the {@link PRE_SHOCK_WEEKS} weeks before `shockDay`, then
 * the mean of those ratios per week, × 100. Keys without a value before the
 * shock drop out. Input columns: the `keys`, `week` (a Monday, date) and
 * `value`; output `week`, `index`.
 */
export function indexToPreShock(
  lf: pl.LazyDataFrame,
  keys: string[],
  shockDay: number,
): pl.LazyDataFrame {
  const base = lf.filter(
    dayNo("week").gtEq(shockDay - 7 * PRE_SHOCK_WEEKS).and(dayNo("week").lt(shockDay)),
  ).groupBy(keys).agg(f64("value").mean().alias("base"));
  return lf.join(base, { on: keys, how: "inner" }).groupBy("week").agg(
    f64("value").div(pl.col("base")).mean().mul(100).alias("index"),
  ).sort("week");
}

/** The Monday of a date column, as `week`. */
function weekOf(c: string): pl.Expr {
  return pl.col(c).cast(pl.Date).dt.truncate("1w").alias("week");
}

/** Corvane's regular purchases of Group II base oil (BO-G2): price per tonne, per plant and week. */
export function baseOilPurchasePrices(ds: Dataset): pl.LazyDataFrame {
  const bo = ds.scan("materials").filter(
    pl.col("material_code").eq(pl.lit("BO-G2")).and(pl.col("maker_company_id").eq(MAKERS.corvane)),
  ).select("material_id");
  return ds.scan("raw_material_purchases")
    .filter(pl.col("priority").eq(pl.lit("regular")))
    .join(bo, { on: "material_id", how: "semi" })
    .select("plant_site_id", weekOf("order_date"), f64("price_per_thousand").alias("value"));
}

/** Corvane's motor-oil recipes (blend_recipes.product_kind = motor_oil). */
function motorOilRecipes(ds: Dataset): pl.LazyDataFrame {
  return ds.scan("blend_recipes").filter(pl.col("product_kind").eq(pl.lit("motor_oil")))
    .select("recipe_id");
}

/**
 * Motor-oil blend batches with their costs per litre charged (plant
 * currency, major units): `material_per_l`, `actual_per_l`, `standard_per_l`,
 * with the plant, recipe and week the batch started. Rejected batches, whose
 * standard cost is 0, are left out.
 */
export function motorOilBatchCosts(ds: Dataset): pl.LazyDataFrame {
  const perL = (c: string) => f64(c).div(pl.col("planned_litres")).div(100);
  return ds.scan("blend_batches")
    .filter(pl.col("status").neq(pl.lit("rejected")))
    .join(motorOilRecipes(ds), { on: "recipe_id", how: "semi" })
    .select(
      "plant_site_id",
      "recipe_id",
      "currency",
      weekOf("start_ts"),
      "planned_litres",
      perL("material_cost").alias("material_per_l"),
      perL("actual_cost").alias("actual_per_l"),
      perL("standard_cost").alias("standard_per_l"),
    );
}

/**
 * The price book of Corvane's motor oils (products.maker_company_id = 1,
 * product_kind = motor_oil) read on each full week's Monday: one row per SKU ×
 * segment × week with the `standard_cost` and `retail_list_price` valid that
 * day (minor units, the segment's currency).
 */
export function motorOilPriceWeeks(ds: Dataset): pl.DataFrame {
  const skus = ds.scan("products").filter(
    pl.col("maker_company_id").eq(MAKERS.corvane).and(
      pl.col("product_kind").eq(pl.lit("motor_oil")),
    ),
  ).select("sku_id");
  const book = ds.scan("price_book").join(skus, { on: "sku_id", how: "semi" }).select(
    "sku_id",
    "segment_id",
    dayNo("valid_from").alias("from"),
    dayNo("valid_to").alias("to"),
    "standard_cost",
    "retail_list_price",
  ).sort(["sku_id", "segment_id", "from"]).collectSync();
  const sku = book.getColumn("sku_id").toArray() as number[];
  const seg = book.getColumn("segment_id").toArray() as number[];
  const from = book.getColumn("from").toArray() as number[];
  const to = book.getColumn("to").toArray() as number[];
  const std = book.getColumn("standard_cost").toArray() as number[];
  const retail = book.getColumn("retail_list_price").toArray() as number[];
  const weeks = fullWeeks(ds);
  const out = { sku_id: [] as number[], segment_id: [] as number[], week: [] as Date[] };
  const stdOut: number[] = [], retailOut: number[] = [];
  for (let i = 0; i < sku.length;) {
    let j = i;
    while (j < sku.length && sku[j] === sku[i] && seg[j] === seg[i]) j++;
    let k = i;
    for (const w of weeks) {
      while (k < j && to[k] < w) k++;
      if (k === j) break;
      if (from[k] > w) continue;
      out.sku_id.push(sku[i]);
      out.segment_id.push(seg[i]);
      out.week.push(new Date(w * DAY_MS));
      stdOut.push(Number(std[k]));
      retailOut.push(Number(retail[k]));
    }
    i = j;
  }
  return pl.DataFrame({
    sku_id: Int32Array.from(out.sku_id),
    segment_id: Int32Array.from(out.segment_id),
    week: pl.Series("week", out.week, pl.Date),
    standard_cost: Float64Array.from(stdOut),
    retail_list_price: Float64Array.from(retailOut),
  });
}

/** The stages of the base-oil shock's pass-through, upstream first. */
export const PASS_THROUGH_STAGES = [
  "base-oil index (Group II)",
  "purchase price of Group II base oil",
  "batch material cost per litre",
  "standard cost",
  "retail shelf price",
] as const;
/** One of {@link PASS_THROUGH_STAGES}. */
export type PassThroughStage = (typeof PASS_THROUGH_STAGES)[number];

/**
 * The pass-through series, each indexed to 100 over the weeks before the
 * shock: `stage`, `week`, `index`. The Group II index itself; Corvane's
 * regular BO-G2 purchase price per plant; its motor-oil batches' material
 * cost per litre per plant × recipe; and the standard cost and retail list
 * price of its motor oils per SKU × geo segment (local currencies, so FX does
 * not move them).
 */
export function passThroughSeries(ds: Dataset, shockDay = shockWeek(ds)): pl.DataFrame {
  const stage = (lf: pl.LazyDataFrame, name: PassThroughStage) =>
    lf.select(pl.lit(name).alias("stage"), "week", "index");
  const indexRows = ds.scan("raw_material_index")
    .filter(pl.col("index_code").eq(pl.lit("base_oil_group_ii")))
    .select(
      pl.lit(0).alias("k"),
      pl.col("week_start").alias("week"),
      f64("index_value").alias("value"),
    );
  const batches = motorOilBatchCosts(ds).select(
    "plant_site_id",
    "recipe_id",
    "week",
    pl.col("material_per_l").alias("value"),
  );
  const prices = motorOilPriceWeeks(ds).lazy();
  const keysSS = ["sku_id", "segment_id"];
  const weeks = fullWeeks(ds);
  const lo = weeks[0], hi = weeks[weeks.length - 1];
  return pl.concat([
    stage(indexToPreShock(indexRows, ["k"], shockDay), "base-oil index (Group II)"),
    stage(
      indexToPreShock(baseOilPurchasePrices(ds), ["plant_site_id"], shockDay),
      "purchase price of Group II base oil",
    ),
    stage(
      indexToPreShock(batches, ["plant_site_id", "recipe_id"], shockDay),
      "batch material cost per litre",
    ),
    stage(
      indexToPreShock(
        prices.select(...keysSS, "week", pl.col("standard_cost").alias("value")),
        keysSS,
        shockDay,
      ),
      "standard cost",
    ),
    stage(
      indexToPreShock(
        prices.select(...keysSS, "week", pl.col("retail_list_price").alias("value")),
        keysSS,
        shockDay,
      ),
      "retail shelf price",
    ),
  ], { how: "vertical" })
    .filter(dayNo("week").gtEq(lo).and(dayNo("week").ltEq(hi)))
    .collectSync();
}

/** How fast a series passed the shock on. */
export interface HalfRise {
  /** Weeks from the shock's first week to the first week at or above half the peak rise; null without a rise. */
  weeks: number | null;
  /** Peak rise over the pre-shock level within {@link SHOCK_HORIZON_WEEKS} weeks (%). */
  peakRisePct: number;
  /** Weeks from the shock to the peak. */
  peakWeeks: number | null;
}

/**
 * Weeks until a series (day numbers of Mondays, index values) first reaches
 * half of its peak rise after `shockDay`: the base is its mean over the
 * {@link PRE_SHOCK_WEEKS} weeks before, the peak its highest value in the
 * {@link SHOCK_HORIZON_WEEKS} weeks from the shock.
 */
export function halfRise(weeks: number[], index: number[], shockDay: number): HalfRise {
  let s = 0, n = 0, peak = -Infinity, peakAt = -1;
  for (let i = 0; i < weeks.length; i++) {
    const t = (weeks[i] - shockDay) / 7;
    if (t >= -PRE_SHOCK_WEEKS && t < 0) {
      s += index[i];
      n++;
    } else if (t >= 0 && t <= SHOCK_HORIZON_WEEKS && index[i] > peak) {
      peak = index[i];
      peakAt = t;
    }
  }
  const base = n ? s / n : NaN;
  if (!(peak > base)) return { weeks: null, peakRisePct: 0, peakWeeks: null };
  const half = base + (peak - base) / 2;
  let at: number | null = null;
  for (let i = 0; i < weeks.length && at === null; i++) {
    const t = (weeks[i] - shockDay) / 7;
    if (t >= 0 && t <= SHOCK_HORIZON_WEEKS && index[i] >= half) at = t;
  }
  return { weeks: at, peakRisePct: 100 * (peak / base - 1), peakWeeks: peakAt };
}

/** The pass-through delay of every stage. */
export function passThroughDelays(
  series: pl.DataFrame,
  shockDay: number,
): Map<PassThroughStage, HalfRise> {
  const out = new Map<PassThroughStage, HalfRise>();
  for (const stage of PASS_THROUGH_STAGES) {
    const s = series.filter(pl.col("stage").eq(pl.lit(stage))).sort("week");
    const weeks = s.select(dayNo("week").alias("d")).getColumn("d").toArray() as number[];
    out.set(stage, halfRise(weeks, s.getColumn("index").toArray() as number[], shockDay));
  }
  return out;
}

/** A day number as YYYY-MM-DD. */
function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The manufacturing tier's business figures. */
export const MANUFACTURING_TIER: ProfileSection = {
  id: "manufacturing.tier",
  tier: "manufacturing",
  title: "Manufacturing: the business",
  tables: [
    "companies",
    "plants",
    "materials",
    "blend_recipes",
    "raw_material_purchases",
    "blend_batches",
    "work_orders",
    "plant_inventory",
    "manufacturer_sales_orders",
    "manufacturer_shipments",
    "manufacturer_invoices",
    "manufacturer_invoice_lines",
    "manufacturer_payments",
    "raw_material_index",
    "price_book",
    "products",
    "fx_rates",
    "calendar",
  ],
  compute(ds) {
    const years = periodDays(ds) / 365.25;
    const names = makerNames(ds);
    const figures: Figure[] = [];
    const sales = new Map(
      makerInvoiceFacts(ds).groupBy("maker_company_id").agg(
        pl.col("net_rep").sum().alias("net"),
        pl.col("cost_rep").sum().alias("cost"),
      ).collectSync().toRecords().map((r) => [Number(r.maker_company_id), r]),
    );
    const stock = new Map(
      weeklyPlantStock(ds).groupBy("maker_company_id").agg(
        pl.col("stock_value").mean().alias("avg"),
      ).collectSync().toRecords().map((r) => [Number(r.maker_company_id), Number(r.avg)]),
    );
    const onTime = onTimeDelivery(ds);
    const util = plantUtilisation(ds).groupBy("maker_company_id").agg(
      pl.col("output").sum().div(pl.col("capacity").sum()).mul(100).alias("u"),
    ).toRecords();
    for (const maker of [MAKERS.corvane, MAKERS.keldmark]) {
      const who = names.get(maker) ?? `maker ${maker}`;
      const s = sales.get(maker);
      const net = s ? Number(s.net) : 0, cost = s ? Number(s.cost) : 0;
      figures.push({
        metric: `${who}: revenue (net of tax) per year`,
        value: net / years,
        unit: "reporting currency",
        note: `Σ manufacturer_invoice_lines.net_amount at the invoice day's FX over ${
          years.toFixed(2)
        } years`,
      });
      figures.push({
        metric: `${who}: gross margin`,
        value: net > 0 ? (100 * (net - cost)) / net : null,
        unit: "%",
        target: MAKER_GROSS_MARGIN,
        note: "1 − Σ qty × unit_cost (price book standard cost) / Σ net_amount",
      });
      const avg = stock.get(maker) ?? 0;
      const turns = avg > 0 ? cost / years / avg : null;
      figures.push({
        metric: `${who}: inventory turns`,
        value: turns,
        unit: "× per year",
        target: MAKER_INVENTORY_TURNS,
        note:
          "cost of goods sold at standard per year / mean weekly plant_inventory closing_value (materials and finished goods, all plants)",
      });
      figures.push({
        metric: `${who}: days of supply`,
        value: turns ? 365 / turns : null,
        unit: "days",
        target: MAKER_DAYS_OF_SUPPLY,
      });
      figures.push({
        metric: `${who}: on-time delivery`,
        value: onTime.get(maker) ?? null,
        unit: "%",
        note: "manufacturer_shipments delivered on or before the order's requested_date",
      });
      figures.push({
        metric: `${who}: days sales outstanding`,
        value: daysSalesOutstanding(makerReceivables(ds, maker)),
        unit: "days",
        note:
          "mean open receivables / mean daily credit sales (tax included) after the first 90 days; terms net 45 (Brightaxle), net 30, 2/10 net 30 or net 60",
      });
      const u = util.find((r) => Number(r.maker_company_id) === maker);
      figures.push({
        metric: `${who}: capacity utilisation`,
        value: u ? Number(u.u) : null,
        unit: "%",
        target: MAKER_CAPACITY_UTILISATION,
        note: maker === MAKERS.corvane
          ? "Σ blend_batches.planned_litres / Σ plants.capacity_per_week × weeks of the period"
          : "Σ work_orders.planned_units / Σ plants.capacity_per_week × weeks of the period",
      });
    }

    const q = batchQuality(ds);
    const corvane = names.get(MAKERS.corvane) ?? "Corvane";
    figures.push({
      metric: `${corvane}: batches right first time`,
      value: q.rightFirstTime,
      unit: "%",
      target: BLEND_RIGHT_FIRST_TIME,
      note: `blend_batches released at the first QC test, of ${q.batches}`,
    });
    figures.push({
      metric: `${corvane}: batches reworked`,
      value: q.reworked,
      unit: "%",
      note: "released after an adjustment and a second test",
    });
    figures.push({
      metric: `${corvane}: batches rejected`,
      value: q.rejected,
      unit: "%",
    });
    figures.push({
      metric: `${corvane}: blend yield loss`,
      value: q.yieldLoss,
      unit: "%",
      target: BLEND_YIELD_LOSS,
      note: `Σ yield_loss_litres / Σ planned_litres; ${
        q.yieldLossReleased.toFixed(2)
      } % on released batches alone`,
    });
    figures.push({
      metric: `${names.get(MAKERS.keldmark) ?? "Keldmark"}: filter scrap`,
      value: filterScrap(ds),
      unit: "%",
      target: FILTER_SCRAP,
      note: "Σ work_orders.scrapped_units / Σ planned_units",
    });

    const shock = shockWeek(ds);
    const delays = passThroughDelays(passThroughSeries(ds, shock), shock);
    for (const stage of PASS_THROUGH_STAGES) {
      const d = delays.get(stage)!;
      figures.push({
        metric: `base-oil shock: weeks to half the rise, ${stage}`,
        value: d.weeks,
        unit: "weeks",
        note: `shock from the week of ${
          isoDay(shock)
        } (the largest three-week rise of raw_material_index base_oil_group_ii); peak rise ${
          d.peakRisePct.toFixed(1)
        } % after ${d.peakWeeks} weeks, against the ${PRE_SHOCK_WEEKS} weeks before. ${SHOCK_PASS_THROUGH_SOURCE}`,
      });
      figures.push({
        metric: `base-oil shock: peak rise, ${stage}`,
        value: d.peakRisePct,
        unit: "%",
      });
    }
    return figures;
  },
};
