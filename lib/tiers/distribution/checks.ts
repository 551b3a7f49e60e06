/**
 * Checks of the distribution tier: the retailer's store orders and the
 * distributor's sales orders are one document (same lines, prices and
 * dates), store receipts are the DC's shipments, shipments never exceed what
 * was ordered, invoices are shipped quantity × the order price with the
 * country's tax, payments never exceed the invoice, dates are causal, DC
 * stock is conserved and matches the documents, and prices and costs come
 * from the price book.
 *
 * Every check is a lazy Polars query that yields the violating rows.
 *
 * @module
 */

import pl from "nodejs-polars";
import { type Check, findingOf } from "../../validate/check.ts";
import type { Dataset } from "../../validate/dataset.ts";
import { noPriceBookRow, withPriceBook } from "../../validate/price_book.ts";
import { lookupFor, withPrevious } from "../../validate/seams.ts";

const col = pl.col;
const day = (c: string) => col(c).cast(pl.Int32);
const neq = (a: string, b: string) => col(a).neq(col(b)).fillNull(true);
const isNull = (c: string) => col(c).isNull();
/** Rounds half up, as JavaScript's Math.round does (Polars' round differs on ties). */
const roundHalfUp = (e: pl.Expr) => e.plus(0.5).floor();

/** No purchase-order line arrives later than this many days past its expected date. */
const LATEST_RECEIPT_DAYS = 30;

/** Last day of the period (the calendar's). */
function periodEnd(ds: Dataset): number {
  return Number(
    ds.scan("calendar").select(day("date").max().alias("end")).collectSync().getColumn("end")
      .get(0),
  );
}

/**
 * The distributor's retail-replenishment orders with their store order beside
 * them (looked up: a time slice of a DC reads only the store orders it names).
 */
function retailOrders(ds: Dataset): pl.LazyDataFrame {
  const own = ds.scan("distributor_sales_orders").filter(
    col("order_type").eq(pl.lit("retail_replenishment")),
  );
  const store = lookupFor(ds, "store_replenishment_orders", own, ["order_id"], [
    "retail_order_id",
  ]).select(
    col("order_id").alias("retail_order_id"),
    col("site_id").alias("s_site_id"),
    col("dc_site_id").alias("s_dc_site_id"),
    day("order_date").alias("s_order_date"),
    day("ship_date").alias("s_ship_date"),
    day("receive_date").alias("s_receive_date"),
  );
  return own.join(store, { on: "retail_order_id", how: "left" });
}

/**
 * Σ shipped per order line of the orders in `orders` (looked up: a time slice
 * of a DC sees shipments within reach).
 */
function shippedPerLine(ds: Dataset, orders: pl.LazyDataFrame): pl.LazyDataFrame {
  return lookupFor(ds, "distributor_shipment_lines", orders, ["order_id"]).groupBy([
    "order_id",
    "order_line_number",
  ]).agg(
    col("qty").sum().alias("shipped"),
  ).rename({ order_line_number: "line_number" });
}

/** Distribution-tier checks. */
export const DISTRIBUTION_CHECKS: Check[] = [
  {
    name: "distribution.store_orders_are_sales_orders",
    description:
      "every store replenishment order is exactly one retail_replenishment sales order of its DC, from the store's account, with the same order day and the store's ship day as requested day — and every such sales order names a store order (store orders of the DCs whose accounts are in the data, so that a batch of DCs is checked alone)",
    tables: ["distributor_sales_orders", "store_replenishment_orders", "distributor_customers"],
    run(ds) {
      const cust = ds.lookup("distributor_customers").select("customer_id", "retail_site_id");
      const mine = retailOrders(ds).join(cust, { on: "customer_id", how: "left" });
      const bad = mine.filter(
        isNull("s_site_id").or(neq("retail_site_id", "s_site_id"))
          .or(neq("dc_site_id", "s_dc_site_id"))
          .or(day("order_date").neq(col("s_order_date")))
          .or(day("requested_date").neq(col("s_ship_date"))),
      ).select("order_id", "retail_order_id", "customer_id", "order_date", "s_order_date");
      const counts = ds.scan("distributor_sales_orders").filter(
        col("order_type").eq(pl.lit("retail_replenishment")),
      ).groupBy("retail_order_id").agg(pl.len().alias("n"));
      // Only the store orders of the DCs whose accounts are here: checked in batches, a batch
      // holds some DCs' documents (and every store order), and the others' orders are not missing.
      // A time slice of a DC: the store orders placed in its days.
      const dcs = ds.lookup("distributor_customers").select("dc_site_id").unique();
      const w = ds.window;
      const unmatched = ds.scan("store_replenishment_orders").filter(
        w ? day("order_date").gtEq(w.from).and(day("order_date").lt(w.to)) : pl.lit(true),
      ).join(dcs, {
        on: "dc_site_id",
        how: "semi",
      }).select(
        col("order_id").alias("retail_order_id"),
      ).join(counts, { on: "retail_order_id", how: "left" }).filter(
        col("n").isNull().or(col("n").neq(1)),
      ).select(
        pl.lit(null).cast(pl.Float64).alias("order_id"),
        col("retail_order_id"),
        pl.lit(null).cast(pl.Float64).alias("customer_id"),
        pl.lit(null).cast(pl.Date).alias("order_date"),
        pl.lit(null).cast(pl.Int32).alias("s_order_date"),
      );
      return findingOf(
        pl.concat([
          bad.withColumns(
            col("order_id").cast(pl.Float64),
            col("retail_order_id").cast(pl.Float64),
            col("customer_id").cast(pl.Float64),
            col("order_date").cast(pl.Date),
            col("s_order_date").cast(pl.Int32),
          ),
          unmatched.withColumns(col("retail_order_id").cast(pl.Float64)),
        ]),
      );
    },
  },
  {
    name: "distribution.store_order_lines_mirrored",
    description:
      "a store order's lines and its sales order's lines are the same lines: same numbers, SKUs, quantities, unit prices and amounts, none missing on either side",
    tables: [
      "distributor_sales_orders",
      "distributor_sales_order_lines",
      "store_replenishment_order_lines",
    ],
    run(ds) {
      const ids = ds.scan("distributor_sales_orders").filter(
        col("order_type").eq(pl.lit("retail_replenishment")),
      ).select("order_id", "retail_order_id");
      const mine = ds.scan("distributor_sales_order_lines").join(ids, { on: "order_id" });
      const theirs = lookupFor(ds, "store_replenishment_order_lines", ids, ["order_id"], [
        "retail_order_id",
      ]).select(
        col("order_id").alias("retail_order_id"),
        "line_number",
        col("sku_id").alias("s_sku_id"),
        col("qty").alias("s_qty"),
        col("unit_price").alias("s_unit_price"),
        col("line_amount").alias("s_line_amount"),
      ).join(ids, { on: "retail_order_id", how: "inner" });
      return findingOf(
        mine.join(theirs, { on: ["order_id", "retail_order_id", "line_number"], how: "full" })
          .filter(
            neq("sku_id", "s_sku_id").or(neq("qty", "s_qty"))
              .or(neq("unit_price", "s_unit_price"))
              .or(neq("line_amount", "s_line_amount")),
          ).select(
            col("order_id"),
            col("line_number"),
            col("sku_id"),
            col("s_sku_id"),
            col("qty"),
            col("s_qty"),
            col("unit_price"),
            col("s_unit_price"),
          ),
      );
    },
  },
  {
    name: "distribution.store_orders_ship_whole_on_booked_day",
    description:
      "a store order ships in one shipment on the store's ship day, arriving on its receive day, with every line's full quantity (orders due to ship within the period)",
    tables: [
      "distributor_sales_orders",
      "distributor_sales_order_lines",
      "distributor_shipments",
      "distributor_shipment_lines",
      "store_replenishment_orders",
      "calendar",
    ],
    run(ds) {
      const end = periodEnd(ds);
      const orders = retailOrders(ds).filter(col("s_ship_date").ltEq(end));
      const ships = lookupFor(ds, "distributor_shipments", orders, ["order_id"]).groupBy(
        "order_id",
      ).agg(
        pl.len().alias("n_ship"),
        day("ship_date").min().alias("ship"),
        day("delivery_date").min().alias("delivery"),
      );
      const badHeader = orders.join(ships, { on: "order_id", how: "left" }).filter(
        col("n_ship").neq(1).fillNull(true).or(col("ship").neq(col("s_ship_date")))
          .or(col("delivery").neq(col("s_receive_date"))),
      ).select(col("order_id"), pl.lit(null).cast(pl.Int16).alias("line_number"));
      const badLines = ds.scan("distributor_sales_order_lines").join(
        orders.select("order_id"),
        { on: "order_id" },
      ).join(shippedPerLine(ds, orders), { on: ["order_id", "line_number"], how: "left" }).filter(
        neq("shipped", "qty"),
      ).select(col("order_id"), col("line_number").cast(pl.Int16));
      return findingOf(pl.concat([badHeader, badLines]));
    },
  },
  {
    name: "distribution.shipped_within_ordered",
    description:
      "every shipment line ships an existing order line of its order, the same SKU, a positive quantity, and an order line's shipments add up to no more than was ordered",
    tables: ["distributor_sales_order_lines", "distributor_shipment_lines"],
    run(ds) {
      const orderLines = (lf: pl.LazyDataFrame) =>
        lf.select(
          "order_id",
          "line_number",
          col("sku_id").alias("o_sku_id"),
          col("qty").alias("ordered"),
        );
      const lines = orderLines(ds.scan("distributor_sales_order_lines"));
      const wrong = ds.scan("distributor_shipment_lines").join(
        orderLines(
          lookupFor(
            ds,
            "distributor_sales_order_lines",
            ds.scan("distributor_shipment_lines"),
            ["order_id"],
          ),
        ),
        {
          leftOn: ["order_id", "order_line_number"],
          rightOn: ["order_id", "line_number"],
          how: "left",
        },
      ).filter(isNull("ordered").or(neq("sku_id", "o_sku_id")).or(col("qty").ltEq(0)))
        .select(
          col("order_id"),
          col("order_line_number").alias("line_number"),
          col("qty").cast(pl.Int64).alias("shipped"),
          col("ordered").cast(pl.Int64),
        );
      const over = lines.join(shippedPerLine(ds, lines), { on: ["order_id", "line_number"] })
        .filter(
          col("shipped").gt(col("ordered")),
        ).select(
          col("order_id"),
          col("line_number"),
          col("shipped").cast(pl.Int64),
          col("ordered").cast(pl.Int64),
        );
      return findingOf(pl.concat([wrong, over]));
    },
  },
  {
    name: "distribution.order_arithmetic",
    description:
      "line_amount = qty × unit_price on every order line, and an order's line count, units, list and net amounts are the sums of its lines",
    tables: ["distributor_sales_orders", "distributor_sales_order_lines"],
    run(ds) {
      const lines = ds.scan("distributor_sales_order_lines");
      const badLines = lines.filter(
        col("line_amount").neq(col("qty").mul(col("unit_price"))).or(col("qty").ltEq(0)),
      ).select("order_id", "line_number");
      const sums = lines.groupBy("order_id").agg(
        pl.len().alias("n"),
        col("qty").sum().alias("q"),
        col("qty").mul(col("unit_list_price")).sum().alias("list"),
        col("line_amount").sum().alias("net"),
      );
      const badHeaders = ds.scan("distributor_sales_orders").join(sums, {
        on: "order_id",
        how: "left",
      }).filter(
        neq("line_count", "n").or(neq("total_qty", "q")).or(neq("list_amount", "list"))
          .or(neq("net_amount", "net")),
      ).select(col("order_id"), pl.lit(null).cast(pl.Int16).alias("line_number"));
      return findingOf(
        pl.concat([badLines.withColumns(col("line_number").cast(pl.Int16)), badHeaders]),
      );
    },
  },
  {
    name: "distribution.prices_from_price_book",
    description:
      "every order line's unit_list_price is the price book's wholesale price for its SKU, segment and order day, and unit_price = round(list × (1 − the account's tier_discount_bp / 10000))",
    tables: [
      "distributor_sales_orders",
      "distributor_sales_order_lines",
      "distributor_customers",
      "price_book",
    ],
    run(ds) {
      const orders = ds.scan("distributor_sales_orders").select(
        "order_id",
        "customer_id",
        "segment_id",
        "order_date",
      );
      const tiers = ds.lookup("distributor_customers").select("customer_id", "tier_discount_bp");
      const lf = ds.scan("distributor_sales_order_lines").join(orders, { on: "order_id" })
        .join(tiers, { on: "customer_id", how: "left" });
      const want = roundHalfUp(
        col("pb_wholesale").mul(pl.lit(10000).minus(col("tier_discount_bp"))).div(10000),
      );
      return findingOf(
        withPriceBook(lf, ds, "order_date", { wholesale_price: "pb_wholesale" }).filter(
          noPriceBookRow().or(neq("unit_list_price", "pb_wholesale"))
            .or(col("unit_price").cast(pl.Float64).neq(want).fillNull(true)),
        ).select(
          "order_id",
          "line_number",
          "sku_id",
          "unit_list_price",
          "pb_wholesale",
          "unit_price",
        ),
      );
    },
  },
  {
    name: "distribution.invoices_bill_shipments",
    description:
      "each invoice bills one shipment on its ship day: its lines are the shipment's lines (same order lines, SKUs and quantities) at the order line's unit price; net = qty × price, tax = round(net × rate / 10000), the header is the sum of its lines, total = net + tax, and due = invoice day + the account's terms",
    tables: [
      "distributor_invoices",
      "distributor_invoice_lines",
      "distributor_shipments",
      "distributor_shipment_lines",
      "distributor_sales_order_lines",
      "distributor_customers",
    ],
    run(ds) {
      const inv = ds.scan("distributor_invoices").filter(col("invoice_type").eq(pl.lit("invoice")));
      const invLines = ds.scan("distributor_invoice_lines").join(
        inv.select("invoice_id", "shipment_id", "tax_rate_bp"),
        { on: "invoice_id" },
      );
      const shipLines = ds.scan("distributor_shipment_lines").select(
        "shipment_id",
        "line_number",
        col("order_id").alias("s_order_id"),
        col("order_line_number").alias("s_order_line"),
        col("sku_id").alias("s_sku_id"),
        col("qty").alias("s_qty"),
      );
      const prices = lookupFor(
        ds,
        "distributor_sales_order_lines",
        ds.scan("distributor_shipment_lines"),
        ["order_id"],
      ).select(
        col("order_id").alias("s_order_id"),
        col("line_number").alias("s_order_line"),
        col("unit_price").alias("o_price"),
      );
      const lines = invLines.join(shipLines, { on: ["shipment_id", "line_number"], how: "full" })
        .join(prices, { on: ["s_order_id", "s_order_line"], how: "left" }).filter(
          col("shipment_id").isNotNull().or(col("invoice_id").isNotNull()),
        ).filter(
          neq("order_id", "s_order_id").or(neq("order_line_number", "s_order_line"))
            .or(neq("sku_id", "s_sku_id")).or(neq("qty", "s_qty")).or(neq("unit_price", "o_price"))
            .or(col("net_amount").neq(col("qty").mul(col("unit_price"))).fillNull(true))
            .or(
              col("tax_amount").cast(pl.Float64).neq(
                roundHalfUp(col("net_amount").mul(col("tax_rate_bp")).div(10000)),
              ).fillNull(true),
            ),
        ).select(
          col("invoice_id").cast(pl.Float64),
          col("shipment_id").cast(pl.Float64),
          col("line_number").cast(pl.Int16),
        );
      const sums = ds.scan("distributor_invoice_lines").groupBy("invoice_id").agg(
        col("net_amount").sum().alias("s_net"),
        col("tax_amount").sum().alias("s_tax"),
      );
      const ships = ds.scan("distributor_shipments").select(
        "shipment_id",
        day("ship_date").alias("ship"),
      );
      const terms = ds.lookup("distributor_customers").select("customer_id", "terms_days");
      const headers = inv.join(sums, { on: "invoice_id", how: "left" })
        .join(ships, { on: "shipment_id", how: "left" })
        .join(terms, { on: "customer_id", how: "left" }).filter(
          neq("net_amount", "s_net").or(neq("tax_amount", "s_tax"))
            .or(col("total_amount").neq(col("net_amount").plus(col("tax_amount"))))
            .or(day("invoice_date").neq(col("ship")).fillNull(true))
            .or(
              day("due_date").neq(day("invoice_date").plus(col("terms_days").cast(pl.Int32)))
                .fillNull(true),
            ),
        ).select(
          col("invoice_id").cast(pl.Float64),
          col("shipment_id").cast(pl.Float64),
          pl.lit(null).cast(pl.Int16).alias("line_number"),
        );
      const unbilled = ds.scan("distributor_shipments").select("shipment_id").join(
        inv.select("shipment_id", "invoice_id"),
        { on: "shipment_id", how: "left" },
      ).filter(isNull("invoice_id")).select(
        col("invoice_id").cast(pl.Float64),
        col("shipment_id").cast(pl.Float64),
        pl.lit(null).cast(pl.Int16).alias("line_number"),
      );
      return findingOf(pl.concat([lines, headers, unbilled]));
    },
  },
  {
    name: "distribution.cost_of_goods_from_price_book",
    description:
      "every invoice and credit-note line's unit_cost is the price book's transfer price for its SKU, the invoice's segment and its day (so gross margin = net − qty × unit_cost holds to the cent)",
    tables: ["distributor_invoices", "distributor_invoice_lines", "price_book"],
    run(ds) {
      const inv = ds.scan("distributor_invoices").select(
        "invoice_id",
        "segment_id",
        "invoice_date",
      );
      const lines = ds.scan("distributor_invoice_lines").join(inv, { on: "invoice_id" });
      return findingOf(
        withPriceBook(lines, ds, "invoice_date", { transfer_price: "pb_transfer" }).filter(
          noPriceBookRow().or(neq("unit_cost", "pb_transfer")),
        ).select("invoice_id", "line_number", "sku_id", "invoice_date", "unit_cost", "pb_transfer"),
      );
    },
  },
  {
    name: "distribution.tax_by_country_rule",
    description:
      "invoices and credit notes carry the country's VAT/GST rate outside the US; in the US, 0 for purchases for resale and the country rate for fleets",
    tables: ["distributor_invoices", "distributor_customers", "countries"],
    run(ds) {
      const cust = ds.lookup("distributor_customers").select(
        "customer_id",
        "customer_type",
        "country_code",
      );
      const rates = ds.scan("countries").select("country_code", "tax_rate_bp").rename({
        tax_rate_bp: "country_rate",
      });
      const want = pl.when(
        col("country_code").eq(pl.lit("US")).and(col("customer_type").neq(pl.lit("fleet"))),
      ).then(pl.lit(0)).otherwise(col("country_rate"));
      return findingOf(
        ds.scan("distributor_invoices").join(cust, { on: "customer_id", how: "left" })
          .join(rates, { on: "country_code", how: "left" })
          .filter(col("tax_rate_bp").neq(want).fillNull(true))
          .select("invoice_id", "customer_type", "country_code", "tax_rate_bp"),
      );
    },
  },
  {
    name: "distribution.credit_notes_for_shipped_goods",
    description:
      "a credit note credits goods that were shipped on its order line (at most the shipped units), with negative quantities and amounts at the order line's unit price, tax = round(net × rate / 10000), and a header that is the sum of its lines (total = net + tax)",
    tables: [
      "distributor_invoices",
      "distributor_invoice_lines",
      "distributor_shipment_lines",
      "distributor_sales_order_lines",
    ],
    run(ds) {
      const notes = ds.scan("distributor_invoices").filter(
        col("invoice_type").eq(pl.lit("credit_note")),
      );
      const credited = ds.scan("distributor_invoice_lines").join(
        notes.select("invoice_id", "tax_rate_bp"),
        { on: "invoice_id" },
      );
      const perLine = credited.groupBy(["order_id", "order_line_number"]).agg(
        col("qty").sum().mul(-1).alias("credited"),
      ).rename({ order_line_number: "line_number" });
      const over = perLine.join(shippedPerLine(ds, perLine), {
        on: ["order_id", "line_number"],
        how: "left",
      })
        .filter(col("shipped").isNull().or(col("credited").gt(col("shipped"))))
        .select(
          pl.lit(null).cast(pl.Float64).alias("invoice_id"),
          col("order_id"),
          col("line_number"),
        );
      const prices = lookupFor(ds, "distributor_sales_order_lines", credited, ["order_id"]).select(
        "order_id",
        col("line_number").alias("order_line_number"),
        col("unit_price").alias("o_price"),
      );
      const lines = credited.join(prices, { on: ["order_id", "order_line_number"], how: "left" })
        .filter(
          col("qty").gtEq(0).or(col("net_amount").neq(col("qty").mul(col("unit_price"))))
            .or(neq("unit_price", "o_price"))
            .or(
              col("tax_amount").cast(pl.Float64).neq(
                roundHalfUp(col("net_amount").mul(col("tax_rate_bp")).div(10000)),
              ).fillNull(true),
            ),
        ).select(
          col("invoice_id").cast(pl.Float64),
          col("order_id"),
          col("order_line_number").alias("line_number"),
        );
      const sums = credited.groupBy("invoice_id").agg(
        col("net_amount").sum().alias("s_net"),
        col("tax_amount").sum().alias("s_tax"),
      );
      const headers = notes.join(sums, { on: "invoice_id", how: "left" }).filter(
        neq("net_amount", "s_net").or(neq("tax_amount", "s_tax"))
          .or(col("total_amount").neq(col("net_amount").plus(col("tax_amount")))),
      ).select(
        col("invoice_id").cast(pl.Float64),
        col("order_id"),
        pl.lit(null).cast(pl.Int16).alias("line_number"),
      );
      return findingOf(pl.concat([over, lines, headers]));
    },
  },
  {
    name: "distribution.payments_within_invoice",
    description:
      "an invoice's payments (received, discount taken and written off) add up to no more than its total, none is dated before the invoice, a write-off comes after the due day, and a credit note's credit equals its total",
    tables: ["distributor_invoices", "distributor_payments"],
    run(ds) {
      // Payments are looked up: a time slice of a DC sees an invoice's later payments.
      const paid = lookupFor(
        ds,
        "distributor_payments",
        ds.scan("distributor_invoices"),
        ["invoice_id"],
      ).groupBy("invoice_id").agg(
        col("amount").plus(col("discount_amount")).sum().alias("settled"),
        day("payment_date").min().alias("first_paid"),
        pl.when(col("payment_kind").eq(pl.lit("write_off"))).then(day("payment_date"))
          .otherwise(pl.lit(null)).min()
          .alias("written_off"),
      );
      const inv = ds.scan("distributor_invoices").select(
        "invoice_id",
        "invoice_type",
        "total_amount",
        day("invoice_date").alias("inv_day"),
        day("due_date").alias("due"),
      );
      return findingOf(
        inv.join(paid, { on: "invoice_id", how: "inner" }).filter(
          pl.when(col("invoice_type").eq(pl.lit("credit_note"))).then(
            col("settled").neq(col("total_amount")),
          ).otherwise(col("settled").gt(col("total_amount")))
            .or(col("first_paid").lt(col("inv_day")))
            .or(col("written_off").isNotNull().and(col("written_off").ltEq(col("due")))),
        ).select("invoice_id", "invoice_type", "total_amount", "settled", "first_paid"),
      );
    },
  },
  {
    name: "distribution.dates_causal",
    description:
      "no order before its account opened; order day ≤ ship day ≤ delivery day; a purchase order is due on or after its day, and received on or after its due day (suppliers are sometimes late, never early)",
    tables: [
      "distributor_sales_orders",
      "distributor_shipments",
      "distributor_customers",
      "distributor_purchase_orders",
      "dc_receipts",
    ],
    run(ds) {
      const since = ds.lookup("distributor_customers").select(
        "customer_id",
        day("customer_since").alias("since"),
      );
      const orders = ds.scan("distributor_sales_orders").select(
        "order_id",
        "customer_id",
        day("order_date").alias("ordered"),
      );
      const early = orders.join(since, { on: "customer_id", how: "left" }).filter(
        col("ordered").lt(col("since")).fillNull(true),
      ).select(col("order_id").alias("document_id"), pl.lit("order before account").alias("what"));
      const ships = ds.scan("distributor_shipments").join(
        lookupFor(ds, "distributor_sales_orders", ds.scan("distributor_shipments"), ["order_id"])
          .select(
            "order_id",
            day("order_date").alias("ordered"),
          ),
        { on: "order_id", how: "left" },
      ).filter(
        day("ship_date").lt(col("ordered")).fillNull(true)
          .or(day("delivery_date").lt(day("ship_date"))),
      ).select(col("shipment_id").alias("document_id"), pl.lit("shipment").alias("what"));
      const pos = ds.scan("distributor_purchase_orders").select(
        "po_id",
        day("order_date").alias("po_day"),
        day("expected_date").alias("due"),
      );
      const badPo = pos.filter(col("due").lt(col("po_day"))).select(
        col("po_id").alias("document_id"),
        pl.lit("purchase order").alias("what"),
      );
      const poDue = lookupFor(
        ds,
        "distributor_purchase_orders",
        ds.scan("dc_receipts"),
        ["po_id"],
      ).select(
        "po_id",
        day("expected_date").alias("due"),
      );
      const badReceipt = ds.scan("dc_receipts").join(poDue, { on: "po_id", how: "left" }).filter(
        day("receipt_date").lt(col("due")).fillNull(true),
      ).select(col("receipt_id").alias("document_id"), pl.lit("receipt").alias("what"));
      return findingOf(pl.concat([early, ships, badPo, badReceipt]));
    },
  },
  {
    name: "distribution.purchase_orders_from_price_book",
    description:
      "every purchase-order line is whole case packs at the price book's transfer price for its SKU, segment and order day, line_amount = qty × unit_cost, and the header is the sum of its lines",
    tables: [
      "distributor_purchase_orders",
      "distributor_purchase_order_lines",
      "products",
      "price_book",
    ],
    run(ds) {
      const po = ds.scan("distributor_purchase_orders");
      const cases = ds.scan("products").select("sku_id", "case_pack");
      const lines = ds.scan("distributor_purchase_order_lines").join(
        po.select("po_id", "segment_id", "order_date"),
        { on: "po_id" },
      ).join(cases, { on: "sku_id", how: "left" });
      const badLines = withPriceBook(lines, ds, "order_date", { transfer_price: "pb_transfer" })
        .filter(
          noPriceBookRow().or(neq("unit_cost", "pb_transfer"))
            .or(col("line_amount").neq(col("qty").mul(col("unit_cost"))))
            .or(col("qty").ltEq(0)).or(col("qty").modulo(col("case_pack")).neq(0)),
        ).select(col("po_id"), col("line_number").cast(pl.Int16));
      const sums = ds.scan("distributor_purchase_order_lines").groupBy("po_id").agg(
        pl.len().alias("n"),
        col("qty").sum().alias("q"),
        col("line_amount").sum().alias("amt"),
      );
      const badHeaders = po.join(sums, { on: "po_id", how: "left" }).filter(
        neq("line_count", "n").or(neq("total_qty", "q")).or(neq("total_amount", "amt")),
      ).select(col("po_id"), pl.lit(null).cast(pl.Int16).alias("line_number"));
      return findingOf(pl.concat([badLines, badHeaders]));
    },
  },
  {
    name: "distribution.receipts_match_purchase_orders",
    description:
      "every purchase-order line received within the period is received once, whole (same SKU and quantity); nothing is received that was not ordered; every line due at least 30 days before the period's end has arrived",
    tables: [
      "distributor_purchase_orders",
      "distributor_purchase_order_lines",
      "dc_receipts",
      "calendar",
    ],
    run(ds) {
      const end = periodEnd(ds);
      const poLines = (lines: pl.LazyDataFrame, pos: pl.LazyDataFrame) =>
        lines.join(pos.select("po_id", day("expected_date").alias("due")), { on: "po_id" })
          .select(
            "po_id",
            col("line_number").alias("po_line_number"),
            col("sku_id").alias("o_sku_id"),
            col("qty").alias("o_qty"),
            "due",
          );
      // The batch's purchase-order lines against their receipts, and the batch's receipts
      // against the lines they receive, both looked up (a time slice of a DC: within reach).
      const lines = poLines(
        ds.scan("distributor_purchase_order_lines"),
        ds.scan("distributor_purchase_orders"),
      );
      const got = lookupFor(ds, "dc_receipts", lines, ["po_id"]).groupBy([
        "po_id",
        "po_line_number",
      ]).agg(
        pl.len().alias("n"),
        col("qty").sum().alias("r_qty"),
        col("sku_id").first().alias("r_sku_id"),
      );
      const missing = col("n").isNull().and(col("due").lt(end - LATEST_RECEIPT_DAYS));
      const badLines = lines.join(got, { on: ["po_id", "po_line_number"], how: "left" }).filter(
        missing.fillNull(true).or(
          col("n").isNotNull().and(
            col("n").neq(1).or(neq("o_qty", "r_qty")).or(neq("o_sku_id", "r_sku_id")),
          ),
        ),
      ).select("po_id", "po_line_number", "due", "o_qty", "r_qty");
      const notOrdered = ds.scan("dc_receipts").select(
        "po_id",
        "po_line_number",
        col("qty").alias("r_qty"),
      ).join(
        poLines(
          lookupFor(ds, "distributor_purchase_order_lines", ds.scan("dc_receipts"), ["po_id"]),
          lookupFor(ds, "distributor_purchase_orders", ds.scan("dc_receipts"), ["po_id"]),
        ),
        { on: ["po_id", "po_line_number"], how: "anti" },
      ).select(
        "po_id",
        "po_line_number",
        pl.lit(null).cast(pl.Int32).alias("due"),
        pl.lit(null).cast(pl.Int32).alias("o_qty"),
        "r_qty",
      );
      return findingOf(
        pl.concat([
          badLines.withColumns(
            col("due").cast(pl.Int32),
            col("o_qty").cast(pl.Int32),
            col("r_qty").cast(pl.Int32),
          ),
          notOrdered.withColumns(col("r_qty").cast(pl.Int32)),
        ]),
      );
    },
  },
  {
    name: "distribution.dc_stock_conserved",
    description:
      "for each DC, SKU and week: opening + receipts − shipments + returns = closing, closing ≥ 0, the next week opens with this week's closing, and closing_value = closing_qty × unit_cost, the price book's transfer price",
    tables: ["dc_inventory", "sites", "price_book"],
    run(ds) {
      const inv = ds.scan("dc_inventory");
      const flow = inv.filter(
        col("opening_qty").plus(col("receipts_qty")).minus(col("shipments_qty"))
          .plus(col("returns_qty")).neq(col("closing_qty"))
          .or(col("closing_qty").lt(0)).or(col("backorder_qty").lt(0)).or(col("on_order_qty").lt(0))
          .or(col("closing_value").neq(col("closing_qty").mul(col("unit_cost")))),
      ).select("dc_site_id", "sku_id", "week_start");
      // The previous week's closing, also across the cut before a time slice of a DC.
      const chain = withPrevious(
        ds,
        "dc_inventory",
        ["dc_site_id", "sku_id"],
        "week_start",
        "closing_qty",
        "prev_closing",
      ).filter(col("prev_closing").isNotNull().and(col("opening_qty").neq(col("prev_closing"))))
        .select("dc_site_id", "sku_id", "week_start");
      const segs = ds.scan("sites").select(col("site_id").alias("dc_site_id"), "segment_id");
      const cost = withPriceBook(
        inv.join(segs, { on: "dc_site_id", how: "left" }),
        ds,
        "snapshot_date",
        { transfer_price: "pb_transfer" },
      ).filter(
        col("pb_from").isNotNull().and(col("_day").ltEq(col("pb_to"))).and(
          neq("unit_cost", "pb_transfer"),
        ),
      ).select("dc_site_id", "sku_id", "week_start");
      return findingOf(pl.concat([flow, chain, cost]));
    },
  },
  {
    name: "distribution.dc_flows_match_documents",
    description:
      "each week's receipts, shipments and returns in dc_inventory equal the units on that DC's receipts, shipment lines and credit notes dated in the week",
    tables: [
      "dc_inventory",
      "dc_receipts",
      "distributor_shipments",
      "distributor_shipment_lines",
      "distributor_invoices",
      "distributor_invoice_lines",
    ],
    run(ds) {
      const weekOf = (c: string) => {
        const d = day(c);
        return d.minus(d.plus(3).modulo(7)).alias("week_monday");
      };
      const inv = ds.scan("dc_inventory").select(
        "dc_site_id",
        "sku_id",
        "receipts_qty",
        "shipments_qty",
        "returns_qty",
        day("week_start").alias("ws"),
        day("week_start").minus(day("week_start").plus(3).modulo(7)).alias("week_monday"),
      );
      const rec = ds.scan("dc_receipts").select(
        "dc_site_id",
        "sku_id",
        "qty",
        weekOf("receipt_date"),
      )
        .groupBy(["dc_site_id", "sku_id", "week_monday"]).agg(col("qty").sum().alias("r"));
      const ship = ds.scan("distributor_shipment_lines").join(
        ds.scan("distributor_shipments").select("shipment_id", "dc_site_id", "ship_date"),
        { on: "shipment_id" },
      ).select("dc_site_id", "sku_id", "qty", weekOf("ship_date"))
        .groupBy(["dc_site_id", "sku_id", "week_monday"]).agg(col("qty").sum().alias("s"));
      const ret = ds.scan("distributor_invoice_lines").join(
        ds.scan("distributor_invoices").filter(col("invoice_type").eq(pl.lit("credit_note")))
          .select("invoice_id", "dc_site_id", "invoice_date"),
        { on: "invoice_id" },
      ).select("dc_site_id", "sku_id", col("qty").mul(-1).alias("qty"), weekOf("invoice_date"))
        .groupBy(["dc_site_id", "sku_id", "week_monday"]).agg(col("qty").sum().alias("b"));
      const keys = ["dc_site_id", "sku_id", "week_monday"];
      const docs = rec.join(ship, { on: keys, how: "full", coalesce: true })
        .join(ret, { on: keys, how: "full", coalesce: true });
      return findingOf(
        inv.join(docs, { on: keys, how: "full", coalesce: true }).filter(
          col("receipts_qty").fillNull(0).neq(col("r").fillNull(0))
            .or(col("shipments_qty").fillNull(0).neq(col("s").fillNull(0)))
            .or(col("returns_qty").fillNull(0).neq(col("b").fillNull(0))),
        ).select("dc_site_id", "sku_id", "week_monday", "receipts_qty", "r", "shipments_qty", "s"),
      );
    },
  },
];
