/**
 * More checks of the retail tier, one per rule the tables' descriptions state
 * that the first checks did not cover: the return window (1–60 days, at the
 * selling site), trading days (a store sells and takes returns only on days it
 * is open; deliveries arrive only on days the country's shops trade), the
 * stock value (closing_value = closing_qty × unit_cost) and kit bundles (the
 * lines of each kit in a basket pay the kit's bundle price, once per kit).
 *
 * A day is closed for the shops of a country on a holiday whose
 * `stores_closed` is true, and on Sundays where shops close on Sundays
 * ({@link SUNDAY_CLOSED}: Germany).
 *
 * @module
 */

import pl from "nodejs-polars";
import { matching } from "../../validate/seams.ts";
import { type Check, findingOf } from "../../validate/check.ts";
import type { Dataset } from "../../validate/dataset.ts";
import { RETURN_DELAY, SUNDAY_CLOSED } from "./params.ts";

const day = (c: string) => pl.col(c).cast(pl.Int32);

/** ISO weekday (1 = Monday … 7 = Sunday) of a column of dates (day 0, 1970-01-01, is a Thursday). */
function weekday(c: string): pl.Expr {
  return day(c).plus(3).modulo(7).plus(7).modulo(7).plus(1);
}

/**
 * `lf` (with `site_id` and a date column `dateCol`) with `site_type`,
 * `country_code` and `closed`: true when the site's country's shops do not
 * trade that day.
 */
function withClosed(ds: Dataset, lf: pl.LazyDataFrame, dateCol: string): pl.LazyDataFrame {
  const sites = ds.scan("sites").select("site_id", "site_type", "country_code");
  const closedHolidays = ds.scan("holidays").filter(pl.col("stores_closed"))
    .select("country_code", day("date").alias("_closed_day"), pl.lit(true).alias("_holiday"))
    .unique();
  const sundayClosed = pl.col("country_code").isIn([...SUNDAY_CLOSED]);
  return lf.withColumns(day(dateCol).alias("_closed_day"))
    .join(sites, { on: "site_id", how: "left" })
    .join(closedHolidays, { on: ["country_code", "_closed_day"], how: "left" })
    .withColumns(
      pl.col("_holiday").fillNull(false).or(sundayClosed.and(weekday(dateCol).eq(7)))
        .alias("closed"),
    );
}

/** Retail checks added for the rules in the tables' descriptions (see the module doc). */
export const RETAIL_RULE_CHECKS: Check[] = [
  {
    name: "retail.return_window",
    description:
      `a return comes 1–${RETURN_DELAY.maxDays} days after its sale (by date), to the site that sold the line`,
    tables: ["retail_returns", "retail_transaction_lines"],
    run(ds) {
      // Sales are looked up (a time slice of a site: back to the return window before it).
      const returned = ds.scan("retail_returns").select("transaction_id").unique();
      const lines = matching(ds, "retail_transaction_lines", returned, ["transaction_id"]).select(
        "transaction_id",
        "line_number",
        pl.col("site_id").alias("sale_site"),
        "transaction_date",
      );
      const days = day("return_date").minus(day("transaction_date"));
      return findingOf(
        // A return whose sale is not found has none within the window either: a time slice
        // looks sales up at least the window back.
        ds.scan("retail_returns").join(lines, {
          on: ["transaction_id", "line_number"],
          how: "left",
        }).withColumns(days.alias("days_after_sale")).filter(
          pl.col("days_after_sale").isNull()
            .or(pl.col("days_after_sale").lt(1)).or(
              pl.col("days_after_sale").gt(RETURN_DELAY.maxDays),
            )
            .or(pl.col("site_id").neq(pl.col("sale_site"))),
        ).select(
          "return_id",
          "transaction_id",
          "line_number",
          "site_id",
          "sale_site",
          "transaction_date",
          "return_date",
          "days_after_sale",
        ),
      );
    },
  },
  {
    name: "retail.store_sales_on_trading_days",
    description:
      "no store basket is dated on a day the store is closed (a closed holiday of its country, or a Sunday where shops close on Sundays)",
    tables: ["retail_transactions", "sites", "holidays"],
    run(ds) {
      const tx = ds.scan("retail_transactions").select(
        "transaction_id",
        "site_id",
        "transaction_date",
      );
      return findingOf(
        withClosed(ds, tx, "transaction_date").filter(
          pl.col("site_type").eq(pl.lit("store")).and(pl.col("closed")),
        ).select("transaction_id", "site_id", "country_code", "transaction_date"),
      );
    },
  },
  {
    name: "retail.store_returns_on_trading_days",
    description:
      "no return to a store is dated on a day the store is closed (a closed holiday of its country, or a Sunday where shops close on Sundays)",
    tables: ["retail_returns", "sites", "holidays"],
    run(ds) {
      const ret = ds.scan("retail_returns").select("return_id", "site_id", "return_date");
      return findingOf(
        withClosed(ds, ret, "return_date").filter(
          pl.col("site_type").eq(pl.lit("store")).and(pl.col("closed")),
        ).select("return_id", "site_id", "country_code", "return_date"),
      );
    },
  },
  {
    name: "retail.deliveries_on_trading_days",
    description:
      "replenishment orders arrive at stores and online shops only on days the country's shops trade (no closed holiday; no Sunday where shops close on Sundays)",
    tables: ["store_replenishment_orders", "sites", "holidays"],
    run(ds) {
      const ord = ds.scan("store_replenishment_orders").select(
        "order_id",
        "site_id",
        "receive_date",
      );
      return findingOf(
        withClosed(ds, ord, "receive_date").filter(pl.col("closed")).select(
          "order_id",
          "site_id",
          "site_type",
          "country_code",
          "receive_date",
        ),
      );
    },
  },
  {
    name: "retail.stock_value",
    description: "every stock row's closing_value = closing_qty × unit_cost",
    tables: ["store_inventory"],
    run(ds) {
      return findingOf(
        ds.scan("store_inventory").filter(
          pl.col("closing_value").neq(pl.col("closing_qty").mul(pl.col("unit_cost")))
            .or(pl.col("closing_value").isNull()),
        ).select("site_id", "sku_id", "snapshot_date", "closing_qty", "unit_cost", "closing_value"),
      );
    },
  },
  {
    name: "retail.kit_bundle_price",
    description:
      "the lines of a kit in a basket hold whole kits (each component in the kit's proportion) and pay the kit's bundle price for its segment and day once per kit, less the kit deal where one applies: Σ(list − discount) = kits × (kit_price − round(kit_price × discount_bp / 10000))",
    tables: [
      "retail_transaction_lines",
      "sites",
      "kit_prices",
      "kit_components",
      "promotions",
    ],
    run(ds) {
      const comps = ds.scan("kit_components").groupBy("kit_id").agg(
        pl.col("quantity").sum().cast(pl.Int64).alias("kit_units"),
        pl.len().cast(pl.Int64).alias("kit_lines"),
      );
      const sites = ds.scan("sites").select("site_id", "segment_id");
      const groups = ds.scan("retail_transaction_lines").filter(pl.col("kit_id").isNotNull())
        .groupBy(["transaction_id", "kit_id"]).agg(
          pl.col("site_id").first(),
          day("transaction_date").first().alias("_day"),
          pl.col("qty").sum().cast(pl.Int64).alias("units"),
          pl.len().cast(pl.Int64).alias("n_lines"),
          pl.col("list_amount").minus(pl.col("discount_amount")).sum().cast(pl.Int64).alias(
            "paid",
          ),
          pl.col("promotion_id").max().alias("deal_id"),
        ).join(sites, { on: "site_id", how: "left" });
      // Every component of the kit appears on the kit's lines the same number of times.
      const perComponent = ds.scan("retail_transaction_lines").filter(
        pl.col("kit_id").isNotNull(),
      ).join(
        ds.scan("kit_components").select("kit_id", "sku_id", "quantity"),
        { on: ["kit_id", "sku_id"], how: "left" },
      ).groupBy(["transaction_id", "kit_id", "sku_id"]).agg(
        pl.col("qty").sum().cast(pl.Int64).alias("q"),
        pl.col("quantity").first().cast(pl.Int64).alias("per_kit"),
      ).withColumns(
        pl.when(pl.col("per_kit").isNull().or(pl.col("q").modulo(pl.col("per_kit")).neq(0)))
          .then(pl.lit(-1)).otherwise(
            pl.col("q").cast(pl.Float64).div(pl.col("per_kit")).round(0).cast(pl.Int64),
          ).alias("k"),
      ).groupBy(["transaction_id", "kit_id"]).agg(
        pl.col("k").min().alias("k_min"),
        pl.col("k").max().alias("k_max"),
      );
      const kp = ds.scan("kit_prices").select(
        "kit_id",
        "segment_id",
        day("valid_from").alias("kp_from"),
        day("valid_to").alias("kp_to"),
        pl.col("kit_price").cast(pl.Int64),
      ).sort("kp_from");
      const deals = ds.scan("promotions").select(
        pl.col("promotion_id").alias("deal_id"),
        pl.col("discount_bp").cast(pl.Int64).alias("deal_bp"),
      );
      const dealCut = pl.col("kit_price").mul(pl.col("deal_bp").fillNull(0)).cast(pl.Float64)
        .div(10000).round(0).cast(pl.Int64);
      const expected = pl.col("k_min").mul(pl.col("kit_price").minus(dealCut));
      return findingOf(
        groups.join(perComponent, { on: ["transaction_id", "kit_id"], how: "left" })
          .join(comps, { on: "kit_id", how: "left" })
          .sort("_day").joinAsof(kp, {
            leftOn: "_day",
            rightOn: "kp_from",
            by: ["kit_id", "segment_id"],
            strategy: "backward",
            checkSortedness: false,
          })
          .join(deals, { on: "deal_id", how: "left" })
          .filter(
            pl.col("kit_units").isNull().or(pl.col("kp_from").isNull())
              .or(pl.col("_day").gt(pl.col("kp_to")))
              .or(pl.col("k_min").lt(1)).or(pl.col("k_min").neq(pl.col("k_max")))
              .or(pl.col("units").neq(pl.col("k_min").mul(pl.col("kit_units"))))
              .or(pl.col("paid").neq(expected)),
          ).select(
            "transaction_id",
            "kit_id",
            "segment_id",
            pl.col("k_min").alias("kits"),
            "units",
            "paid",
            "kit_price",
            "deal_bp",
            expected.alias("expected_paid"),
          ),
      );
    },
  },
];
