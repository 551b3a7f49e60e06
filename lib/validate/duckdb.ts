/**
 * Validating a DuckDB dataset (`--format duckdb`): every table is read back
 * out of `partsflow.duckdb` (read-only) into Parquet files in a temporary
 * folder, which the usual checks then read; two checks of the database itself
 * compare its row counts with the manifest and list the keys it declares.
 *
 * @module
 */

import { DuckDBInstance } from "@duckdb/node-api";
import { createTableSql, DUCKDB_NAME } from "../engine/duckdb.ts";
import type { Manifest } from "../engine/manifest.ts";
import { getTable, hasTable } from "../schema/registry.ts";
import type { Check } from "./check.ts";

/** A database read back for checking. */
export interface DuckDbExport {
  /** Temporary folder with one Parquet file per table (`<table>/part-00000.parquet`). */
  dir: string;
  /** Checks of the database itself (row counts, declared keys). */
  checks: Check[];
  /** Removes the temporary folder. */
  close(): Promise<void>;
}

/** True when `dir` holds a partsflow DuckDB database. */
export function hasDuckDb(dir: string): boolean {
  try {
    return Deno.statSync(`${dir}/${DUCKDB_NAME}`).isFile;
  } catch {
    return false;
  }
}

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** Reads every registry table of `<dir>/partsflow.duckdb` out into Parquet files. */
export async function exportDuckDb(dir: string): Promise<DuckDbExport> {
  let manifest: Manifest | null = null;
  try {
    manifest = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
  } catch {
    manifest = null;
  }
  const tmp = await Deno.makeTempDir({ prefix: "partsflow-duckdb-" });
  const db = await DuckDBInstance.create(`${dir}/${DUCKDB_NAME}`, { access_mode: "READ_ONLY" });
  const con = await db.connect();
  const counts = new Map<string, number>();
  const declared: string[] = [];
  try {
    const names = (await con.runAndReadAll(
      "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name",
    )).getRows().map((r) => String(r[0])).filter(hasTable);
    for (const t of names) {
      const n = await con.runAndReadAll(`SELECT count(*) FROM ${ident(t)}`);
      counts.set(t, Number(n.getRows()[0][0]));
      await Deno.mkdir(`${tmp}/${t}`, { recursive: true });
      await con.run(
        `COPY ${ident(t)} TO '${tmp}/${t}/part-00000.parquet' (FORMAT parquet, COMPRESSION zstd)`,
      );
    }
    const cons = await con.runAndReadAll(
      "SELECT table_name, constraint_type, constraint_column_names::VARCHAR " +
        "FROM duckdb_constraints() WHERE constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')",
    );
    for (const r of cons.getRows()) declared.push(`${r[0]} ${r[1]} ${r[2]}`);
  } finally {
    con.closeSync();
    db.closeSync();
  }
  const present = [...counts.keys()];
  const rowCounts: Check = {
    name: "duckdb.row_counts",
    description: `every table of ${DUCKDB_NAME} holds the rows the manifest records`,
    tables: [],
    run() {
      if (!manifest) {
        return {
          violations: 1,
          sample: [{ file: "manifest.json", found: "missing" }],
          detail: "no manifest.json: the database cannot be compared with what was written",
        };
      }
      const sample: Record<string, unknown>[] = [];
      for (const [t, { rows }] of Object.entries(manifest.tables)) {
        const found = counts.get(t);
        if (found !== rows) {
          sample.push({ table: t, manifest_rows: rows, found_rows: found ?? "missing" });
        }
      }
      return { violations: sample.length, sample: sample.slice(0, 5) };
    },
  };
  const keys: Check = {
    name: "duckdb.keys",
    description:
      `${DUCKDB_NAME} declares every table's primary key and its foreign keys onto present tables`,
    tables: [],
    run() {
      const defs = present.map(getTable);
      const sample: Record<string, unknown>[] = [];
      let violations = 0;
      for (const d of defs) {
        // The keys the builder declares are the PRIMARY KEY / FOREIGN KEY lines of its DDL.
        const wanted = createTableSql(d, defs).split("\n").filter((l) => /KEY \(/.test(l)).length;
        const found = declared.filter((x) => x.startsWith(`${d.name} `)).length;
        if (found < wanted) {
          violations++;
          if (sample.length < 5) {
            sample.push({ table: d.name, keys_wanted: wanted, keys_found: found });
          }
        }
      }
      return { violations, sample, detail: `${declared.length} keys declared` };
    },
  };
  return {
    dir: tmp,
    checks: [rowCounts, keys],
    close: () => Deno.remove(tmp, { recursive: true }).catch(() => {}),
  };
}
