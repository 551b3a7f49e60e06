/**
 * Reading the price book in checks: the row valid on a day for (SKU, segment),
 * joined to any rows that name a SKU, a segment and a date. Every tier's
 * checks that compare a price to the price book use this one join.
 *
 * @module
 */

import pl from "nodejs-polars";
import type { Dataset } from "./dataset.ts";

const day = (c: string) => pl.col(c).cast(pl.Int32);

/**
 * `lf` with the price-book row valid on `dateCol` for (sku_id, `segmentCol`)
 * joined: `pb_from`, `pb_to` and the price columns asked for in `prices`
 * (price-book column → name in the result). A row with no valid price-book row
 * gets nulls (`pb_from` null, or `_day` > `pb_to`).
 */
export function withPriceBook(
  lf: pl.LazyDataFrame,
  ds: Dataset,
  dateCol: string,
  prices: Record<string, string>,
  segmentCol = "segment_id",
): pl.LazyDataFrame {
  const pb = ds.scan("price_book").select(
    "sku_id",
    pl.col("segment_id").alias(segmentCol),
    day("valid_from").alias("pb_from"),
    day("valid_to").alias("pb_to"),
    ...Object.entries(prices).map(([c, as]) => pl.col(c).alias(as)),
  ).sort("pb_from");
  return lf.withColumns(day(dateCol).alias("_day")).sort("_day").joinAsof(pb, {
    leftOn: "_day",
    rightOn: "pb_from",
    by: ["sku_id", segmentCol],
    strategy: "backward",
    checkSortedness: false,
  });
}

/** True where a row found no valid price-book row on its day. */
export function noPriceBookRow(): pl.Expr {
  return pl.col("pb_from").isNull().or(pl.col("_day").gt(pl.col("pb_to")));
}
