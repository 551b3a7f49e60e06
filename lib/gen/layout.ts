/**
 * Typed-array layouts derived from table definitions, so a column is declared
 * once (in the table) and the hot loops still write plain typed arrays.
 *
 * How a column is held while generating:
 * - money marked `held: "i32"` → Int32Array;
 * - a nullable number → Float64Array (NaN = null);
 * - `i64`, `f64`, `timestamp` → Float64Array;
 * - `str` (dictionary codes) and `bool` → Uint8Array;
 * - `i16`, `i32`, `date` → Int32Array.
 *
 * @module
 */

import type { ColumnDef, TableDef } from "../schema/types.ts";
import type { ColumnCtor } from "./block.ts";

/** The array constructor a column is held in (see the module notes). */
export type CtorOf<C extends ColumnDef> = C extends { held: "i32" } ? Int32ArrayConstructor
  : C extends { nullable: true }
    ? C["type"] extends "str" | "bool" ? Uint8ArrayConstructor : Float64ArrayConstructor
  : C["type"] extends "i64" | "f64" | "timestamp" ? Float64ArrayConstructor
  : C["type"] extends "str" | "bool" ? Uint8ArrayConstructor
  : Int32ArrayConstructor;

/** The layout of a table: column name → array constructor, in column order. */
export type LayoutOf<D extends TableDef> = {
  [C in D["columns"][number] as C["name"]]: CtorOf<C>;
};

/** The array constructor a column is held in. */
export function ctorOf(c: ColumnDef): ColumnCtor {
  if (c.held === "i32") return Int32Array;
  if (c.nullable && c.type !== "str" && c.type !== "bool") return Float64Array;
  if (c.type === "i64" || c.type === "f64" || c.type === "timestamp") return Float64Array;
  if (c.type === "str" || c.type === "bool") return Uint8Array;
  return Int32Array;
}

/** The layout of a table for a {@link Block}, from its definition. */
export function layoutOf<D extends TableDef>(table: D): LayoutOf<D> {
  const out: Record<string, ColumnCtor> = {};
  for (const c of table.columns) out[c.name] = ctorOf(c);
  return out as LayoutOf<D>;
}

/** The table called `name` in a list defined with `defineTables`, with its literal type. */
export function tableIn<const D extends readonly TableDef[], N extends D[number]["name"]>(
  tables: D,
  name: N,
): Extract<D[number], { name: N }> {
  const t = tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table '${name}'`);
  return t as Extract<D[number], { name: N }>;
}
