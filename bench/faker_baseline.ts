/**
 * The naive baseline a JavaScript user would write: one object per row filled
 * with @faker-js/faker, then handed to Polars and written as Parquet. Same
 * columns and types as our table; prints {rows, seconds, bytes} as JSON.
 *
 *   deno run -A bench/faker_baseline.ts --table retail_transaction_lines --rows 200000 --out DIR
 *
 * @module
 */

import { parseArgs } from "node:util";
import { faker } from "@faker-js/faker";
import pl from "nodejs-polars";
import { getTable } from "../lib/schema/registry.ts";
import type { ColumnDef } from "../lib/schema/types.ts";

const FROM = new Date("2023-01-01T00:00:00Z"), TO = new Date("2025-12-31T23:59:59Z");

function value(c: ColumnDef, i: number): unknown {
  switch (c.type) {
    case "bool":
      return faker.datatype.boolean();
    case "i16":
    case "i32":
      return c.name.endsWith("_id") ? i : faker.number.int({ min: 1, max: 30000 });
    case "i64":
      return c.unit === "minor currency units"
        ? Math.round(Number(faker.commerce.price({ min: 1, max: 200 })) * 100)
        : faker.number.int({ min: 1, max: 1e12 });
    case "f64":
      return faker.number.float({ min: 0, max: 1 });
    case "str":
      return faker.commerce.productName();
    case "date":
    case "timestamp":
      return faker.date.between({ from: FROM, to: TO });
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { table: { type: "string" }, rows: { type: "string" }, out: { type: "string" } },
  });
  faker.seed(42);
  const def = getTable(values.table ?? "retail_transaction_lines");
  const n = Number(values.rows ?? "200000");
  const t0 = performance.now();
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const row: Record<string, unknown> = {};
    for (const c of def.columns) row[c.name] = value(c, i);
    rows.push(row);
  }
  await Deno.mkdir(values.out!, { recursive: true });
  const out = `${values.out}/baseline.parquet`;
  pl.readRecords(rows).writeParquet(out, { compression: "zstd" });
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ rows: n, seconds, bytes: (await Deno.stat(out)).size }));
  await Deno.remove(values.out!, { recursive: true });
}
