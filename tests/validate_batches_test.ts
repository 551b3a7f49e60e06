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
import { batchDataset, openDataset } from "../lib/validate/dataset.ts";
import { lookupFor } from "../lib/validate/seams.ts";
import { chunkPath, inputSource } from "../lib/engine/chunk.ts";
import { type InputSource, lazyInputs, readInputs } from "../lib/engine/inputs.ts";
import { generatorFor } from "../lib/engine/generators.ts";
import { makeContext } from "../lib/world/context.ts";
import { RETAIL_BATCHING } from "../lib/tiers/retail/generators.ts";
import { DISTRIBUTION_GROUP } from "../lib/tiers/distribution/generators.ts";
import { type Batch, placementOf, planBatches } from "../lib/validate/batches.ts";
import { allChecks } from "../lib/validate/registry.ts";

/**
 * Small chunks, so that the dataset splits into several batches, and the
 * biggest sites and distribution centres are chains cut in time.
 */
const OPTIONS = validateOptions({
  scale: 0.01,
  retail: { linesPerChunk: 10000 },
  distribution: { linesPerChunk: 2000 },
});
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

const day = (c: string) => pl.col(c).cast(pl.Int32);
const scan = (dir: string, table: string) => pl.scanParquet(`${dir}/${table}/*.parquet`);

/** The first value of `column` in a query (read as Float64: big ids stay whole). */
function firstOf(lf: pl.LazyDataFrame, column: string): number {
  const df = lf.select(pl.col(column).cast(pl.Float64)).head(1).collectSync();
  assert.equal(df.height, 1, `a row with ${column}`);
  return Number(df.getColumn(column).get(0));
}

/** Sets `set` (expressions on the row as it was) on the first row of `table` matching `where`. */
function edit(dir: string, table: string, where: pl.Expr, set: Record<string, pl.Expr>): void {
  for (const f of parquetFiles(dir, table)) {
    const df = pl.readParquet(f).withRowIndex("_i");
    const hit = df.filter(where);
    if (hit.height === 0) continue;
    const at = pl.col("_i").eq(Number(hit.getColumn("_i").get(0)));
    df.withColumns(
      ...Object.entries(set).map(([c, v]) =>
        pl.when(at).then(v).otherwise(pl.col(c)).cast(df.getColumn(c).dtype).alias(c)
      ),
    ).drop("_i").writeParquet(f);
    return;
  }
  throw new Error(`no row of ${table} to break`);
}

/**
 * The cuts of `group`'s chains in the clean dataset's time slices: the first
 * day of each slice that follows another slice of its chain, and the chain's
 * entity (`entity` in the first week of the slice's `table`).
 */
function cutsOf(group: string, entity: string, table: string): Array<{ cut: number; id: number }> {
  const ds = openDataset(CLEAN);
  const plan = planBatches(ds, TINY_BATCH)!;
  const after = plan.batches.filter((x: Batch) =>
    x.group === group && x.window !== undefined &&
    plan.batches.some((y) =>
      y.group === group && y.window?.to === x.window!.from && y.own.at(-1) === x.own[0] - 1
    )
  );
  assert.ok(after.length > 0, `a time slice of ${group} after a cut`);
  return after.map((b) => {
    const cut = b.window!.from;
    const file = ds.manifest!.files.find((f) => f.table === table && f.chunk === b.own[0])!;
    const first = pl.scanParquet(`${CLEAN}/${file.path}`).filter(day("week_start").eq(cut));
    return { cut, id: firstOf(first, entity) };
  });
}

/** True on rows of a cut chain's entity (`idCol`) for which `at(cut)` holds, at any cut. */
function atACut(
  cuts: Array<{ cut: number; id: number }>,
  idCol: string,
  at: (cut: number) => pl.Expr,
): pl.Expr {
  return cuts.map(({ cut, id }) => pl.col(idCol).eq(id).and(at(cut))).reduce((a, b) => a.or(b));
}

/**
 * One corruption per check whose rule spans a time cut, placed at a cut of a
 * chain (a site's, a DC's): the row broken and the row it must agree with sit
 * on either side of the cut, in different time slices.
 */
const AT_A_CUT: Record<string, (dir: string) => void> = {
  "retail.stock_conservation": (d) => {
    // The first week after the cut opens with one unit more than the week before closed
    // (and sells it, so the week itself adds up): only the seam shows it.
    const cuts = cutsOf("retail", "site_id", "store_inventory");
    edit(d, "store_inventory", atACut(cuts, "site_id", (c) => day("week_start").eq(c)), {
      opening_qty: pl.col("opening_qty").plus(1),
      sales_qty: pl.col("sales_qty").plus(1),
    });
  },
  "retail.stock_flows_match_documents": (d) => {
    // A replenishment order placed before the cut and received after it: one more unit.
    const cuts = cutsOf("retail", "site_id", "store_inventory");
    const order = firstOf(
      scan(d, "store_replenishment_orders").filter(
        atACut(cuts, "site_id", (c) => day("order_date").lt(c).and(day("receive_date").gtEq(c))),
      ),
      "order_id",
    );
    edit(d, "store_replenishment_order_lines", pl.col("order_id").eq(order), {
      qty: pl.col("qty").plus(1),
    });
  },
  "retail.returns_after_sale": (d) => {
    // A return after the cut of a sale before it: more units than were sold.
    const cuts = cutsOf("retail", "site_id", "store_inventory");
    const ret = firstOf(
      scan(d, "retail_returns").join(
        scan(d, "retail_transactions").select("transaction_id", "transaction_date"),
        { on: "transaction_id" },
      ).filter(
        atACut(
          cuts,
          "site_id",
          (c) => day("transaction_date").lt(c).and(day("return_date").gtEq(c)),
        ),
      ),
      "return_id",
    );
    edit(d, "retail_returns", pl.col("return_id").eq(ret), { qty: pl.col("qty").plus(100) });
  },
  "distribution.dc_stock_conserved": (d) => {
    const cuts = cutsOf("distribution", "dc_site_id", "dc_inventory");
    edit(d, "dc_inventory", atACut(cuts, "dc_site_id", (c) => day("week_start").eq(c)), {
      opening_qty: pl.col("opening_qty").plus(1),
      shipments_qty: pl.col("shipments_qty").plus(1),
    });
  },
  "distribution.payments_within_invoice": (d) => {
    // A payment after the cut of an invoice before it: more than the invoice's total.
    const cuts = cutsOf("distribution", "dc_site_id", "dc_inventory");
    const pay = firstOf(
      scan(d, "distributor_payments").join(
        scan(d, "distributor_invoices").filter(pl.col("invoice_type").eq(pl.lit("invoice")))
          .select("invoice_id", "dc_site_id", "invoice_date"),
        { on: "invoice_id" },
      ).filter(
        atACut(
          cuts,
          "dc_site_id",
          (c) => day("invoice_date").lt(c).and(day("payment_date").gtEq(c)),
        ),
      ),
      "payment_id",
    );
    edit(d, "distributor_payments", pl.col("payment_id").eq(pay), {
      amount: pl.col("amount").plus(1e9),
    });
  },
  "distribution.shipped_within_ordered": (d) => {
    // A shipment after the cut of an order before it: more than was ordered.
    const cuts = cutsOf("distribution", "dc_site_id", "dc_inventory");
    const ship = firstOf(
      scan(d, "distributor_shipments").join(
        scan(d, "distributor_sales_orders").select("order_id", "order_date"),
        { on: "order_id" },
      ).filter(
        atACut(cuts, "dc_site_id", (c) => day("order_date").lt(c).and(day("ship_date").gtEq(c))),
      ),
      "shipment_id",
    );
    edit(d, "distributor_shipment_lines", pl.col("shipment_id").eq(ship), {
      qty: pl.col("qty").plus(10000),
    });
  },
  "distribution.receipts_match_purchase_orders": (d) => {
    // A receipt after the cut of a purchase order before it: a unit more than ordered.
    const cuts = cutsOf("distribution", "dc_site_id", "dc_inventory");
    const receipt = firstOf(
      scan(d, "dc_receipts").join(
        scan(d, "distributor_purchase_orders").select("po_id", "order_date"),
        { on: "po_id" },
      ).filter(
        atACut(
          cuts,
          "dc_site_id",
          (c) => day("order_date").lt(c).and(day("receipt_date").gtEq(c)),
        ),
      ),
      "receipt_id",
    );
    edit(d, "dc_receipts", pl.col("receipt_id").eq(receipt), { qty: pl.col("qty").plus(1) });
  },
};

Deno.test("validate: a corruption at a time cut is caught, in one pass and in time slices", async (t) => {
  // The clean dataset passes in time slices (the first test), and is cut in both tiers.
  const plan = planBatches(openDataset(CLEAN), TINY_BATCH)!;
  for (const g of ["retail", "distribution"]) {
    assert.ok(plan.batches.some((b) => b.group === g && b.window), `${g} is cut in time`);
  }
  let n = 0;
  for (const [name, breakIt] of Object.entries(AT_A_CUT)) {
    await t.step(name, async () => {
      const dir = `${tmp}/cut-${n++}`;
      await copyDir(CLEAN, dir);
      breakIt(dir);
      for (const batchBytes of [undefined, TINY_BATCH]) {
        const how = `${name} ${batchBytes ? "in time slices" : "in one pass"}`;
        const r = await validateDataset(dir, { only: [name], batchBytes });
        const res = r.results.find((x) => x.name === name)!;
        assert.ok(!res.detail?.startsWith("check could not run"), `${how}: ${res.detail}`);
        assert.equal(res.status, "fail", how);
        assert.ok(res.violations >= 1, how);
      }
      await Deno.remove(dir, { recursive: true });
    });
  }
});

Deno.test("validate: every check runs per batch, or says why it reads the whole dataset", () => {
  const plan = planBatches(openDataset(CLEAN), TINY_BATCH)!;
  const unlinked = allChecks().filter((c) => {
    const p = placementOf(plan, c);
    return p.kind === "whole" && p.unlinked && !c.runsWhole;
  });
  assert.deepEqual(unlinked.map((c) => c.name), []);
  // The checks that read both tiers run per batch of distribution centres.
  const both = allChecks().filter((c) =>
    c.tables.includes("store_replenishment_orders") &&
    c.tables.some((t) => t.startsWith("distributor_"))
  );
  assert.ok(both.length >= 2);
  for (const c of both) {
    assert.deepEqual(placementOf(plan, c), { kind: "batches", group: "distribution" }, c.name);
  }
});

Deno.test("validate: a time slice reads of its neighbours only the range of the keys it refers to", () => {
  const ds = openDataset(CLEAN);
  const plan = planBatches(ds, TINY_BATCH)!;
  const slices = plan.batches.filter((b) => b.group === "distribution" && b.window);
  assert.ok(slices.length >= 3, "the distribution centres are cut in several time slices");
  const part = batchDataset(ds, plan, slices[Math.floor(slices.length / 2)]);
  const table = "distributor_sales_order_lines";
  const subject = part.scan("distributor_shipment_lines");
  const looked = lookupFor(part, table, subject, ["order_id"]);
  // Exactly the order lines of the orders the slice's shipments ship.
  const keys = subject.select("order_id").unique();
  const want = part.lookup(table).join(keys, { on: "order_id", how: "semi" });
  const sorted = (lf: pl.LazyDataFrame) => lf.sort(["order_id", "line_number"]).collectSync();
  assert.ok(sorted(looked).frameEqual(sorted(want)));
  // The key range reaches the Parquet reader, which then skips what lies outside it.
  const scans = looked.describeOptimizedPlan().split("Parquet SCAN").slice(1);
  assert.ok(scans.length > 1);
  for (const s of scans) assert.match(s, /SELECTION: .*col\("order_id"\)\) >= \(\d+\)/);
  // Documents are numbered in time order, so the range holds little more than the keys' rows,
  // however many days the slice's reach spans.
  const count = (lf: pl.LazyDataFrame) =>
    Number(lf.select(pl.len()).collectSync().getColumn("len").get(0));
  const ids = keys.collectSync().getColumn("order_id");
  const inRange = count(
    part.lookup(table).filter(
      pl.col("order_id").gtEq(ids.min()).and(pl.col("order_id").ltEq(ids.max())),
    ),
  );
  const matched = count(looked);
  assert.ok(
    matched > 0 && inRange <= 1.1 * matched,
    `${inRange} rows in the range, ${matched} of the keys`,
  );
});

Deno.test("engine: a retail chunk holds store orders only of the DCs its link names, so a DC reads only those chunks", () => {
  const ctx = makeContext(OPTIONS);
  const link = RETAIL_BATCHING.link!;
  const chunks = generatorFor("store_replenishment_orders").plan(ctx);
  assert.ok(chunks.length > 2);
  for (const c of chunks) {
    const file = `${CLEAN}/${chunkPath("store_replenishment_orders", c.index, "parquet")}`;
    const dcs = pl.readParquet(file).getColumn("dc_site_id").unique().toArray() as number[];
    const declared = new Set(link.values(ctx, c));
    for (const dc of dcs) assert.ok(declared.has(dc), `chunk ${c.index} holds orders of DC ${dc}`);
  }
  // A DC's inputs read from its linked chunks are the rows read from every chunk, in order.
  const src = inputSource({ options: OPTIONS, dir: CLEAN });
  const everything: InputSource = { format: src.format, files: (t) => src.files(t) };
  let read = 0;
  for (const part of generatorFor("distributor_sales_orders").plan(ctx)) {
    const reqs = DISTRIBUTION_GROUP.inputs!(ctx, part);
    const pruned = readInputs(src, reqs), whole = readInputs(everything, reqs);
    assert.deepEqual(pruned, whole);
    read += (pruned.orders.order_id as Float64Array).length;
    const dc = reqs[0].linked!;
    assert.ok(src.files("store_replenishment_orders", dc).length < chunks.length);
  }
  assert.ok(read > 0);
});

Deno.test("engine: a chunk's inputs are read when the generator first uses them, once", () => {
  const ctx = makeContext(OPTIONS);
  const src = inputSource({ options: OPTIONS, dir: CLEAN });
  const asked: string[] = [];
  const counting: InputSource = {
    format: src.format,
    files: (t, linked) => (asked.push(t), src.files(t, linked)),
  };
  const reqs = DISTRIBUTION_GROUP.inputs!(
    ctx,
    generatorFor("distributor_sales_orders").plan(ctx)[0],
  );
  const inputs = lazyInputs(counting, reqs);
  assert.deepEqual(asked, []);
  assert.deepEqual(Object.keys(inputs), reqs.map((r) => r.name));
  const lines = inputs.lines;
  assert.deepEqual(asked, reqs.map((r) => r.table));
  assert.equal(inputs.lines, lines);
  assert.deepEqual(inputs.orders, readInputs(src, reqs).orders);
  assert.equal(asked.length, reqs.length);
});

Deno.test({
  name: "validate: clean up",
  fn: async () => {
    await Deno.remove(tmp, { recursive: true });
  },
});
