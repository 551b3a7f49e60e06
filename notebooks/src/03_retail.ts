// %% [markdown]
// # 03 · Retail: baskets, seasons, promotions and the long tail
//
// The retailer sells oils, fluids and filters in stores across six countries and online. Every
// basket line takes its shelf price and its cost from the price book of the store's geo segment on
// the day of the sale, so revenue and margin add up from line to basket to store to country.
//
// In this notebook you will look at what a basket holds, how sales move through the year and the
// week, what promotions do, how the retailer's own brand earns against known brands, how sales
// spread across geo segments and channels, and how few SKUs carry most of the revenue. Where the
// generator injected an effect, the chart sets what you can measure beside what was put in (from
// `ground_truth.json`).

// %% [markdown]
// ## Parameters
//
// Change them here, or set `PARTSFLOW_SCALE`, `PARTSFLOW_SEED`, `PARTSFLOW_START`, `PARTSFLOW_END`,
// `PARTSFLOW_OUT`. Sales grow with the scale factor; at SF 0.01 there are about 100,000 lines.

// %%
import { describeParams, display, notebookParams } from "../../lib/notebook/mod.ts";

const params = notebookParams({
  scale: 0.01, // SF: 1 ≈ 10 million retail sales lines
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
// Amounts from every country are converted to the reporting currency at the day's FX rate. The
// retailer keeps a little under half of its revenue as gross margin, in line with public auto-parts
// retailers.

// %%
import { table } from "../../lib/notebook/mod.ts";
import { reportingCurrency } from "../../lib/analysis/frames.ts";
import { retailHeadlines } from "../../lib/analysis/retail.ts";

const rep = reportingCurrency(ds);
await display(table(retailHeadlines(ds), { caption: `Retail totals over the period (revenue in ${rep}, excluding tax)` }));

// %% [markdown]
// ## Baskets
//
// Three kinds of shopper: anonymous walk-ins and loyalty members (both DIY home mechanics), and
// trade accounts (semi-professional mechanics). DIY baskets are small — one to three lines, mostly
// an oil change; trade baskets are bigger and worth about twice as much.

// %%
import { basketSizes, basketStats, SHOPPER_COLORS } from "../../lib/analysis/retail.ts";
import { barChart } from "../../lib/plot/mod.ts";

await display(
  table(basketStats(ds), { caption: `Baskets by shopper (values in ${rep})` }),
  barChart(basketSizes(ds), {
    title: "How many lines a basket holds",
    subtitle:
      "Almost every DIY basket holds one to three lines; trade baskets spread to five and six lines.",
    category: { field: "lines", label: "Lines in the basket" },
    value: { field: "share_pct", label: "Share of the shopper's baskets", unit: "%" },
    series: "shopper",
    horizontal: false,
    order: ["1", "2", "3", "4", "5", "6+"],
    colors: SHOPPER_COLORS,
    legend: "Shopper",
    caption: "Source: retail_transactions.line_count.",
  }),
);

// %% [markdown]
// ## Through the year
//
// Monthly revenue by department: an upward trend (stores grow slowly, the online shop fast, and
// new stores open during the period), a yearly rhythm, and steps where the price book changes.

// %%
import { lineChart } from "../../lib/plot/mod.ts";
import { monthlyRevenue } from "../../lib/analysis/retail.ts";

await display(lineChart(monthlyRevenue(ds), {
  title: "Revenue per month by department",
  subtitle:
    "Oils and fluids outsell filters two to one; both grow over the three years — new stores, a fast-growing online shop — and swing with the seasons.",
  x: { field: "month", label: "Month" },
  y: { field: "revenue", label: "Net revenue", unit: rep },
  series: "department",
  legend: "Department",
  yFormat: ",.0f",
  caption: "Source: retail_transaction_lines.net_amount at the day's FX rate (fx_rates).",
}));

// %% [markdown]
// The seasons are mirrored between hemispheres: car care peaks in late spring and summer, which is
// May–July in the north and November–January in Australia. Per day of each calendar month, as an
// index (average month = 100), measured from the sales against the seasonality the generator
// injected.

// %%
import { MONTHS } from "../../lib/analysis/frames.ts";
import { seasonality } from "../../lib/analysis/retail.ts";

await display(lineChart(seasonality(ds), {
  title: "Seasonality by hemisphere, measured against injected",
  subtitle:
    "The measured index follows the injected cosine in both hemispheres, half a year apart; the gap in the south is noise from a single country's few stores.",
  x: { field: "month", label: "Calendar month", order: MONTHS },
  y: { field: "index", label: "Revenue per day", unit: "average month = 100" },
  series: "series",
  zero: false,
  points: true,
  colors: {
    domain: [
      "measured, northern hemisphere",
      "injected, northern hemisphere",
      "measured, southern hemisphere",
      "injected, southern hemisphere",
    ],
    range: ["#4e79a7", "#a0cbe8", "#f28e2b", "#ffbe7d"],
  },
  legend: true,
  caption:
    "Source: retail_transaction_lines by hemisphere (countries.hemisphere); injected: ground_truth.json retail.traffic.seasonality.",
}));

// %% [markdown]
// ## Through the week
//
// DIY shoppers come on Saturdays; trade accounts work Monday to Friday. Baskets per weekday in
// stores, as an index (average day = 1), with the weekday factor the generator injected. Sundays
// fall short of their factor because stores in Germany close on Sundays.

// %%
import { weekdayRhythm } from "../../lib/analysis/retail.ts";
import { WEEKDAYS } from "../../lib/analysis/frames.ts";

const rhythm = weekdayRhythm(ds);
await display(
  barChart(rhythm, {
    title: "The weekly rhythm of DIY and trade shoppers",
    subtitle:
      "DIY baskets peak on Saturday at about 1.6 times an average day; trade baskets fall away at the weekend to about a quarter of an average day on Sunday.",
    category: { field: "weekday", label: "Weekday" },
    value: { field: "measured", label: "Baskets", unit: "index, average day = 1" },
    series: "who",
    horizontal: false,
    order: WEEKDAYS,
    colors: { domain: ["DIY shoppers", "trade accounts"], range: ["#4e79a7", "#e15759"] },
    legend: "Shopper",
    caption: "Source: retail_transactions in stores (in store and click & collect).",
  }),
  table(rhythm, { caption: "Measured index against the injected weekday factor", rows: 14 }),
);

// %% [markdown]
// ## Promotions and their lift
//
// Promotions run per geo segment for whole weeks: percent off, a fixed price, buy-x-get-y, extra
// off oil-change kits, or a lube deal with a filter. The lift of a promoted SKU is its units per
// day in the segment during the promotion against the four weeks before.

// %%
import { liftByDepth, liftByMechanic, promotionLifts } from "../../lib/analysis/retail.ts";

const lifts = promotionLifts(ds);
await display(barChart(liftByMechanic(lifts), {
  title: "Promotion lift by mechanic",
  subtitle:
    "Every mechanic sells more of the promoted SKUs than in the weeks before; a fixed price and buy-x-get-y lift most, a lube deal (which needs a filter in the basket) least.",
  category: { field: "mechanic", label: "Mechanic" },
  value: { field: "lift", label: "Units per day, during ÷ before", unit: "ratio" },
  baseline: 1,
  labels: (v) => `×${v.toFixed(2)}`,
  caption:
    "Source: promotions, promotion_products and retail_transaction_lines; promotions for all shoppers, SKUs with sales in the four weeks before. Kit deals promote kits, not SKUs, and are left out.",
}));

// %% [markdown]
// Deeper discounts lift more. The measured lift is smaller than the multiplier the generator applied
// to a promoted SKU's choice weight: raising one SKU's weight by half does not raise its units by
// half when it already holds a large share of its kind, and a few promotions sell out. Recovering
// the injected values from the sales is a good exercise for a demand model.

// %%
await display(barChart(liftByDepth(ds, lifts), {
  title: "Percent-off promotions: lift by discount depth",
  subtitle:
    "The lift grows with the discount, steeply at 25–30 % off; it stays below the injected choice multiplier at every depth.",
  category: { field: "discount", label: "Discount" },
  value: { field: "lift", label: "Lift", unit: "ratio" },
  series: "series",
  horizontal: false,
  order: "data",
  colors: {
    domain: ["measured", "injected (mean over kinds)"],
    range: ["#4e79a7", "#bab0ac"],
  },
  labels: (v) => v.toFixed(2),
  legend: true,
  caption:
    "Source: as above, percent-off promotions only; injected: ground_truth.json retail.promotions.choiceMultipliers, mean over product kinds.",
}));

// %% [markdown]
// ## The retailer's own brand against known brands
//
// The retailer's own brand Torqline sells at lower prices than known brands and the chain's own
// labels, so it takes a bigger share of the units than of the revenue — and it earns the retailer
// the highest margin in both departments.

// %%
import { BRAND_TYPE_COLORS } from "../../lib/analysis/catalog.ts";
import { brandTypeMix } from "../../lib/analysis/retail.ts";

const mix = brandTypeMix(ds);
await display(
  table(mix, { caption: `Brand types by department (revenue per unit in ${rep})` }),
  barChart(mix, {
    title: "Gross margin by brand type",
    subtitle:
      "The retailer's own brand earns it 5–10 points more margin than known brands, in oils and in filters alike.",
    category: { field: "department", label: "Department" },
    value: { field: "gross_margin_pct", label: "Retailer's gross margin", unit: "% of net revenue" },
    series: "brand",
    colors: BRAND_TYPE_COLORS,
    labels: (v) => `${v.toFixed(1)} %`,
    legend: "Brand",
    caption: "Source: retail_transaction_lines (margin_amount ÷ net_amount) joined with products and brands.",
  }),
);

// %% [markdown]
// ## Stores and channels by geo segment
//
// Each segment's revenue by channel: in store, click & collect (ordered online, paid in store) and
// the country's online shop (its sales are booked in the segment of the shop's address). The
// Midwest, home of the largest hub store, sells the most.

// %%
import { segmentSales, storeLeague } from "../../lib/analysis/retail.ts";

await display(
  barChart(segmentSales(ds), {
    title: "Revenue by geo segment and channel",
    subtitle:
      "Stores bring in most of the revenue; the online shop adds a large slice in the segment that hosts it; click & collect stays small.",
    category: { field: "segment_code", label: "Geo segment" },
    value: { field: "revenue", label: "Net revenue", unit: rep },
    series: "channel",
    stack: true,
    valueFormat: "~s",
    colors: {
      domain: ["in store", "click and collect", "online"],
      range: ["#4e79a7", "#76b7b2", "#f28e2b"],
    },
    legend: "Channel",
    caption: "Source: retail_transaction_lines with retail_transactions.channel, at the day's FX rate.",
  }),
  table(storeLeague(ds), { caption: `Stores by revenue (${rep})` }),
);

// %% [markdown]
// ## The long tail of SKUs
//
// A few SKUs carry most of the revenue: sort the SKUs from best to worst seller and add up their
// revenue.

// %%
import { paretoChart } from "../../lib/plot/mod.ts";
import { intermittency, skuRevenue } from "../../lib/analysis/retail.ts";

await display(paretoChart(skuRevenue(ds), {
  title: "How concentrated revenue is across SKUs",
  subtitle:
    "The best-selling fifth of the SKUs brings in nearly three quarters of the revenue; the slower half of the range adds less than a tenth.",
  value: { field: "revenue", label: "Revenue", unit: rep },
  items: "SKUs",
}));

// %% [markdown]
// The tail sells intermittently. On a store's shelf, a SKU from the top tenth sells in more than a
// third of the weeks; one from the bottom half sells in fewer than one week in ten — the
// intermittent demand that makes forecasting slow movers hard.

// %%
await display(barChart(intermittency(ds), {
  title: "How often a SKU sells, by revenue decile",
  subtitle:
    "Weeks with at least one sale drop steeply from the best-selling tenth of SKUs to the slowest.",
  category: { field: "decile", label: "Revenue decile of the SKU (1 = top tenth)" },
  value: { field: "weeks_with_a_sale_pct", label: "Store-weeks with a sale", unit: "%" },
  horizontal: false,
  order: "data",
  labels: (v) => `${v.toFixed(1)}`,
  caption: "Source: store_inventory.sales_qty per store × SKU × week, SKUs ranked by revenue.",
}));

// %% [markdown]
// ## The base-oil shock reaches the shelf
//
// In notebook 02 the base-oil index jumped and standard costs followed. The retailer's cost is the
// distributor's wholesale price, and the two move on different schedules: after the shock the
// wholesale price of oils rises before their shelf prices do, so the margin on oils and fluids
// dips; when shelf prices jump (in whole .99 steps) it overshoots, and it settles back as costs
// ease. Filters, made of steel and media, barely move.

// %%
import { groundTruth, pick } from "../../lib/analysis/frames.ts";
import { monthlyMargin } from "../../lib/analysis/retail.ts";

const shock = pick(groundTruth(ds), "retail.prices.costShock.baseOilShockWeek");
await display(lineChart(monthlyMargin(ds), {
  title: "Retailer's gross margin per month",
  subtitle:
    "After the base-oil shock the margin on oils and fluids dips, overshoots when shelf prices jump half a year later, then settles; filters hold steady.",
  x: { field: "month", label: "Month" },
  y: { field: "margin_pct", label: "Gross margin", unit: "% of net revenue" },
  series: "department",
  zero: false,
  legend: "Department",
  events: typeof shock === "string" ? [{ at: new Date(`${shock}T00:00:00Z`), label: "base-oil shock" }] : [],
  caption: "Source: retail_transaction_lines (Σ margin ÷ Σ net revenue per month) and ground_truth.json.",
}));

// %% [markdown]
// ## What you saw
//
// - Small DIY baskets and larger trade baskets, with DIY on Saturdays and trade on weekdays.
// - Seasons mirrored between hemispheres, a gentle trend, and measured effects close to the ones
//   injected.
// - Promotions that lift sales more the deeper they cut, and an own brand that sells cheaper but
//   earns more.
// - Revenue concentrated in few SKUs, and intermittent demand for the rest.
// - A cost shock upstream that shows in retail margins months later.
//
// Next: **04 · Customers** — who the known customers are, what they drive and how often they come.
