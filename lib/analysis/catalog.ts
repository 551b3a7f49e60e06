/**
 * Summaries of the catalog tier for notebooks: the product range, oils by
 * grade and tier, filters by type, fitment, kits, and the price book — its
 * margin structure, price changes over time, and how standard cost follows
 * the base-oil index.
 *
 * @module
 */

import pl from "nodejs-polars";
import type { Dataset } from "../validate/dataset.ts";
import { productInfo } from "./frames.ts";

/** SAE grades of motor oil from thin to thick (the order charts use). */
export const SAE_ORDER = [
  "0W-8",
  "0W-16",
  "0W-20",
  "0W-30",
  "0W-40",
  "5W-20",
  "5W-30",
  "5W-40",
  "10W-30",
  "10W-40",
  "15W-40",
  "20W-50",
];

/** Motor-oil tiers from premium to value. */
export const OIL_TIERS = [
  "Full Synthetic",
  "Synthetic Blend",
  "High Mileage",
  "Conventional",
  "Diesel",
];

/** Brand types in the order charts use, with readable labels. */
export const BRAND_TYPES: Record<string, string> = {
  own: "chain's own labels",
  private_label: "retailer's own brand",
  third_party: "known brands",
};

/** One colour per brand type (by its readable label), the same in every notebook. */
export const BRAND_TYPE_COLORS = {
  domain: ["chain's own labels", "retailer's own brand", "known brands"],
  range: ["#4e79a7", "#f28e2b", "#9c755f"],
};

/** An expression giving the readable label of a `brand_type` column, as `brand`. */
export function brandLabel(column = "brand_type"): pl.Expr {
  let e = pl.when(pl.col(column).eq(pl.lit("own"))).then(pl.lit(BRAND_TYPES.own));
  for (const k of ["private_label", "third_party"]) {
    e = e.when(pl.col(column).eq(pl.lit(k))).then(pl.lit(BRAND_TYPES[k])) as typeof e;
  }
  return (e as unknown as { otherwise(x: pl.Expr): pl.Expr }).otherwise(pl.col(column)).alias(
    "brand",
  );
}

/** SKUs by category and brand type. */
export function skusByCategory(ds: Dataset): pl.DataFrame {
  return productInfo(ds).groupBy(["department", "category", "brand_type"]).agg(
    pl.len().cast(pl.Int32).alias("skus"),
  ).withColumns(brandLabel()).sort(["department", "category", "brand_type"]).collectSync();
}

/** Brands with their type, positioning and how many SKUs they have here. */
export function brandOverview(ds: Dataset): pl.DataFrame {
  const skus = ds.scan("products").groupBy("brand_id").agg(pl.len().cast(pl.Int32).alias("skus"));
  return ds.scan("brands").join(skus, { on: "brand_id", how: "left" }).select(
    "brand_name",
    "brand_type",
    "positioning",
    "product_lines",
    "markets",
    pl.col("skus").fillNull(0).cast(pl.Int32),
  ).sort(["brand_type", "skus"], true).collectSync();
}

/** Motor-oil SKUs by SAE grade and tier (subcategory). */
export function motorOilGrid(ds: Dataset): pl.DataFrame {
  return ds.scan("products").filter(pl.col("product_kind").eq(pl.lit("motor_oil"))).groupBy([
    "sae_grade",
    "subcategory",
  ]).agg(pl.len().cast(pl.Int32).alias("skus")).collectSync();
}

/** Grades present in a frame with a `sae_grade` column, thin to thick. */
export function gradesIn(df: pl.DataFrame): string[] {
  const present = new Set(df.getColumn("sae_grade").toArray().map(String));
  const known = SAE_ORDER.filter((g) => present.has(g));
  return [...known, ...[...present].filter((g) => !SAE_ORDER.includes(g)).sort()];
}

/** Filter SKUs by category and construction. */
export function filtersByType(ds: Dataset): pl.DataFrame {
  return ds.scan("products").filter(pl.col("department").eq(pl.lit("Filters"))).groupBy([
    "category",
    "filter_type",
  ]).agg(pl.len().cast(pl.Int32).alias("skus")).sort(["category", "filter_type"]).collectSync();
}

/** A few spin-on oil filters with their physical attributes (one per brand). */
export function oilFilterSpecs(ds: Dataset, n = 8): pl.DataFrame {
  return productInfo(ds).filter(
    pl.col("product_kind").eq(pl.lit("oil_filter")).and(
      pl.col("filter_type").eq(pl.lit("spin-on")),
    ),
  ).sort("sku_id").groupBy("brand_name").agg(pl.all().first()).sort("sku_id").head(n).select(
    "sku",
    "brand_name",
    "design_code",
    "thread_size",
    "gasket_od_mm",
    "gasket_id_mm",
    "outer_diameter_mm",
    "height_mm",
    "media",
    "anti_drain_back_valve",
    "bypass_valve_psi",
    "efficiency_pct",
    "efficiency_micron",
  ).collectSync();
}

/** Fitment coverage per role: vehicles covered, SKUs that fit, and the mean choice per vehicle. */
export function fitmentCoverage(ds: Dataset): pl.DataFrame {
  const vehicles = Number(
    ds.scan("vehicles").select(pl.len().alias("n")).collectSync().getColumn("n").get(0),
  );
  return ds.scan("fitments").groupBy("role").agg(
    pl.col("vehicle_id").nUnique().cast(pl.Int32).alias("vehicles_covered"),
    pl.col("sku_id").nUnique().cast(pl.Int32).alias("skus"),
    pl.len().cast(pl.Int32).alias("fitments"),
  ).withColumns(
    pl.col("vehicles_covered").div(vehicles).mul(100).round(1).alias("coverage_pct"),
    pl.col("fitments").div(pl.col("vehicles_covered")).round(1).alias("choices_per_vehicle"),
  ).sort("fitments", true).collectSync();
}

/** The most popular vehicle of a region ("north_america", "europe" or "australia"). */
export function popularVehicle(ds: Dataset, region = "north_america"): pl.DataFrame {
  return ds.scan("vehicles").filter(pl.col("region").eq(pl.lit(region))).sort("popularity", true)
    .head(1).collectSync();
}

/**
 * What fits one vehicle: per role, the number of SKUs and the cheapest and
 * dearest retail list price in a segment on a day (local currency, major units).
 */
export function partsForVehicle(
  ds: Dataset,
  vehicleId: number,
  segmentId: number,
  day: Date,
): pl.DataFrame {
  const prices = ds.scan("price_book").filter(
    pl.col("segment_id").eq(pl.lit(segmentId)).and(pl.col("valid_from").ltEq(pl.lit(day)))
      .and(pl.col("valid_to").gtEq(pl.lit(day))),
  ).select("sku_id", "currency", "retail_list_price");
  return ds.scan("fitments").filter(pl.col("vehicle_id").eq(pl.lit(vehicleId)))
    .join(productInfo(ds).select("sku_id", "brand_type", "product_name", "pack_label"), {
      on: "sku_id",
      how: "left",
    })
    .join(prices, { on: "sku_id", how: "inner" })
    .groupBy("role").agg(
      pl.len().cast(pl.Int32).alias("skus"),
      pl.col("brand_type").nUnique().cast(pl.Int32).alias("brand_types"),
      pl.col("currency").first(),
      pl.col("retail_list_price").min().cast(pl.Float64).div(100).alias("cheapest"),
      pl.col("retail_list_price").max().cast(pl.Float64).div(100).alias("dearest"),
    ).sort("role").collectSync();
}

/** Kits with their type, component count and bundle discount (mean over segments and periods). */
export function kitSummary(ds: Dataset): pl.DataFrame {
  const comps = ds.scan("kit_components").groupBy("kit_id").agg(
    pl.len().cast(pl.Int32).alias("components"),
    pl.col("quantity").sum().cast(pl.Int32).alias("units"),
  );
  const disc = ds.scan("kit_prices").withColumns(
    pl.lit(1).sub(
      pl.col("kit_price").cast(pl.Float64).div(pl.col("components_retail_price").cast(pl.Float64)),
    ).mul(100).alias(
      "discount_pct",
    ),
  ).groupBy("kit_id").agg(pl.col("discount_pct").mean().round(1).alias("mean_discount_pct"));
  return ds.scan("kits").join(comps, { on: "kit_id", how: "left" }).join(disc, {
    on: "kit_id",
    how: "left",
  }).select(
    "kit_code",
    "kit_name",
    "kit_type",
    "market",
    "components",
    "units",
    "target_discount",
    "mean_discount_pct",
  ).sort("kit_code").collectSync();
}

/**
 * Kit prices against the sum of their parts in one segment on one day
 * (local currency, major units), with the kit type.
 */
export function kitPricesOn(ds: Dataset, segmentId: number, day: Date): pl.DataFrame {
  return ds.scan("kit_prices").filter(
    pl.col("segment_id").eq(pl.lit(segmentId)).and(pl.col("valid_from").ltEq(pl.lit(day)))
      .and(pl.col("valid_to").gtEq(pl.lit(day))),
  ).join(ds.scan("kits").select("kit_id", "kit_code", "kit_type"), { on: "kit_id", how: "left" })
    .select(
      "kit_code",
      "kit_type",
      "currency",
      pl.col("components_retail_price").cast(pl.Float64).div(100).alias("parts_price"),
      pl.col("kit_price").cast(pl.Float64).div(100).alias("kit_price"),
    ).sort("kit_code").collectSync();
}

/** The price-book rows valid on a day, with product and brand attributes. */
function priceBookOn(ds: Dataset, day: Date): pl.LazyDataFrame {
  return ds.scan("price_book").filter(
    pl.col("valid_from").ltEq(pl.lit(day)).and(pl.col("valid_to").gtEq(pl.lit(day))),
  ).join(productInfo(ds).select("sku_id", "department", "category", "brand_type"), {
    on: "sku_id",
    how: "left",
  });
}

/**
 * Gross margin of each tier by brand type on a day, averaged over SKUs and
 * segments (%): maker (transfer − cost) / transfer, distributor (wholesale −
 * transfer) / wholesale, retailer (shelf price ex tax − wholesale) / shelf price ex tax.
 */
export function tierMargins(ds: Dataset, day: Date): pl.DataFrame {
  const f = (a: string, b: string) =>
    pl.col(a).sub(pl.col(b)).cast(pl.Float64).div(pl.col(a).cast(pl.Float64)).mul(100);
  return priceBookOn(ds, day).withColumns(
    f("transfer_price", "standard_cost").alias("maker"),
    f("wholesale_price", "transfer_price").alias("distributor"),
    f("retail_price_ex_tax", "wholesale_price").alias("retailer"),
  ).groupBy(["department", "brand_type"]).agg(
    pl.len().cast(pl.Int32).alias("prices"),
    pl.col("maker").mean().round(1),
    pl.col("distributor").mean().round(1),
    pl.col("retailer").mean().round(1),
  ).sort(["department", "brand_type"]).collectSync();
}

/**
 * Where the shelf price (ex tax) goes, by brand type on a day: shares of the
 * standard cost and of each tier's margin (%, summing to 100), long format.
 */
export function priceWaterfall(ds: Dataset, day: Date): pl.DataFrame {
  const share = (a: string, b: string | null) =>
    (b ? pl.col(a).sub(pl.col(b)) : pl.col(a)).cast(pl.Float64).div(
      pl.col("retail_price_ex_tax").cast(pl.Float64),
    ).mul(100);
  const wide = priceBookOn(ds, day).withColumns(
    share("standard_cost", null).alias("standard cost"),
    share("transfer_price", "standard_cost").alias("maker margin"),
    share("wholesale_price", "transfer_price").alias("distributor margin"),
    share("retail_price_ex_tax", "wholesale_price").alias("retailer margin"),
  ).groupBy("brand_type").agg(
    pl.col("standard cost").mean(),
    pl.col("maker margin").mean(),
    pl.col("distributor margin").mean(),
    pl.col("retailer margin").mean(),
  ).collectSync();
  const layers = ["standard cost", "maker margin", "distributor margin", "retailer margin"];
  const rows: { brand_type: string; layer: string; share_pct: number }[] = [];
  for (const r of wide.toRecords()) {
    for (const l of layers) {
      rows.push({
        brand_type: BRAND_TYPES[String(r.brand_type)] ?? String(r.brand_type),
        layer: l,
        share_pct: Math.round(Number(r[l]) * 10) / 10,
      });
    }
  }
  return pl.DataFrame(rows);
}

/**
 * Price changes per month: how many SKU × segment prices changed at the start
 * of each month, by price (cost, transfer, wholesale, retail), with zeros for
 * months without changes. `month` is "YYYY-MM". The first period of each
 * price is not a change.
 */
export function priceChangesByMonth(ds: Dataset): pl.DataFrame {
  const kinds = ["cost", "transfer", "wholesale", "retail"];
  const pb = ds.scan("price_book").filter(
    pl.col("change_reason").str.contains("period_start").not(),
  )
    .select(pl.col("valid_from").dt.strftime("%Y-%m").alias("month"), "change_reason")
    .collectSync();
  const months = ds.scan("calendar").select(pl.col("date").dt.strftime("%Y-%m").alias("month"))
    .unique().sort("month").collectSync();
  const frames = kinds.map((k) =>
    months.join(
      pb.filter(pl.col("change_reason").str.contains(`(^|\\+)${k}(\\+|$)`)).groupBy("month")
        .agg(pl.len().cast(pl.Int32).alias("changes")),
      { on: "month", how: "left" },
    ).select("month", pl.col("changes").fillNull(0).cast(pl.Int32), pl.lit(k).alias("price"))
  );
  return pl.concat(frames).sort(["price", "month"]);
}

/** One SKU's four prices over time in one segment (local currency, major units; `currency` says which), long format. */
export function priceHistory(ds: Dataset, skuId: number, segmentId: number): pl.DataFrame {
  const cols: [string, string][] = [
    ["standard_cost", "standard cost"],
    ["transfer_price", "transfer price"],
    ["wholesale_price", "wholesale price"],
    ["retail_price_ex_tax", "shelf price ex tax"],
  ];
  const pb = ds.scan("price_book").filter(
    pl.col("sku_id").eq(pl.lit(skuId)).and(pl.col("segment_id").eq(pl.lit(segmentId))),
  ).sort("valid_from").collectSync();
  // Each period contributes its first and last day, so the line steps at changes.
  const rows: { date: Date; price: string; amount: number; currency: string }[] = [];
  for (const r of pb.toRecords()) {
    const currency = String(r.currency);
    for (const [c, label] of cols) {
      const v = Number(r[c]) / 100;
      rows.push({ date: r.valid_from as unknown as Date, price: label, amount: v, currency });
      rows.push({ date: r.valid_to as unknown as Date, price: label, amount: v, currency });
    }
  }
  return pl.DataFrame(rows);
}

/** A best-selling kind of SKU to follow over time: the most popular full-synthetic motor oil carried in `segmentId`. */
export function typicalOilSku(ds: Dataset, segmentId: number): pl.DataFrame {
  const carried = ds.scan("price_book").filter(pl.col("segment_id").eq(pl.lit(segmentId))).select(
    "sku_id",
  ).unique();
  return productInfo(ds).join(carried, { on: "sku_id", how: "inner" }).filter(
    pl.col("product_kind").eq(pl.lit("motor_oil")).and(
      pl.col("subcategory").eq(pl.lit("Full Synthetic")),
    ).and(pl.col("is_bulk").not()),
  ).sort("popularity", true).head(1).select(
    "sku_id",
    "sku",
    "product_name",
    "brand_name",
    "brand_type",
    "cost_mix",
  ).collectSync();
}

/**
 * The base-oil indices against the standard cost of the lubricants made from
 * them, monthly, both as an index (first month = 100). Cost is the mean over
 * every SKU and segment of that cost mix of cost / its first month's cost.
 */
export function costFollowsIndex(ds: Dataset): pl.DataFrame {
  const mixes: [string, string, string][] = [
    ["base_oil_group_ii", "lube_group2", "Group II"],
    ["base_oil_group_iii", "lube_group3", "Group III"],
  ];
  const months = ds.scan("calendar").select(pl.col("date").dt.truncate("1mo").alias("month"))
    .unique();
  const frames: pl.DataFrame[] = [];
  for (const [index, mix, label] of mixes) {
    const idx = ds.scan("raw_material_index").filter(pl.col("index_code").eq(pl.lit(index)))
      .groupBy(pl.col("week_start").dt.truncate("1mo").alias("month")).agg(
        pl.col("index_value").mean().alias("value"),
      ).join(months, { on: "month", how: "inner" }).sort("month").collectSync();
    const first = Number(idx.getColumn("value").get(0));
    frames.push(
      idx.select(
        "month",
        pl.col("value").div(first).mul(100).alias("index"),
        pl.lit(`${label} base-oil index`).alias("series"),
      ),
    );
    const skus = ds.scan("products").filter(pl.col("cost_mix").eq(pl.lit(mix))).select("sku_id");
    const cost = ds.scan("price_book").join(skus, { on: "sku_id", how: "inner" }).select(
      "sku_id",
      "segment_id",
      "valid_from",
      "valid_to",
      "standard_cost",
    ).join(months, { how: "cross" }).filter(
      pl.col("month").gtEq(pl.col("valid_from")).and(pl.col("month").ltEq(pl.col("valid_to"))),
    ).sort("month").withColumns(
      pl.col("standard_cost").cast(pl.Float64).div(
        pl.col("standard_cost").first().over("sku_id", "segment_id").cast(pl.Float64),
      ).mul(100).alias("rel"),
    ).groupBy("month").agg(pl.col("rel").mean().alias("index")).sort("month").collectSync();
    frames.push(
      cost.select("month", "index", pl.lit(`standard cost, ${label} oils`).alias("series")),
    );
  }
  return pl.concat(frames).sort(["series", "month"]);
}
