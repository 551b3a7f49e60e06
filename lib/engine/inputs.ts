/**
 * Reads what a later-stage chunk asks for from the tables an earlier stage
 * wrote: the chunk files of each table, in chunk order, filtered and narrowed
 * to the requested rows and columns before anything is collected, so memory is
 * bounded by what one chunk needs, not by the size of the earlier stage.
 *
 * @module
 */

import pl from "nodejs-polars";
import type { Columns, InputRequest, Inputs } from "../gen/types.ts";
import { getTable } from "../schema/registry.ts";
import type { ColumnType } from "../schema/types.ts";
import { scanFiles } from "./reader.ts";
import type { Format } from "./writer.ts";

/** Where a run's files are: their format, and each table's chunk files in chunk order. */
export interface InputSource {
  /** File format of the run. */
  format: Format;
  /**
   * Paths of every chunk file of a table, in chunk order (from the writing
   * group's plan); with `linked`, only of the chunks that carry one of these
   * values of the group's link key (see `InputRequest.linked`).
   */
  files(table: string, linked?: readonly number[]): string[];
}

function toColumn(s: pl.Series, type: ColumnType): Columns[string] {
  switch (type) {
    case "i16":
    case "i32":
      return Int32Array.from(s.cast(pl.Int32).toArray() as number[]);
    case "date":
      return Int32Array.from(s.cast(pl.Int32).toArray() as number[]);
    case "bool":
      return Uint8Array.from(s.toArray() as boolean[], (b) => (b ? 1 : 0));
    case "str":
      return s.toArray() as (string | null)[];
    case "timestamp":
      return Float64Array.from(
        s.cast(pl.Int64).toArray() as (number | bigint | null)[],
        (v) => (v === null ? NaN : Number(v)),
      );
    default:
      return Float64Array.from(
        s.cast(pl.Float64).toArray() as (number | null)[],
        (v) => (v === null ? NaN : v),
      );
  }
}

function emptyColumn(type: ColumnType): Columns[string] {
  if (type === "i16" || type === "i32" || type === "date") return new Int32Array(0);
  if (type === "bool") return new Uint8Array(0);
  if (type === "str") return [];
  return new Float64Array(0);
}

/**
 * Reads one request: its rows in written order, as typed columns. `earlier`
 * holds the chunk's requests read before it (for `where.inInput`).
 */
export function readInput(src: InputSource, req: InputRequest, earlier: Inputs = {}): Columns {
  const def = getTable(req.table);
  const types = new Map(def.columns.map((c) => [c.name, c.type]));
  for (const c of [...req.columns, ...(req.where ? [req.where.column] : [])]) {
    if (!types.has(c)) throw new Error(`input ${req.name}: ${req.table} has no column ${c}`);
  }
  const files = src.files(req.table, req.linked);
  // No chunk carries the linked values (a DC with no store at a small scale): no rows.
  if (files.length === 0) {
    return Object.fromEntries(req.columns.map((c) => [c, emptyColumn(types.get(c)!)]));
  }
  let lf = scanFiles(req.table, files, src.format);
  if (req.where) {
    // A semi join keeps the rows whose key is wanted; the row index puts them back in
    // written order whatever order the join returns them in.
    const w = req.where;
    const from = w.inInput ? earlier[w.inInput.name]?.[w.inInput.column] : w.in;
    if (!from || !(Array.isArray(from) || ArrayBuffer.isView(from))) {
      throw new Error(`input ${req.name}: where needs 'in' or an earlier numeric input column`);
    }
    const values = Float64Array.from(from as ArrayLike<number>);
    const keys = pl.DataFrame({ _key: values }).lazy();
    // The keys' range first: the reader drops the rows outside it as it reads, so what is
    // held follows the rows wanted, not the files read.
    let lo = Infinity, hi = -Infinity;
    for (const v of values) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const key = pl.col(w.column).cast(pl.Float64);
    lf = lf.filter(values.length ? key.gtEq(lo).and(key.ltEq(hi)) : pl.lit(false))
      .withRowIndex("_row").withColumns(key.alias("_key"))
      .join(keys, { on: "_key", how: "semi" }).sort("_row");
  }
  const df = lf.select(...req.columns.map((c) => pl.col(c))).collectSync();
  const out: Columns = {};
  for (const c of req.columns) out[c] = toColumn(df.getColumn(c), types.get(c)!);
  return out;
}

/** Reads every request of a chunk. */
export function readInputs(src: InputSource, reqs: readonly InputRequest[]): Inputs {
  const out: Inputs = {};
  for (const r of reqs) out[r.name] = readInput(src, r, out);
  return out;
}

/**
 * The requests of a chunk, read on first use of any of them: a chunk whose
 * generator kept its state from the chunk before it (the next time slice of a
 * distribution centre, see `lib/gen/chains.ts`) never touches them, and so
 * never reads them.
 */
export function lazyInputs(src: InputSource, reqs: readonly InputRequest[]): Inputs {
  let read: Inputs | null = null;
  const out: Inputs = {};
  for (const r of reqs) {
    Object.defineProperty(out, r.name, {
      enumerable: true,
      get: () => (read ??= readInputs(src, reqs))[r.name],
    });
  }
  return out;
}
