/**
 * Tests of the distribution tier (Brightaxle): a scale-0.01 half-year dataset
 * validates, in one pass and in batches of distribution centres; every
 * distribution check fails on a copy broken in the one way it is about; and,
 * read back by DuckDB as an independent reader, every store replenishment
 * order is one distributor sales order with the same lines, DC stock is
 * never negative and every invoice's (and credit note's) totals are the sums
 * of its lines; the same seed gives byte-identical distribution files on one
 * worker and on two.
 *
 * @module
 */

import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { DuckDBInstance } from "@duckdb/node-api";
import { generate } from "../lib/engine/run.ts";
import { validateOptions } from "../lib/options/io.ts";
import { validateDataset } from "../lib/validate/report.ts";
import { DISTRIBUTION_CHECKS } from "../lib/tiers/distribution/checks.ts";
import { DISTRIBUTION_GROUP_TABLES } from "../lib/tiers/distribution/generators.ts";
import { copyDir, tempDir, treeDigest } from "./helpers/tree.ts";
import { edit, firstRow } from "./helpers/corrupt.ts";

/**
 * Half a year at scale 0.01: one retail chunk, one distribution chunk per DC (18), checked
 * in one pass and in batches of DCs (each with the store orders of the stores it serves).
 */
const OPTIONS = validateOptions({ scale: 0.01, seed: 7, start: "2024-01-01", end: "2024-06-30" });
/** Last day of the period, as days since 1970-01-01. */
const END = Date.UTC(2024, 5, 30) / 86_400_000;
/** A batch size that splits the distribution chunks into several batches. */
const SMALL_BATCH = 256 * 1024;

const tmp = await tempDir("distribution");
const A = `${tmp}/a`;
const first = await generate({
  options: OPTIONS,
  out: A,
  workers: 1,
  quiet: true,
  overwrite: true,
});

const scan = (dir: string, table: string) => pl.scanParquet(`${dir}/${table}/*.parquet`);
const day = (c: string) => pl.col(c).cast(pl.Int32);
const col = pl.col;

/** A retail replenishment sales order (its id). */
const retailOrder = (d: string) =>
  firstRow(
    scan(d, "distributor_sales_orders").filter(col("order_type").eq(pl.lit("retail_replenishment")))
      .select("order_id"),
  ).order_id;

/** Shipments of the retail replenishment orders, with the order's requested (booked) day. */
const retailShipments = (d: string) =>
  scan(d, "distributor_shipments").join(
    scan(d, "distributor_sales_orders").filter(
      col("order_type").eq(pl.lit("retail_replenishment")),
    ).select("order_id"),
    { on: "order_id" },
  );

/** Credit notes with their account's country and type. */
const creditNotes = (d: string) =>
  scan(d, "distributor_invoices").filter(col("invoice_type").eq(pl.lit("credit_note")));

const plus = (c: string, n: number) => col(c).plus(n);
const days = (c: string, n: number) => day(c).plus(n).cast(pl.Date);

type Break = [what: string, breakIt: (dir: string) => void];

/** For each distribution check, one or more ways of breaking a copy that it must catch. */
const BREAKS: Record<string, Break[]> = {
  "distribution.store_orders_are_sales_orders": [
    ["a store order's sales order dated a day early", (d) => {
      const id = retailOrder(d);
      edit(d, "distributor_sales_orders", col("order_id").eq(id), {
        order_date: days("order_date", -1),
      });
    }],
    ["a store order with no sales order", (d) => {
      const id = retailOrder(d);
      edit(d, "distributor_sales_orders", col("order_id").eq(id), {}, "drop");
    }],
  ],
  "distribution.store_order_lines_mirrored": [
    ["a mirrored line's qty one more (its amount along)", (d) => {
      const id = retailOrder(d);
      edit(d, "distributor_sales_order_lines", col("order_id").eq(id), {
        qty: plus("qty", 1),
        line_amount: col("qty").plus(1).mul(col("unit_price")),
      });
    }],
  ],
  "distribution.store_orders_ship_whole_on_booked_day": [
    ["a store order's shipment moved a day later", (d) => {
      const s = firstRow(
        retailShipments(d).filter(day("ship_date").lt(END - 14)).select("shipment_id"),
      );
      edit(d, "distributor_shipments", col("shipment_id").eq(s.shipment_id), {
        ship_date: days("ship_date", 1),
        delivery_date: days("delivery_date", 1),
      });
    }],
  ],
  "distribution.shipped_within_ordered": [
    ["a unit more shipped on a line already shipped in full", (d) => {
      const shipped = scan(d, "distributor_shipment_lines").groupBy([
        "order_id",
        "order_line_number",
      ]).agg(col("qty").sum().alias("shipped"));
      const full = firstRow(
        scan(d, "distributor_sales_order_lines").join(shipped, {
          leftOn: ["order_id", "line_number"],
          rightOn: ["order_id", "order_line_number"],
        }).filter(col("shipped").eq(col("qty"))).select("order_id", "line_number"),
      );
      edit(
        d,
        "distributor_shipment_lines",
        col("order_id").eq(full.order_id).and(col("order_line_number").eq(full.line_number)),
        { qty: plus("qty", 1) },
      );
    }],
  ],
  "distribution.order_arithmetic": [
    ["an order line's amount a cent off", (d) => {
      edit(d, "distributor_sales_order_lines", pl.lit(true), {
        line_amount: plus("line_amount", 1),
      });
    }],
  ],
  "distribution.prices_from_price_book": [
    ["a tier-discounted unit price one cent more (its amount along)", (d) => {
      const o = firstRow(
        scan(d, "distributor_sales_orders").join(
          scan(d, "distributor_customers").filter(col("tier_discount_bp").gt(0)),
          { on: "customer_id" },
        ).select("order_id"),
      );
      edit(d, "distributor_sales_order_lines", col("order_id").eq(o.order_id), {
        unit_price: plus("unit_price", 1),
        line_amount: col("unit_price").plus(1).mul(col("qty")),
      });
    }],
  ],
  "distribution.invoices_bill_shipments": [
    ["an invoice's tax a cent more (its total along)", (d) => {
      edit(
        d,
        "distributor_invoices",
        col("invoice_type").eq(pl.lit("invoice")).and(col("tax_rate_bp").gt(0)),
        { tax_amount: plus("tax_amount", 1), total_amount: plus("total_amount", 1) },
      );
    }],
  ],
  "distribution.tax_by_country_rule": [
    ["an invoice's tax rate a basis point off", (d) => {
      edit(d, "distributor_invoices", col("invoice_type").eq(pl.lit("invoice")), {
        tax_rate_bp: plus("tax_rate_bp", 1),
      });
    }],
  ],
  "distribution.credit_notes_for_shipped_goods": [
    ["more units credited than were shipped (amounts along)", (d) => {
      // A note without tax, so that only the quantity is wrong.
      const n = firstRow(creditNotes(d).filter(col("tax_rate_bp").eq(0)).select("invoice_id"));
      const id = col("invoice_id").eq(n.invoice_id);
      const line = firstRow(
        scan(d, "distributor_invoice_lines").filter(id).select("qty", "unit_price"),
      );
      edit(d, "distributor_invoice_lines", id, {
        qty: plus("qty", -1000),
        net_amount: col("qty").minus(1000).mul(col("unit_price")),
      });
      const more = -1000 * line.unit_price;
      edit(d, "distributor_invoices", id, {
        net_amount: plus("net_amount", more),
        total_amount: plus("total_amount", more),
      });
    }],
    ["a credit note's tax a cent more (its total along)", (d) => {
      const n = firstRow(creditNotes(d).filter(col("tax_rate_bp").gt(0)).select("invoice_id"));
      edit(d, "distributor_invoices", col("invoice_id").eq(n.invoice_id), {
        tax_amount: plus("tax_amount", 1),
        total_amount: plus("total_amount", 1),
      });
    }],
    ["a credit at a cent above the order line's price", (d) => {
      const n = firstRow(creditNotes(d).filter(col("tax_rate_bp").eq(0)).select("invoice_id"));
      edit(d, "distributor_invoice_lines", col("invoice_id").eq(n.invoice_id), {
        unit_price: plus("unit_price", 1),
        net_amount: col("unit_price").plus(1).mul(col("qty")),
      });
    }],
  ],
  "distribution.payments_within_invoice": [
    ["an invoice paid twice", (d) => {
      edit(d, "distributor_payments", col("payment_kind").eq(pl.lit("full")), {
        payment_id: plus("payment_id", 5e9),
      }, "copy");
    }],
  ],
  "distribution.dates_causal": [
    ["a purchase-order line received a day before its due day", (d) => {
      const r = firstRow(
        scan(d, "dc_receipts").join(
          scan(d, "distributor_purchase_orders").select("po_id", "expected_date"),
          { on: "po_id" },
        ).filter(day("receipt_date").eq(day("expected_date"))).select("receipt_id"),
      );
      edit(d, "dc_receipts", col("receipt_id").eq(r.receipt_id), {
        receipt_date: days("receipt_date", -1),
      });
    }],
    ["a shipment delivered the day before it left", (d) => {
      edit(d, "distributor_shipments", pl.lit(true), { delivery_date: days("ship_date", -1) });
    }],
  ],
  "distribution.cost_of_goods_from_price_book": [
    ["an invoice line's cost a cent above the transfer price", (d) => {
      edit(d, "distributor_invoice_lines", pl.lit(true), { unit_cost: plus("unit_cost", 1) });
    }],
  ],
  "distribution.purchase_orders_from_price_book": [
    ["a purchase-order line a cent above the transfer price (its amount along)", (d) => {
      edit(d, "distributor_purchase_order_lines", pl.lit(true), {
        unit_cost: plus("unit_cost", 1),
        line_amount: col("unit_cost").plus(1).mul(col("qty")),
      });
    }],
  ],
  "distribution.receipts_match_purchase_orders": [
    ["a purchase-order line received twice", (d) => {
      edit(d, "dc_receipts", pl.lit(true), { receipt_id: plus("receipt_id", 5e9) }, "copy");
    }],
  ],
  "distribution.dc_stock_conserved": [
    ["a last week's closing negative (the week's flows and value along)", (d) => {
      // The flows still add up and no later week opens with it: only closing ≥ 0 fails.
      const last = firstRow(scan(d, "dc_inventory").select(day("week_start").max().alias("w")));
      edit(d, "dc_inventory", day("week_start").eq(last.w).and(col("unit_cost").gt(0)), {
        shipments_qty: col("shipments_qty").plus(col("closing_qty")).plus(1),
        closing_qty: pl.lit(-1),
        closing_value: col("unit_cost").mul(-1),
      });
    }],
  ],
  "distribution.dc_flows_match_documents": [
    ["a receipt moved to the next week", (d) => {
      edit(d, "dc_receipts", day("receipt_date").lt(END - 14), {
        receipt_date: days("receipt_date", 7),
      });
    }],
  ],
};

Deno.test("distribution: a scale-0.01 half-year dataset validates, every distribution check run", async () => {
  const m = first.manifest!;
  for (const t of DISTRIBUTION_GROUP_TABLES) assert.ok(m.tables[t]?.rows > 0, `${t} has rows`);
  const report = await validateDataset(A);
  const failed = report.results.filter((r) => r.status === "fail");
  assert.deepEqual(
    failed.map((f) => `${f.name}: ${f.detail ?? ""} ${JSON.stringify(f.sample[0] ?? {})}`),
    [],
  );
  assert.equal(DISTRIBUTION_CHECKS.length, 16);
  for (const c of DISTRIBUTION_CHECKS) {
    assert.equal(report.results.find((r) => r.name === c.name)?.status, "pass", c.name);
  }
});

Deno.test("distribution: checked in batches of distribution centres, the dataset passes", async () => {
  const r = await validateDataset(A, { only: ["distribution"], batchBytes: SMALL_BATCH });
  assert.ok(r.batches >= 3, `${r.batches} batches`);
  assert.deepEqual(
    r.results.filter((x) => x.status !== "pass").map((x) => `${x.name}: ${x.violations}`),
    [],
  );
  assert.deepEqual(r.results.map((x) => x.name), DISTRIBUTION_CHECKS.map((c) => c.name));
});

Deno.test("distribution: every distribution check fails on a copy broken for it", async (t) => {
  assert.deepEqual(Object.keys(BREAKS).sort(), DISTRIBUTION_CHECKS.map((c) => c.name).sort());
  let n = 0;
  for (const [name, ways] of Object.entries(BREAKS)) {
    await t.step(name, async () => {
      for (const [what, breakIt] of ways) {
        const dir = `${tmp}/broken-${n++}`;
        await copyDir(A, dir);
        breakIt(dir);
        for (const batchBytes of [undefined, SMALL_BATCH]) {
          const r = await validateDataset(dir, { only: [name], batchBytes });
          assert.equal(r.batches > 1, batchBytes !== undefined);
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

Deno.test("distribution: read by DuckDB, every store order is one sales order with the same lines", async () => {
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  const q = async (sql: string) => (await con.runAndReadAll(sql)).getRows()[0].map(Number);
  const t = (name: string) => `read_parquet('${A}/${name}/*.parquet')`;
  try {
    await con.run(
      `create view mine as select order_id, retail_order_id from ${t("distributor_sales_orders")}
       where order_type = 'retail_replenishment'`,
    );
    const [stores, retail, notOnce, orphans] = await q(
      `select (select count(*) from ${t("store_replenishment_orders")}),
              (select count(*) from mine),
              (select count(*) from ${t("store_replenishment_orders")} s
                 left join (select retail_order_id, count(*) n from mine group by 1) c
                 on c.retail_order_id = s.order_id where c.n is distinct from 1),
              (select count(*) from mine where retail_order_id not in
                 (select order_id from ${t("store_replenishment_orders")}))`,
    );
    assert.ok(stores > 100, `${stores} store orders`);
    assert.equal(retail, stores, "as many retail sales orders as store orders");
    assert.equal(notOnce, 0, "every store order appears exactly once");
    assert.equal(orphans, 0, "every retail sales order names a store order");
    const [lines, theirs, differ] = await q(
      `with a as (select m.retail_order_id, l.line_number, l.sku_id, l.qty, l.unit_price,
                         l.line_amount
                  from ${t("distributor_sales_order_lines")} l join mine m using (order_id)),
            b as (select order_id retail_order_id, line_number, sku_id, qty, unit_price, line_amount
                  from ${t("store_replenishment_order_lines")})
       select (select count(*) from a), (select count(*) from b),
              (select count(*) from a full join b using (retail_order_id, line_number)
               where a.sku_id is distinct from b.sku_id or a.qty is distinct from b.qty
                  or a.unit_price is distinct from b.unit_price
                  or a.line_amount is distinct from b.line_amount)`,
    );
    assert.equal(lines, theirs);
    assert.equal(differ, 0, "the same lines: numbers, SKUs, quantities, prices, amounts");
  } finally {
    con.closeSync();
  }
});

Deno.test("distribution: read by DuckDB, DC stock is never negative and invoice totals are Σ lines", async () => {
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  const q = async (sql: string) => (await con.runAndReadAll(sql)).getRows()[0].map(Number);
  const t = (name: string) => `read_parquet('${A}/${name}/*.parquet')`;
  try {
    const [rows, minOpen, minClose, unbalanced] = await q(
      `select count(*), min(opening_qty), min(closing_qty),
              count(*) filter (where opening_qty + receipts_qty - shipments_qty + returns_qty
                                     <> closing_qty)
       from ${t("dc_inventory")}`,
    );
    assert.ok(rows > 1000, `${rows} stock rows`);
    assert.ok(minOpen >= 0 && minClose >= 0, `stock never negative (${minOpen}, ${minClose})`);
    assert.equal(unbalanced, 0, "opening + receipts − shipments + returns = closing");
    const [invoices, notes, off, badLine] = await q(
      `with s as (select invoice_id, count(*) n, sum(net_amount) net, sum(tax_amount) tax
                  from ${t("distributor_invoice_lines")} group by 1)
       select count(*) filter (where invoice_type = 'invoice'),
              count(*) filter (where invoice_type = 'credit_note'),
              count(*) filter (where s.n is null or i.net_amount <> s.net
                                  or i.tax_amount <> s.tax
                                  or i.total_amount <> s.net + s.tax),
              (select count(*) from ${t("distributor_invoice_lines")}
               where net_amount <> qty * unit_price)
       from ${t("distributor_invoices")} i left join s using (invoice_id)`,
    );
    assert.ok(invoices > 100 && notes > 0, `${invoices} invoices, ${notes} credit notes`);
    assert.equal(off, 0, "net, tax and total are the sums of the lines");
    assert.equal(badLine, 0, "a line's net is qty × unit price");
  } finally {
    con.closeSync();
  }
});

Deno.test("distribution: the same seed gives byte-identical distribution files on 1 and 2 workers", async () => {
  const B = `${tmp}/b`;
  await generate({ options: OPTIONS, out: B, workers: 2, quiet: true, overwrite: true });
  const group = new Set<string>(DISTRIBUTION_GROUP_TABLES);
  const mine = (rel: string) => !group.has(rel.split("/")[0]);
  const a = await treeDigest(A, mine), b = await treeDigest(B, mine);
  const tables = new Set([...a.keys()].map((p) => p.split("/")[0]));
  assert.deepEqual([...tables].sort(), [...DISTRIBUTION_GROUP_TABLES].sort());
  assert.ok(a.size >= 12 * 18, `${a.size} files`);
  assert.deepEqual([...b], [...a]);
});

Deno.test("distribution: a very small trade account still orders at least one line on average", async () => {
  const { meanLinesPerOrder, TRADE_TYPES } = await import("../lib/tiers/distribution/params.ts");
  for (const type of TRADE_TYPES) {
    for (const size of [1e-6, 0.01, 0.05, 1, 4]) {
      const m = meanLinesPerOrder(type, size);
      assert.ok(Number.isFinite(m) && m >= 1, `${type} at size ${size}: ${m}`);
    }
  }
});
