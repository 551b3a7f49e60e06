/**
 * The DuckDB output format: one database file, `partsflow.duckdb`, holding
 * every table of a run with its primary key and its foreign keys, loaded from
 * the Parquet parts the engine wrote (in `.partsflow/parts/`, which stay as
 * the resume state and the checksummed record of the manifest).
 *
 * The tables are created in registry order (parents before children) so that
 * DuckDB checks every key as the rows go in: a database that loads at all has
 * no duplicate key and no dangling reference.
 *
 * @module
 */

import { DuckDBInstance } from "@duckdb/node-api";
import type { ColumnType, TableDef } from "../schema/types.ts";
import type { Manifest } from "./manifest.ts";

/** File name of the database in a dataset folder. */
export const DUCKDB_NAME = "partsflow.duckdb";

/** The DuckDB type a registry column type is stored as (timestamps keep milliseconds). */
export function duckdbType(t: ColumnType): string {
  switch (t) {
    case "bool":
      return "BOOLEAN";
    case "i16":
      return "SMALLINT";
    case "i32":
      return "INTEGER";
    case "i64":
      return "BIGINT";
    case "f64":
      return "DOUBLE";
    case "str":
      return "VARCHAR";
    case "date":
      return "DATE";
    case "timestamp":
      return "TIMESTAMP_MS";
  }
}

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * `CREATE TABLE` of `def` with its primary key and the foreign keys whose
 * parent is among `present` and references the parent's primary key (DuckDB
 * accepts a foreign key only onto a primary or unique key).
 */
export function createTableSql(def: TableDef, present: readonly TableDef[]): string {
  const parts = def.columns.map((c) =>
    `${ident(c.name)} ${duckdbType(c.type)}${c.nullable ? "" : " NOT NULL"}`
  );
  parts.push(`PRIMARY KEY (${def.primaryKey.map(ident).join(", ")})`);
  for (const fk of def.foreignKeys ?? []) {
    const parent = present.find((t) => t.name === fk.table);
    if (!parent || parent.primaryKey.join(",") !== fk.references.join(",")) continue;
    parts.push(
      `FOREIGN KEY (${fk.columns.map(ident).join(", ")}) REFERENCES ${ident(fk.table)} (${
        fk.references.map(ident).join(", ")
      })`,
    );
  }
  return `CREATE TABLE ${ident(def.name)} (\n  ${parts.join(",\n  ")}\n)`;
}

/**
 * Builds `<dir>/partsflow.duckdb` from the files the manifest lists (to a
 * temporary name, renamed when whole). `tables` are the registry's tables of
 * the run, in registry order. Returns the database's path.
 */
export async function buildDuckDb(
  dir: string,
  manifest: Manifest,
  tables: readonly TableDef[],
): Promise<string> {
  const final = `${dir}/${DUCKDB_NAME}`;
  const tmp = `${dir}/.tmp-${crypto.randomUUID().slice(0, 8)}.duckdb`;
  const present = tables.filter((t) => manifest.tables[t.name]);
  const db = await DuckDBInstance.create(tmp);
  const con = await db.connect();
  try {
    for (const def of present) {
      await con.run(createTableSql(def, present));
      const files = manifest.files.filter((f) => f.table === def.name)
        .map((f) => sqlString(`${dir}/${f.path}`));
      if (files.length === 0) continue;
      const cols = def.columns.map((c) => ident(c.name)).join(", ");
      await con.run(
        `INSERT INTO ${ident(def.name)} (${cols}) SELECT ${cols} FROM read_parquet([${
          files.join(", ")
        }])`,
      );
    }
    await con.run("CHECKPOINT");
  } catch (e) {
    con.closeSync();
    db.closeSync();
    await Deno.remove(tmp).catch(() => {});
    await Deno.remove(`${tmp}.wal`).catch(() => {});
    throw new Error(`building ${DUCKDB_NAME} failed: ${e instanceof Error ? e.message : e}`);
  }
  con.closeSync();
  db.closeSync();
  await Deno.remove(`${tmp}.wal`).catch(() => {});
  await Deno.rename(tmp, final);
  return final;
}
