/**
 * Small builders for column definitions, so table definitions read as a list.
 *
 * @module
 */

import type { ColumnDef, ColumnType } from "./types.ts";

/** A non-null column. */
export function col(name: string, type: ColumnType, description: string, unit?: string): ColumnDef {
  return unit ? { name, type, description, unit } : { name, type, description };
}

/** A nullable column. */
export function opt(name: string, type: ColumnType, description: string, unit?: string): ColumnDef {
  return { ...col(name, type, description, unit), nullable: true };
}

/** A money column: Int64 minor currency units (cents). */
export function money(name: string, description: string, nullable = false): ColumnDef {
  return { name, type: "i64", description, unit: "minor currency units", nullable };
}
