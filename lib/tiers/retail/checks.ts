/**
 * Checks of the retail tier: prices and costs from the price book, line and
 * header arithmetic, promotions inside their window, segment and audience,
 * returns after the sale and no more than sold, stock conservation and its
 * flows, fitment of known customers' purchases, nothing sold before a site
 * opened or a product launched, and the replenishment orders.
 *
 * Every check is a lazy Polars query that yields the violating rows.
 *
 * @module
 */

import pl from "nodejs-polars";
import { type Check, findingOf } from "../../validate/check.ts";
import type { Dataset } from "../../validate/dataset.ts";
import { noPriceBookRow, withPriceBook } from "../../validate/price_book.ts";
import { matching, withPrevious } from "../../validate/seams.ts";
import { RETAIL_RULE_CHECKS } from "./rule_checks.ts";

const day = (c: string) => pl.col(c).cast(pl.Int32);

/** Day number of the week's last day (Sunday) for a column of day numbers, capped at `end`. */
function weekEnd(c: string, end: number): pl.Expr {
  const d = day(c);
  const sunday = d.plus(pl.lit(6)).minus(d.plus(pl.lit(3)).modulo(pl.lit(7)));
  return pl.when(sunday.gt(pl.lit(end))).then(pl.lit(end)).otherwise(sunday).cast(pl.Int32);
}

function periodEnd(ds: Dataset): number {
  const df = ds.scan("calendar").select(pl.col("date").cast(pl.Int32).max().alias("end"))
    .collectSync();
  return Number(df.getColumn("end").get(0));
}

/** Lines with their site's segment and country, and their header's customer. */
function linesWithContext(ds: Dataset): pl.LazyDataFrame {
  const sites = ds.scan("sites").select(
    "site_id",
    "segment_id",
    "country_code",
    pl.col("open_date"),
  );
  return ds.scan("retail_transaction_lines").join(sites, { on: "site_id", how: "left" });
}

/** Rows matched to the price-book row valid on `dateCol` for (sku_id, segment_id), with its wholesale and retail list prices. */
function withPrices(lf: pl.LazyDataFrame, ds: Dataset, dateCol: string): pl.LazyDataFrame {
  return withPriceBook(lf, ds, dateCol, {
    wholesale_price: "pb_wholesale",
    retail_list_price: "pb_retail",
  });
}

const zero = (c: string) => pl.col(c).fillNull(0);

/** Retail-tier checks. */
export const RETAIL_CHECKS: Check[] = [
  {
    name: "retail.line_prices_from_price_book",
    description:
      "every sales line's unit_cost is the price book's wholesale price and its unit_list_price the retail list price, for its SKU, its site's segment and its day",
    tables: ["retail_transaction_lines", "sites", "price_book"],
    run(ds) {
      return findingOf(
        withPrices(linesWithContext(ds), ds, "transaction_date").filter(
          noPriceBookRow()
            .or(pl.col("unit_cost").neq(pl.col("pb_wholesale")))
            .or(pl.col("unit_list_price").neq(pl.col("pb_retail"))),
        ).select(
          "transaction_id",
          "line_number",
          "sku_id",
          "segment_id",
          "transaction_date",
          "unit_cost",
          "pb_wholesale",
          "unit_list_price",
          "pb_retail",
        ),
      );
    },
  },
  {
    name: "retail.line_arithmetic",
    description:
      "on every sales line: list = qty × unit list, cost = qty × unit cost, margin = net − cost, 0 ≤ discount ≤ list, and net + tax = list − discount where shelf prices include tax (net = list − discount elsewhere)",
    tables: ["retail_transaction_lines", "sites", "countries"],
    run(ds) {
      const countries = ds.scan("countries").select("country_code", "tax_included");
      const paid = pl.col("list_amount").minus(pl.col("discount_amount"));
      return findingOf(
        linesWithContext(ds).join(countries, { on: "country_code", how: "left" }).filter(
          pl.col("list_amount").neq(pl.col("qty").mul(pl.col("unit_list_price")))
            .or(pl.col("cost_amount").neq(pl.col("qty").mul(pl.col("unit_cost"))))
            .or(pl.col("margin_amount").neq(pl.col("net_amount").minus(pl.col("cost_amount"))))
            .or(pl.col("discount_amount").lt(0)).or(
              pl.col("discount_amount").gt(pl.col("list_amount")),
            )
            .or(pl.col("qty").ltEq(0)).or(pl.col("tax_amount").lt(0))
            .or(
              pl.when(pl.col("tax_included")).then(
                pl.col("net_amount").plus(pl.col("tax_amount")).neq(paid),
              )
                .otherwise(pl.col("net_amount").neq(paid)),
            ),
        ).select(
          "transaction_id",
          "line_number",
          "qty",
          "unit_list_price",
          "list_amount",
          "discount_amount",
          "net_amount",
          "tax_amount",
          "cost_amount",
          "margin_amount",
        ),
      );
    },
  },
  {
    name: "retail.header_totals",
    description:
      "every basket's line count, units and amounts equal the sums of its lines, total = net + tax, and its lines share its site and day",
    tables: ["retail_transactions", "retail_transaction_lines"],
    run(ds) {
      const sums = ds.scan("retail_transaction_lines").groupBy("transaction_id").agg(
        pl.len().alias("n_lines"),
        pl.col("qty").sum().alias("s_qty"),
        pl.col("list_amount").sum().alias("s_list"),
        pl.col("discount_amount").sum().alias("s_disc"),
        pl.col("net_amount").sum().alias("s_net"),
        pl.col("tax_amount").sum().alias("s_tax"),
        pl.col("cost_amount").sum().alias("s_cost"),
        pl.col("margin_amount").sum().alias("s_margin"),
        pl.col("site_id").nUnique().alias("sites"),
        pl.col("site_id").first().alias("l_site"),
        pl.col("transaction_date").nUnique().alias("days"),
        pl.col("transaction_date").first().alias("l_date"),
      );
      return findingOf(
        ds.scan("retail_transactions").join(sums, { on: "transaction_id", how: "left" }).filter(
          pl.col("n_lines").isNull()
            .or(pl.col("line_count").cast(pl.Int64).neq(pl.col("n_lines").cast(pl.Int64)))
            .or(pl.col("item_qty").neq(pl.col("s_qty")))
            .or(pl.col("list_amount").neq(pl.col("s_list")))
            .or(pl.col("discount_amount").neq(pl.col("s_disc")))
            .or(pl.col("net_amount").neq(pl.col("s_net")))
            .or(pl.col("tax_amount").neq(pl.col("s_tax")))
            .or(pl.col("cost_amount").neq(pl.col("s_cost")))
            .or(pl.col("margin_amount").neq(pl.col("s_margin")))
            .or(pl.col("total_amount").neq(pl.col("net_amount").plus(pl.col("tax_amount"))))
            .or(pl.col("sites").neq(1)).or(pl.col("days").neq(1))
            .or(pl.col("site_id").neq(pl.col("l_site")))
            .or(pl.col("transaction_date").neq(pl.col("l_date"))),
        ).select(
          "transaction_id",
          "line_count",
          "n_lines",
          "net_amount",
          "s_net",
          "tax_amount",
          "s_tax",
          "total_amount",
        ),
      );
    },
  },
  {
    name: "retail.promotions_in_window_and_segment",
    description:
      "a line's promotion is active on its day, in its site's segment and for its customer type, and covers its SKU (kit deals: the line is in a kit); a discount without promotion or kit is a trade account's",
    tables: [
      "retail_transaction_lines",
      "retail_transactions",
      "promotions",
      "promotion_products",
      "sites",
    ],
    run(ds) {
      const promos = ds.scan("promotions").select(
        "promotion_id",
        pl.col("segment_id").alias("promo_segment"),
        "audience",
        "mechanic",
        day("start_date").alias("p_start"),
        day("end_date").alias("p_end"),
      );
      const pp = ds.scan("promotion_products").select(
        "promotion_id",
        "sku_id",
        pl.lit(true).alias("listed"),
      );
      const hdr = ds.scan("retail_transactions").select("transaction_id", "customer_type");
      const lines = linesWithContext(ds).filter(
        pl.col("promotion_id").isNotNull().or(pl.col("discount_amount").gt(0)),
      ).join(hdr, { on: "transaction_id", how: "left" })
        .join(promos, { on: "promotion_id", how: "left" })
        .join(pp, { on: ["promotion_id", "sku_id"], how: "left" });
      const d = day("transaction_date");
      return findingOf(
        lines.filter(
          pl.when(pl.col("promotion_id").isNull()).then(
            pl.col("kit_id").isNull().and(pl.col("customer_type").neq(pl.lit("trade"))),
          ).otherwise(
            pl.col("mechanic").isNull()
              .or(d.lt(pl.col("p_start"))).or(d.gt(pl.col("p_end")))
              .or(pl.col("segment_id").neq(pl.col("promo_segment")))
              .or(
                pl.col("audience").neq(pl.lit("all")).and(
                  pl.col("audience").neq(pl.col("customer_type")),
                ),
              )
              .or(
                pl.when(pl.col("mechanic").eq(pl.lit("kit_deal"))).then(pl.col("kit_id").isNull())
                  .otherwise(pl.col("listed").isNull()),
              ),
          ),
        ).select(
          "transaction_id",
          "line_number",
          "sku_id",
          "transaction_date",
          "segment_id",
          "customer_type",
          "promotion_id",
          "mechanic",
          "promo_segment",
          "p_start",
          "p_end",
        ),
      );
    },
  },
  {
    name: "retail.returns_after_sale",
    description:
      "a return comes after its sale, at most the units sold (over all returns of the line), of the line's SKU, and refunds the price paid: net × returned / sold, rounded half up (tax likewise)",
    tables: ["retail_returns", "retail_transaction_lines", "retail_transactions"],
    run(ds) {
      // Only the lines of returned baskets can match a return: filtering on one column
      // first makes the two-column join small.
      // Sales are looked up (a time slice of a site: back to the return window before it),
      // and so are the earlier returns of the same lines.
      const returned = ds.scan("retail_returns").select("transaction_id").unique();
      const lines = matching(ds, "retail_transaction_lines", returned, ["transaction_id"]).select(
        "transaction_id",
        "line_number",
        pl.col("sku_id").alias("line_sku"),
        pl.col("qty").alias("line_qty"),
        pl.col("net_amount").alias("line_net"),
        pl.col("tax_amount").alias("line_tax"),
      );
      const hdr = matching(ds, "retail_transactions", returned, ["transaction_id"]).select(
        "transaction_id",
        "transaction_ts",
      );
      const totals = matching(ds, "retail_returns", returned, ["transaction_id"]).groupBy([
        "transaction_id",
        "line_number",
      ]).agg(
        pl.col("qty").sum().alias("returned"),
      );
      // Rounded half up, as the generator does: floor(x + 0.5).
      const refund = (c: string) =>
        pl.col(c).cast(pl.Float64).mul(pl.col("qty")).div(pl.col("line_qty")).plus(0.5).floor()
          .cast(pl.Int64);
      return findingOf(
        ds.scan("retail_returns").join(lines, {
          on: ["transaction_id", "line_number"],
          how: "left",
        })
          .join(hdr, { on: "transaction_id", how: "left" })
          .join(totals, { on: ["transaction_id", "line_number"], how: "left" })
          .filter(
            pl.col("line_qty").isNull()
              .or(pl.col("return_ts").ltEq(pl.col("transaction_ts")))
              .or(pl.col("qty").ltEq(0)).or(pl.col("returned").gt(pl.col("line_qty")))
              .or(pl.col("sku_id").neq(pl.col("line_sku")))
              .or(pl.col("refund_amount").neq(refund("line_net")))
              .or(pl.col("refund_tax_amount").neq(refund("line_tax"))),
          ).select(
            "return_id",
            "transaction_id",
            "line_number",
            "qty",
            "line_qty",
            "returned",
            "refund_amount",
            "line_net",
            "return_ts",
            "transaction_ts",
          ),
      );
    },
  },
  {
    name: "retail.stock_conservation",
    description:
      "per site × SKU × week: opening + receipts − sales + returns = closing, nothing negative, opening = the previous week's closing, and a first row opens with stock only on the period's first day",
    tables: ["store_inventory", "calendar"],
    run(ds) {
      const start = Number(
        ds.scan("calendar").select(pl.col("date").cast(pl.Int32).min().alias("s")).collectSync()
          .getColumn("s").get(0),
      );
      // The previous week's closing, also across the cut before a time slice of a site.
      const inv = withPrevious(
        ds,
        "store_inventory",
        ["site_id", "sku_id"],
        "snapshot_date",
        "closing_qty",
        "prev_closing",
      );
      const q = [
        "opening_qty",
        "receipts_qty",
        "sales_qty",
        "returns_qty",
        "closing_qty",
        "lost_sales_qty",
        "on_order_qty",
      ];
      let neg = pl.lit(false);
      for (const c of q) neg = neg.or(pl.col(c).lt(0));
      return findingOf(
        inv.filter(
          pl.col("opening_qty").plus(pl.col("receipts_qty")).minus(pl.col("sales_qty")).plus(
            pl.col("returns_qty"),
          )
            .neq(pl.col("closing_qty"))
            .or(neg)
            .or(
              pl.col("prev_closing").isNotNull().and(
                pl.col("prev_closing").neq(pl.col("opening_qty")),
              ),
            )
            .or(
              pl.col("prev_closing").isNull().and(pl.col("opening_qty").gt(0)).and(
                day("week_start").neq(pl.lit(start)),
              ),
            ),
        ).select(
          "site_id",
          "sku_id",
          "snapshot_date",
          "opening_qty",
          "receipts_qty",
          "sales_qty",
          "returns_qty",
          "closing_qty",
          "prev_closing",
        ),
      );
    },
  },
  {
    name: "retail.stock_flows_match_documents",
    description:
      "each week's sales, returns and receipts in store_inventory equal the units of that site's sales lines, returns and received replenishment orders for the SKU that week",
    tables: [
      "store_inventory",
      "retail_transaction_lines",
      "retail_returns",
      "store_replenishment_orders",
      "store_replenishment_order_lines",
      "calendar",
    ],
    run(ds) {
      const end = periodEnd(ds);
      const keys = ["site_id", "sku_id", "wk"];
      const sold = ds.scan("retail_transaction_lines").select(
        "site_id",
        "sku_id",
        weekEnd("transaction_date", end).alias("wk"),
        "qty",
      ).groupBy(keys).agg(pl.col("qty").sum().alias("doc_sales"));
      // A return is written with its sale, so it may be dated after the chunk's days:
      // returns are looked up too, and so are orders (one placed before a cut may be
      // received after it). Only the weeks a time slice owns are compared.
      const w = ds.window;
      const owned = w ? pl.col("wk").gtEq(w.from).and(pl.col("wk").lt(w.to)) : pl.lit(true);
      const ret = ds.lookup("retail_returns").select(
        "site_id",
        "sku_id",
        weekEnd("return_date", end).alias("wk"),
        "qty",
      ).filter(owned).groupBy(keys).agg(pl.col("qty").sum().alias("doc_returns"));
      const rec = ds.lookup("store_replenishment_order_lines").join(
        ds.lookup("store_replenishment_orders").select("order_id", "site_id", "receive_date"),
        { on: "order_id", how: "left" },
      ).select("site_id", "sku_id", weekEnd("receive_date", end).alias("wk"), "qty")
        .filter(owned).groupBy(keys).agg(pl.col("qty").sum().alias("doc_receipts"));
      const inv = ds.scan("store_inventory").select(
        "site_id",
        "sku_id",
        day("snapshot_date").alias("wk"),
        "sales_qty",
        "returns_qty",
        "receipts_qty",
      );
      const all = inv.join(sold, { on: keys, how: "full", coalesce: true })
        .join(ret, { on: keys, how: "full", coalesce: true })
        .join(rec, { on: keys, how: "full", coalesce: true });
      return findingOf(
        all.filter(
          zero("sales_qty").neq(zero("doc_sales"))
            .or(zero("returns_qty").neq(zero("doc_returns")))
            .or(zero("receipts_qty").neq(zero("doc_receipts"))),
        ),
      );
    },
  },
  {
    name: "retail.fitment_of_known_customers",
    description:
      "a loyalty member's motor oil and filters name the member's own vehicle, on the road by then (from October before its model year), and the SKU fits it (fitments)",
    tables: [
      "retail_transaction_lines",
      "retail_transactions",
      "customer_vehicles",
      "fitments",
      "products",
    ],
    run(ds) {
      const hdr = ds.scan("retail_transactions").select(
        "transaction_id",
        "customer_id",
        "customer_type",
      );
      const kinds = ds.scan("products").select("sku_id", "product_kind");
      const owned = ds.lookup("customer_vehicles").select(
        "customer_id",
        "vehicle_id",
        pl.lit(true).alias("owned"),
        // Month number (year × 12 + month − 1) the car is on the road: October before its model year.
        pl.col("model_year").cast(pl.Int32).minus(1).mul(12).plus(9).alias("on_road_month"),
      );
      const saleMonth = pl.col("transaction_date").dt.year().cast(pl.Int32).mul(12)
        .plus(pl.col("transaction_date").dt.month().cast(pl.Int32)).minus(1);
      const fits = ds.scan("fitments").select("sku_id", "vehicle_id").unique().withColumns(
        pl.lit(true).alias("fits"),
      );
      const specific = pl.col("product_kind").eq(pl.lit("motor_oil")).or(
        pl.col("product_kind").str.contains("_filter"),
      );
      return findingOf(
        ds.scan("retail_transaction_lines").join(hdr, { on: "transaction_id", how: "left" })
          .join(kinds, { on: "sku_id", how: "left" })
          .filter(
            pl.col("vehicle_id").isNotNull().or(
              pl.col("customer_type").eq(pl.lit("loyalty")).and(specific),
            ),
          )
          .join(owned, { on: ["customer_id", "vehicle_id"], how: "left" })
          .join(fits, { on: ["sku_id", "vehicle_id"], how: "left" })
          .filter(
            pl.col("vehicle_id").isNull().or(pl.col("owned").isNull()).or(pl.col("fits").isNull())
              .or(saleMonth.lt(pl.col("on_road_month"))),
          )
          .select(
            "transaction_id",
            "line_number",
            "customer_id",
            "customer_type",
            "sku_id",
            "product_kind",
            "vehicle_id",
            "owned",
            "fits",
            "transaction_date",
            "on_road_month",
          ),
      );
    },
  },
  {
    name: "retail.sold_when_open_and_launched",
    description:
      "nothing is sold before its site opened or its product launched, or from the product's discontinue date on; known customers buy at their own site, not before they joined",
    tables: [
      "retail_transaction_lines",
      "retail_transactions",
      "sites",
      "products",
      "retail_customers",
    ],
    run(ds) {
      const prods = ds.scan("products").select(
        "sku_id",
        day("launch_date").alias("launch"),
        day("discontinue_date").alias("disc"),
      );
      const cust = ds.lookup("retail_customers").select(
        "customer_id",
        day("join_date").alias("joined"),
        "preferred_site_id",
      );
      const hdr = ds.scan("retail_transactions").select("transaction_id", "customer_id");
      const d = day("transaction_date");
      return findingOf(
        linesWithContext(ds).join(prods, { on: "sku_id", how: "left" })
          .join(hdr, { on: "transaction_id", how: "left" })
          .join(cust, { on: "customer_id", how: "left" })
          .filter(
            d.lt(day("open_date")).or(d.lt(pl.col("launch")))
              .or(pl.col("disc").isNotNull().and(d.gtEq(pl.col("disc"))))
              .or(
                pl.col("customer_id").isNotNull().and(
                  pl.col("joined").isNull().or(d.lt(pl.col("joined"))).or(
                    pl.col("preferred_site_id").neq(pl.col("site_id")),
                  ),
                ),
              ),
          ).select(
            "transaction_id",
            "line_number",
            "site_id",
            "sku_id",
            "transaction_date",
            "open_date",
            "launch",
            "disc",
            "customer_id",
            "joined",
          ),
      );
    },
  },
  {
    name: "retail.replenishment_orders",
    description:
      "replenishment orders: totals are the sums of their lines, line prices are the price book's wholesale for the SKU, segment and order day, order < ship ≤ receive, and the supplier is the distribution centre of the store's segment",
    tables: [
      "store_replenishment_orders",
      "store_replenishment_order_lines",
      "price_book",
      "sites",
    ],
    run(ds) {
      const hdr = ds.scan("store_replenishment_orders");
      const lines = ds.scan("store_replenishment_order_lines");
      const sums = lines.groupBy("order_id").agg(
        pl.len().alias("n_lines"),
        pl.col("qty").sum().alias("s_qty"),
        pl.col("line_amount").sum().alias("s_amount"),
      );
      const dcs = ds.scan("sites").filter(pl.col("site_type").eq(pl.lit("distribution_centre")))
        .select(
          pl.col("segment_id"),
          pl.col("site_id").alias("segment_dc"),
        );
      const storeSeg = ds.scan("sites").select(
        "site_id",
        pl.col("segment_id").alias("site_segment"),
      );
      const badHeaders = hdr.join(sums, { on: "order_id", how: "left" }).join(dcs, {
        on: "segment_id",
        how: "left",
      })
        .join(storeSeg, { on: "site_id", how: "left" }).filter(
          pl.col("n_lines").isNull()
            .or(pl.col("line_count").cast(pl.Int64).neq(pl.col("n_lines").cast(pl.Int64)))
            .or(pl.col("total_qty").neq(pl.col("s_qty")))
            .or(pl.col("total_amount").neq(pl.col("s_amount")))
            .or(day("ship_date").ltEq(day("order_date")))
            .or(day("receive_date").lt(day("ship_date")))
            .or(pl.col("dc_site_id").neq(pl.col("segment_dc")))
            .or(pl.col("segment_id").neq(pl.col("site_segment"))),
        ).select(pl.col("order_id"), pl.lit("header").alias("problem"));
      const priced = withPrices(
        lines.join(hdr.select("order_id", "segment_id", "order_date"), {
          on: "order_id",
          how: "left",
        }),
        ds,
        "order_date",
      ).filter(
        noPriceBookRow()
          .or(pl.col("unit_price").neq(pl.col("pb_wholesale")))
          .or(pl.col("line_amount").neq(pl.col("qty").mul(pl.col("unit_price"))))
          .or(pl.col("qty").ltEq(0)),
      ).select(pl.col("order_id"), pl.lit("line").alias("problem"));
      return findingOf(pl.concat([badHeaders, priced]));
    },
  },
  ...RETAIL_RULE_CHECKS,
];
