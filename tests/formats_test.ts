/**
 * Every output format round-trips through `validate` (with the retail tables,
 * whose timestamps CSV used to lose); the Arrow files read back with
 * apache-arrow; `--format duckdb` is one database with every table and its
 * keys; `--rows N` sizes the main sales table within 1 %; the summary counts
 * files; the progress line; row estimates against generated data.
 */

import assert from "node:assert/strict";
import { tableFromIPC, type Timestamp, TimeUnit } from "apache-arrow";
import { DuckDBInstance } from "@duckdb/node-api";
import { generate } from "../lib/engine/run.ts";
import { validateOptions } from "../lib/options/io.ts";
import { validateDataset } from "../lib/validate/report.ts";
import { expectedRows, getTable } from "../lib/schema/registry.ts";
import { progressLine } from "../lib/engine/progress.ts";
import { makeContext } from "../lib/world/context.ts";
import type { Manifest } from "../lib/engine/manifest.ts";
import { runCli, tempDir } from "./helpers/tree.ts";

const RETAIL = [
  "sites",
  "products",
  "retail_customers",
  "retail_transactions",
  "retail_transaction_lines",
  "retail_returns",
  "store_replenishment_orders",
  "store_replenishment_order_lines",
];
const small = (format: string) =>
  validateOptions({
    scale: 0.002,
    seed: 7,
    start: "2024-01-01",
    end: "2024-06-30",
    tables: RETAIL,
    format,
  });

const manifestOf = async (dir: string): Promise<Manifest> =>
  JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));

for (const format of ["parquet", "csv", "arrow", "duckdb"]) {
  Deno.test(`--format ${format}: generate, then validate passes every check`, async () => {
    const dir = await tempDir(`fmt-${format}`);
    await generate({ options: small(format), out: dir, quiet: true });
    const rep = await validateDataset(dir);
    const failed = rep.results.filter((r) => r.status === "fail");
    assert.equal(rep.failed, 0, JSON.stringify(failed));
    const ran = new Set(rep.results.filter((r) => r.status === "pass").map((r) => r.name));
    // The timestamp columns' types were checked, not skipped.
    assert.ok(ran.has("schema.retail_transactions"), "schema of retail_transactions checked");
    assert.ok(ran.has("schema.retail_returns"), "schema of retail_returns checked");
    if (format === "duckdb") {
      assert.ok(ran.has("duckdb.row_counts") && ran.has("duckdb.keys"), [...ran].join(" "));
    }
  });
}

Deno.test("Arrow IPC files read back with apache-arrow: rows, columns and millisecond timestamps", async () => {
  const dir = await tempDir("arrow-js");
  await generate({ options: small("arrow"), out: dir, quiet: true });
  const m = await manifestOf(dir);
  assert.ok(m.files.length >= RETAIL.length);
  for (const f of m.files) {
    const t = tableFromIPC(await Deno.readFile(`${dir}/${f.path}`));
    assert.equal(t.numRows, f.rows, f.path);
    assert.deepEqual(
      t.schema.fields.map((x) => x.name),
      getTable(f.table).columns.map((c) => c.name),
      f.path,
    );
  }
  const tx = m.files.find((f) => f.table === "retail_transactions")!;
  const t = tableFromIPC(await Deno.readFile(`${dir}/${tx.path}`));
  const ts = t.schema.fields.find((x) => x.name === "transaction_ts")!;
  assert.equal((ts.type as Timestamp).unit, TimeUnit.MILLISECOND);
  const first = t.getChild("transaction_ts")!.get(0) as number;
  const day = t.getChild("transaction_date")!.get(0) as number;
  assert.ok(first >= day && first < day + 86_400_000, "a basket's time lies on its day");
});

Deno.test("--format duckdb: one database file with every table, its rows and its keys", async () => {
  const dir = await tempDir("duckdb");
  const res = await generate({ options: small("duckdb"), out: dir, quiet: true });
  assert.equal(res.database, `${dir}/partsflow.duckdb`);
  const top = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
  assert.deepEqual(top, [".partsflow", "ground_truth.json", "manifest.json", "partsflow.duckdb"]);
  const m = await manifestOf(dir);
  const db = await DuckDBInstance.create(`${dir}/partsflow.duckdb`, { access_mode: "READ_ONLY" });
  const con = await db.connect();
  try {
    for (const [t, { rows }] of Object.entries(m.tables)) {
      const r = await con.runAndReadAll(`SELECT count(*) FROM "${t}"`);
      assert.equal(Number(r.getRows()[0][0]), rows, t);
    }
    const pks = (await con.runAndReadAll(
      "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'",
    )).getRows().map((r) => String(r[0])).sort();
    assert.deepEqual(pks, Object.keys(m.tables).sort());
    const fks = (await con.runAndReadAll(
      "SELECT table_name || '.' || constraint_column_names::VARCHAR FROM duckdb_constraints() " +
        "WHERE constraint_type = 'FOREIGN KEY'",
    )).getRows().map((r) => String(r[0]));
    assert.ok(fks.includes("retail_transaction_lines.[transaction_id]"), fks.join(", "));
    assert.ok(fks.includes("store_replenishment_order_lines.[order_id]"), fks.join(", "));
    const ts = await con.runAndReadAll(
      "SELECT data_type FROM duckdb_columns() WHERE table_name = 'retail_transactions' " +
        "AND column_name = 'transaction_ts'",
    );
    assert.equal(String(ts.getRows()[0][0]), "TIMESTAMP_MS");
  } finally {
    con.closeSync();
    db.closeSync();
  }
  // The keys are enforced: a line of a basket that does not exist is refused.
  const copy = `${dir}/copy.duckdb`;
  await Deno.copyFile(`${dir}/partsflow.duckdb`, copy);
  const db2 = await DuckDBInstance.create(copy);
  const con2 = await db2.connect();
  try {
    await assert.rejects(
      con2.run(
        "INSERT INTO retail_transaction_lines SELECT * REPLACE (-1 AS transaction_id) " +
          "FROM retail_transaction_lines LIMIT 1",
      ),
      /foreign key/i,
    );
  } finally {
    con2.closeSync();
    db2.closeSync();
  }
});

Deno.test("--rows N sizes retail_transaction_lines within 1 %; --rows with --scale is refused", async () => {
  const dir = await tempDir("rows");
  const r = await runCli([
    "generate",
    "--rows",
    "100000",
    "--seed",
    "7",
    "--tables",
    "retail_transaction_lines",
    "--out",
    dir,
  ]);
  assert.equal(r.code, 0, r.stderr);
  const lines = (await manifestOf(dir)).tables.retail_transaction_lines.rows;
  assert.ok(Math.abs(lines - 100_000) <= 1_000, `${lines} lines for --rows 100000`);
  assert.match(r.stdout, /--rows 100000: scale 0\.01, retail_transaction_lines holds \d+ rows/);
  for (const args of [["--rows", "100000", "--scale", "1"], ["--rows", "50"], ["--rows", "1e5x"]]) {
    const bad = await tempDir("rows-bad");
    const b = await runCli(["generate", ...args, "--out", `${bad}/x`]);
    assert.equal(b.code, 2, args.join(" "));
    assert.equal(b.stderr.trim().split("\n").length, 1, b.stderr);
    assert.match(b.stderr, /--rows/);
    assert.throws(() => Deno.statSync(`${bad}/x`), Deno.errors.NotFound);
  }
});

Deno.test("the summary counts the files written; the progress line starts without an ETA and ends at 100 %", async () => {
  const dir = await tempDir("summary");
  const r = await runCli([
    "generate",
    "--scale",
    "0.002",
    "--start",
    "2024-01-01",
    "--end",
    "2024-03-31",
    "--out",
    dir,
  ]);
  assert.equal(r.code, 0, r.stderr);
  const m = await manifestOf(dir);
  assert.match(r.stdout, new RegExp(`^wrote ${m.files.length} file\\(s\\)`, "m"));
  assert.ok(m.files.length > Object.keys(m.tables).length - 1);
  const start = progressLine(6, 1_000_000, 1, 0.01);
  assert.match(start, /ETA …/);
  assert.doesNotMatch(start, /ETA \d/);
  assert.match(progressLine(500_000, 1_000_000, 10, 5), /50\.0%.*ETA 5 s/);
  assert.match(progressLine(1_020_000, 1_000_000, 26, 9), /99\.9%.*ETA …/);
  assert.match(
    progressLine(1_020_000, 1_000_000, 26, 9.5, true),
    /100\.0%.*1\.02 M rows.*in 9\.5 s/,
  );
});

Deno.test("row estimates of the replenishment tables at scale 0.01 are within 15 % of the data", async () => {
  const options = validateOptions({
    scale: 0.01,
    tables: ["store_replenishment_orders", "store_replenishment_order_lines"],
  });
  const dir = await tempDir("estimates");
  const res = await generate({ options, out: dir, quiet: true });
  const ctx = makeContext(options);
  for (const t of options.tables!) {
    const est = expectedRows(ctx).get(t)!, got = res.manifest!.tables[t].rows;
    assert.ok(
      Math.abs(est / got - 1) < 0.15,
      `${t}: estimate ${Math.round(est)}, generated ${got}`,
    );
  }
});
