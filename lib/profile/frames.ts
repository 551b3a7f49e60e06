/**
 * Lean lazy frames the profile builds on: sites with currency and
 * hemisphere, FX rates keyed for a join, and a per-kind lookup of products.
 * Heavy tables are reduced (grouped) before any join, so memory stays bounded
 * by the size of the aggregates, not of the data.
 *
 * @module
 */

import pl from "nodejs-polars";
import type { Dataset } from "../validate/dataset.ts";

/** Sites with their country's currency and hemisphere. */
export function sitesFrame(ds: Dataset): pl.LazyDataFrame {
  return ds.scan("sites").select("site_id", "site_type", "country_code", "segment_id", "open_date")
    .join(ds.scan("countries").select("country_code", "currency", "hemisphere"), {
      on: "country_code",
      how: "left",
    });
}

/** FX rates as (`day`, `currency`, `fx`): reporting-currency units per local unit. */
export function fxFrame(ds: Dataset, dayColumn = "day"): pl.LazyDataFrame {
  return ds.scan("fx_rates").select(
    pl.col("date").alias(dayColumn),
    "currency",
    pl.col("rate").alias("fx"),
  );
}

/** Days in the period (rows of the calendar). */
export function periodDays(ds: Dataset): number {
  return Number(
    ds.scan("calendar").select(pl.len().alias("n")).collectSync().getColumn("n").get(0),
  );
}

/** A number from the first row of a one-row frame. */
export function scalar(df: pl.DataFrame, column: string): number | null {
  if (df.height === 0) return null;
  const v = df.getColumn(column).get(0);
  return v === null || v === undefined ? null : Number(v);
}

/** A value at a dotted path of an object, or undefined. */
export function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const k of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** A number at a dotted path, or undefined. */
export function num(obj: unknown, path: string): number | undefined {
  const v = at(obj, path);
  return typeof v === "number" ? v : undefined;
}

/** Day number (days since 1970-01-01) of a Polars date column. */
export function dayNo(c: string): pl.Expr {
  return pl.col(c).cast(pl.Int32);
}
