/**
 * Summaries of the retail tier for notebooks: baskets, seasonality, the weekly
 * rhythm, promotions and their lift, own brand against known brands, sales by
 * geo segment and channel, the long tail of SKUs and how margins felt the
 * base-oil shock. Amounts are in the reporting currency (major units) unless
 * a name says otherwise.
 *
 * @module
 */

import pl from "nodejs-polars";
import type { Dataset } from "../validate/dataset.ts";
import { BRAND_TYPES, brandLabel } from "./catalog.ts";
import { baskets, groundTruth, MONTHS, pick, salesLines, WEEKDAYS } from "./frames.ts";

/** Customer types of baskets with readable labels. */
export const SHOPPERS: Record<string, string> = {
  anonymous: "anonymous (DIY)",
  loyalty: "loyalty member (DIY)",
  trade: "trade account",
};

/** One colour per shopper label, the same in every notebook. */
export const SHOPPER_COLORS = {
  domain: Object.values(SHOPPERS),
  range: ["#bab0ac", "#4e79a7", "#e15759"],
};

function shopperLabel(column = "customer_type"): pl.Expr {
  return pl.when(pl.col(column).eq(pl.lit("anonymous"))).then(pl.lit(SHOPPERS.anonymous))
    .when(pl.col(column).eq(pl.lit("loyalty"))).then(pl.lit(SHOPPERS.loyalty))
    .otherwise(pl.lit(SHOPPERS.trade)).alias("shopper");
}

/** Headline figures of the retail tier: baskets, lines, revenue, margin, share on promotion. */
export function retailHeadlines(ds: Dataset): pl.DataFrame {
  const l = salesLines(ds).select(
    pl.len().alias("lines"),
    pl.col("transaction_id").nUnique().alias("baskets"),
    pl.col("qty").sum().alias("units"),
    pl.col("net_rep").sum().alias("revenue"),
    pl.col("margin_rep").sum().alias("margin"),
    pl.col("net_rep").filter(pl.col("promotion_id").isNotNull()).sum().alias("on_promo"),
    pl.col("sku_id").nUnique().alias("skus_sold"),
  ).collectSync().toRecords()[0];
  const revenue = Number(l.revenue);
  const row = {
    baskets: Number(l.baskets),
    lines: Number(l.lines),
    units: Number(l.units),
    lines_per_basket: Math.round((Number(l.lines) / Number(l.baskets)) * 100) / 100,
    revenue: Math.round(revenue),
    gross_margin_pct: Math.round((1000 * Number(l.margin)) / revenue) / 10,
    revenue_on_promotion_pct: Math.round((1000 * Number(l.on_promo)) / revenue) / 10,
    skus_sold: Number(l.skus_sold),
  };
  return pl.DataFrame([row]).withColumns(
    ...["baskets", "lines", "units", "revenue", "skus_sold"].map((c) => pl.col(c).cast(pl.Int64)),
  );
}

/** Share of baskets (%) by number of lines, per shopper type; 6 or more lines are one bucket. */
export function basketSizes(ds: Dataset): pl.DataFrame {
  return ds.scan("retail_transactions").select(
    shopperLabel(),
    pl.when(pl.col("line_count").gtEq(6)).then(pl.lit("6+")).otherwise(
      pl.col("line_count").cast(pl.Utf8),
    ).alias("lines"),
  ).groupBy(["shopper", "lines"]).agg(pl.len().alias("baskets")).withColumns(
    pl.col("baskets").cast(pl.Float64).div(pl.col("baskets").sum().over("shopper")).mul(100).round(
      1,
    ).alias(
      "share_pct",
    ),
  ).sort(["shopper", "lines"]).collectSync();
}

/** Per shopper type: baskets, share of baskets and revenue, mean lines, units and value, margin. */
export function basketStats(ds: Dataset): pl.DataFrame {
  return baskets(ds).groupBy(shopperLabel()).agg(
    pl.len().alias("baskets"),
    pl.col("line_count").mean().round(2).alias("lines_per_basket"),
    pl.col("item_qty").mean().round(2).alias("units_per_basket"),
    pl.col("net_rep").mean().round(2).alias("mean_basket_value"),
    pl.col("net_rep").sum().alias("revenue"),
    pl.col("margin_rep").sum().alias("margin"),
  ).withColumns(
    pl.col("baskets").cast(pl.Float64).div(pl.col("baskets").sum()).mul(100).round(1).alias(
      "share_of_baskets_pct",
    ),
    pl.col("revenue").div(pl.col("revenue").sum()).mul(100).round(1).alias("share_of_revenue_pct"),
    pl.col("margin").div(pl.col("revenue")).mul(100).round(1).alias("gross_margin_pct"),
  ).select(
    "shopper",
    "baskets",
    "share_of_baskets_pct",
    "share_of_revenue_pct",
    "lines_per_basket",
    "units_per_basket",
    "mean_basket_value",
    "gross_margin_pct",
  ).sort("shopper").collectSync();
}

/** Net revenue per month by department (reporting currency). */
export function monthlyRevenue(ds: Dataset): pl.DataFrame {
  return salesLines(ds).groupBy([
    pl.col("transaction_date").dt.truncate("1mo").alias("month"),
    pl.col("department"),
  ]).agg(pl.col("net_rep").sum().alias("revenue")).sort(["department", "month"]).collectSync();
}

/**
 * Seasonality by hemisphere: revenue of each calendar month as an index
 * (mean month = 100), north against south, with the profile the generator
 * injected (from the ground truth) when it is known.
 */
export function seasonality(ds: Dataset): pl.DataFrame {
  const measured = salesLines(ds).groupBy([
    pl.col("hemisphere"),
    pl.col("transaction_date").dt.month().alias("m"),
  ]).agg(
    pl.col("net_rep").sum().alias("revenue"),
    pl.col("transaction_date").nUnique().alias("days"),
  )
    .withColumns(pl.col("revenue").div(pl.col("days")).alias("per_day"))
    .withColumns(
      pl.col("per_day").div(pl.col("per_day").mean().over("hemisphere")).mul(100).alias("index"),
    ).collectSync();
  const rows: { month: string; series: string; index: number }[] = [];
  for (const r of measured.toRecords()) {
    rows.push({
      month: MONTHS[Number(r.m) - 1],
      series: `measured, ${r.hemisphere}ern hemisphere`,
      index: Number(r.index),
    });
  }
  const s = pick(groundTruth(ds), "retail.traffic.seasonality") as
    | { amplitude?: number; peakDayOfYear?: number }
    | undefined;
  if (s?.amplitude !== undefined && s.peakDayOfYear !== undefined) {
    for (const [h, shift] of [["north", 0], ["south", 182.6]] as const) {
      for (let m = 0; m < 12; m++) {
        const doy = 15 + m * 30.44;
        const v = 1 +
          s.amplitude * Math.cos((2 * Math.PI * (doy - s.peakDayOfYear - shift)) / 365.25);
        rows.push({ month: MONTHS[m], series: `injected, ${h}ern hemisphere`, index: 100 * v });
      }
    }
  }
  rows.sort((a, b) =>
    a.series.localeCompare(b.series) || MONTHS.indexOf(a.month) - MONTHS.indexOf(b.month)
  );
  return pl.DataFrame(rows);
}

/**
 * Baskets by weekday for DIY shoppers and trade accounts in stores, as an
 * index (mean day = 1), beside the weekday factors the generator injected.
 */
export function weekdayRhythm(ds: Dataset): pl.DataFrame {
  const measured = ds.scan("retail_transactions").filter(pl.col("channel").neq(pl.lit("online")))
    .select(
      pl.when(pl.col("customer_type").eq(pl.lit("trade"))).then(pl.lit("trade")).otherwise(
        pl.lit("diy"),
      ).alias("who"),
      pl.col("transaction_date").dt.weekday().alias("wd"),
    ).groupBy(["who", "wd"]).agg(pl.len().alias("baskets"))
    .withColumns(
      pl.col("baskets").cast(pl.Float64).div(pl.col("baskets").mean().over("who")).alias("index"),
    )
    .collectSync();
  const truth = pick(groundTruth(ds), "retail.traffic.weekday.monday_to_sunday") as
    | Record<string, number[]>
    | undefined;
  const label = (w: string) => (w === "diy" ? "DIY shoppers" : "trade accounts");
  const rows: { weekday: string; who: string; measured: number; injected: number | null }[] = [];
  for (const r of measured.toRecords()) {
    const w = String(r.who);
    const wd = Number(r.wd);
    rows.push({
      weekday: WEEKDAYS[wd - 1],
      who: label(w),
      measured: Math.round(Number(r.index) * 100) / 100,
      injected: truth?.[w]?.[wd - 1] ?? null,
    });
  }
  const order = (w: string) => WEEKDAYS.indexOf(w);
  rows.sort((a, b) => a.who.localeCompare(b.who) || order(a.weekday) - order(b.weekday));
  return pl.DataFrame(rows);
}

/**
 * Promotion lift per promotion × SKU: units sold per day in the promotion's
 * segment during its window against the 28 days before (same segment, same
 * SKU). Only SKUs with sales before the window count (a lift needs a base).
 */
export function promotionLifts(ds: Dataset): pl.DataFrame {
  const daily = salesLines(ds).groupBy(["segment_id", "sku_id", "transaction_date"]).agg(
    pl.col("qty").sum().alias("units"),
  );
  const promos = ds.scan("promotions").filter(pl.col("audience").eq(pl.lit("all"))).join(
    ds.scan("promotion_products").select("promotion_id", "sku_id"),
    { on: "promotion_id", how: "inner" },
  ).select(
    "promotion_id",
    "mechanic",
    "segment_id",
    "sku_id",
    "start_date",
    "end_date",
    "discount_bp",
  );
  const firstDay = Number(
    ds.scan("calendar").select(pl.col("date").cast(pl.Int32).min().alias("d")).collectSync()
      .getColumn("d").get(0),
  );
  const dayNo = (c: string) => pl.col(c).cast(pl.Int32);
  return promos.join(daily, { on: ["segment_id", "sku_id"], how: "inner" }).withColumns(
    dayNo("end_date").sub(dayNo("start_date")).add(1).alias("window_days"),
  ).filter(dayNo("start_date").gtEq(firstDay + 28)).withColumns(
    pl.when(
      dayNo("transaction_date").gtEq(dayNo("start_date")).and(
        dayNo("transaction_date").ltEq(dayNo("end_date")),
      ),
    ).then(pl.lit("during")).when(
      dayNo("transaction_date").lt(dayNo("start_date")).and(
        dayNo("start_date").sub(dayNo("transaction_date")).ltEq(28),
      ),
    ).then(pl.lit("before")).otherwise(pl.lit("other")).alias("period"),
  ).filter(pl.col("period").neq(pl.lit("other"))).groupBy([
    "promotion_id",
    "sku_id",
    "mechanic",
    "discount_bp",
    "window_days",
  ]).agg(
    pl.col("units").filter(pl.col("period").eq(pl.lit("during"))).sum().alias("units_during"),
    pl.col("units").filter(pl.col("period").eq(pl.lit("before"))).sum().alias("units_before"),
  ).filter(pl.col("units_before").gt(0)).withColumns(
    pl.col("units_during").cast(pl.Float64).div(pl.col("window_days")).div(
      pl.col("units_before").cast(pl.Float64).div(28),
    ).alias("lift"),
  ).collectSync();
}

/**
 * Lift by mechanic: the ratio of all promoted units per day during windows to
 * the units per day before them (pooled over promotions and SKUs), with how
 * many promotion × SKU pairs it rests on.
 */
export function liftByMechanic(lifts: pl.DataFrame): pl.DataFrame {
  return lifts.groupBy("mechanic").agg(
    pl.len().alias("promoted_skus"),
    pl.col("units_during").div(pl.col("window_days")).sum().alias("during"),
    pl.col("units_before").div(28).sum().alias("before"),
  ).withColumns(pl.col("during").div(pl.col("before")).round(2).alias("lift")).select(
    "mechanic",
    "promoted_skus",
    "lift",
  ).sort("lift", true);
}

/** Lift of percent-off promotions by discount depth (pooled), with the injected choice multiplier when known. */
export function liftByDepth(ds: Dataset, lifts: pl.DataFrame): pl.DataFrame {
  const measured = lifts.filter(pl.col("mechanic").eq(pl.lit("percent_off"))).groupBy(
    "discount_bp",
  ).agg(
    pl.len().alias("promoted_skus"),
    pl.col("units_during").div(pl.col("window_days")).sum().alias("during"),
    pl.col("units_before").div(28).sum().alias("before"),
  ).withColumns(pl.col("during").div(pl.col("before")).alias("lift")).sort("discount_bp");
  const mult = pick(groundTruth(ds), "retail.promotions.choiceMultipliers") as
    | Record<string, Record<string, number>>
    | undefined;
  const rows: { discount: string; series: string; lift: number; promoted_skus: number }[] = [];
  for (const r of measured.toRecords()) {
    const pct = Number(r.discount_bp) / 100;
    rows.push({
      discount: `${pct} %`,
      series: "measured",
      lift: Math.round(Number(r.lift) * 100) / 100,
      promoted_skus: Number(r.promoted_skus),
    });
    const inj = mult?.[`percent_off depth ${pct / 100}`];
    if (inj) {
      const vals = Object.values(inj);
      rows.push({
        discount: `${pct} %`,
        series: "injected (mean over kinds)",
        lift: Math.round((vals.reduce((a, b) => a + b, 0) / vals.length) * 100) / 100,
        promoted_skus: Number(r.promoted_skus),
      });
    }
  }
  return pl.DataFrame(rows);
}

/**
 * The retailer's own brand against the chain's labels and known brands, per
 * department: share of revenue and of units (%), gross margin (%), mean
 * price paid per unit (reporting currency).
 */
export function brandTypeMix(ds: Dataset): pl.DataFrame {
  return salesLines(ds).groupBy(["department", "brand_type"]).agg(
    pl.col("net_rep").sum().alias("revenue"),
    pl.col("margin_rep").sum().alias("margin"),
    pl.col("qty").sum().alias("units"),
  ).withColumns(
    brandLabel(),
    pl.col("revenue").div(pl.col("revenue").sum().over("department")).mul(100).round(1).alias(
      "revenue_share_pct",
    ),
    pl.col("units").cast(pl.Float64).div(pl.col("units").sum().over("department")).mul(100)
      .round(1).alias("unit_share_pct"),
    pl.col("margin").div(pl.col("revenue")).mul(100).round(1).alias("gross_margin_pct"),
    pl.col("revenue").div(pl.col("units")).round(2).alias("revenue_per_unit"),
  ).select(
    "department",
    "brand",
    "revenue_share_pct",
    "unit_share_pct",
    "gross_margin_pct",
    "revenue_per_unit",
  ).sort(["department", "brand"]).collectSync();
}

/** Net revenue by geo segment and channel (reporting currency), with the segment's store count. */
export function segmentSales(ds: Dataset): pl.DataFrame {
  const stores = ds.scan("sites").filter(pl.col("site_type").eq(pl.lit("store"))).groupBy(
    "segment_id",
  ).agg(pl.len().cast(pl.Int32).alias("stores"));
  return salesLines(ds).join(
    ds.scan("retail_transactions").select("transaction_id", "channel"),
    { on: "transaction_id", how: "left" },
  ).groupBy(["segment_id", "segment_code", "channel"]).agg(pl.col("net_rep").sum().alias("revenue"))
    .join(stores, { on: "segment_id", how: "left" }).select(
      "segment_code",
      pl.col("channel").str.replace("_", " ").str.replace("_", " "),
      "revenue",
      pl.col("stores").fillNull(0),
    ).sort(["segment_code", "channel"]).collectSync();
}

/** Revenue, baskets and revenue per store for each store (reporting currency), largest first. */
export function storeLeague(ds: Dataset): pl.DataFrame {
  return baskets(ds).filter(pl.col("site_type").eq(pl.lit("store"))).groupBy([
    "site_name",
    "segment_code",
    "store_format",
  ]).agg(
    pl.len().alias("baskets"),
    pl.col("net_rep").sum().round(0).alias("revenue"),
    pl.col("net_rep").mean().round(2).alias("mean_basket_value"),
  ).sort("revenue", true).collectSync();
}

/** Net revenue per SKU (reporting currency) with its category and brand type. */
export function skuRevenue(ds: Dataset): pl.DataFrame {
  return salesLines(ds).groupBy(["sku_id", "sku", "category", "brand_type"]).agg(
    pl.col("net_rep").sum().alias("revenue"),
    pl.col("qty").sum().alias("units"),
  ).sort("revenue", true).collectSync();
}

/**
 * How often SKUs sell, by revenue decile (1 = the top tenth of SKUs): the
 * share of store-weeks on the shelf in which the SKU sold at least once.
 */
export function intermittency(ds: Dataset): pl.DataFrame {
  const revenue = skuRevenue(ds);
  const n = revenue.height;
  const rank = revenue.withColumns(
    pl.col("revenue").rank("ordinal", true).cast(pl.Float64).alias("rank"),
  ).withColumns(
    pl.col("rank").sub(1).mul(10).div(n).floor().add(1).cast(pl.Int32).alias("decile"),
  ).select("sku_id", "decile");
  return ds.scan("store_inventory").select("sku_id", "sales_qty").join(rank.lazy(), {
    on: "sku_id",
    how: "inner",
  }).groupBy("decile").agg(
    pl.len().alias("store_weeks"),
    pl.col("sales_qty").gt(0).mean().mul(100).round(1).alias("weeks_with_a_sale_pct"),
    pl.col("sales_qty").mean().round(2).alias("mean_units_per_week"),
  ).sort("decile").collectSync();
}

/** Gross margin (%) per month by department: where the base-oil shock shows downstream. */
export function monthlyMargin(ds: Dataset): pl.DataFrame {
  return salesLines(ds).groupBy([
    pl.col("transaction_date").dt.truncate("1mo").alias("month"),
    pl.col("department"),
  ]).agg(pl.col("margin_rep").sum().div(pl.col("net_rep").sum()).mul(100).alias("margin_pct"))
    .sort(["department", "month"]).collectSync();
}

/** Re-exported for cells that label brand types. */
export { BRAND_TYPES };
