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
import { validateOptions } from "../lib/world/options_io.ts";
import { validateDataset } from "../lib/validate/report.ts";
import { RETAIL_CHECKS } from "../lib/validate/checks/retail.ts";
import { RETAIL_GROUP_TABLES, retailPlan } from "../lib/tiers/retail/generators.ts";
import { makeContext } from "../lib/world/context.ts";
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

async function copyDir(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) {
    if (e.isDirectory) await copyDir(`${from}/${e.name}`, `${to}/${e.name}`);
    else if (e.isFile) await Deno.copyFile(`${from}/${e.name}`, `${to}/${e.name}`);
  }
}

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

const asDays = (c: string) => pl.col(c).cast(pl.Int32);

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
    const r = await validateDataset(dir, [name]);
    const res = r.results.find((x) => x.name === name)!;
    assert.equal(
      res.status,
      "fail",
      `${name} should fail on its broken copy (${res.detail ?? ""})`,
    );
    assert.ok(res.violations >= 1);
    assert.ok(!res.detail?.startsWith("check could not run"), `${name} ran: ${res.detail}`);
    await Deno.remove(dir, { recursive: true });
  }
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

globalThis.addEventListener("unload", () => {
  try {
    Deno.removeSync(tmp, { recursive: true });
  } catch { /* already gone */ }
});
