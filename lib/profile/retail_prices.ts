/**
 * The retail figures of growth and pricing a retail analyst asks for next:
 * revenue growth year over year at constant FX (like-for-like stores, the
 * whole chain, online) with what drives it (traffic against basket value),
 * how shelf prices move (the share of SKU-months with a change, the largest
 * month-on-month step of a line), and how much is sold below cost (loss
 * leaders) — from the data alone, beside public figures where they exist.
 *
 * @module
 */

import pl from "nodejs-polars";
import type { Dataset } from "../validate/dataset.ts";
import { dayNo, sitesFrame } from "./frames.ts";
import {
  RETAIL_BELOW_COST_SOURCE,
  RETAIL_LFL_GROWTH,
  RETAIL_PRICE_CHANGE_FREQUENCY,
} from "./sources.ts";
import type { Figure } from "./types.ts";

/** Geometric mean of year-over-year ratios, as a percentage growth; null without any. */
function meanGrowth(ratios: number[]): number | null {
  const ok = ratios.filter((r) => Number.isFinite(r) && r > 0);
  if (ok.length === 0) return null;
  return 100 * (Math.exp(ok.reduce((a, r) => a + Math.log(r), 0) / ok.length) - 1);
}

/**
 * Revenue growth per year at constant FX (each currency at its mean rate over
 * the period), over consecutive full calendar years: like-for-like stores
 * (trading before the first of the two years began), the whole chain, and
 * online; and, for like-for-like stores, baskets and revenue per basket, the
 * two parts of their growth.
 */
export function growthFigures(ds: Dataset): Figure[] {
  const bounds = ds.scan("calendar").select(
    dayNo("date").min().alias("first"),
    dayNo("date").max().alias("last"),
  ).collectSync().toRecords()[0];
  const first = new Date(Number(bounds.first) * 86_400_000);
  const last = new Date(Number(bounds.last) * 86_400_000);
  const y0 = first.getUTCMonth() === 0 && first.getUTCDate() === 1
    ? first.getUTCFullYear()
    : first.getUTCFullYear() + 1;
  const y1 = last.getUTCMonth() === 11 && last.getUTCDate() === 31
    ? last.getUTCFullYear()
    : last.getUTCFullYear() - 1;
  const fx = ds.scan("fx_rates").groupBy("currency").agg(pl.col("rate").mean().alias("fx"));
  const yearly = ds.scan("retail_transactions").select(
    "site_id",
    pl.col("transaction_date").dt.year().alias("year"),
    "net_amount",
  ).groupBy(["site_id", "year"]).agg(
    pl.col("net_amount").sum().alias("net"),
    pl.len().alias("baskets"),
  ).join(sitesFrame(ds), { on: "site_id", how: "left" })
    .join(fx, { on: "currency", how: "left" })
    .select(
      "site_type",
      "year",
      pl.col("open_date").dt.year().alias("open_year"),
      pl.col("net").cast(pl.Float64).mul(pl.col("fx")).div(100).alias("revenue"),
      "baskets",
    ).collectSync().toRecords();
  const sum = (year: number, keep: (r: Record<string, unknown>) => boolean, k: string) =>
    yearly.filter((r) => Number(r.year) === year && keep(r))
      .reduce((a, r) => a + Number(r[k]), 0);
  const ratios = (keep: (r: Record<string, unknown>, year: number) => boolean, k: string) => {
    const out: number[] = [];
    for (let y = y0; y < y1; y++) {
      const prev = sum(y, (r) => keep(r, y), k), next = sum(y + 1, (r) => keep(r, y), k);
      out.push(prev > 0 ? next / prev : NaN);
    }
    return out;
  };
  // Like-for-like: stores that traded before the first of the two years began.
  const lfl = (r: Record<string, unknown>, y: number) =>
    r.site_type === "store" && Number(r.open_year) < y;
  const lflRevenue = ratios(lfl, "revenue"), lflBaskets = ratios(lfl, "baskets");
  const perBasket = lflRevenue.map((r, i) => r / lflBaskets[i]);
  const years = y1 > y0 ? `${y0}–${y1}` : "fewer than two full calendar years";
  return [
    {
      metric: "like-for-like revenue growth per year, stores (constant FX)",
      value: meanGrowth(lflRevenue),
      unit: "%",
      target: RETAIL_LFL_GROWTH,
      note:
        `stores trading before the first of two consecutive full years (${years}); each currency at its mean rate over the period; geometric mean of the years`,
    },
    {
      metric: "like-for-like basket growth per year, stores",
      value: meanGrowth(lflBaskets),
      unit: "%",
      note: "traffic: the injected store trend (retail.traffic.trend) is about flat",
    },
    {
      metric: "like-for-like revenue per basket growth per year, stores (constant FX)",
      value: meanGrowth(perBasket),
      unit: "%",
      note: "price: shelf prices follow the base-oil cost shock up, in steps, line by line",
    },
    {
      metric: "revenue growth per year, all (constant FX)",
      value: meanGrowth(ratios(() => true, "revenue")),
      unit: "%",
      note:
        "like-for-like growth, plus the stores that open during the period (sites.open_date) and online, growing from a small base",
    },
    {
      metric: "revenue growth per year, online (constant FX)",
      value: meanGrowth(ratios((r) => r.site_type === "online", "revenue")),
      unit: "%",
    },
  ];
}

/**
 * How shelf prices move, from the price book: the share of SKU × segment ×
 * months whose retail list price differs from the month before, and per line
 * (brand × subcategory) × segment the month-on-month change of the line's mean
 * price ratio to the month before — its largest step, as the median, the 95th
 * percentile and the largest over lines.
 */
export function priceStepFigures(ds: Dataset): Figure[] {
  const months = ds.scan("calendar").select(pl.col("date").dt.truncate("1mo").alias("month"))
    .unique();
  // The price in force at each month start, per SKU × segment.
  const monthly = ds.scan("price_book").select(
    "sku_id",
    "segment_id",
    "valid_from",
    "valid_to",
    "retail_list_price",
  ).join(months, { how: "cross" })
    .filter(
      pl.col("month").gtEq(pl.col("valid_from").dt.truncate("1mo"))
        .and(pl.col("month").ltEq(pl.col("valid_to"))),
    )
    .select("sku_id", "segment_id", "month", pl.col("retail_list_price").cast(pl.Float64))
    .sort(["sku_id", "segment_id", "month"])
    .withColumns(
      pl.col("retail_list_price").shift(1).over("sku_id", "segment_id").alias("prev"),
    ).filter(pl.col("prev").isNotNull())
    .withColumns(pl.col("retail_list_price").div(pl.col("prev")).alias("ratio"))
    .join(ds.scan("products").select("sku_id", "brand_id", "subcategory"), {
      on: "sku_id",
      how: "left",
    });
  const freq = monthly.select(
    pl.col("ratio").neq(1).cast(pl.Float64).mean().mul(100).alias("share"),
    pl.col("ratio").sub(1).abs().filter(pl.col("ratio").neq(1)).median().mul(100).alias("size"),
  ).collectSync().toRecords()[0];
  const lines = monthly.groupBy(["brand_id", "subcategory", "segment_id", "month"]).agg(
    pl.col("ratio").mean().sub(1).abs().alias("step"),
  ).groupBy(["brand_id", "subcategory", "segment_id"]).agg(pl.col("step").max().alias("largest"))
    .select(
      pl.col("largest").median().mul(100).alias("median"),
      pl.col("largest").quantile(0.95).mul(100).alias("p95"),
      pl.col("largest").max().mul(100).alias("max"),
    ).collectSync().toRecords()[0];
  const val = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return [
    {
      metric: "shelf price changes: share of SKU-months with a change",
      value: val(freq.share),
      unit: "%",
      target: RETAIL_PRICE_CHANGE_FREQUENCY,
      note: "price_book retail_list_price at each month start against the month before",
    },
    {
      metric: "shelf price changes: median size of a change",
      value: val(freq.size),
      unit: "%",
    },
    {
      metric: "largest month-on-month shelf price step of a line, median over lines",
      value: val(lines.median),
      unit: "%",
      note:
        "line = brand × subcategory in a segment; step = |mean of its SKUs' price ratios to the month before − 1|",
    },
    {
      metric: "largest month-on-month shelf price step of a line, 95th percentile of lines",
      value: val(lines.p95),
      unit: "%",
      note: "the repricing rule moves a line at most 6 % a review, plus the rounding to .99",
    },
    {
      metric: "largest month-on-month shelf price step of a line, largest line",
      value: val(lines.max),
      unit: "%",
      note:
        "the largest are one-SKU lines of cheap items, whose .99 ending moves in whole units (4.99 → 5.99 is +20 %)",
    },
  ];
}

/**
 * Sales below cost: the share of sales lines (all, and of kit deals — the
 * oil-change specials) whose net amount is below their cost, and the share of
 * net revenue those lines make.
 */
export function belowCostFigures(ds: Dataset): Figure[] {
  const r = ds.scan("retail_transaction_lines").select(
    pl.col("net_amount").lt(pl.col("cost_amount")).alias("below"),
    pl.col("kit_id").isNotNull().and(pl.col("promotion_id").isNotNull()).alias("kit_deal"),
    pl.col("net_amount").cast(pl.Float64).alias("net"),
  ).select(
    pl.col("below").cast(pl.Float64).mean().mul(100).alias("lines"),
    pl.col("below").cast(pl.Float64).filter(pl.col("kit_deal")).mean().mul(100).alias("kit"),
    pl.col("net").filter(pl.col("below")).sum().div(pl.col("net").sum()).mul(100).alias("rev"),
  ).collectSync().toRecords()[0];
  const val = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return [
    {
      metric: "sales lines below cost, all",
      value: val(r.lines),
      unit: "%",
      target: { low: 0, high: 2, source: RETAIL_BELOW_COST_SOURCE },
      note: "net_amount < cost_amount",
    },
    {
      metric: "sales lines below cost, oil-change kit deals",
      value: val(r.kit),
      unit: "%",
      note: "the deeper oil-change specials sell the kit under cost (a loss leader)",
    },
    {
      metric: "net revenue from lines sold below cost",
      value: val(r.rev),
      unit: "%",
    },
  ];
}
