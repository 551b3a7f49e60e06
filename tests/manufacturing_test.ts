/**
 * Tests of the manufacturing tier (Corvane and Keldmark): a scale-0.01
 * half-year dataset passes every manufacturing check, in one pass and in
 * batches of plants; every check fails on a copy broken in the one way it is
 * about; read back by DuckDB as an independent reader, every Brightaxle
 * purchase order to a maker is one maker sales order with the same lines and
 * plant stock is never negative; the same seed gives byte-identical
 * manufacturing files on one worker and on two.
 *
 * @module
 */

import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { DuckDBInstance } from "@duckdb/node-api";
import { generate } from "../lib/engine/run.ts";
import { validateOptions } from "../lib/options/io.ts";
import { validateDataset } from "../lib/validate/report.ts";
import { MANUFACTURING_CHECKS } from "../lib/tiers/manufacturing/checks.ts";
import { MANUFACTURING_TABLES } from "../lib/tiers/manufacturing/tables.ts";
import { packLanes, RUSH_PACKED_BY_SEC } from "../lib/tiers/manufacturing/simulator.ts";
import { BLEND_TIMES } from "../lib/tiers/manufacturing/params.ts";
import { copyDir, tempDir, treeDigest } from "./helpers/tree.ts";
import { edit, firstRow } from "./helpers/corrupt.ts";

const OPTIONS = validateOptions({ scale: 0.01, seed: 7, start: "2024-01-01", end: "2024-06-30" });
/** A batch size that splits the plants into several batches. */
const SMALL_BATCH = 64 * 1024;

const tmp = await tempDir("manufacturing");
const A = `${tmp}/a`;
await generate({ options: OPTIONS, out: A, workers: 1, quiet: true, overwrite: true });

const scan = (dir: string, table: string) => pl.scanParquet(`${dir}/${table}/*.parquet`);
const col = pl.col;
const plus = (c: string, n: number) => col(c).plus(n);
const days = (c: string, n: number) => col(c).cast(pl.Int32).plus(n).cast(pl.Date);
/** Adds 1 to `column` of the first row of `table`. */
const bump = (table: string, column: string) => (d: string) =>
  edit(d, table, pl.lit(true), { [column]: plus(column, 1) });

/** A chain (Brightaxle) order of the makers, by id. */
const chainOrder = (d: string) =>
  firstRow(
    scan(d, "manufacturer_sales_orders").filter(col("distributor_po_id").isNotNull()).select(
      "order_id",
    ),
  ).order_id;

type Break = [what: string, breakIt: (dir: string) => void];

/** For each manufacturing check, a way of breaking a copy that it must catch. */
const BREAKS: Record<string, Break[]> = {
  "manufacturing.recipes_sum_to_100": [[
    "a component 0.01 % more",
    (d) => edit(d, "blend_recipe_components", pl.lit(true), { pct: plus("pct", 0.01) }),
  ]],
  "manufacturing.blend_consumption_is_recipe": [[
    "a batch used 5 kg more of a component",
    (d) => edit(d, "blend_consumption", pl.lit(true), { qty: plus("qty", 5) }),
  ]],
  "manufacturing.component_consumption_is_bom": [[
    "a work order used one component more",
    bump("component_consumption", "qty"),
  ]],
  "manufacturing.blend_consumption_amounts": [[
    "a blend consumption amount a cent off",
    bump("blend_consumption", "amount"),
  ]],
  "manufacturing.component_consumption_amounts": [[
    "a component consumption amount a cent off",
    bump("component_consumption", "amount"),
  ]],
  "manufacturing.blend_batches_costs": [[
    "a batch's material cost a cent off",
    bump("blend_batches", "material_cost"),
  ]],
  "manufacturing.work_orders_costs": [[
    "a work order's conversion cost a cent more",
    bump("work_orders", "conversion_cost"),
  ]],
  "manufacturing.batch_standard_cost": [[
    "a batch's standard cost a cent off",
    bump("blend_batches", "standard_cost"),
  ]],
  "manufacturing.work_order_units": [[
    "a work order scrapped one unit more than started",
    bump("work_orders", "scrapped_units"),
  ]],
  "manufacturing.batch_qc_in_grade_bands": [[
    "a released batch's kv100 above its grade's band",
    (d) =>
      edit(
        d,
        "blend_batches",
        col("status").eq(pl.lit("released")).and(col("kv100_cst").isNotNull()),
        { kv100_cst: pl.lit(99.0) },
      ),
  ]],
  "manufacturing.litres_conserved": [[
    "a packaging run packed a unit more",
    bump("packaging_runs", "units"),
  ]],
  "manufacturing.plant_stock_conserved": [[
    "a week's closing stock one more",
    bump("plant_inventory", "closing_qty"),
  ]],
  "manufacturing.stock_matches_documents": [[
    "a week's stock in and closing one more",
    (d) =>
      edit(d, "plant_inventory", pl.lit(true), {
        in_qty: plus("in_qty", 1),
        closing_qty: plus("closing_qty", 1),
      }),
  ]],
  "manufacturing.made_before_shipped": [[
    "an invoiced line of ten million units",
    (d) =>
      edit(d, "manufacturer_invoice_lines", pl.lit(true), {
        line_number: plus("line_number", 100),
        qty: pl.lit(10_000_000),
      }, "copy"),
  ]],
  "manufacturing.chain_orders_are_purchase_orders": [["a chain order line a unit more", (d) => {
    const id = chainOrder(d);
    edit(d, "manufacturer_sales_order_lines", col("order_id").eq(id), {
      qty: plus("qty", 1),
      line_amount: col("qty").plus(1).mul(col("unit_price")),
    });
  }]],
  "manufacturing.chain_deliveries_are_dc_receipts": [[
    "a chain shipment delivered a day after the DC received it",
    (d) => {
      const ids = scan(d, "manufacturer_sales_orders").filter(col("distributor_po_id").isNotNull())
        .select("order_id");
      const s = firstRow(
        scan(d, "manufacturer_shipments").join(ids, { on: "order_id" }).select("shipment_id"),
      );
      edit(d, "manufacturer_shipments", col("shipment_id").eq(s.shipment_id), {
        delivery_date: days("delivery_date", 1),
      });
    },
  ]],
  "manufacturing.prices_from_price_book": [[
    "an invoice line's cost of goods a cent off",
    bump("manufacturer_invoice_lines", "unit_cost"),
  ]],
  "manufacturing.invoices_bill_the_shipment": [[
    "an invoice's tax a cent more (its total along)",
    (d) =>
      edit(d, "manufacturer_invoices", pl.lit(true), {
        tax_amount: plus("tax_amount", 1),
        total_amount: plus("total_amount", 1),
      }),
  ]],
  "manufacturing.purchases_priced_off_the_index": [[
    "a purchase's amount a cent off",
    bump("raw_material_purchases", "amount"),
  ]],
};

Deno.test("manufacturing: the dataset passes every check, in one pass and in batches", async () => {
  for (const batchBytes of [undefined, SMALL_BATCH]) {
    const r = await validateDataset(A, { batchBytes });
    assert.deepEqual(
      r.results.filter((x) => x.status !== "pass").map((x) =>
        `${x.name}: ${x.violations} ${x.detail ?? ""} ${JSON.stringify(x.sample[0] ?? {})}`
      ),
      [],
    );
    for (const c of MANUFACTURING_CHECKS) {
      assert.equal(r.results.find((x) => x.name === c.name)?.status, "pass", c.name);
    }
  }
});

Deno.test("manufacturing: every manufacturing check fails on a copy broken for it", async (t) => {
  assert.deepEqual(Object.keys(BREAKS).sort(), MANUFACTURING_CHECKS.map((c) => c.name).sort());
  let n = 0;
  for (const [name, ways] of Object.entries(BREAKS)) {
    await t.step(name, async () => {
      for (const [what, breakIt] of ways) {
        const dir = `${tmp}/broken-${n++}`;
        await copyDir(A, dir);
        breakIt(dir);
        for (const batchBytes of [undefined, SMALL_BATCH]) {
          const r = await validateDataset(dir, { only: [name], batchBytes });
          const res = r.results.find((x) => x.name === name)!;
          const how = `${what}, ${batchBytes ? "in batches" : "in one pass"}`;
          assert.ok(!res.detail?.startsWith("check could not run"), `${how}: ${res.detail}`);
          assert.equal(res.status, "fail", `${name} should fail: ${how}`);
          assert.ok(res.violations >= 1, how);
        }
        await Deno.remove(dir, { recursive: true });
      }
    });
  }
});

Deno.test("manufacturing: read by DuckDB, every purchase order to a maker is one sales order with its lines, and plant stock is never negative", async () => {
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  const q = async (sql: string) => (await con.runAndReadAll(sql)).getRows()[0].map(Number);
  const t = (name: string) => `read_parquet('${A}/${name}/*.parquet')`;
  try {
    const [pos, orders, unmatched] = await q(
      `with p as (select po_id from ${t("distributor_purchase_orders")}
                  where supplier_company_id is not null),
            o as (select distributor_po_id po_id from ${t("manufacturer_sales_orders")}
                  where distributor_po_id is not null)
       select (select count(*) from p), (select count(*) from o),
              (select count(*) from p full join o using (po_id) where p.po_id is null or o.po_id is null)`,
    );
    assert.ok(pos > 50, `${pos} purchase orders to the makers`);
    assert.equal(orders, pos, "one sales order per purchase order");
    assert.equal(unmatched, 0);
    const [differ] = await q(
      `with a as (select o.distributor_po_id po_id, l.line_number, l.sku_id, l.qty, l.unit_price
                  from ${t("manufacturer_sales_order_lines")} l
                  join ${t("manufacturer_sales_orders")} o using (order_id)
                  where o.distributor_po_id is not null),
            b as (select l.po_id, l.line_number, l.sku_id, l.qty, l.unit_cost unit_price
                  from ${t("distributor_purchase_order_lines")} l
                  join ${t("distributor_purchase_orders")} p using (po_id)
                  where p.supplier_company_id is not null)
       select count(*) from a full join b using (po_id, line_number)
       where a.sku_id is distinct from b.sku_id or a.qty is distinct from b.qty
          or a.unit_price is distinct from b.unit_price`,
    );
    assert.equal(differ, 0, "the same lines, quantities and transfer prices");
    const [rows, minClose, unbalanced] = await q(
      `select count(*), min(closing_qty),
              count(*) filter (where opening_qty + in_qty - out_qty <> closing_qty)
       from ${t("plant_inventory")}`,
    );
    assert.ok(rows > 100, `${rows} stock rows`);
    assert.ok(minClose >= 0, `stock never negative (${minClose})`);
    assert.equal(unbalanced, 0);
  } finally {
    con.closeSync();
  }
});

Deno.test("manufacturing: the same seed gives byte-identical manufacturing files on 1 and 2 workers", async () => {
  const B = `${tmp}/b`;
  await generate({ options: OPTIONS, out: B, workers: 2, quiet: true, overwrite: true });
  const names = new Set<string>(MANUFACTURING_TABLES.map((x) => x.name));
  const others = (rel: string) => !names.has(rel.split("/")[0]);
  const a = await treeDigest(A, others), b = await treeDigest(B, others);
  assert.ok(a.size >= MANUFACTURING_TABLES.length, `${a.size} files`);
  assert.deepEqual([...b], [...a]);
});

Deno.test("manufacturing: a rush batch too big for the rest of its day is packed by 23:30 on parallel filling lines, units and litres kept", () => {
  // A DC's forward buy at scale 10: 1,411,176 one-litre bottles, blended by 14:00.
  const units = 1_411_176, pack = 1, fill = 0.004, start = 14 * 3600;
  const drawn = Math.round(units * pack * (1 + fill) * 1000) / 1000;
  const oneLine = Math.round(drawn / BLEND_TIMES.packPerHourLitres * 3600);
  assert.ok(start + oneLine > 2 * 86400, "on one line it would take days");
  const lanes = packLanes(units, drawn, pack, fill, start, true);
  assert.ok(lanes.length > 1);
  for (const l of lanes) {
    assert.ok(
      start + l.seconds <= RUSH_PACKED_BY_SEC + 60,
      `a lane ends at ${start + l.seconds} s`,
    );
  }
  assert.equal(lanes.reduce((a, l) => a + l.units, 0), units);
  const litres = lanes.reduce((a, l) => a + l.litres, 0);
  assert.ok(Math.abs(litres - drawn) < 0.001, `${litres} L drawn of ${drawn}`);
  // Not a rush: one line, however long; a rush that fits the day: one line too.
  assert.deepEqual(packLanes(units, drawn, pack, fill, start, false), [
    { units, litres: drawn, seconds: oneLine },
  ]);
  assert.equal(packLanes(900, 903.6, pack, fill, start, true).length, 1);
});
