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

/**
 * Open receivables and credit sales per day in the reporting currency, from
 * any invoice table (invoice_id, currency, invoice_date, total_amount) and its
 * payments (invoice_id, payment_date, amount, discount_amount), filtered as the
 * caller likes (one company's, one plant's):
 * `invoiced` (Σ invoices' and credit notes' total_amount, tax included) and
 * `open` (everything invoiced so far less everything paid, discounted or
 * written off so far), each currency's running balance converted at the day's
 * FX rate.
 */
export function receivablesByDay(
  ds: Dataset,
  invoiceTable: pl.LazyDataFrame,
  paymentTable: pl.LazyDataFrame,
): pl.DataFrame {
  const invoices = invoiceTable.select(
    "invoice_id",
    "currency",
    "invoice_date",
    "total_amount",
  );
  const billed = invoices.groupBy([pl.col("invoice_date").alias("day"), pl.col("currency")]).agg(
    pl.col("total_amount").sum().alias("billed"),
  );
  const paid = paymentTable.select(
    "invoice_id",
    "payment_date",
    pl.col("amount").add(pl.col("discount_amount")).alias("settled"),
  ).join(invoices.select("invoice_id", "currency"), { on: "invoice_id", how: "inner" })
    .groupBy([pl.col("payment_date").alias("day"), pl.col("currency")]).agg(
      pl.col("settled").sum().alias("settled"),
    );
  const grid = ds.scan("calendar").select(pl.col("date").alias("day")).join(
    invoices.select("currency").unique(),
    { how: "cross" },
  );
  return grid.join(billed, { on: ["day", "currency"], how: "left" })
    .join(paid, { on: ["day", "currency"], how: "left" })
    .join(fxFrame(ds), { on: ["day", "currency"], how: "left" })
    .sort(["currency", "day"])
    .withColumns(
      pl.col("billed").fillNull(0).cast(pl.Float64),
      pl.col("settled").fillNull(0).cast(pl.Float64),
    )
    .withColumns(
      pl.col("billed").sub(pl.col("settled")).cumSum().over("currency").alias("open_local"),
    )
    .groupBy("day").agg(
      pl.col("billed").mul(pl.col("fx")).sum().div(100).alias("invoiced"),
      pl.col("open_local").mul(pl.col("fx")).sum().div(100).alias("open"),
    ).sort("day").collectSync();
}
