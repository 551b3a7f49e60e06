/**
 * Rules that run along time (this week opens with last week's closing) across
 * the cut between two time slices of a chain: the first row a slice owns
 * finds its previous row among the rows the slice looks up before its window
 * (see `lib/validate/batches.ts`), so the seam is checked once, in the slice
 * after the cut.
 *
 * @module
 */

import pl from "nodejs-polars";
import type { Dataset } from "./dataset.ts";

/**
 * The rows of `table` a batch owns, sorted by `keys` then `time`, with
 * `as` = `value` of the previous row of the same keys (null on a key's first
 * row in the table). In a time slice a key's first own row takes the last
 * row before the slice's window from `lookup`.
 */
export function withPrevious(
  ds: Dataset,
  table: string,
  keys: string[],
  time: string,
  value: string,
  as: string,
): pl.LazyDataFrame {
  const prev = (c: string) => pl.col(c).shift(1);
  // Sorted, each key is a run of rows and its previous row the one before: a shift within
  // the run, much faster than a window (`over`).
  let same: pl.Expr = pl.lit(true);
  for (const k of keys) {
    same = same.and(pl.col(k).eq(prev(k)).fillNull(pl.col(k).isNull().and(prev(k).isNull())));
  }
  const rows = ds.scan(table).sort([...keys, time]).withColumns(
    same.alias("_same_key"),
    prev(value).alias("_prev"),
  );
  const w = ds.window;
  if (!w) {
    return rows.withColumns(
      pl.when(pl.col("_same_key")).then(pl.col("_prev")).otherwise(pl.lit(null)).alias(as),
    ).drop("_same_key", "_prev");
  }
  const before = ds.lookup(table).filter(pl.col(time).cast(pl.Int32).lt(w.from))
    .groupBy(keys).agg(pl.col(value).sortBy(time).last().alias("_before"));
  return rows.join(before, { on: keys, how: "left" }).withColumns(
    pl.when(pl.col("_same_key")).then(pl.col("_prev")).otherwise(pl.col("_before")).alias(as),
  ).drop("_same_key", "_prev", "_before");
}

/**
 * The rows of `table` looked up for the rows of `subject` (a batch's own
 * rows): in a time slice, only those whose `on` columns appear in `subject`,
 * so that what a slice reads of its neighbours stays a small part of them;
 * elsewhere `lookup` is the batch's own rows, read whole.
 */
export function lookupFor(
  ds: Dataset,
  table: string,
  subject: pl.LazyDataFrame,
  on: string[],
): pl.LazyDataFrame {
  if (!ds.window) return ds.lookup(table);
  return ds.lookup(table).join(subject.select(...on).unique(), { on, how: "semi" });
}
