/**
 * Analyses of the distributor (Brightaxle) for notebook 08: who buys what,
 * margins by brand and customer type, trade fill rate and backorders over
 * time, DC stock through the base-oil cost shock, receivables aging and the
 * bullwhip. They build on the same queries as the profile's distribution
 * section (`lib/profile/distribution_tier.ts`), so the notebook and
 * `deno task profile` agree.
 *
 * @module
 */

import pl from "nodejs-polars";
import type { Dataset } from "../validate/dataset.ts";
import { brandLabel } from "./catalog.ts";
import { profileOf } from "../profile/mod.ts";
import { figuresTable } from "./frames.ts";
import {
  AGING_BUCKETS,
  bullwhip,
  BULLWHIP_LEVELS,
  dailyReceivables,
  daysSalesOutstanding,
  DISTRIBUTION_TIER,
  fullWeeks,
  invoiceFacts,
  orderLineFill,
  receivablesAging,
  weeklyDcStock,
  weeklyUnits,
} from "../profile/distribution_tier.ts";

export { AGING_BUCKETS, BULLWHIP_LEVELS, daysSalesOutstanding };

/** Readable names of the distributor's customer types. */
export const CUSTOMER_TYPES: Record<string, string> = {
  retailer_site: "the retailer's stores",
  garage: "garages",
  quick_lube: "quick-lube shops",
  fleet: "fleets",
  reseller: "resellers",
};

/** Customer types in display order, by their readable names. */
export const CUSTOMER_ORDER: string[] = Object.values(CUSTOMER_TYPES);

/** An expression giving the readable name of `customer_type`, as `customer`. */
export function customerLabel(column = "customer_type"): pl.Expr {
  const [first, ...rest] = Object.entries(CUSTOMER_TYPES);
  let e = pl.when(pl.col(column).eq(pl.lit(first[0]))).then(pl.lit(first[1]));
  for (const [k, v] of rest) e = e.when(pl.col(column).eq(pl.lit(k))).then(pl.lit(v)) as typeof e;
  return (e as unknown as { otherwise(x: pl.Expr): pl.Expr }).otherwise(pl.col(column)).alias(
    "customer",
  );
}

/**
 * Revenue, cost and gross margin per customer type × brand type over the
 * period (reporting currency at each invoice day's FX; credit notes included),
 * with each brand type's share of the customer type's revenue.
 */
export function salesByCustomerAndBrand(ds: Dataset): pl.DataFrame {
  return invoiceFacts(ds, ["brand_type"]).groupBy(["customer_type", "brand_type"]).agg(
    pl.col("net_rep").sum().alias("revenue"),
    pl.col("cost_rep").sum().alias("cost"),
  ).withColumns(
    customerLabel(),
    brandLabel(),
    pl.col("revenue").sub(pl.col("cost")).div(pl.col("revenue")).mul(100).alias(
      "gross_margin_pct",
    ),
    pl.col("revenue").div(pl.col("revenue").sum().over("customer_type")).mul(100).alias(
      "share_pct",
    ),
  ).select("customer", "brand", "revenue", "gross_margin_pct", "share_pct")
    .sort(["customer", "brand"]).collectSync();
}

/** Revenue and gross margin per customer type (all brands). */
export function salesByCustomer(ds: Dataset): pl.DataFrame {
  return invoiceFacts(ds).groupBy("customer_type").agg(
    pl.col("net_rep").sum().alias("revenue"),
    pl.col("cost_rep").sum().alias("cost"),
  ).withColumns(
    customerLabel(),
    pl.col("revenue").sub(pl.col("cost")).div(pl.col("revenue")).mul(100).alias(
      "gross_margin_pct",
    ),
    pl.col("revenue").div(pl.col("revenue").sum()).mul(100).alias("share_pct"),
  ).select("customer", "revenue", "share_pct", "gross_margin_pct").sort("revenue", true)
    .collectSync();
}

/**
 * Trade fill rate per month of the order day: units and lines shipped whole
 * on the order day, as `series` / `fill_pct` rows for a line chart.
 */
export function monthlyTradeFill(ds: Dataset): pl.DataFrame {
  const m = orderLineFill(ds).filter(pl.col("order_type").eq(pl.lit("trade"))).groupBy(
    pl.col("order_date").dt.truncate("1mo").alias("month"),
  ).agg(
    pl.col("first_qty").sum().cast(pl.Float64).div(pl.col("qty").sum()).mul(100).alias("units"),
    pl.col("first_qty").gtEq(pl.col("qty")).cast(pl.Float64).mean().mul(100).alias("lines"),
  ).sort("month").collectSync();
  return pl.concat([
    m.select(
      "month",
      pl.lit("units shipped on the order day").alias("series"),
      pl.col("units").alias("fill_pct"),
    ),
    m.select(
      "month",
      pl.lit("lines shipped whole on the order day").alias("series"),
      pl.col("lines").alias("fill_pct"),
    ),
  ]);
}

/**
 * Trade units waiting on backorder at each full week's close, summed over the
 * DCs (dc_inventory.backorder_qty), and as a share of the week's shipments.
 */
export function weeklyBackorders(ds: Dataset): pl.DataFrame {
  return ds.scan("dc_inventory")
    .filter(
      pl.col("snapshot_date").cast(pl.Int32).sub(pl.col("week_start").cast(pl.Int32)).eq(6),
    )
    .groupBy("snapshot_date").agg(
      pl.col("backorder_qty").sum().cast(pl.Float64).alias("backorder_units"),
      pl.col("shipments_qty").sum().cast(pl.Float64).alias("shipped_units"),
    ).withColumns(
      pl.col("backorder_units").div(pl.col("shipped_units")).mul(100).alias("backorder_pct"),
    ).sort("snapshot_date").collectSync();
}

/** DC stock at cost per week and department, all DCs, reporting currency. */
export function dcStockByDepartment(ds: Dataset): pl.DataFrame {
  return weeklyDcStock(ds, ["department"]).sort(["department", "snapshot_date"]).collectSync();
}

/**
 * The transfer price the DCs pay, per week and department, as an index: each
 * DC × SKU's unit_cost against its own first week (= 100), averaged over the
 * SKUs the DCs hold. Local prices, so FX does not move it.
 */
export function transferPriceIndex(ds: Dataset): pl.DataFrame {
  const inv = ds.scan("dc_inventory").select("dc_site_id", "sku_id", "snapshot_date", "unit_cost");
  const base = inv.sort("snapshot_date").groupBy(["dc_site_id", "sku_id"]).agg(
    pl.col("unit_cost").first().alias("base_cost"),
  );
  return inv.join(base, { on: ["dc_site_id", "sku_id"], how: "inner" })
    .join(ds.scan("products").select("sku_id", "department"), { on: "sku_id", how: "left" })
    .groupBy(["department", "snapshot_date"]).agg(
      pl.col("unit_cost").cast(pl.Float64).div(pl.col("base_cost")).mean().mul(100).alias(
        "index",
      ),
    ).sort(["department", "snapshot_date"]).collectSync();
}

/** Open receivables at the period's end per aging bucket and customer type (readable names). */
export function agingByCustomer(ds: Dataset): pl.DataFrame {
  return receivablesAging(ds).withColumns(customerLabel()).select(
    "bucket",
    "customer",
    "open",
    "invoices",
  );
}

/** Open receivables and 30-day credit sales per month's end (reporting currency), for a DSO trend. */
export function monthlyDso(ds: Dataset): pl.DataFrame {
  const daily = dailyReceivables(ds).withColumns(
    pl.col("invoiced").rollingSum({ windowSize: 91, minPeriods: 91 }).div(91).alias(
      "sales_per_day",
    ),
  );
  return daily.filter(
    pl.col("day").eq(pl.col("day").max().over(pl.col("day").dt.truncate("1mo"))),
  ).filter(pl.col("sales_per_day").isNotNull()).select(
    pl.col("day").dt.truncate("1mo").alias("month"),
    pl.col("open"),
    pl.col("open").div(pl.col("sales_per_day")).alias("dso_days"),
  );
}

/** The bullwhip ratios (median and pooled over SKU × segment) as rows for a chart or table. */
export function bullwhipTable(
  ds: Dataset,
): { rows: pl.DataFrame; pairs: number; weeks: number; dcOwn: number } {
  const bw = bullwhip(ds);
  return {
    rows: pl.DataFrame(bw.ratios.map((r) => ({
      level: r.level,
      median_ratio: r.median,
      pooled_ratio: r.pooled,
    }))),
    pairs: bw.pairs,
    weeks: bw.weeks,
    dcOwn: bw.dcOwnMedian,
  };
}

/**
 * Weekly units of one SKU in one geo segment at consumer sales, store orders
 * and DC purchase orders (zeros filled in), for the SKU × segment with the
 * most consumer sales: the bullwhip you can see.
 */
export function bullwhipExample(
  ds: Dataset,
): { rows: pl.DataFrame; sku: string; product: string; segment: string } {
  const weekly = weeklyUnits(ds).collectSync();
  const top = weekly.filter(pl.col("level").eq(pl.lit("consumer sales")))
    .groupBy(["segment_id", "sku_id"]).agg(pl.col("units").sum().alias("u"))
    .sort("u", true).head(1).toRecords()[0];
  const seg = Number(top.segment_id), sku = Number(top.sku_id);
  const weeks: pl.DataFrame = pl.DataFrame({ day: fullWeeks(ds) }).select(
    pl.col("day").cast(pl.Date).alias("week"),
  );
  const levels = ["consumer sales", "store orders", "DC purchase orders"];
  const rows = pl.concat(levels.map((level) =>
    weeks.join(
      weekly.filter(
        pl.col("level").eq(pl.lit(level)).and(pl.col("segment_id").eq(seg)).and(
          pl.col("sku_id").eq(sku),
        ),
      ).select("week", "units"),
      { on: "week", how: "left" },
    ).select(
      "week",
      pl.lit(level).alias("level"),
      pl.col("units").fillNull(0).cast(pl.Float64),
    )
  ));
  const p = ds.scan("products").filter(pl.col("sku_id").eq(sku)).select("sku", "product_name")
    .collectSync().toRecords()[0];
  const s = ds.scan("geo_segments").filter(pl.col("segment_id").eq(seg)).select("segment_code")
    .collectSync().toRecords()[0];
  return {
    rows,
    sku: String(p.sku),
    product: String(p.product_name),
    segment: String(s.segment_code),
  };
}

/**
 * The profile's distribution figures as a table: what was measured, the
 * target range and whether the figure is inside it (bullwhip ratios have no
 * target; notebook 08 charts them).
 */
export function distributionHeadlines(ds: Dataset): pl.DataFrame {
  return figuresTable(
    profileOf(ds, [DISTRIBUTION_TIER]).sections[0].figures
      .filter((f) => !f.metric.startsWith("bullwhip")),
  );
}

/** Cost of goods sold, mean weekly DC stock at cost and inventory turns per calendar year (reporting currency). */
export function yearlyTurns(ds: Dataset): pl.DataFrame {
  const cogs = invoiceFacts(ds).groupBy(pl.col("invoice_date").dt.year().alias("year")).agg(
    pl.col("cost_rep").sum().alias("cost_of_sales"),
    pl.col("invoice_date").nUnique().alias("days"),
  );
  const stock = weeklyDcStock(ds).groupBy(pl.col("snapshot_date").dt.year().alias("year")).agg(
    pl.col("stock_value").mean().alias("mean_stock"),
  );
  return cogs.join(stock, { on: "year", how: "inner" }).withColumns(
    pl.col("cost_of_sales").div(pl.col("mean_stock")).mul(365).div(pl.col("days")).alias(
      "turns",
    ),
  ).select("year", "cost_of_sales", "mean_stock", "turns").sort("year").collectSync();
}
