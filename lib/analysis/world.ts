/**
 * Summaries of the world tier for notebooks: geo segments with their sites,
 * stores by country and format, the calendar's shape, holidays, and FX rates
 * indexed to the first day.
 *
 * @module
 */

import pl from "nodejs-polars";
import type { Dataset } from "../validate/dataset.ts";

/** Geo segments with their country, demand weight, price index and counts of stores and DCs. */
export function segmentOverview(ds: Dataset): pl.DataFrame {
  const sites = ds.scan("sites").groupBy("segment_id").agg(
    pl.col("site_type").eq(pl.lit("store")).sum().cast(pl.Int32).alias("stores"),
    pl.col("site_type").eq(pl.lit("distribution_centre")).sum().cast(pl.Int32).alias("dcs"),
  );
  return ds.scan("geo_segments").join(
    ds.scan("countries").select("country_code", "country_name", "currency"),
    { on: "country_code", how: "left" },
  ).join(sites, { on: "segment_id", how: "left" }).select(
    "segment_code",
    "country_name",
    "segment_name",
    "currency",
    "demand_weight",
    "price_index",
    pl.col("stores").fillNull(0),
    pl.col("dcs").fillNull(0),
  ).sort("segment_code").collectSync().sort(["country_name", "segment_code"]);
}

/** Sites counted by country and type (one row per pair). */
export function sitesByCountry(ds: Dataset): pl.DataFrame {
  return ds.scan("sites").groupBy(["country_code", "site_type"]).agg(
    pl.len().cast(pl.Int32).alias("sites"),
  ).sort(["country_code", "site_type"]).collectSync();
}

/** Physical stores by country and format, with their floor area. */
export function storesByFormat(ds: Dataset): pl.DataFrame {
  return ds.scan("sites").filter(pl.col("site_type").eq(pl.lit("store"))).groupBy([
    "country_code",
    "store_format",
  ]).agg(
    pl.len().cast(pl.Int32).alias("stores"),
    pl.col("floor_area_m2").mean().round(0).alias("mean_floor_m2"),
  ).sort(["country_code", "store_format"]).collectSync();
}

/** Stores trading at the start of each year of the period, by country (openings over time). */
export function storesOpenByYear(ds: Dataset): pl.DataFrame {
  const years = ds.scan("calendar").select(pl.col("year").unique()).collectSync().getColumn("year")
    .toArray().map(Number).sort();
  const stores = ds.scan("sites").filter(pl.col("site_type").eq(pl.lit("store"))).select(
    "country_code",
    pl.col("open_date").dt.year().alias("open_year"),
  ).collectSync();
  const frames = years.map((y) =>
    stores.filter(pl.col("open_year").lt(y + 1)).groupBy("country_code").agg(
      pl.len().cast(pl.Int32).alias("stores"),
    ).withColumns(pl.lit(y).cast(pl.Int32).alias("year"))
  );
  return pl.concat(frames).sort(["year", "country_code"]);
}

/** The calendar's shape per fiscal year: first and last day, days, weekend days, ISO weeks. */
export function calendarSummary(ds: Dataset): pl.DataFrame {
  return ds.scan("calendar").groupBy("fiscal_year").agg(
    pl.col("date").min().alias("first_day"),
    pl.col("date").max().alias("last_day"),
    pl.len().cast(pl.Int32).alias("days"),
    pl.col("is_weekend").sum().cast(pl.Int32).alias("weekend_days"),
    pl.col("iso_week").nUnique().cast(pl.Int32).alias("iso_weeks"),
  ).sort("fiscal_year").collectSync();
}

/** Public holidays per country and calendar year, and on how many of them stores close. */
export function holidaysByCountry(ds: Dataset): pl.DataFrame {
  return ds.scan("holidays").select(
    "country_code",
    pl.col("date").dt.year().alias("year"),
    "stores_closed",
  ).groupBy(["country_code", "year"]).agg(
    pl.len().cast(pl.Int32).alias("holidays"),
    pl.col("stores_closed").sum().cast(pl.Int32).alias("stores_closed"),
  ).sort(["country_code", "year"]).collectSync();
}

/** Holidays per country and month over the whole period (for a heatmap); `month` is "Jan" … "Dec". */
export function holidaysByMonth(ds: Dataset): pl.DataFrame {
  return ds.scan("holidays").select(
    "country_code",
    pl.col("date").dt.strftime("%b").alias("month"),
  ).groupBy(["country_code", "month"]).agg(pl.len().cast(pl.Int32).alias("holidays")).sort([
    "country_code",
    "month",
  ]).collectSync();
}

/**
 * FX rates of every non-reporting currency, daily, with the rate indexed to
 * its first day (= 100) so currencies of different levels share one axis.
 */
export function fxIndexed(ds: Dataset): pl.DataFrame {
  return ds.scan("fx_rates").filter(pl.col("currency").neq(pl.col("reporting_currency"))).sort([
    "currency",
    "date",
  ]).withColumns(
    pl.col("rate").div(pl.col("rate").first().over("currency")).mul(100).alias("index"),
  ).select("date", "currency", "reporting_currency", "rate", "index").collectSync();
}

/** FX rate range per currency over the period: first, min, max, last, and the change (%). */
export function fxSummary(ds: Dataset): pl.DataFrame {
  return ds.scan("fx_rates").filter(pl.col("currency").neq(pl.col("reporting_currency"))).sort(
    "date",
  ).groupBy("currency").agg(
    pl.col("reporting_currency").first(),
    pl.col("rate").first().alias("first"),
    pl.col("rate").min().alias("min"),
    pl.col("rate").max().alias("max"),
    pl.col("rate").last().alias("last"),
    pl.col("rate").last().div(pl.col("rate").first()).sub(1).mul(100).round(1).alias("change_pct"),
  ).sort("currency").collectSync();
}
