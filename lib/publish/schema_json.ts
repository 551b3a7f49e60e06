/**
 * `schema.json`: the registry entries of the tables a dataset holds, as plain
 * JSON, published beside the data so any tool can read names, types, keys and
 * descriptions without partsflow.
 *
 * @module
 */

import type { Manifest } from "../engine/manifest.ts";
import type { ColumnType, TableDef } from "../schema/types.ts";

/** How each logical type is written (Arrow/Parquet logical type). */
export const PHYSICAL_TYPES: Record<ColumnType, string> = {
  bool: "Boolean",
  i16: "Int16",
  i32: "Int32",
  i64: "Int64",
  f64: "Float64",
  str: "Utf8",
  date: "Date32 (days since 1970-01-01)",
  timestamp: "Timestamp(ms, no time zone)",
};

/** One column in `schema.json`. */
export interface SchemaColumnJson {
  /** Column name. */
  name: string;
  /** Logical type. */
  type: ColumnType;
  /** How it is written (Arrow/Parquet type). */
  physicalType: string;
  /** True when the column may hold nulls. */
  nullable: boolean;
  /** Unit, when it has one. */
  unit?: string;
  /** What the column holds. */
  description: string;
}

/** One table in `schema.json`. */
export interface SchemaTableJson {
  /** Table name (its folder under `data/`). */
  name: string;
  /** Tier of the supply chain. */
  tier: string;
  /** What one row is. */
  description: string;
  /** Rows in this dataset. */
  rows: number;
  /** Files in this dataset. */
  files: number;
  /** How the row count depends on the options. */
  scaleRule: string;
  /** Primary key columns. */
  primaryKey: string[];
  /** Foreign keys. */
  foreignKeys: { columns: string[]; table: string; references: string[] }[];
  /** Columns in written order. */
  columns: SchemaColumnJson[];
}

/** The whole `schema.json` document. */
export interface SchemaJson {
  /** Always "partsflow". */
  tool: "partsflow";
  /** partsflow version that wrote the data. */
  version: string;
  /** The tables present. */
  tables: SchemaTableJson[];
}

/** Builds the `schema.json` document for `tables` (rows and files from the manifest). */
export function schemaDocument(manifest: Manifest, tables: readonly TableDef[]): SchemaJson {
  return {
    tool: "partsflow",
    version: manifest.version,
    tables: tables.map((t) => ({
      name: t.name,
      tier: t.tier,
      description: t.description,
      rows: manifest.tables[t.name]?.rows ?? 0,
      files: manifest.tables[t.name]?.files ?? 0,
      scaleRule: t.scaleRule,
      primaryKey: [...t.primaryKey],
      foreignKeys: (t.foreignKeys ?? []).map((fk) => ({
        columns: [...fk.columns],
        table: fk.table,
        references: [...fk.references],
      })),
      columns: t.columns.map((c) => {
        const out: SchemaColumnJson = {
          name: c.name,
          type: c.type,
          physicalType: PHYSICAL_TYPES[c.type],
          nullable: c.nullable ?? false,
          description: c.description,
        };
        if (c.unit) out.unit = c.unit;
        return out;
      }),
    })),
  };
}

/** `schema.json` as written: pretty JSON with a final newline. */
export function renderSchemaJson(manifest: Manifest, tables: readonly TableDef[]): string {
  return JSON.stringify(schemaDocument(manifest, tables), null, 2) + "\n";
}
