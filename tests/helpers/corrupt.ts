/**
 * Corrupting a generated dataset for the checks' corruption tests: read the
 * first row a query finds, and break one row of a table's Parquet files in
 * place (set columns, append a changed copy, or drop it).
 *
 * @module
 */

import assert from "node:assert/strict";
import pl from "nodejs-polars";

const col = pl.col;

/** A table's Parquet files, sorted. */
export function files(dir: string, table: string): string[] {
  return [...Deno.readDirSync(`${dir}/${table}`)].filter((e) => e.name.endsWith(".parquet"))
    .map((e) => `${dir}/${table}/${e.name}`).sort();
}

/**
 * The first row of a query, as a record of numbers (dates as days). Read as
 * Float64: nodejs-polars' Series.get wraps an Int64 above 2^31 to 32 bits.
 */
export function firstRow(lf: pl.LazyDataFrame): Record<string, number> {
  const df = lf.head(1).select(pl.all().cast(pl.Float64)).collectSync();
  assert.equal(df.height, 1, "a row to break");
  return Object.fromEntries(df.columns.map((c) => [c, Number(df.getColumn(c).get(0))]));
}

/**
 * Breaks the first row of `table` matching `where` (in file order): `set` sets
 * its columns (expressions on the row as it was, cast back to the column's
 * type), `copy` appends a copy of it so changed to the same file, `drop`
 * removes it.
 */
export function edit(
  dir: string,
  table: string,
  where: pl.Expr,
  set: Record<string, pl.Expr>,
  how: "set" | "copy" | "drop" = "set",
): void {
  for (const f of files(dir, table)) {
    const df = pl.readParquet(f).withRowIndex("_i");
    const hit = df.filter(where);
    if (hit.height === 0) continue;
    const k = Number(hit.getColumn("_i").get(0));
    const at = col("_i").eq(k);
    const dtype = (c: string) => df.getColumn(c).dtype;
    const changes = Object.entries(set);
    let out: pl.DataFrame;
    if (how === "drop") out = df.filter(at.not());
    else if (how === "copy") {
      const row = df.filter(at).withColumns(...changes.map(([c, v]) => v.cast(dtype(c)).alias(c)));
      out = pl.concat([df, row]);
    } else {
      out = df.withColumns(
        ...changes.map(([c, v]) => pl.when(at).then(v).otherwise(col(c)).cast(dtype(c)).alias(c)),
      );
    }
    out.drop("_i").writeParquet(f);
    return;
  }
  throw new Error(`no row of ${table} to break`);
}
