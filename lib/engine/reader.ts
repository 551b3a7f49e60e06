/**
 * Reading a table's files back as a lazy Polars scan, typed as the registry
 * says (also for CSV, whose text columns are parsed to the registry's types).
 * The engine reads earlier stages' tables with it (`inputs.ts`), and the
 * validator and the analyses read whole datasets (`lib/validate/dataset.ts`).
 *
 * @module
 */

import pl from "nodejs-polars";
import { getTable } from "../schema/registry.ts";
import { type Format, polarsType } from "./writer.ts";

/** A lazy scan of `files` of `table` in `format`, typed as the registry says (also for CSV). */
export function scanFiles(table: string, files: string[], format: Format): pl.LazyDataFrame {
  if (format === "parquet" || format === "duckdb") {
    return pl.concat(files.map((f) => pl.scanParquet(f)));
  }
  if (format === "arrow") return pl.concat(files.map((f) => pl.scanIPC(f)));
  const def = getTable(table);
  const frames = files.map((f) =>
    pl.scanCSV(f, { inferSchemaLength: 0 }).select(
      ...def.columns.map((c) => {
        const e = pl.col(c.name);
        if (c.type === "str") return e;
        if (c.type === "date") return e.str.strptime(pl.Date, "%Y-%m-%d").alias(c.name);
        if (c.type === "timestamp") {
          // strptime answers in microseconds whatever unit it is asked for: cast back.
          return e.str.strptime(pl.Datetime("ms"), "%Y-%m-%dT%H:%M:%S%.f")
            .cast(pl.Datetime("ms")).alias(c.name);
        }
        if (c.type === "bool") {
          return e.eq(pl.lit("true")).alias(c.name);
        }
        return e.cast(polarsType(c.type)).alias(c.name);
      }),
    )
  );
  return pl.concat(frames);
}
