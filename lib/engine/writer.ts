/**
 * Turns a chunk's columns into a Polars frame typed by the registry and writes
 * it as Parquet (zstd), CSV or Arrow IPC — to a temporary name first, renamed
 * only when whole, so a file is either complete or absent. The DuckDB format
 * writes Parquet parts that `lib/engine/duckdb.ts` loads into one database.
 *
 * @module
 */

import pl from "nodejs-polars";
import type { ColumnDef, ColumnType, TableDef } from "../schema/types.ts";
import type { ColumnData, Columns, DictColumn } from "../gen/types.ts";

/** Output formats. */
export type Format = "parquet" | "csv" | "arrow" | "duckdb";

/** File extension of a format's chunk files (DuckDB's parts are Parquet). */
export function extensionOf(format: Format): string {
  return format === "csv" ? "csv" : format === "arrow" ? "arrow" : "parquet";
}

/** The Polars data type a registry column type is written as. */
export function polarsType(t: ColumnType): pl.DataType {
  switch (t) {
    case "bool":
      return pl.Bool;
    case "i16":
      return pl.Int16;
    case "i32":
      return pl.Int32;
    case "i64":
      return pl.Int64;
    case "f64":
      return pl.Float64;
    case "str":
      return pl.Utf8;
    case "date":
      return pl.Date;
    case "timestamp":
      return pl.Datetime("ms");
  }
}

function isDict(d: ColumnData): d is DictColumn {
  return !Array.isArray(d) && !ArrayBuffer.isView(d);
}

/**
 * True when a column crosses to Polars as dictionary codes (a dictionary
 * column without nulls): {@link rawSeries} sends the codes, {@link castExpr}
 * maps them to the pool's strings.
 */
function crossesAsCodes(d: ColumnData): boolean {
  if (!isDict(d)) return false;
  for (let i = 0; i < d.codes.length; i++) if (d.codes[i] < 0) return false;
  return true;
}

function rawSeries(c: ColumnDef, data: ColumnData, asCodes: boolean): pl.Series {
  if (isDict(data)) {
    if (!asCodes) {
      return pl.Series(c.name, Array.from(data.codes, (k) => (k < 0 ? null : data.pool[k])));
    }
    // The codes cross to Polars as one typed array; castExpr maps them to the pool's strings.
    return pl.Series(c.name, data.codes as unknown as number[]);
  }
  if (Array.isArray(data)) return pl.Series(c.name, data, pl.Utf8);
  return pl.Series(c.name, data as unknown as number[]);
}

function castExpr(c: ColumnDef, data: ColumnData, asCodes: boolean): pl.Expr {
  let e = pl.col(c.name);
  if (asCodes && isDict(data)) {
    const keys = data.pool.map((_, k) => k);
    return e.replaceStrict(keys, [...data.pool], undefined, pl.Utf8).cast(polarsType(c.type))
      .alias(c.name);
  }
  if (
    data instanceof Float64Array && c.type !== "f64" && c.type !== "timestamp" ||
    (data instanceof Float64Array && c.nullable)
  ) {
    e = pl.when(e.isNan()).then(pl.lit(null)).otherwise(e);
  }
  if (c.type === "timestamp") return e.cast(pl.Int64).cast(pl.Datetime("ms")).alias(c.name);
  if (c.type === "date") return e.cast(pl.Int32).cast(pl.Date).alias(c.name);
  return e.cast(polarsType(c.type)).alias(c.name);
}

/**
 * Builds the typed frame of a chunk. Throws if a registry column is missing,
 * an extra column is present, or the columns differ in length.
 */
export function toDataFrame(def: TableDef, cols: Columns): pl.DataFrame {
  const names = new Set(Object.keys(cols));
  for (const c of def.columns) {
    if (!names.has(c.name)) {
      throw new Error(`${def.name}: generator did not produce column '${c.name}'`);
    }
    names.delete(c.name);
  }
  if (names.size) {
    throw new Error(`${def.name}: columns not in the registry: ${[...names].join(", ")}`);
  }
  const asCodes = def.columns.map((c) => crossesAsCodes(cols[c.name]));
  const series = def.columns.map((c, i) => rawSeries(c, cols[c.name], asCodes[i]));
  const n = series[0]?.length ?? 0;
  for (const s of series) {
    if (s.length !== n) {
      throw new Error(`${def.name}: column '${s.name}' has ${s.length} rows, expected ${n}`);
    }
  }
  return pl.DataFrame(series).select(
    ...def.columns.map((c, i) => castExpr(c, cols[c.name], asCodes[i])),
  );
}

/** Writes a frame to `path` in `format` (the caller renames it into place). */
export function writeFrame(
  df: pl.DataFrame,
  path: string,
  format: Format,
  rowGroupSize?: number,
): void {
  if (format === "parquet" || format === "duckdb") {
    df.lazy().sinkParquet(path, {
      compression: "zstd",
      statistics: true,
      ...(rowGroupSize ? { rowGroupSize } : {}),
    }).collectSync();
  } else if (format === "csv") {
    df.writeCSV(path);
  } else {
    // Uncompressed: apache-arrow (JavaScript) reads no compressed IPC buffers.
    df.writeIPC(path, { compression: "uncompressed" } as never);
  }
}
