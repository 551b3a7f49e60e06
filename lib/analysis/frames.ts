/**
 * Shared building blocks of the analyses: sales lines joined with their site,
 * product, brand and FX rate (so amounts from every country add up in the
 * reporting currency), months of the period, and safe reads of the ground
 * truth.
 *
 * @module
 */

import pl from "nodejs-polars";
import type { Dataset } from "../validate/dataset.ts";
import { GROUND_TRUTH_NAME } from "../engine/ground_truth.ts";
import { fmtValue, type ProfiledFigure } from "../profile/mod.ts";

/** Weekday names, ISO order (1 = Monday). */
export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** Month names, January first. */
export const MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

/** The reporting currency of a dataset (from its FX table). */
export function reportingCurrency(ds: Dataset): string {
  return String(
    ds.scan("fx_rates").select("reporting_currency").head(1).collectSync()
      .getColumn("reporting_currency").get(0),
  );
}

/** Sites with their segment code, country and currency. */
export function siteInfo(ds: Dataset): pl.LazyDataFrame {
  return ds.scan("sites").join(
    ds.scan("geo_segments").select("segment_id", "segment_code"),
    { on: "segment_id", how: "left" },
  ).join(ds.scan("countries").select("country_code", "currency", "hemisphere"), {
    on: "country_code",
    how: "left",
  }).select(
    "site_id",
    "site_type",
    "site_name",
    "store_format",
    "segment_id",
    "segment_code",
    "country_code",
    "currency",
    "hemisphere",
  );
}

/** Products with their brand's name and type. */
export function productInfo(ds: Dataset): pl.LazyDataFrame {
  return ds.scan("products").join(
    ds.scan("brands").select("brand_id", "brand_name", "brand_type"),
    { on: "brand_id", how: "left" },
  );
}

/**
 * Retail sales lines with site, product and brand attributes and amounts in
 * the reporting currency (major units, e.g. dollars): `net_rep`, `cost_rep`,
 * `margin_rep`, `discount_rep`, each converted at the sale day's FX rate.
 */
export function salesLines(ds: Dataset): pl.LazyDataFrame {
  const fx = ds.scan("fx_rates").select(
    pl.col("date").alias("transaction_date"),
    "currency",
    pl.col("rate").alias("fx_rate"),
  );
  const products = productInfo(ds).select(
    "sku_id",
    "sku",
    "product_name",
    "department",
    "category",
    "product_kind",
    "brand_name",
    "brand_type",
  );
  const toRep = (c: string) => pl.col(c).cast(pl.Float64).div(100).mul(pl.col("fx_rate"));
  return ds.scan("retail_transaction_lines")
    .join(siteInfo(ds), { on: "site_id", how: "left" })
    .join(products, { on: "sku_id", how: "left" })
    .join(fx, { on: ["transaction_date", "currency"], how: "left" })
    .withColumns(
      toRep("net_amount").alias("net_rep"),
      toRep("cost_amount").alias("cost_rep"),
      toRep("margin_amount").alias("margin_rep"),
      toRep("discount_amount").alias("discount_rep"),
    );
}

/** Baskets (transaction headers) with site attributes and `net_rep` / `margin_rep` in the reporting currency. */
export function baskets(ds: Dataset): pl.LazyDataFrame {
  const fx = ds.scan("fx_rates").select(
    pl.col("date").alias("transaction_date"),
    "currency",
    pl.col("rate").alias("fx_rate"),
  );
  return ds.scan("retail_transactions")
    .join(siteInfo(ds).drop("currency"), { on: "site_id", how: "left" })
    .join(fx, { on: ["transaction_date", "currency"], how: "left" })
    .withColumns(
      pl.col("net_amount").cast(pl.Float64).div(100).mul(pl.col("fx_rate")).alias("net_rep"),
      pl.col("margin_amount").cast(pl.Float64).div(100).mul(pl.col("fx_rate")).alias("margin_rep"),
    );
}

/** The first day of every month of the period, as a one-column frame `month`. */
export function monthsOf(ds: Dataset): pl.DataFrame {
  return ds.scan("calendar").select(pl.col("date").dt.truncate("1mo").alias("month")).unique()
    .sort("month").collectSync();
}

/** Days in each calendar year of the period (for per-year rates). */
export function periodDays(ds: Dataset): number {
  return Number(
    ds.scan("calendar").select(pl.len().alias("n")).collectSync().getColumn("n").get(0),
  );
}

/** The dataset's `ground_truth.json`, or an empty object when it has none. */
export function groundTruth(ds: Dataset): Record<string, unknown> {
  try {
    return JSON.parse(Deno.readTextFileSync(`${ds.dir}/${GROUND_TRUTH_NAME}`));
  } catch {
    return {};
  }
}

/** A value at a dotted path of an object (`"retail.traffic.seasonality"`), or undefined. */
export function pick(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const k of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** Share of each row's `value` within its `group` (0–100), as `share_pct`. */
export function shareWithin(value: string, group: string | string[]): pl.Expr {
  const by = Array.isArray(group) ? group : [group];
  return pl.col(value).div(pl.col(value).sum().over(by[0], ...by.slice(1))).mul(100).alias(
    "share_pct",
  );
}

/**
 * Profile figures as a table for a notebook: what was measured, the value
 * (formatted), its unit (blank for percentages, whose value carries it), the
 * target range and whether the figure is inside it.
 */
export function figuresTable(figures: ProfiledFigure[]): pl.DataFrame {
  return pl.DataFrame({
    figure: figures.map((f) => f.metric),
    measured: figures.map((f) => fmtValue(f.value, f.unit)),
    unit: figures.map((f) => (f.unit === "%" ? "" : f.unit)),
    target: figures.map((
      f,
    ) => (f.target ? `${fmtValue(f.target.low)}–${fmtValue(f.target.high)}` : "")),
    verdict: figures.map((
      f,
    ) => (f.inRange === undefined ? "" : f.inRange ? "in range" : "OUT of range")),
  });
}
