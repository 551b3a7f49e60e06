/**
 * Summaries of the retailer's known customers for notebooks: loyalty members
 * (DIY) and trade accounts, the vehicles they own, what they buy and how
 * often they come back. Amounts are in the reporting currency (major units).
 *
 * @module
 */

import pl from "nodejs-polars";
import type { Dataset } from "../validate/dataset.ts";
import { baskets, salesLines } from "./frames.ts";

/** Customer types of the customer table with readable labels. */
export const CUSTOMER_TYPES: Record<string, string> = {
  loyalty: "loyalty member (DIY)",
  trade: "trade account",
};

/** One colour per customer label (the same as in notebook 03). */
export const CUSTOMER_COLORS = {
  domain: Object.values(CUSTOMER_TYPES),
  range: ["#4e79a7", "#e15759"],
};

function typeLabel(column = "customer_type"): pl.Expr {
  return pl.when(pl.col(column).eq(pl.lit("loyalty"))).then(pl.lit(CUSTOMER_TYPES.loyalty))
    .otherwise(pl.lit(CUSTOMER_TYPES.trade)).alias("customer");
}

/** Known customers by country and type. */
export function customersByCountry(ds: Dataset): pl.DataFrame {
  return ds.scan("retail_customers").groupBy([pl.col("country_code"), typeLabel()]).agg(
    pl.len().cast(pl.Int32).alias("customers"),
  ).sort(["country_code", "customer"]).collectSync();
}

/** Last day of the period as a day number (days since 1970-01-01). */
function lastDayNo(ds: Dataset): number {
  return Number(
    ds.scan("calendar").select(pl.col("date").cast(pl.Int32).max().alias("d")).collectSync()
      .getColumn("d").get(0),
  );
}

/** First day of the period as a day number. */
function firstDayNo(ds: Dataset): number {
  return Number(
    ds.scan("calendar").select(pl.col("date").cast(pl.Int32).min().alias("d")).collectSync()
      .getColumn("d").get(0),
  );
}

/**
 * Each known customer with their type, vehicles, baskets, revenue and the
 * years they were a customer within the period (from joining, or from the
 * period's start).
 */
export function customerActivity(ds: Dataset): pl.LazyDataFrame {
  const first = firstDayNo(ds);
  const last = lastDayNo(ds);
  const vehicles = ds.scan("customer_vehicles").groupBy("customer_id").agg(
    pl.len().cast(pl.Int32).alias("vehicles"),
  );
  const bought = baskets(ds).filter(pl.col("customer_id").isNotNull()).groupBy("customer_id").agg(
    pl.len().cast(pl.Int32).alias("baskets"),
    pl.col("net_rep").sum().alias("revenue"),
  );
  return ds.scan("retail_customers").select(
    "customer_id",
    "customer_type",
    "country_code",
    "join_date",
    "marketing_opt_in",
    typeLabel(),
  ).join(vehicles, { on: "customer_id", how: "left" }).join(bought, {
    on: "customer_id",
    how: "left",
  }).withColumns(
    pl.col("vehicles").fillNull(0),
    pl.col("baskets").fillNull(0),
    pl.col("revenue").fillNull(0),
    pl.lit(last + 1).sub(
      pl.when(pl.col("join_date").cast(pl.Int32).gt(first)).then(pl.col("join_date").cast(pl.Int32))
        .otherwise(pl.lit(first)),
    ).cast(pl.Float64).div(365.25).alias("years"),
  ).filter(pl.col("years").gt(0));
}

/** Per customer type: customers, vehicles, opt-in, baskets and revenue per customer per year. */
export function customerSummary(ds: Dataset): pl.DataFrame {
  return customerActivity(ds).groupBy("customer").agg(
    pl.len().cast(pl.Int32).alias("customers"),
    pl.col("vehicles").mean().round(2).alias("vehicles_per_customer"),
    pl.col("marketing_opt_in").mean().mul(100).round(1).alias("marketing_opt_in_pct"),
    pl.col("baskets").sum().div(pl.col("years").sum()).round(2).alias("baskets_per_year"),
    pl.col("revenue").sum().div(pl.col("years").sum()).round(2).alias("revenue_per_year"),
    pl.col("baskets").eq(0).mean().mul(100).round(1).alias("never_bought_pct"),
  ).sort("customer").collectSync();
}

/** Share of customers (%) by number of vehicles owned, per type. */
export function vehiclesPerCustomer(ds: Dataset): pl.DataFrame {
  return customerActivity(ds).groupBy([
    pl.col("customer"),
    pl.col("vehicles").cast(pl.Int32).cast(pl.Utf8).alias("vehicles_owned"),
  ]).agg(pl.len().alias("customers")).withColumns(
    pl.col("customers").cast(pl.Float64).div(pl.col("customers").sum().over("customer")).mul(100)
      .round(1).alias("share_pct"),
  ).sort(["customer", "vehicles_owned"]).collectSync();
}

/** The makes customers drive most, by region of sale (top `n` makes overall). */
export function topMakes(ds: Dataset, n = 12): pl.DataFrame {
  const owned = ds.scan("customer_vehicles").join(
    ds.scan("vehicles").select("vehicle_id", "make", "region"),
    { on: "vehicle_id", how: "left" },
  );
  const top = owned.groupBy("make").agg(pl.len().alias("n")).sort("n", true).head(n).select("make");
  return owned.join(top, { on: "make", how: "inner" }).groupBy(["make", "region"]).agg(
    pl.len().cast(pl.Int32).alias("vehicles"),
  ).withColumns(pl.col("region").str.replace("_", " ")).sort(["make", "region"]).collectSync();
}

/** Vehicles by age in years at the end of the period, per region (share of the region's vehicles, %). */
export function vehicleAges(ds: Dataset): pl.DataFrame {
  const endYear = Number(
    ds.scan("calendar").select(pl.col("year").max().alias("y")).collectSync().getColumn("y").get(0),
  );
  return ds.scan("customer_vehicles").join(
    ds.scan("vehicles").select("vehicle_id", "region"),
    { on: "vehicle_id", how: "left" },
  ).select(
    pl.col("region").str.replace("_", " "),
    pl.lit(endYear).sub(pl.col("model_year")).cast(pl.Int32).alias("age"),
  ).groupBy(["region", "age"]).agg(pl.len().alias("vehicles")).withColumns(
    pl.col("vehicles").cast(pl.Float64).div(pl.col("vehicles").sum().over("region")).mul(100)
      .alias("share_pct"),
  ).sort(["region", "age"]).collectSync();
}

/** Revenue share by category (%) for each shopper type (anonymous, loyalty, trade). */
export function categoryMix(ds: Dataset): pl.DataFrame {
  return salesLines(ds).join(
    ds.scan("retail_transactions").select("transaction_id", "customer_type"),
    { on: "transaction_id", how: "left" },
  ).groupBy(["customer_type", "category"]).agg(pl.col("net_rep").sum().alias("revenue"))
    .withColumns(
      pl.when(pl.col("customer_type").eq(pl.lit("anonymous"))).then(pl.lit("anonymous (DIY)"))
        .when(pl.col("customer_type").eq(pl.lit("loyalty"))).then(pl.lit(CUSTOMER_TYPES.loyalty))
        .otherwise(pl.lit(CUSTOMER_TYPES.trade)).alias("shopper"),
      pl.col("revenue").div(pl.col("revenue").sum().over("customer_type")).mul(100).round(1)
        .alias("share_pct"),
    ).select("shopper", "category", "share_pct").sort(["shopper", "category"]).collectSync();
}

/** Buckets of baskets per year, in order. */
export const FREQUENCY_BUCKETS = ["< 1", "1–2", "2–4", "4–8", "8–16", "16+"];

/** Customers by how many baskets they buy per year (share of each type, %); customers who never bought are left out. */
export function purchaseFrequency(ds: Dataset): pl.DataFrame {
  const rate = pl.col("baskets").cast(pl.Float64).div(pl.col("years"));
  const bucket = pl.when(rate.lt(1)).then(pl.lit(FREQUENCY_BUCKETS[0]))
    .when(rate.lt(2)).then(pl.lit(FREQUENCY_BUCKETS[1]))
    .when(rate.lt(4)).then(pl.lit(FREQUENCY_BUCKETS[2]))
    .when(rate.lt(8)).then(pl.lit(FREQUENCY_BUCKETS[3]))
    .when(rate.lt(16)).then(pl.lit(FREQUENCY_BUCKETS[4]))
    .otherwise(pl.lit(FREQUENCY_BUCKETS[5])).alias("baskets_per_year");
  return customerActivity(ds).filter(pl.col("baskets").gt(0)).groupBy([pl.col("customer"), bucket])
    .agg(
      pl.len().alias("customers"),
    ).withColumns(
      pl.col("customers").cast(pl.Float64).div(pl.col("customers").sum().over("customer")).mul(100)
        .round(1).alias("share_pct"),
    ).sort(["customer", "baskets_per_year"]).collectSync();
}

/** Days between a customer's consecutive baskets: median and quartiles per type. */
export function daysBetweenVisits(ds: Dataset): pl.DataFrame {
  return ds.scan("retail_transactions").filter(pl.col("customer_id").isNotNull()).select(
    "customer_id",
    typeLabel(),
    pl.col("transaction_date").cast(pl.Int32).alias("d"),
  ).sort(["customer_id", "d"]).withColumns(
    pl.col("d").diff(1, "ignore").over("customer_id").alias("gap"),
  ).filter(pl.col("gap").isNotNull()).groupBy("customer").agg(
    pl.len().alias("repeat_visits"),
    pl.col("gap").quantile(0.25).alias("q1_days"),
    pl.col("gap").median().alias("median_days"),
    pl.col("gap").quantile(0.75).alias("q3_days"),
  ).sort("customer").collectSync();
}

/**
 * Fitment in practice: of loyalty members' motor-oil and filter lines, how
 * many name the member's vehicle they were bought for, and how many of those
 * fit it (per the catalog's fitments).
 */
export function fitmentInPractice(ds: Dataset): pl.DataFrame {
  const fits = ds.scan("fitments").select("sku_id", "vehicle_id", pl.lit(true).alias("fits"));
  return salesLines(ds).join(
    ds.scan("retail_transactions").select("transaction_id", "customer_type"),
    { on: "transaction_id", how: "left" },
  ).filter(
    pl.col("customer_type").eq(pl.lit("loyalty")).and(
      pl.col("product_kind").eq(pl.lit("motor_oil")).or(
        pl.col("product_kind").str.contains("filter"),
      ),
    ),
  ).join(fits, { on: ["sku_id", "vehicle_id"], how: "left" }).groupBy("category").agg(
    pl.len().cast(pl.Int32).alias("lines"),
    pl.col("vehicle_id").isNotNull().sum().cast(pl.Int32).alias("for_a_vehicle"),
    pl.col("fits").fillNull(false).sum().cast(pl.Int32).alias("fits_that_vehicle"),
  ).sort("lines", true).collectSync();
}

/**
 * A loyalty member worth following: among members with two or more vehicles
 * who bought at all, the one at the given quantile of basket count (default
 * the upper quartile: a regular, not an outlier).
 */
export function storyCustomer(ds: Dataset, quantile = 0.75): number {
  const df = customerActivity(ds).filter(
    pl.col("customer_type").eq(pl.lit("loyalty")).and(pl.col("vehicles").gtEq(2)).and(
      pl.col("baskets").gt(0),
    ),
  ).sort(["baskets", "customer_id"]).collectSync();
  if (df.height === 0) {
    throw new Error("no loyalty member with two or more vehicles bought anything");
  }
  const i = Math.min(df.height - 1, Math.floor(quantile * df.height));
  return Number(df.getColumn("customer_id").get(i));
}

/** A customer's vehicles: make, model, engine, model year, oil grade, annual distance. */
export function customerVehicles(ds: Dataset, customerId: number): pl.DataFrame {
  return ds.scan("customer_vehicles").filter(pl.col("customer_id").eq(pl.lit(customerId)))
    .join(ds.scan("vehicles"), { on: "vehicle_id", how: "left" }).select(
      "vehicle_seq",
      "vehicle_id",
      "make",
      "model",
      "engine",
      "model_year",
      "oil_grade",
      "oil_capacity_l",
      "annual_km",
    ).sort("vehicle_seq").collectSync();
}

/** A customer's purchases, line by line: date, site, product, quantity, price paid and the vehicle it was for. */
export function customerPurchases(ds: Dataset, customerId: number): pl.DataFrame {
  const tx = ds.scan("retail_transactions").filter(pl.col("customer_id").eq(pl.lit(customerId)))
    .select("transaction_id", "channel");
  const vehicles = ds.scan("vehicles").select(
    "vehicle_id",
    pl.concatString([pl.col("make"), pl.col("model")], " ").alias("for_vehicle"),
  );
  return ds.scan("retail_transaction_lines").join(tx, { on: "transaction_id", how: "inner" })
    .join(ds.scan("products").select("sku_id", "product_name"), { on: "sku_id", how: "left" })
    .join(ds.scan("sites").select("site_id", "site_name"), { on: "site_id", how: "left" })
    .join(vehicles, { on: "vehicle_id", how: "left" }).sort([
      "transaction_date",
      "transaction_id",
      "line_number",
    ])
    .select(
      "transaction_date",
      "site_name",
      "channel",
      "product_name",
      "qty",
      pl.col("net_amount").cast(pl.Float64).div(100).alias("net_paid"),
      "for_vehicle",
    ).collectSync();
}
