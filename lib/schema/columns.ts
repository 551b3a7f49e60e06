/**
 * Small builders for column definitions, so table definitions read as a list.
 * They keep each column's name and type as literal types, so a generator can
 * derive its typed-array layout from the table definition (see
 * `lib/gen/layout.ts`) and a column is declared once.
 *
 * @module
 */

import type { ColumnDef, ColumnType, TableDef } from "./types.ts";

/** A column definition whose name and type TypeScript knows literally. */
export type Column<N extends string = string, T extends ColumnType = ColumnType> = ColumnDef & {
  name: N;
  type: T;
};

/** A non-null column. */
export function col<const N extends string, const T extends ColumnType>(
  name: N,
  type: T,
  description: string,
  unit?: string,
): Column<N, T> {
  return unit ? { name, type, description, unit } : { name, type, description };
}

/** A nullable column. */
export function opt<const N extends string, const T extends ColumnType>(
  name: N,
  type: T,
  description: string,
  unit?: string,
): Column<N, T> & { nullable: true } {
  return { ...col(name, type, description, unit), nullable: true };
}

/** A money column: Int64 minor currency units (cents). */
export function money<const N extends string>(
  name: N,
  description: string,
  nullable = false,
): Column<N, "i64"> {
  return { name, type: "i64", description, unit: "minor currency units", nullable };
}

/**
 * A money column whose values always fit 32 bits (a line's cents): written as
 * Int64 like every money column, held in an Int32Array while generating.
 */
export function money32<const N extends string>(
  name: N,
  description: string,
): Column<N, "i64"> & { held: "i32" } {
  return { ...money(name, description), held: "i32" };
}

/** A list of tables with their names and columns kept as literal types. */
export function defineTables<const D extends readonly TableDef[]>(tables: D): D {
  return tables;
}
