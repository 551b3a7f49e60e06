/**
 * The peer: DuckDB generating a table of the same shape as one of ours (same
 * row count, column types, a comparable amount of randomness — a hash per
 * cell — and a join to a small price table), written as zstd Parquet.
 *
 *   deno run -A bench/duckdb_peer.ts --table retail_transaction_lines --rows N --threads 2 --out DIR
 *
 * Prints {rows, seconds, bytes} as JSON.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { getTable } from "../lib/schema/registry.ts";
import type { ColumnDef } from "../lib/schema/types.ts";

/** The SQL expression DuckDB uses to fill one column of the peer table. */
export function peerExpr(c: ColumnDef, k: number): string {
  const h = `hash(i, ${k})`;
  switch (c.type) {
    case "bool":
      return `(${h} % 2 = 0)`;
    case "i16":
      return `(${h} % 30000)::SMALLINT`;
    case "i32":
      return `(${h} % 2000000)::INTEGER`;
    case "i64":
      return c.unit === "minor currency units"
        ? `(p.price * (1 + ${h} % 3))::BIGINT`
        : `(i * 7 + ${h} % 7)::BIGINT`;
    case "f64":
      return `(${h} % 1000000) / 1000000.0`;
    case "str":
      return `['alpha','bravo','charlie','delta','echo','foxtrot','golf','hotel'][1 + ${h} % 8]`;
    case "date":
      return `(DATE '2023-01-01' + (${h} % 1096)::INTEGER)`;
    case "timestamp":
      return `(TIMESTAMP '2023-01-01' + to_seconds((${h} % 94608000)::BIGINT))`;
  }
}

/** The whole peer query for a table and row count. */
export function peerSql(table: string, rows: number, out: string): string {
  const def = getTable(table);
  const cols = def.columns.map((c, k) => `${peerExpr(c, k)} AS ${c.name}`).join(",\n  ");
  return `COPY (
  SELECT ${cols}
  FROM range(${rows}) t(i)
  JOIN prices p ON p.sku = hash(i, 999) % 500
) TO '${out}' (FORMAT parquet, COMPRESSION zstd)`;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      table: { type: "string" },
      rows: { type: "string" },
      threads: { type: "string" },
      out: { type: "string" },
    },
  });
  const out = `${values.out}/peer.parquet`;
  await Deno.mkdir(values.out!, { recursive: true });
  const db = await DuckDBInstance.create(":memory:", { threads: values.threads ?? "1" });
  const con = await db.connect();
  await con.run(
    "CREATE TABLE prices AS SELECT range AS sku, (100 + hash(range) % 10000)::BIGINT AS price FROM range(500)",
  );
  const t0 = performance.now();
  await con.run(peerSql(values.table ?? "retail_transaction_lines", Number(values.rows), out));
  const seconds = (performance.now() - t0) / 1000;
  const bytes = (await Deno.stat(out)).size;
  console.log(JSON.stringify({ rows: Number(values.rows), seconds, bytes }));
  con.closeSync();
  await Deno.remove(values.out!, { recursive: true });
}
