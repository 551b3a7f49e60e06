/**
 * The shapes of the schema registry: a table, its columns, keys and scale rule.
 * Writers, validators, `describe` and the dataset card all read these.
 *
 * @module
 */

import type { RunContext } from "../world/context.ts";

/**
 * Logical column types and how they are written:
 * - `bool` → Boolean; `i16`/`i32`/`i64` → Int16/Int32/Int64; `f64` → Float64;
 * - `str` → Utf8; `date` → Date (day numbers); `timestamp` → Datetime(ms, no zone).
 * Money is always `i64` in minor units (cents) with `unit: "minor currency units"`.
 */
export type ColumnType = "bool" | "i16" | "i32" | "i64" | "f64" | "str" | "date" | "timestamp";

/** One column of a table. */
export interface ColumnDef {
  /** snake_case name as written. */
  name: string;
  /** Logical type (see {@link ColumnType}). */
  type: ColumnType;
  /** True when the column may hold nulls. */
  nullable?: boolean;
  /** One sentence a reader of the dataset card understands. */
  description: string;
  /** Unit, e.g. "minor currency units", "days", "qt", "mm". */
  unit?: string;
  /**
   * How a generator holds the column in memory when that differs from its
   * type's usual array (see `lib/gen/layout.ts`): "i32" for money that always
   * fits 32 bits. The file is written as `type` either way.
   */
  held?: "i32";
}

/** A foreign key: `columns` of this table reference `references` of `table`. */
export interface ForeignKey {
  /** Columns of the referencing table. */
  columns: string[];
  /** The referenced table. */
  table: string;
  /** The referenced columns (its primary key or a unique key). */
  references: string[];
}

/** The name of the tier a table belongs to (a tier module's `name`: world, catalog, retail, …). */
export type Tier = string;

/** One table of the dataset. */
export interface TableDef {
  /** snake_case table name; also its folder name in the output. */
  name: string;
  /** Tier of the supply chain. */
  tier: Tier;
  /** What one row is, in a sentence or two. */
  description: string;
  /** Columns in the order they are written. */
  columns: ColumnDef[];
  /** Primary key columns. */
  primaryKey: string[];
  /** Foreign keys. */
  foreignKeys?: ForeignKey[];
  /** How the row count depends on options, in prose (e.g. "fixed: one row per country"). */
  scaleRule: string;
  /**
   * Expected rows for a run: exact where it can be known before generating,
   * otherwise an estimate (then `rowCountExact` is false). `rowsOf` gives the
   * expected rows of another table (a later stage's estimate may build on an
   * earlier stage's, without importing that tier).
   */
  rowCount(ctx: RunContext, rowsOf: (table: string) => number): number;
  /** Whether `rowCount` is exact (default true). */
  rowCountExact?: boolean;
}
