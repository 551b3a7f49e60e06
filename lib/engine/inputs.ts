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
  /** Paths of every chunk file of a table, in chunk order (from the writing group's plan). */
  files(table: string): string[];
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
  let lf = scanFiles(req.table, src.files(req.table), src.format);
  if (req.where) {
    // A semi join keeps the rows whose key is wanted; the row index puts them back in
    // written order whatever order the join returns them in.
    const w = req.where;
    const from = w.inInput ? earlier[w.inInput.name]?.[w.inInput.column] : w.in;
    if (!from || !(Array.isArray(from) || ArrayBuffer.isView(from))) {
      throw new Error(`input ${req.name}: where needs 'in' or an earlier numeric input column`);
    }
    const keys = pl.DataFrame({ _key: Float64Array.from(from as ArrayLike<number>) }).lazy();
    lf = lf.withRowIndex("_row").withColumns(
      pl.col(req.where.column).cast(pl.Float64).alias("_key"),
    )
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
