/**
 * Data-quality checks that the faults of `--faults` trip and clean data
 * passes: categorical values from their documented sets, basket timestamps
 * on their business day and in the order of the basket ids, odometer
 * readings in a plausible range.
 *
 * @module
 */

import pl from "nodejs-polars";
import { type Check, findingOf } from "../validate/check.ts";

/** The documented values of categorical columns. */
export const CATEGORICAL_VALUES: Record<string, Record<string, string[]>> = {
  retail_transactions: {
    channel: ["in_store", "click_and_collect", "online"],
    customer_type: ["anonymous", "loyalty", "trade"],
    payment_type: ["card", "cash", "mobile_wallet", "paypal", "trade_account"],
  },
};

/** Highest plausible odometer reading (km). */
export const MAX_ODOMETER_KM = 1_500_000;

const categorical: Check = {
  name: "quality.categorical_values",
  description:
    "retail_transactions' channel, customer_type and payment_type hold only their documented values (nulls are the schema check's)",
  tables: ["retail_transactions"],
  run(ds) {
    const cols = CATEGORICAL_VALUES.retail_transactions;
    let bad: pl.Expr = pl.lit(false);
    for (const [c, values] of Object.entries(cols)) {
      bad = bad.or(pl.col(c).isNotNull().and(pl.col(c).isIn(values).not()));
    }
    return findingOf(
      ds.scan("retail_transactions").filter(bad).select("transaction_id", ...Object.keys(cols)),
    );
  },
};

const onBusinessDay: Check = {
  name: "quality.basket_time_on_business_day",
  description: "a basket's transaction_ts falls on its transaction_date (no late-recorded baskets)",
  tables: ["retail_transactions"],
  run(ds) {
    return findingOf(
      ds.scan("retail_transactions").filter(
        pl.col("transaction_ts").cast(pl.Date).cast(pl.Int32).neq(
          pl.col("transaction_date").cast(pl.Int32),
        ),
      ).select("transaction_id", "transaction_date", "transaction_ts"),
    );
  },
};

const idsFollowTime: Check = {
  name: "quality.basket_ids_follow_time",
  description:
    "within a site, basket ids follow the baskets' timestamps (no out-of-order times; baskets timed off their business day are the check above's)",
  tables: ["retail_transactions"],
  run(ds) {
    return findingOf(
      ds.scan("retail_transactions").filter(
        pl.col("transaction_ts").cast(pl.Date).cast(pl.Int32).eq(
          pl.col("transaction_date").cast(pl.Int32),
        ),
      ).select("transaction_id", "site_id", "transaction_ts")
        .sort(["site_id", "transaction_id"]).filter(
          pl.col("site_id").eq(pl.col("site_id").shift(1)).and(
            pl.col("transaction_ts").lt(pl.col("transaction_ts").shift(1)),
          ),
        ),
    );
  },
};

const odometer: Check = {
  name: "quality.odometer_range",
  description: `customer_vehicles.odometer_km lies in 0 … ${MAX_ODOMETER_KM} km (no unit mix-ups)`,
  tables: ["customer_vehicles"],
  run(ds) {
    return findingOf(
      ds.scan("customer_vehicles").filter(
        pl.col("odometer_km").lt(0).or(pl.col("odometer_km").gt(MAX_ODOMETER_KM)),
      ).select("customer_id", "vehicle_seq", "odometer_km"),
    );
  },
};

/** The data-quality checks, in report order. */
export const FAULT_CHECKS: Check[] = [categorical, onBusinessDay, idsFollowTime, odometer];
