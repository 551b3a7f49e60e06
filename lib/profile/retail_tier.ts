/**
 * The retail tier's business figures, from the data alone: revenue, gross
 * margin, inventory turns and days of supply, fill rate, on-time receipt of
 * replenishment orders, days sales outstanding where receivables exist, growth,
 * shelf price steps and sales below cost (`retail_prices.ts`) —
 * each beside the public range the generator aims for.
 *
 * @module
 */

import pl from "nodejs-polars";
import type { Dataset } from "../validate/dataset.ts";
import { dayNo, fxFrame, num, periodDays, sitesFrame } from "./frames.ts";
import {
  RETAIL_DAYS_OF_SUPPLY,
  RETAIL_FILL_RATE,
  RETAIL_GROSS_MARGIN,
  RETAIL_INVENTORY_TURNS,
} from "./sources.ts";
import { belowCostFigures, growthFigures, priceStepFigures } from "./retail_prices.ts";
import type { Figure, ProfileSection } from "./types.ts";

const CHANNELS = [["all", null], ["stores", "store"], ["online", "online"]] as const;

/** Net revenue and cost of sales per site type, reporting currency. */
function salesBySiteType(ds: Dataset): Map<string, { net: number; cost: number }> {
  const daily = ds.scan("retail_transaction_lines")
    .groupBy(["site_id", "transaction_date"]).agg(
      pl.col("net_amount").sum().alias("net"),
      pl.col("cost_amount").sum().alias("cost"),
    );
  const df = daily.join(sitesFrame(ds), { on: "site_id", how: "left" })
    .join(fxFrame(ds, "transaction_date"), { on: ["transaction_date", "currency"], how: "left" })
    .groupBy("site_type").agg(
      pl.col("net").cast(pl.Float64).mul(pl.col("fx")).sum().div(100).alias("net"),
      pl.col("cost").cast(pl.Float64).mul(pl.col("fx")).sum().div(100).alias("cost"),
    ).collectSync();
  const out = new Map<string, { net: number; cost: number }>();
  for (const r of df.toRecords()) {
    out.set(String(r.site_type), { net: Number(r.net), cost: Number(r.cost) });
  }
  return out;
}

/** Average stock at cost (reporting currency) and units sold and lost, per site type. */
function stockBySiteType(
  ds: Dataset,
): Map<string, { avgStock: number; sold: number; lost: number }> {
  const weekly = ds.scan("store_inventory").groupBy(["site_id", "snapshot_date"]).agg(
    pl.col("closing_value").sum().alias("value"),
    pl.col("sales_qty").sum().alias("sold"),
    pl.col("lost_sales_qty").sum().alias("lost"),
  ).join(sitesFrame(ds), { on: "site_id", how: "left" })
    .join(fxFrame(ds, "snapshot_date"), { on: ["snapshot_date", "currency"], how: "left" });
  const byWeek = weekly.groupBy(["site_type", "snapshot_date"]).agg(
    pl.col("value").cast(pl.Float64).mul(pl.col("fx")).sum().div(100).alias("value"),
    pl.col("sold").sum().alias("sold"),
    pl.col("lost").sum().alias("lost"),
  );
  const df = byWeek.groupBy("site_type").agg(
    pl.col("value").mean().alias("avg_stock"),
    pl.col("sold").sum().alias("sold"),
    pl.col("lost").sum().alias("lost"),
  ).collectSync();
  const out = new Map<string, { avgStock: number; sold: number; lost: number }>();
  for (const r of df.toRecords()) {
    out.set(String(r.site_type), {
      avgStock: Number(r.avg_stock),
      sold: Number(r.sold),
      lost: Number(r.lost),
    });
  }
  return out;
}

/** The retail tier's business figures. */
export const RETAIL_TIER: ProfileSection = {
  id: "retail.tier",
  tier: "retail",
  title: "Retail: the business",
  tables: [
    "retail_transaction_lines",
    "store_inventory",
    "store_replenishment_orders",
    "retail_transactions",
    "price_book",
    "products",
    "sites",
    "countries",
    "fx_rates",
    "calendar",
  ],
  compute(ds, truth) {
    const years = periodDays(ds) / 365.25;
    const sales = salesBySiteType(ds);
    const stock = stockBySiteType(ds);
    const sum = <T extends Record<string, number>>(
      m: Map<string, T>,
      type: string | null,
      k: keyof T,
    ) => type === null ? [...m.values()].reduce((a, v) => a + v[k], 0) : (m.get(type)?.[k] ?? 0);
    const figures: Figure[] = [];
    const net = sum(sales, null, "net");
    figures.push({
      metric: "revenue (net of tax) per year",
      value: net / years,
      unit: "reporting currency",
      note: `Σ lines' net_amount at the sale day's FX over ${years.toFixed(2)} years`,
    });
    for (const [label, type] of CHANNELS) {
      const n = sum(sales, type, "net"), c = sum(sales, type, "cost");
      figures.push({
        metric: `gross margin, ${label}`,
        value: n > 0 ? (100 * (n - c)) / n : null,
        unit: "%",
        target: RETAIL_GROSS_MARGIN,
      });
    }
    for (const [label, type] of CHANNELS) {
      const c = sum(sales, type, "cost"), s = sum(stock, type, "avgStock");
      const turns = s > 0 ? c / years / s : null;
      figures.push({
        metric: `inventory turns, ${label}`,
        value: turns,
        unit: "× per year",
        target: RETAIL_INVENTORY_TURNS,
        note: "cost of sales per year / mean weekly closing stock at cost",
      });
      figures.push({
        metric: `days of supply, ${label}`,
        value: turns ? 365 / turns : null,
        unit: "days",
        target: RETAIL_DAYS_OF_SUPPLY,
      });
    }
    for (const [label, type] of CHANNELS) {
      const sold = sum(stock, type, "sold"), lost = sum(stock, type, "lost");
      figures.push({
        metric: `fill rate, ${label}`,
        value: sold + lost > 0 ? 100 * (1 - lost / (sold + lost)) : null,
        unit: "%",
        // Online orders ship from the stock of every store (pooled, no shelf): the store study's
        // range does not apply to them.
        target: type === "online" ? undefined : RETAIL_FILL_RATE,
        note: type === "online"
          ? "ship-from-store: pooled store stock, no shelf limit; no public benchmark"
          : "1 − lost_sales_qty / (sales_qty + lost_sales_qty), store_inventory",
      });
    }
    const lead = (num(truth, "retail.replenishment.lead.shipDays") ?? 1) +
      (num(truth, "retail.replenishment.lead.transitDays") ?? 1);
    const orders = ds.scan("store_replenishment_orders").select(
      dayNo("receive_date").sub(dayNo("order_date")).alias("days"),
    ).select(
      pl.col("days").ltEq(lead).cast(pl.Float64).mean().mul(100).alias("on_time"),
      pl.col("days").cast(pl.Float64).mean().alias("mean_days"),
    ).collectSync().toRecords()[0];
    figures.push({
      metric: "on-time receipt of replenishment orders",
      value: orders.on_time === null ? null : Number(orders.on_time),
      unit: "%",
      note: `received within the promised ${lead} days (ship + transit, ground truth's lead)`,
    });
    figures.push({
      metric: "mean order-to-receipt lead time",
      value: orders.mean_days === null ? null : Number(orders.mean_days),
      unit: "days",
    });
    figures.push({
      metric: "days sales outstanding",
      value: null,
      unit: "days",
      note:
        "no receivables at retail: baskets are paid at the till (trade accounts included); DSO comes with the B2B tiers",
    });
    figures.push(...growthFigures(ds), ...priceStepFigures(ds), ...belowCostFigures(ds));
    return figures;
  },
};
