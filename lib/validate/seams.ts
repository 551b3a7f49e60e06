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
 * rows): in a time slice, only those whose `on` columns hold values that
 * `subject`'s `subjectOn` columns (default: the same names) hold; elsewhere
 * `lookup` is the batch's own rows, read whole.
 *
 * A slice's reach spans many chunks (an invoice's payments come up to eight
 * months later), and how many grows with the scale, as a chunk covers fewer
 * days. So the subject's keys are collected first, and the lookup is read
 * only within their range (the engine numbers documents in time order, so the
 * range of a slice's keys is about its days): the Parquet reader skips row
 * groups outside it and drops the rows outside it as it reads, so what a
 * slice holds of its neighbours follows its own size, not the scale. A semi
 * join then keeps the rows of the keys themselves. (A set filter, `is_in`,
 * would be exact at once, but Polars evaluates it slowly and holds much memory
 * doing so.)
 */
export function lookupFor(
  ds: Dataset,
  table: string,
  subject: pl.LazyDataFrame,
  on: string[],
  subjectOn: string[] = on,
): pl.LazyDataFrame {
  return ds.window ? matching(ds, table, subject, on, subjectOn) : ds.lookup(table);
}

/**
 * The rows of `table` (looked up) whose `on` columns hold values that
 * `subject`'s `subjectOn` columns hold, in one pass as in batches; in a time
 * slice read as {@link lookupFor} reads them.
 */
export function matching(
  ds: Dataset,
  table: string,
  subject: pl.LazyDataFrame,
  on: string[],
  subjectOn: string[] = on,
): pl.LazyDataFrame {
  const wanted = subject.select(...subjectOn.map((c, i) => pl.col(c).alias(on[i]))).unique();
  if (!ds.window) return ds.lookup(table).join(wanted, { on, how: "semi" });
  const keys = wanted.collectSync();
  let range: pl.Expr = pl.lit(keys.height > 0);
  for (const c of on) {
    const values = keys.getColumn(c);
    if (!values.isNumeric()) continue;
    const lo = values.min(), hi = values.max();
    if (lo === null || hi === null || Number.isNaN(lo)) continue;
    const lit = (v: number) => pl.lit(v).cast(values.dtype);
    range = range.and(pl.col(c).gtEq(lit(lo))).and(pl.col(c).ltEq(lit(hi)));
  }
  return ds.lookup(table).filter(range).join(keys.lazy(), { on, how: "semi" });
}
