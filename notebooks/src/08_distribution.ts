// %% [markdown]
// # 08 · Distribution: the distributor between the makers and the shelves
//
// Brightaxle runs one distribution centre (DC) in every geo segment. It sells to the retailer's
// stores (every store order becomes a Brightaxle sales order, line for line) and to trade accounts
// — garages, quick-lube shops, fleets and resellers — on credit terms; it buys from the two makers
// in the chain and from the suppliers of known brands, and keeps several weeks of stock.
//
// In this notebook you will see who buys what and what the distributor earns on it, how often a
// trade order ships complete on the day it is placed, what the DCs hold as the base-oil cost shock
// of April 2024 passes through, how much customers owe and how late, and how the swings of demand
// grow as orders travel upstream (the bullwhip effect).

// %% [markdown]
// ## Parameters
//
// Change them here, or set `PARTSFLOW_SCALE`, `PARTSFLOW_SEED`, `PARTSFLOW_START`, `PARTSFLOW_END`,
// `PARTSFLOW_OUT`. Trade accounts and store orders grow with the scale factor; the DCs and the
// catalogue do not. This notebook starts at SF 0.1 (about a million sales lines, generated in
// about 20 seconds): below it a DC sells so few units of each SKU that whole case packs and its
// safety stock leave it holding a year of stock, and its turns and fill rate stop looking like a
// distributor's.

// %%
import { describeParams, display, notebookParams } from "../../lib/notebook/mod.ts";

const params = notebookParams({
  scale: 0.1, // SF: 1 ≈ 10 million retail sales lines; the DCs stock sensibly from 0.1 up
  seed: 42,
  start: "2023-01-01",
  end: "2025-12-31",
  out: "auto", // ../data/sf<scale>-seed<seed>, relative to this notebook
});
await display(describeParams(params));

// %%
import { ensureDataset } from "../../lib/notebook/mod.ts";

const { ds, summary } = await ensureDataset(params);
await display(summary);

// %% [markdown]
// ## The headline numbers
//
// The same figures `deno task profile` prints, each beside the range public distributors report
// (Genuine Parts Company, LKQ, distribution benchmarks; the sources are in
// `lib/profile/sources.ts`).

// %%
import { table } from "../../lib/notebook/mod.ts";
import { reportingCurrency } from "../../lib/analysis/frames.ts";
import { distributionHeadlines } from "../../lib/analysis/distribution.ts";

const rep = reportingCurrency(ds);
await display(table(distributionHeadlines(ds), {
  caption: `Brightaxle over the period (amounts in ${rep}, excluding tax)`,
  rows: 30,
}));

// %% [markdown]
// ## Who buys what
//
// Revenue by customer type and brand type, written out as a Polars query you can copy: invoice
// lines are summed per invoice and brand type first (so the big table shrinks before any join),
// then joined with the invoice (day, currency, customer), the customer's type and the day's FX
// rate.

// %%
import pl from "nodejs-polars";
import { brandLabel, BRAND_TYPE_COLORS } from "../../lib/analysis/catalog.ts";
import { CUSTOMER_ORDER, customerLabel } from "../../lib/analysis/distribution.ts";
import { barChart } from "../../lib/plot/mod.ts";

const revenue = ds.scan("distributor_invoice_lines")
  .join(ds.scan("products").select("sku_id", "brand_id"), { on: "sku_id" })
  .join(ds.scan("brands").select("brand_id", "brand_type"), { on: "brand_id" })
  .groupBy(["invoice_id", "brand_type"])
  .agg(pl.col("net_amount").sum().alias("net"))
  .join(
    ds.scan("distributor_invoices").select("invoice_id", "customer_id", "invoice_date", "currency"),
    { on: "invoice_id" },
  )
  .join(ds.scan("distributor_customers").select("customer_id", "customer_type"), { on: "customer_id" })
  .join(
    ds.scan("fx_rates").select(pl.col("date").alias("invoice_date"), "currency", "rate"),
    { on: ["invoice_date", "currency"] },
  )
  .groupBy(["customer_type", "brand_type"])
  .agg(pl.col("net").cast(pl.Float64).mul(pl.col("rate")).sum().div(100).alias("revenue"))
  .withColumns(customerLabel(), brandLabel())
  .sort("revenue", true)
  .collectSync();

const total = revenue.getColumn("revenue").sum();
const retailerShare = 100 * revenue.filter(pl.col("customer_type").eq(pl.lit("retailer_site")))
  .getColumn("revenue").sum() / total;
await display(barChart(revenue, {
  title: "Revenue by customer type and brand",
  subtitle: `The retailer's stores bring in ${retailerShare.toFixed(0)} % of the revenue, trade accounts the rest; only the retailer buys its own brand, trade customers buy the makers' labels and known brands.`,
  category: { field: "customer", label: "Customer type" },
  value: { field: "revenue", label: "Net revenue over the period", unit: rep },
  series: "brand",
  stack: true,
  order: CUSTOMER_ORDER,
  valueFormat: "~s",
  colors: BRAND_TYPE_COLORS,
  legend: "Brand",
  caption: "Source: distributor_invoice_lines (invoices and credit notes, net of tax) with distributor_invoices, distributor_customers, products, brands and fx_rates.",
}));

// %% [markdown]
// ## What the distributor earns on it
//
// Gross margin is the invoice lines' net amount less their cost (quantity × the transfer price the
// DC paid that day). Trade accounts buy at wholesale less their price tier's discount; the retailer
// buys at the contract wholesale price, and on its own brand the distributor keeps less.

// %%
import { salesByCustomerAndBrand } from "../../lib/analysis/distribution.ts";

const margins = salesByCustomerAndBrand(ds);
const own = margins.filter(pl.col("brand").eq(pl.lit("retailer's own brand")));
const ownMargin = own.height ? Number(own.getColumn("gross_margin_pct").get(0)) : NaN;
const others = margins.filter(pl.col("brand").neq(pl.lit("retailer's own brand"))).getColumn("gross_margin_pct");
await display(
  barChart(margins, {
    title: "Gross margin by customer type and brand",
    subtitle: `The distributor keeps ${Number(others.min()).toFixed(0)}–${Number(others.max()).toFixed(0)} % on the makers' labels and known brands — most from the retailer, which pays the contract wholesale price while trade accounts get their tier's discount — and ${ownMargin.toFixed(1)} % on the retailer's own brand.`,
    category: { field: "customer", label: "Customer type" },
    value: { field: "gross_margin_pct", label: "Gross margin", unit: "% of net revenue" },
    series: "brand",
    order: CUSTOMER_ORDER,
    colors: BRAND_TYPE_COLORS,
    labels: (v) => `${v.toFixed(1)}`,
    legend: "Brand",
    caption: "Source: distributor_invoice_lines: (Σ net_amount − Σ qty × unit_cost) ÷ Σ net_amount.",
  }),
  table(margins, { caption: `Revenue (${rep}), margin and each brand's share of the customer type's revenue`, rows: 12 }),
);

// %% [markdown]
// ## Fill rate and backorders over time
//
// A trade order ships what is free on the day it is placed; what is short waits as a backorder and
// ships when stock arrives (or is cancelled after four weeks). The fill rate is the share of units
// (or whole lines) that left on the order day. Store orders always ship whole on their booked day:
// when stock is short the DC buys on an expedited purchase order.

// %%
import { lineChart } from "../../lib/plot/mod.ts";
import { monthlyTradeFill, weeklyBackorders } from "../../lib/analysis/distribution.ts";

const fill = monthlyTradeFill(ds);
const worst = fill.sort("fill_pct").head(1).toRecords()[0];
const isoDay = (d: unknown) => (d as Date).toISOString().slice(0, 10);
const backorders = weeklyBackorders(ds).filter(pl.col("shipped_units").gt(0));
const peak = backorders.sort("backorder_pct", true).head(1).toRecords()[0];
await display(
  lineChart(fill, {
    title: "Trade fill rate per month",
    subtitle: `Month by month the DCs ship ${Number(fill.getColumn("fill_pct").min()).toFixed(0)}–${Number(fill.getColumn("fill_pct").max()).toFixed(0)} % on the order day; the worst month was ${isoDay(worst.month).slice(0, 7)}. Dips follow the stock-outs that late supplier deliveries cause; lines fill better than units, as big bulk lines are the ones that run short.`,
    x: { field: "month", label: "Month the order was placed" },
    y: { field: "fill_pct", label: "Shipped on the order day", unit: "%" },
    series: "series",
    zero: false,
    legend: true,
    colors: {
      domain: ["units shipped on the order day", "lines shipped whole on the order day"],
      range: ["#4e79a7", "#f28e2b"],
    },
    caption: "Source: distributor_sales_order_lines of trade orders against distributor_shipment_lines of the shipment that left on the order day (not a backorder).",
  }),
  lineChart(backorders, {
    title: "Trade units waiting on backorder",
    subtitle: `Backorders at each week's close, as a share of the week's shipments: higher in the first year than after, in spikes that drain within weeks; the peak, in the week to ${isoDay(peak.snapshot_date)}, was ${Number(peak.backorder_pct).toFixed(1)} %.`,
    x: { field: "snapshot_date", label: "Week ending" },
    y: { field: "backorder_pct", label: "Backordered units", unit: "% of the week's shipped units" },
    caption: "Source: dc_inventory.backorder_qty ÷ shipments_qty, all DCs.",
  }),
);

// %% [markdown]
// ## DC stock through the base-oil cost shock
//
// In April 2024 the base-oil index jumped by about a third (notebook 02). The makers' standard
// costs follow with a lag, the DCs' transfer prices follow them, and the stock the DCs hold is
// valued at the day's transfer price. The weekly (s, S) policy keeps units steady, so the value of
// oil stock rises with the price and eases as the shock decays; filters, made of steel and media,
// do not move.

// %%
import { groundTruth, pick } from "../../lib/analysis/frames.ts";
import { dcStockByDepartment, transferPriceIndex, yearlyTurns } from "../../lib/analysis/distribution.ts";

const shock = pick(groundTruth(ds), "catalog.baseOilShock.weekStart");
const events = typeof shock === "string"
  ? [{ at: new Date(`${shock}T00:00:00Z`), label: "base-oil shock" }]
  : [];
const prices = transferPriceIndex(ds);
const oil = prices.filter(pl.col("department").eq(pl.lit("Oils & Fluids")))
  .withColumns(pl.col("index").diff(1, "ignore").alias("step"))
  .filter(pl.col("step").isNotNull());
const monthOf = (d: unknown) =>
  (d as Date).toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
const up = oil.sort("step", true).head(1).toRecords()[0];
const down = oil.sort("step").head(1).toRecords()[0];
const turns = yearlyTurns(ds);
const departments = { domain: ["Oils & Fluids", "Filters"], range: ["#4e79a7", "#59a14f"] };
await display(
  lineChart(prices, {
    title: "Transfer price the DCs pay, as an index",
    subtitle: `The price book moves transfer prices each quarter: the oils' price jumps to ${Number(up.index).toFixed(0)} in ${monthOf(up.snapshot_date)}, the first quarter after the shock, and falls back in steps from ${monthOf(down.snapshot_date)}; filters only step up each January.`,
    x: { field: "snapshot_date", label: "Week ending" },
    y: { field: "index", label: "Transfer price", unit: "index, first week = 100" },
    series: "department",
    zero: false,
    colors: departments,
    legend: "Department",
    curve: "step-after",
    events,
    caption: "Source: dc_inventory.unit_cost per DC × SKU against its first week, mean over SKUs; ground_truth.json catalog.baseOilShock.",
  }),
  lineChart(dcStockByDepartment(ds), {
    title: "Stock the DCs hold, at cost",
    subtitle: `Stock is valued at the week's transfer price, so oil stock jumps with the price in ${monthOf(up.snapshot_date)} and drops when it eases — the units did not jump. Under that, both departments' stock grows over the three years, faster than sales in 2024: turns ${turns.getColumn("turns").toArray().map((t) => Number(t).toFixed(1)).join(" → ")} from ${turns.getColumn("year").get(0)} to ${turns.getColumn("year").get(turns.height - 1)}.`,
    x: { field: "snapshot_date", label: "Week ending" },
    y: { field: "stock_value", label: "Closing stock at cost", unit: rep },
    series: "department",
    colors: departments,
    legend: "Department",
    yFormat: "~s",
    events,
    caption: "Source: dc_inventory.closing_value, all DCs, at the week's FX rate.",
  }),
  table(turns, { caption: `Cost of sales, mean weekly DC stock at cost (${rep}) and inventory turns per year` }),
);

// %% [markdown]
// ## Receivables: who owes what, and how late
//
// Every shipment is invoiced; customers pay by their terms (net 30, 2/10 net 30, net 15, net 45).
// The retailer pays on the due day; most trade accounts pay on time, a fifth late, a few in two
// parts, and a handful never (written off 120 days past due). At the period's end, what is still
// open sorts into aging buckets by days past due.

// %%
import * as Plot from "@observablehq/plot";
import { AGING_BUCKETS, agingByCustomer, monthlyDso } from "../../lib/analysis/distribution.ts";

const aging = agingByCustomer(ds);
const openTotal = aging.getColumn("open").sum();
const current = aging.filter(pl.col("bucket").eq(pl.lit("current"))).getColumn("open").sum();
const dso = monthlyDso(ds);
await display(
  barChart(aging, {
    title: "Open receivables at the period's end, by days past due",
    subtitle: `${(100 * current / openTotal).toFixed(0)} % of what customers owe is not yet due; most of the rest is less than a month late, and the tail past 90 days is small — those invoices are written off at 120 days.`,
    category: { field: "bucket", label: "Days past the due date" },
    value: { field: "open", label: "Open receivables", unit: rep },
    series: "customer",
    stack: true,
    horizontal: false,
    order: [...AGING_BUCKETS],
    valueFormat: "~s",
    colors: { domain: CUSTOMER_ORDER, range: ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f"] },
    legend: "Customer type",
    labels: (v) => `${(100 * v / openTotal).toFixed(1)} %`,
    caption: "Bar labels: share of all open receivables. Source: distributor_invoices less distributor_payments (amount + discount, write-offs included) at the last day of the period.",
  }),
  lineChart(dso, {
    title: "Days sales outstanding, month by month",
    subtitle: `Open receivables at each month's end ÷ the last 91 days' credit sales per day: ${Number(dso.getColumn("dso_days").min()).toFixed(0)}–${Number(dso.getColumn("dso_days").max()).toFixed(0)} days — net-30 terms plus late payers, just under Genuine Parts Company's 35 days (2023, dashed).`,
    marks: [Plot.ruleY([35.2], { stroke: "#9ca3af", strokeDasharray: "4 3" })],
    x: { field: "month", label: "Month" },
    y: { field: "dso_days", label: "DSO", unit: "days" },
    caption: "Source: distributor_invoices (total_amount, tax included) and distributor_payments, per currency at the day's FX rate.",
  }),
);

// %% [markdown]
// ## The bullwhip: swings grow upstream
//
// Consumers buy a few units at a time; stores order whole case packs when their stock falls to the
// reorder point; the DC orders up to S from its suppliers once a week when a SKU is at or below s.
// Each step batches demand, so weekly quantities swing more the further upstream you look. The
// bullwhip ratio compares the variance of weekly units at each level with the variance of consumer
// sales of the same SKU in the same geo segment (the DC's demand also holds the trade accounts'
// orders, so it varies far more than the shelves alone).
//
// The chart is drawn with Observable Plot directly — copy the cell to try another mark or scale.

// %%
import { figure, render, toArrow } from "../../lib/plot/mod.ts";
import { BULLWHIP_LEVELS, bullwhipTable } from "../../lib/analysis/distribution.ts";

const bw = bullwhipTable(ds);
const ratios = bw.rows.toRecords() as { level: string; median_ratio: number; pooled_ratio: number }[];
const svg = render({
  width: 720,
  height: 240,
  marginLeft: 140,
  marginRight: 60,
  x: { type: "log", label: "Variance of weekly units ÷ variance of consumer sales (log scale) →", grid: true },
  y: { label: null, domain: [...BULLWHIP_LEVELS] },
  marks: [
    Plot.ruleX([1], { stroke: "#9ca3af" }),
    Plot.barX(toArrow(bw.rows), { y: "level", x1: 1, x2: "median_ratio", fill: "#4e79a7" }),
    Plot.dot(toArrow(bw.rows), { y: "level", x: "pooled_ratio", fill: "#e15759", r: 4 }),
    Plot.text(ratios.filter((d) => d.median_ratio >= 2), {
      y: "level",
      x: "median_ratio",
      text: (d) => `×${d.median_ratio.toFixed(1)}`,
      dx: -6,
      textAnchor: "end",
      fill: "white",
      fontWeight: "bold",
    }),
    Plot.text(ratios.filter((d) => d.median_ratio < 2), {
      y: "level",
      x: 1,
      text: () => "×1, the base",
      dx: 10,
      textAnchor: "start",
    }),
  ],
});
const storeRatio = ratios.find((r) => r.level === "store orders")!.median_ratio;
const poRatio = ratios.find((r) => r.level === "DC purchase orders")!.median_ratio;
await display(figure(svg, {
  title: "The bullwhip: order variance at each level against consumer sales",
  subtitle: `For the median SKU in a segment, store orders vary ${storeRatio.toFixed(1)} times as much as consumer sales and the DC's purchase orders ${poRatio.toFixed(0)} times; even against the DC's own demand its purchase orders vary ${bw.dcOwn.toFixed(1)} times as much.`,
  caption: `Bars and their labels: median over ${bw.pairs} SKU × segment pairs of var(weekly units at the level) ÷ var(weekly consumer sales), over ${bw.weeks} full weeks (weeks without units count as 0). Red dots: pooled ratio Σ var ÷ Σ var, where big sellers weigh most. Source: retail_transaction_lines, store_replenishment_order_lines, distributor_sales_order_lines, distributor_purchase_order_lines.`,
}));

// %% [markdown]
// What the ratio measures, for the best-selling SKU of one segment: consumer sales move a little
// from week to week, the store orders come in case packs, and the DC's purchase orders — which also
// cover the trade accounts — arrive as a large order every few weeks and nothing in between.

// %%
import { bullwhipExample } from "../../lib/analysis/distribution.ts";

const ex = bullwhipExample(ds);
const weeksWith = (level: string) =>
  ex.rows.filter(pl.col("level").eq(pl.lit(level)).and(pl.col("units").gt(0))).height;
const nWeeks = ex.rows.filter(pl.col("level").eq(pl.lit("consumer sales"))).height;
await display(lineChart(ex.rows, {
  title: `Weekly units of one SKU in ${ex.segment}, at three levels`,
  subtitle: `${ex.product} (${ex.sku}) sells every week (${weeksWith("consumer sales")} of ${nWeeks}); the stores order it in ${weeksWith("store orders")} weeks, in case packs, and the DC buys it in ${weeksWith("DC purchase orders")} weeks, each order covering months.`,
  x: { field: "week", label: "Week" },
  y: { field: "units", label: "Units", unit: "units per week" },
  series: "level",
  colors: {
    domain: ["consumer sales", "store orders", "DC purchase orders"],
    range: ["#4e79a7", "#f28e2b", "#e15759"],
  },
  legend: "Level",
  points: false,
  caption: "Source: retail_transaction_lines (by sale day), store_replenishment_order_lines and distributor_purchase_order_lines (by order day), summed per ISO week.",
}));

// %% [markdown]
// ## What you saw
//
// - The retailer is the distributor's largest customer; trade accounts together bring in more.
// - A distributor's margin near 28 % on what it buys, less on the retailer's own brand.
// - Trade orders mostly ship complete on the day they are placed; backorders follow late supplier
//   deliveries and drain within weeks.
// - A cost shock upstream that lifts the value of the DCs' oil stock, not its units.
// - Receivables of about a month of sales, mostly not yet due.
// - Order swings that grow at every step upstream: the bullwhip effect, from (s, S) batching alone.
//
// The manufacturers, who receive these purchase orders, come next.
