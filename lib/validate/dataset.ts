/**
 * A dataset folder opened for checking: its manifest and a lazy Polars scan of
 * each table present, typed as the registry says (also for CSV).
 *
 * @module
 */

import pl from "nodejs-polars";
import { type Manifest, MANIFEST_NAME } from "../engine/manifest.ts";
import { extensionOf, type Format, polarsType } from "../engine/writer.ts";
import { getTable, tableNames } from "../schema/registry.ts";

/** An opened dataset. */
export interface Dataset {
  /** The folder. */
  dir: string;
  /** Its manifest, or null when there is none (e.g. a folder a user assembled). */
  manifest: Manifest | null;
  /** File format of the tables. */
  format: Format;
  /** Registry tables present in the folder, in registry order. */
  tables: string[];
  /** True when `table` is present. */
  has(table: string): boolean;
  /** A lazy scan of every file of `table`. */
  scan(table: string): pl.LazyDataFrame;
  /** Files of `table` (absolute or relative to cwd), sorted. */
  files(table: string): string[];
}

function listFiles(dir: string, ext: string): string[] {
  const out: string[] = [];
  try {
    for (const e of Deno.readDirSync(dir)) {
      if (e.isFile && e.name.endsWith(`.${ext}`) && !e.name.startsWith(".")) {
        out.push(`${dir}/${e.name}`);
      }
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return out.sort();
}

/** Opens a dataset folder; throws if it does not exist or holds no registry table. */
export function openDataset(dir: string): Dataset {
  let manifest: Manifest | null = null;
  try {
    manifest = JSON.parse(Deno.readTextFileSync(`${dir}/${MANIFEST_NAME}`));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      if (!Deno.statSync(dir).isDirectory) throw new Error(`${dir} is not a folder`);
    } else throw new Error(`${dir}/${MANIFEST_NAME}: ${e instanceof Error ? e.message : e}`);
  }
  let format: Format = manifest?.options.format ?? "parquet";
  if (!manifest) {
    for (const f of ["parquet", "csv", "arrow"] as Format[]) {
      if (tableNames().some((t) => listFiles(`${dir}/${t}`, extensionOf(f)).length)) {
        format = f;
        break;
      }
    }
  }
  const ext = extensionOf(format);
  const present = tableNames().filter((t) => listFiles(`${dir}/${t}`, ext).length > 0);
  return datasetOf(dir, manifest, format, present, (t) => listFiles(`${dir}/${t}`, ext));
}

function datasetOf(
  dir: string,
  manifest: Manifest | null,
  format: Format,
  present: string[],
  files: (table: string) => string[],
): Dataset {
  const cache = new Map<string, pl.LazyDataFrame>();
  const ds: Dataset = {
    dir,
    manifest,
    format,
    tables: present,
    has: (t) => present.includes(t),
    files,
    scan(t) {
      if (!present.includes(t)) throw new Error(`table ${t} is not in ${dir}`);
      if (!cache.has(t)) cache.set(t, scanFiles(t, ds.files(t), format));
      return cache.get(t)!;
    },
  };
  return ds;
}

/**
 * A view of `ds` in which the tables `chunked` hold only the files of chunks
 * [from, to) (as the manifest lists them); every other table is whole.
 */
export function sliceDataset(
  ds: Dataset,
  chunked: ReadonlySet<string>,
  from: number,
  to: number,
): Dataset {
  if (!ds.manifest) throw new Error(`${ds.dir} has no manifest: it cannot be checked in batches`);
  const byTable = new Map<string, string[]>();
  for (const f of ds.manifest.files) {
    if (!chunked.has(f.table) || f.chunk < from || f.chunk >= to) continue;
    if (!byTable.has(f.table)) byTable.set(f.table, []);
    byTable.get(f.table)!.push(`${ds.dir}/${f.path}`);
  }
  const present = ds.tables.filter((t) => !chunked.has(t) || byTable.has(t));
  return datasetOf(
    ds.dir,
    ds.manifest,
    ds.format,
    present,
    (t) => chunked.has(t) ? byTable.get(t) ?? [] : ds.files(t),
  );
}

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
