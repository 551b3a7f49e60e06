/**
 * What a dataset folder holds, as small frames: tables with tier, rows, files
 * and size; the files themselves; the first rows of a table.
 *
 * @module
 */

import pl from "nodejs-polars";
import { getTable } from "../schema/registry.ts";
import type { Dataset } from "../validate/dataset.ts";

/**
 * One row per table present: tier, rows, files, size on disk (KiB) and what a
 * row is. Rows and files come from the manifest when there is one, otherwise
 * from the files.
 */
export function tableSummary(ds: Dataset): pl.DataFrame {
  const rows = ds.tables.map((t) => {
    const files = ds.files(t);
    const bytes = files.reduce((a, f) => a + Deno.statSync(f).size, 0);
    const n = ds.manifest?.tables[t]?.rows ??
      Number(ds.scan(t).select(pl.len().alias("n")).collectSync().getColumn("n").get(0));
    return {
      table: t,
      tier: getTable(t).tier,
      rows: n,
      files: files.length,
      size_kib: Math.round(bytes / 102.4) / 10,
      one_row_is: getTable(t).description.split(/(?<=\.)\s/)[0].replace(/\.$/, ""),
    };
  });
  return pl.DataFrame(rows).withColumns(
    pl.col("rows").cast(pl.Int64),
    pl.col("files").cast(pl.Int32),
  );
}

/** Every file of the dataset (from the manifest): path, rows, size (KiB), checksum prefix. */
export function fileList(ds: Dataset): pl.DataFrame {
  if (!ds.manifest) throw new Error(`${ds.dir} has no manifest.json`);
  return pl.DataFrame(ds.manifest.files.map((f) => ({
    path: f.path,
    rows: f.rows,
    size_kib: Math.round(f.bytes / 102.4) / 10,
    sha256: f.sha256.slice(0, 12) + "…",
  }))).withColumns(pl.col("rows").cast(pl.Int64));
}

/** The first `n` rows of a table. */
export function peek(ds: Dataset, table: string, n = 5): pl.DataFrame {
  return ds.scan(table).head(n).collectSync();
}

/** Rows of a table (from the manifest when present). */
export function rowCount(ds: Dataset, table: string): number {
  return ds.manifest?.tables[table]?.rows ??
    Number(ds.scan(table).select(pl.len().alias("n")).collectSync().getColumn("n").get(0));
}

/** A table's columns as the registry describes them: name, type, unit, nullable, meaning. */
export function schemaFrame(table: string): pl.DataFrame {
  const def = getTable(table);
  return pl.DataFrame(def.columns.map((c) => ({
    column: c.name,
    type: c.type,
    unit: c.unit ?? "",
    nullable: c.nullable ?? false,
    description: c.description,
  })));
}
