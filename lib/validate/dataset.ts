/**
 * A dataset folder opened for checking: its manifest and a lazy Polars scan of
 * each table present, typed as the registry says (also for CSV).
 *
 * @module
 */

import pl from "nodejs-polars";
import { type Manifest, MANIFEST_NAME } from "../engine/manifest.ts";
import { scanFiles } from "../engine/reader.ts";
import { extensionOf, type Format } from "../engine/writer.ts";
import { tableNames } from "../schema/registry.ts";
import type { Batch, BatchPlan } from "./batches.ts";

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
  /** A lazy scan of every file of `table`: the rows a check reports on. */
  scan(table: string): pl.LazyDataFrame;
  /**
   * The rows of `table` a check may look up for the rows of `scan`: the same
   * rows, except in a batch that is a time slice of a chain, where they are
   * the chain's rows within its reach (see `lib/validate/batches.ts`).
   */
  lookup(table: string): pl.LazyDataFrame;
  /** Files of `table` (absolute or relative to cwd), sorted. */
  files(table: string): string[];
  /**
   * Set on a batch that is a time slice of a chain: the days [from, to) (day
   * numbers since 1970-01-01) whose rows it owns.
   */
  window?: { from: number; to: number };
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
  lookupFiles?: (table: string) => string[],
  window?: { from: number; to: number },
): Dataset {
  const cache = new Map<string, pl.LazyDataFrame>();
  const lookups = new Map<string, pl.LazyDataFrame>();
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
    lookup(t) {
      if (!lookupFiles) return ds.scan(t);
      if (!present.includes(t)) throw new Error(`table ${t} is not in ${dir}`);
      if (!lookups.has(t)) lookups.set(t, scanFiles(t, lookupFiles(t), format));
      return lookups.get(t)!;
    },
    ...(window ? { window } : {}),
  };
  return ds;
}

const pathIndex = new WeakMap<Manifest, Map<string, Map<number, string[]>>>();

/** The manifest's file paths by table and chunk (built once per manifest). */
function pathsByChunk(m: Manifest): Map<string, Map<number, string[]>> {
  let idx = pathIndex.get(m);
  if (!idx) {
    idx = new Map();
    for (const f of m.files) {
      if (!idx.has(f.table)) idx.set(f.table, new Map());
      const t = idx.get(f.table)!;
      if (!t.has(f.chunk)) t.set(f.chunk, []);
      t.get(f.chunk)!.push(f.path);
    }
    pathIndex.set(m, idx);
  }
  return idx;
}

/**
 * The view of `ds` a batch of `plan` sees (see `lib/validate/batches.ts`):
 * the batch's group holds the chunks it owns (`scan`) and those it looks rows
 * up in (`lookup`); a linked group holds the chunks that carry the batch's
 * key values; every other table is whole.
 */
export function batchDataset(ds: Dataset, plan: BatchPlan, batch: Batch): Dataset {
  if (!ds.manifest) throw new Error(`${ds.dir} has no manifest: it cannot be checked in batches`);
  const chunksOf = new Map<string, { own: Set<number>; lookup: Set<number> }>();
  for (const g of plan.groups) {
    const linked = batch.linked.get(g.group);
    for (const t of g.tables) {
      if (g.group === batch.group) {
        const lookup = g.entityTables.has(t) ? batch.entity : batch.lookup;
        chunksOf.set(t, { own: new Set(batch.own), lookup: new Set(lookup) });
      } else if (linked) {
        chunksOf.set(t, { own: new Set(linked), lookup: new Set(linked) });
      }
    }
  }
  const own = new Map<string, string[]>(), lookup = new Map<string, string[]>();
  const paths = pathsByChunk(ds.manifest);
  for (const [t, c] of chunksOf) {
    const byChunk = paths.get(t);
    if (!byChunk) continue;
    const pick = (chunks: Set<number>) =>
      [...chunks].sort((a, b) => a - b).flatMap((k) => byChunk.get(k) ?? [])
        .map((p) => `${ds.dir}/${p}`);
    const o = pick(c.own), l = pick(c.lookup);
    if (o.length) own.set(t, o);
    if (l.length) lookup.set(t, l);
  }
  const present = ds.tables.filter((t) => !chunksOf.has(t) || own.has(t));
  const filesOf = (m: Map<string, string[]>) => (t: string) =>
    chunksOf.has(t) ? m.get(t) ?? [] : ds.files(t);
  return datasetOf(
    ds.dir,
    ds.manifest,
    ds.format,
    present,
    filesOf(own),
    batch.window ? filesOf(lookup) : undefined,
    batch.window,
  );
}
