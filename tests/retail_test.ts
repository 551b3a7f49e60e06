/**
 * Tests of the retail tier: a scale-0.01 dataset validates; every retail
 * check fails on a copy broken for it; DuckDB reads the tables and agrees on
 * totals; output is byte-identical across runs and worker counts, and the
 * same data whatever the chunking.
 */

import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { DuckDBInstance } from "@duckdb/node-api";
import { generate } from "../lib/engine/run.ts";
import { validateOptions } from "../lib/options/io.ts";
import { copyDir } from "./helpers/tree.ts";
import { validateDataset } from "../lib/validate/report.ts";
import { RETAIL_CHECKS } from "../lib/tiers/retail/checks.ts";
import { customerRanges, RETAIL_GROUP_TABLES, retailPlan } from "../lib/tiers/retail/generators.ts";
import {
  ANNUAL_KM,
  ANNUAL_KM_SPREAD,
  CUSTOMER_BLOCK,
  customerIdentities,
  kmDriven,
  MILEAGE_DECAY_PER_YEAR,
  siteCustomers,
} from "../lib/tiers/retail/customers.ts";
import { catalogModel } from "../lib/catalog/model.ts";
import type { Columns } from "../lib/gen/types.ts";
import { makeContext } from "../lib/world/context.ts";
import { MAX_ODOMETER_KM } from "../lib/faults/checks.ts";
import { fitMileageDecay } from "../lib/profile/retail_vehicles.ts";
import { Block } from "../lib/gen/block.ts";
import { demandPlan, targetLines } from "../lib/tiers/retail/demand.ts";

const RETAIL = [...RETAIL_GROUP_TABLES, "promotions", "promotion_products"];
/** Small chunks, so the run has several chunks and the biggest sites are split in time. */
const OPTIONS = validateOptions({ scale: 0.01, retail: { linesPerChunk: 20000 } });

async function gen(out: string, workers: number, options = OPTIONS) {
  return await generate({ options, out, workers, quiet: true, overwrite: true });
}

const tmp = await Deno.makeTempDir({ prefix: "partsflow-retail-" });
const A = `${tmp}/a`;
const first = await gen(A, 1);

function files(dir: string, table: string): string[] {
  return [...Deno.readDirSync(`${dir}/${table}`)].filter((e) => e.name.endsWith(".parquet")).map((
    e,
  ) => `${dir}/${table}/${e.name}`).sort();
}

/** Rewrites the first row of `table` matching `where`, setting `column` to `value` (cast back to its type). */
function corrupt(dir: string, table: string, where: pl.Expr, column: string, value: pl.Expr): void {
  for (const f of files(dir, table)) {
    const df = pl.readParquet(f);
    const idx = df.withRowIndex("_i").filter(where).select("_i");
    if (idx.height === 0) continue;
    const k = Number(idx.getColumn("_i").get(0));
    const dtype = df.getColumn(column).dtype;
    const out = df.withRowIndex("_i").withColumns(
      pl.when(pl.col("_i").eq(k)).then(value).otherwise(pl.col(column)).cast(dtype).alias(column),
    ).drop("_i");
    out.writeParquet(f);
    return;
  }
  throw new Error(`no row of ${table} to corrupt`);
}

/** A batch size that splits dataset A into several batches of chunks. */
const TINY_BATCH = 64 * 1024;

const asDays = (c: string) => pl.col(c).cast(pl.Int32);

/** A store site and a day its country's shops are closed (a closed holiday), read from `dir`. */
function storeAndClosedDay(dir: string): { siteId: number; day: number } {
  const read = (t: string) => pl.concat(files(dir, t).map((f) => pl.readParquet(f)));
  const closed = read("holidays").filter(pl.col("stores_closed")).select(
    "country_code",
    asDays("date").alias("day"),
  );
  const r = read("sites").filter(pl.col("site_type").eq(pl.lit("store")))
    .join(closed, { on: "country_code" }).sort(["site_id", "day"]).head(1).toRecords()[0];
  return { siteId: Number(r.site_id), day: Number(r.day) };
}

/** One corruption per retail check, each of which that check must catch. */
const BREAKS: Record<string, (dir: string) => void> = {
  "retail.line_prices_from_price_book": (d) =>
    corrupt(d, "retail_transaction_lines", pl.lit(true), "unit_cost", pl.col("unit_cost").plus(1)),
  "retail.line_arithmetic": (d) =>
    corrupt(
      d,
      "retail_transaction_lines",
      pl.lit(true),
      "margin_amount",
      pl.col("margin_amount").plus(1),
    ),
  "retail.header_totals": (d) =>
    corrupt(d, "retail_transactions", pl.lit(true), "net_amount", pl.col("net_amount").plus(1)),
  "retail.promotions_in_window_and_segment": (d) => {
    const line = pl.scanParquet(`${d}/retail_transaction_lines/*.parquet`).filter(
      pl.col("promotion_id").isNotNull(),
    )
      .select("promotion_id").head(1).collectSync();
    const id = Number(line.getColumn("promotion_id").get(0));
    corrupt(
      d,
      "promotions",
      pl.col("promotion_id").eq(id),
      "start_date",
      asDays("start_date").plus(400).cast(pl.Date),
    );
  },
  "retail.returns_after_sale": (d) =>
    corrupt(d, "retail_returns", pl.lit(true), "qty", pl.col("qty").plus(100)),
  "retail.stock_conservation": (d) =>
    corrupt(d, "store_inventory", pl.lit(true), "closing_qty", pl.lit(-1)),
  "retail.stock_flows_match_documents": (d) =>
    corrupt(
      d,
      "store_inventory",
      pl.col("sales_qty").gt(0),
      "sales_qty",
      pl.col("sales_qty").plus(1),
    ),
  "retail.fitment_of_known_customers": (d) =>
    corrupt(
      d,
      "retail_transaction_lines",
      pl.col("vehicle_id").isNotNull(),
      "vehicle_id",
      pl.lit(100000),
    ),
  "retail.sold_when_open_and_launched": (d) =>
    corrupt(
      d,
      "retail_transaction_lines",
      pl.lit(true),
      "transaction_date",
      pl.lit(0).cast(pl.Date),
    ),
  "retail.return_window": (d) =>
    corrupt(
      d,
      "retail_returns",
      pl.lit(true),
      "return_date",
      asDays("return_date").plus(72).cast(pl.Date),
    ),
  "retail.store_sales_on_trading_days": (d) => {
    const { siteId, day } = storeAndClosedDay(d);
    corrupt(
      d,
      "retail_transactions",
      pl.col("site_id").eq(siteId),
      "transaction_date",
      pl.lit(day).cast(pl.Date),
    );
  },
  "retail.store_returns_on_trading_days": (d) => {
    const { siteId, day } = storeAndClosedDay(d);
    corrupt(
      d,
      "retail_returns",
      pl.col("site_id").eq(siteId),
      "return_date",
      pl.lit(day).cast(pl.Date),
    );
  },
  "retail.deliveries_on_trading_days": (d) => {
    const { siteId, day } = storeAndClosedDay(d);
    corrupt(
      d,
      "store_replenishment_orders",
      pl.col("site_id").eq(siteId),
      "receive_date",
      pl.lit(day).cast(pl.Date),
    );
  },
  "retail.stock_value": (d) =>
    corrupt(
      d,
      "store_inventory",
      pl.col("closing_qty").gt(0),
      "closing_value",
      pl.col("closing_value").plus(1),
    ),
  "retail.kit_bundle_price": (d) =>
    corrupt(
      d,
      "retail_transaction_lines",
      pl.col("kit_id").isNotNull(),
      "discount_amount",
      pl.col("discount_amount").minus(1),
    ),
  "retail.replenishment_orders": (d) =>
    corrupt(
      d,
      "store_replenishment_order_lines",
      pl.lit(true),
      "unit_price",
      pl.col("unit_price").plus(1),
    ),
};

Deno.test("retail: a scale-0.01 dataset has every retail table and validates", async () => {
  assert.ok(first.manifest, "manifest written");
  const m = first.manifest!;
  for (const t of RETAIL) assert.ok(m.tables[t]?.rows > 0, `${t} has rows`);
  const ctx = makeContext(OPTIONS);
  const lines = m.tables.retail_transaction_lines.rows;
  assert.ok(
    Math.abs(lines / targetLines(ctx) - 1) < 0.05,
    `lines ${lines} within 5 % of ${targetLines(ctx)}`,
  );
  assert.equal(m.tables.retail_customers.rows, demandPlan(ctx).customers);
  assert.ok(retailPlan(ctx).length > 3, "several chunks");
  const report = await validateDataset(A);
  const failed = report.results.filter((r) => r.status === "fail");
  assert.deepEqual(
    failed.map((f) => `${f.name}: ${f.detail ?? ""} ${JSON.stringify(f.sample[0] ?? {})}`),
    [],
  );
  for (const c of RETAIL_CHECKS) {
    assert.equal(report.results.find((r) => r.name === c.name)?.status, "pass", c.name);
  }
  const gt = JSON.parse(await Deno.readTextFile(`${A}/ground_truth.json`));
  assert.ok(
    gt.retail?.promotions?.featureLift && gt.retail?.traffic?.seasonality,
    "ground truth has a retail section",
  );
});

Deno.test("retail: every retail check fails on a copy broken for it", async () => {
  assert.deepEqual(Object.keys(BREAKS).sort(), RETAIL_CHECKS.map((c) => c.name).sort());
  for (const [name, breakIt] of Object.entries(BREAKS)) {
    const dir = `${tmp}/broken-${name}`;
    await copyDir(A, dir);
    breakIt(dir);
    for (const batchBytes of [undefined, TINY_BATCH]) {
      const r = await validateDataset(dir, { only: [name], batchBytes });
      const res = r.results.find((x) => x.name === name)!;
      const how = batchBytes ? "in batches" : "in one pass";
      assert.equal(
        res.status,
        "fail",
        `${name} should fail on its broken copy ${how} (${res.detail ?? ""})`,
      );
      assert.ok(res.violations >= 1);
      assert.ok(!res.detail?.startsWith("check could not run"), `${name} ran: ${res.detail}`);
    }
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("validate: a folder without its manifest fails both manifest checks", async () => {
  const dir = `${tmp}/no-manifest`;
  await copyDir(A, dir);
  await Deno.remove(`${dir}/manifest.json`);
  // Without a manifest there is no chunk plan: the folder is checked in one pass only.
  const r = await validateDataset(dir, { only: ["manifest"], batchBytes: TINY_BATCH });
  assert.equal(r.batches, 1);
  for (const name of ["manifest.row_counts", "manifest.checksums"]) {
    const res = r.results.find((x) => x.name === name)!;
    assert.equal(res.status, "fail", name);
    assert.match(res.detail ?? "", /no manifest\.json/);
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("retail: checked in batches of chunks, the dataset passes the same checks", async () => {
  const one = await validateDataset(A);
  const batched = await validateDataset(A, { batchBytes: TINY_BATCH });
  assert.equal(one.batches, 1);
  assert.ok(batched.batches >= 3, `${batched.batches} batches`);
  const failed = batched.results.filter((r) => r.status !== "pass");
  assert.deepEqual(failed.map((f) => `${f.name}: ${f.detail ?? ""}`), []);
  assert.deepEqual(
    batched.results.filter((r) => r.name !== "primary_key.across_batches").map((r) => r.name),
    one.results.map((r) => r.name),
    "the same checks, in the same order",
  );
  // A key that repeats in two batches is unique inside each: only the cross-batch check sees it.
  const dir = `${tmp}/broken-across-batches`;
  await copyDir(A, dir);
  const ids = files(dir, "retail_customers");
  const firstId = Number(pl.readParquet(ids[0]).getColumn("customer_id").get(0));
  const lastId = Number(pl.readParquet(ids.at(-1)!).getColumn("customer_id").max());
  corrupt(
    dir,
    "retail_customers",
    pl.col("customer_id").eq(lastId),
    "customer_id",
    pl.lit(firstId),
  );
  const r = await validateDataset(dir, { only: ["primary_key"], batchBytes: TINY_BATCH });
  const across = r.results.find((x) => x.name === "primary_key.across_batches")!;
  assert.equal(across.status, "fail");
  assert.equal(
    r.results.find((x) => x.name === "primary_key.retail_customers")?.status,
    "pass",
    "unique inside each batch",
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("retail: DuckDB reads the tables and a header total equals the sum of its lines", async () => {
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  const scan = (t: string) => `read_parquet('${A}/${t}/*.parquet')`;
  for (const t of RETAIL) {
    const r = await con.runAndReadAll(`select count(*) from ${scan(t)}`);
    assert.equal(Number(r.getRows()[0][0]), first.manifest!.tables[t].rows, t);
  }
  const one = await con.runAndReadAll(
    `select t.transaction_id, t.total_amount, sum(l.net_amount + l.tax_amount) s
     from ${scan("retail_transactions")} t join ${
      scan("retail_transaction_lines")
    } l using (transaction_id)
     where t.line_count >= 3 group by all order by t.transaction_id limit 1`,
  );
  const [, total, sum] = one.getRows()[0];
  assert.equal(Number(total), Number(sum));
  const bad = await con.runAndReadAll(
    `select count(*) from ${
      scan("retail_transactions")
    } t join (select transaction_id, sum(net_amount) n,
     sum(margin_amount) m from ${
      scan("retail_transaction_lines")
    } group by 1) l using (transaction_id)
     where t.net_amount <> l.n or t.margin_amount <> l.m`,
  );
  assert.equal(Number(bad.getRows()[0][0]), 0);
  con.closeSync();
});

Deno.test("retail: byte-identical across runs and worker counts; same data whatever the chunking", async () => {
  const B = `${tmp}/b`;
  const second = await gen(B, 2);
  const sums = (m: typeof first.manifest) =>
    m!.files.filter((f) => RETAIL.includes(f.table)).map((f) => `${f.path} ${f.sha256}`);
  assert.deepEqual(sums(second.manifest), sums(first.manifest));
  const C = `${tmp}/c`;
  await gen(C, 2, validateOptions({ scale: 0.01 }));
  // Tiny chunks split the biggest sites by days into chains: on one worker each part
  // continues the previous one's simulation, on two a chain still stays on one worker.
  const tiny = validateOptions({ scale: 0.01, retail: { linesPerChunk: 1500 } });
  assert.ok(
    retailPlan(makeContext(tiny)).filter((c) => c.chain).length >= 4,
    "tiny chunks make chains",
  );
  const D = `${tmp}/d`, E = `${tmp}/e`;
  const d = await gen(D, 1, tiny);
  const e = await gen(E, 2, tiny);
  assert.deepEqual(
    sums(e.manifest),
    sums(d.manifest),
    "chains: 1 worker = 2 workers, file by file",
  );
  for (const t of RETAIL_GROUP_TABLES) {
    const a = pl.scanParquet(`${A}/${t}/*.parquet`).collectSync();
    const key = a.columns.slice(0, 3);
    for (const [dir, what] of [[C, "one chunk a site"], [D, "sites split in chains"]]) {
      const c = pl.scanParquet(`${dir}/${t}/*.parquet`).collectSync();
      assert.ok(a.sort(key).frameEqual(c.sort(key)), `${t} is the same data with ${what}`);
    }
  }
});

Deno.test("retail: writing only some retail tables gives the same files as writing them all", async () => {
  // The simulation makes every decision either way; a table not asked for is only not written.
  for (const only of [["retail_transaction_lines"], ["store_inventory", "retail_returns"]]) {
    const dir = `${tmp}/only-${only.length}`;
    const part = await gen(
      dir,
      1,
      validateOptions({ scale: 0.01, retail: { linesPerChunk: 20000 }, tables: only }),
    );
    const files = part.manifest!.files;
    assert.deepEqual([...new Set(files.map((f) => f.table))].sort(), [...only].sort());
    const whole = new Map(first.manifest!.files.map((f) => [f.path, f.sha256]));
    for (const f of files) assert.equal(f.sha256, whole.get(f.path), `${f.path} differs`);
    assert.equal(files.length, first.manifest!.files.filter((f) => only.includes(f.table)).length);
  }
});

Deno.test("retail: a column block grows and keeps every value written", () => {
  const b = new Block({ id: Float64Array, qty: Int32Array, code: Uint8Array }, 4);
  for (let i = 0; i < 1000; i++) {
    if (i % 3 === 0) b.reserve(7);
    const r = b.row();
    (b.cols.id[r] = i * 1e10 + 1, b.cols.qty[r] = 5 - i, b.cols.code[r] = i % 251);
  }
  const c = b.columns();
  assert.equal(c.id.length, 1000);
  assert.equal(c.qty.length, 1000);
  assert.ok(c.code instanceof Uint8Array);
  for (let i = 0; i < 1000; i++) {
    assert.equal(c.id[i], i * 1e10 + 1);
    assert.equal(c.qty[i], 5 - i);
    assert.equal(c.code[i], i % 251);
  }
});

Deno.test("retail: customer ranges of a split site are block-aligned and cover it once", () => {
  const B = CUSTOMER_BLOCK;
  assert.deepEqual(
    customerRanges(10, 3),
    [0, 0, 0, 10],
    "a one-block site: its last part writes it all",
  );
  assert.deepEqual(customerRanges(4 * B + 5, 2), [0, 2 * B, 4 * B + 5]);
  for (const [n, parts] of [[1, 1], [B, 4], [3 * B + 1, 7], [50 * B - 3, 6]]) {
    const r = customerRanges(n, parts);
    assert.equal(r.length, parts + 1);
    assert.equal(r[0], 0);
    assert.equal(r[parts], n);
    for (let j = 0; j < parts; j++) {
      assert.ok(r[j] <= r[j + 1], `ranges ascend (${n}/${parts})`);
      if (j > 0) assert.ok(r[j] % B === 0 || r[j] === n, "cuts fall on block boundaries");
    }
  }
});

Deno.test("retail: any slice of a site's customer identities equals that slice of the whole", () => {
  // Scale 5's biggest site has more customers than one Faker block.
  const ctx = makeContext(validateOptions({ scale: 5 }));
  const plan = demandPlan(ctx);
  const r = plan.sites.reduce((a, b) => (b.loyalty + b.trade > a.loyalty + a.trade ? b : a));
  const n = r.loyalty + r.trade;
  assert.ok(n > CUSTOMER_BLOCK + 100, `biggest site has ${n} customers`);
  const c = siteCustomers(ctx, catalogModel(ctx), r);
  const whole = customerIdentities(ctx, r, c);
  // Identity columns are plain arrays and typed arrays (no dictionary columns).
  const rows = (cols: Columns, lo: number, hi: number) =>
    Array.from(
      { length: hi - lo },
      (_, i) =>
        JSON.stringify(
          Object.values(cols as Record<string, ArrayLike<unknown>>).map((v) => v[lo + i]),
        ),
    );
  const vehAt = (i: number) => c.vehStart[i];
  for (const [lo, hi] of [[0, 40], [CUSTOMER_BLOCK - 20, CUSTOMER_BLOCK + 20], [n - 30, n]]) {
    const part = customerIdentities(ctx, r, c, lo, hi);
    assert.deepEqual(
      rows(part.customers, 0, hi - lo),
      rows(whole.customers, lo, hi),
      `customers [${lo}, ${hi})`,
    );
    assert.deepEqual(
      rows(part.vehicles, 0, vehAt(hi) - vehAt(lo)),
      rows(whole.vehicles, vehAt(lo), vehAt(hi)),
      `vehicles of customers [${lo}, ${hi})`,
    );
  }
});

globalThis.addEventListener("unload", () => {
  try {
    Deno.removeSync(tmp, { recursive: true });
  } catch { /* already gone */ }
});

Deno.test("retail: an odometer stays under the data-quality bound at any age, and the decay is fitted back", () => {
  const { sigma, clip } = ANNUAL_KM_SPREAD;
  const heaviest = Math.max(...Object.values(ANNUAL_KM)) * Math.exp(sigma * clip) * 1.2;
  for (const age of [1, 10, 30, 96]) {
    assert.ok(kmDriven(heaviest, age) < MAX_ODOMETER_KM, `age ${age}`);
  }
  assert.ok(kmDriven(20000, 1) < 20000 && kmDriven(20000, 1) > 19000);
  // The profile's fit recovers the decay from noiseless readings of mixed ages.
  const age = Float64Array.from({ length: 200 }, (_, i) => 0.25 + i / 10);
  const annual = Float64Array.from(age, (_, i) => 8000 + 150 * i);
  const odo = Float64Array.from(age, (a, i) => kmDriven(annual[i], a));
  assert.ok(Math.abs(fitMileageDecay(age, annual, odo) - MILEAGE_DECAY_PER_YEAR) < 1e-6);
});
