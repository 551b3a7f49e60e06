/**
 * Tests of the validator's speed-ups: reading a batch's tables into memory
 * once (with their sorted identifier columns flagged as sorted) gives the same
 * findings as scanning the files in every check, on a clean dataset and on a
 * copy broken in ways that defeat the fast paths (nulls and duplicates in
 * keys, rows out of order), in one pass and in batches; and the two helpers
 * the fast paths rest on.
 */

import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { generate } from "../lib/engine/run.ts";
import { validateOptions } from "../lib/options/io.ts";
import { copyDir } from "./helpers/tree.ts";
import { type Report, validateDataset } from "../lib/validate/report.ts";
import { strictlyIncreasing } from "../lib/validate/check.ts";
import { inMemory, markSorted } from "../lib/validate/memory.ts";
import { openDataset } from "../lib/validate/dataset.ts";

/** Small chunks, so that the dataset splits into several batches. */
const OPTIONS = validateOptions({ scale: 0.01, retail: { linesPerChunk: 20000 } });
/** A batch size that splits the dataset into several batches of chunks. */
const TINY_BATCH = 64 * 1024;

const tmp = await Deno.makeTempDir({ prefix: "partsflow-validate-" });
const CLEAN = `${tmp}/clean`;
await generate({ options: OPTIONS, out: CLEAN, workers: 1, quiet: true, overwrite: true });

function parquetFiles(dir: string, table: string): string[] {
  return [...Deno.readDirSync(`${dir}/${table}`)].filter((e) => e.name.endsWith(".parquet"))
    .map((e) => `${dir}/${table}/${e.name}`).sort();
}

/** Sets `column` of row `row` of the first file of `table` to `value` (cast back to its type). */
function corrupt(dir: string, table: string, row: number, column: string, value: pl.Expr): void {
  const f = parquetFiles(dir, table)[0];
  const df = pl.readParquet(f);
  assert.ok(df.height > row, `${f} has a row ${row}`);
  const dtype = df.getColumn(column).dtype;
  df.withRowIndex("_i").withColumns(
    pl.when(pl.col("_i").eq(row)).then(value).otherwise(pl.col(column)).cast(dtype).alias(column),
  ).drop("_i").writeParquet(f);
}

/** Each check's status and violations, by name. */
function outcome(r: Report): Record<string, string> {
  return Object.fromEntries(r.results.map((x) => [x.name, `${x.status} ${x.violations}`]));
}

/** A copy with keys that are null, repeated or out of order, and rows that break the rules. */
const BROKEN = `${tmp}/broken`;
await copyDir(CLEAN, BROKEN);
// A sales line without a site: nulls in a key that joins and groups.
corrupt(BROKEN, "retail_transaction_lines", 3, "site_id", pl.lit(null));
// A line with the basket and number of the line before it: a repeated key.
for (const c of ["transaction_id", "line_number"]) {
  corrupt(BROKEN, "retail_transaction_lines", 5, c, pl.col(c).shift(1));
}
// A basket id far out of order: the headers are no longer sorted by it.
corrupt(BROKEN, "retail_transactions", 7, "transaction_id", pl.col("transaction_id").plus(1e9));
// A stock row dated years later: the table is out of key order. (Not a repeated key: the
// stock check sorts by it, and rows that tie may come in either order.)
const later = pl.col("snapshot_date").cast(pl.Int32).plus(7000);
corrupt(BROKEN, "store_inventory", 9, "snapshot_date", later);
corrupt(BROKEN, "store_inventory", 20, "closing_qty", pl.lit(-1));
// A return of a line that does not exist.
corrupt(BROKEN, "retail_returns", 2, "line_number", pl.lit(99));
// A customer without an id (one null is no repeated key: the fast path must not decide).
corrupt(BROKEN, "retail_customers", 4, "customer_id", pl.lit(null));

Deno.test("validate: in memory and scanning per check give the same findings, in one pass and in batches", async () => {
  for (const dir of [CLEAN, BROKEN]) {
    for (const batchBytes of [undefined, TINY_BATCH]) {
      const how = `${dir === CLEAN ? "clean" : "broken"} ${
        batchBytes ? "in batches" : "in one pass"
      }`;
      const scanned = await validateDataset(dir, { batchBytes, inMemory: false });
      const loaded = await validateDataset(dir, { batchBytes, inMemory: true });
      assert.equal(loaded.batches, scanned.batches);
      assert.equal(scanned.batches > 1, batchBytes !== undefined, how);
      assert.deepEqual(outcome(loaded), outcome(scanned), how);
      for (const r of loaded.results) {
        assert.ok(
          !r.detail?.startsWith("check could not run"),
          `${how}: ${r.name} ran: ${r.detail}`,
        );
      }
      const failed = loaded.results.filter((r) => r.status === "fail").map((r) => r.name);
      if (dir === CLEAN) assert.deepEqual(failed, [], how);
      else {
        // The comparison means something: the broken keys reach the checks with fast paths.
        for (
          const name of [
            "schema.retail_transaction_lines",
            "primary_key.retail_transaction_lines",
            "schema.retail_customers",
            "foreign_key.retail_transaction_lines.transaction_id",
            "foreign_key.retail_returns.transaction_id+line_number",
            "retail.header_totals",
            "retail.returns_after_sale",
            "retail.stock_conservation",
            "retail.stock_flows_match_documents",
          ]
        ) assert.ok(failed.includes(name), `${how}: ${name} fails`);
      }
    }
  }
});

Deno.test("validate: a table read into memory holds the same rows, and is dropped on release", () => {
  const ds = openDataset(BROKEN);
  const mem = inMemory(ds, ["retail_transaction_lines", "retail_transactions"]);
  for (const t of ["retail_transaction_lines", "retail_transactions", "store_inventory"]) {
    assert.ok(mem.scan(t).collectSync().frameEqual(ds.scan(t).collectSync(), true), t);
  }
  assert.deepEqual([...mem.loaded().keys()].sort(), [
    "retail_transaction_lines",
    "retail_transactions",
  ]);
  mem.release();
  assert.equal(mem.loaded().size, 0);
});

Deno.test("validate: markSorted changes no value; strictlyIncreasing sees ties, nulls and steps down", () => {
  const df = pl.DataFrame({
    a_id: [1, 2, 2, 5],
    b_id: [4, 3, 2, 1],
    c_id: [1, null, 2, 3],
    d: [1, 2, 3, 4],
  });
  assert.ok(markSorted(df).frameEqual(df, true));
  const lf = df.lazy();
  assert.equal(strictlyIncreasing(lf, ["d"]), true);
  assert.equal(strictlyIncreasing(lf, ["a_id"]), false, "a tie");
  assert.equal(strictlyIncreasing(lf, ["a_id", "d"]), true, "a tie broken by the next column");
  assert.equal(
    strictlyIncreasing(lf, ["a_id", "b_id"]),
    false,
    "a tie the next column breaks down",
  );
  assert.equal(strictlyIncreasing(lf, ["d", "b_id"]), true, "the first column decides");
  assert.equal(strictlyIncreasing(lf, ["b_id"]), false, "steps down");
  assert.equal(strictlyIncreasing(lf, ["d", "c_id"]), false, "a null");
  assert.equal(strictlyIncreasing(lf.head(1), ["d"]), true, "one row");
  assert.equal(strictlyIncreasing(lf.head(0), ["d"]), true, "no row");
});

Deno.test({
  name: "validate: clean up",
  fn: async () => {
    await Deno.remove(tmp, { recursive: true });
  },
});
