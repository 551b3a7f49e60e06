/**
 * Polars results cross to Observable Plot as Apache Arrow tables: Plot reads
 * an Arrow table's columns directly (no array of row objects in between).
 *
 * ```ts
 * const monthly = ds.scan("retail_transaction_lines")
 *   .groupBy(pl.col("transaction_date").dt.truncate("1mo").alias("month"))
 *   .agg(pl.col("net_amount").sum().alias("net"))
 *   .sort("month").collectSync();
 * Plot.lineY(toArrow(monthly), { x: "month", y: "net" });
 * ```
 *
 * @module
 */

import pl from "nodejs-polars";
import { type Table, tableFromIPC } from "apache-arrow";

/**
 * The Arrow table of a Polars frame, in the column types Plot reads as they
 * are: dates become millisecond timestamps (which Plot turns into `Date`s;
 * it leaves day-unit dates as numbers), 64-bit integers become doubles (Plot
 * scales no BigInts), categoricals become strings.
 */
export function toArrow(df: pl.DataFrame): Table {
  const casts: pl.Expr[] = [];
  for (const name of df.columns) {
    const t = String(df.getColumn(name).dtype.variant);
    if (t === "Date" || t === "Datetime") casts.push(pl.col(name).cast(pl.Datetime("ms")));
    else if (t === "Int64" || t === "UInt64") casts.push(pl.col(name).cast(pl.Float64));
    else if (t === "Categorical" || t === "Enum") casts.push(pl.col(name).cast(pl.Utf8));
  }
  const ready = casts.length ? df.withColumns(...casts) : df;
  // Without a path, writeIPC returns the bytes (uncompressed: apache-arrow reads no compressed IPC).
  return tableFromIPC(ready.writeIPC());
}
