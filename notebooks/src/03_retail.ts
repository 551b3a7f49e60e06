// %% [markdown]
// # 03 · Retail: baskets, seasons, promotions and the long tail
//
// The retailer sells oils, fluids and filters in stores across six countries and online. Every
// basket line takes its shelf price and its cost from the price book of the store's geo segment on
// the day of the sale, so revenue and margin add up from line to basket to store to country.
//
// In this notebook you will look at what a basket holds, how sales move through the year and the
// week, what promotions do, how the retailer's own brand earns against known brands, how sales
// spread across geo segments and channels, and how concentrated revenue is across SKUs. Where the
// generator injected an effect, the chart sets what you can measure beside what was put in (from
// `ground_truth.json`). The sentence under each chart's title is computed from the chart's data, or
// says what to look for: change the seed or the scale and it still holds.
//
// Two cells write their query and their chart out in full — **Polars** for the query, **Observable
// Plot** for the chart, the result crossing from one to the other as an **Apache Arrow** table — so
// you can copy them and change them. The other charts call small helpers from `lib/analysis` and
// `lib/plot` that are built the same way.

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
// Amounts from every country are converted to the reporting currency at the day's FX rate. Look at
// the gross margin: public auto-parts retailers keep about half of their sales, and the price book is
// tuned to that.

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
// trade accounts (semi-professional mechanics). The cell below is a complete Polars query on one
// table, `retail_transactions` (one row per basket): it counts baskets by shopper and number of
// lines, and turns the counts into each shopper's shares.

// %%
import pl from "nodejs-polars";

const linesBucket = pl.when(pl.col("line_count").gtEq(6)).then(pl.lit("6+"))
  .otherwise(pl.col("line_count").cast(pl.Utf8));
const basketMix = ds.scan("retail_transactions")
  .groupBy([pl.col("customer_type"), linesBucket.alias("lines")])
  .agg(pl.len().alias("baskets"))
  .withColumns(
    // counts are integers: cast before dividing, or the division is whole-number division
    pl.col("baskets").cast(pl.Float64).div(pl.col("baskets").sum().over("customer_type"))
      .mul(100).alias("share_pct"),
  )
  .sort(["customer_type", "lines"])
  .collectSync();
await display(table(basketMix, { rows: 18 }));

// %% [markdown]
// The same frame, drawn with Observable Plot: one group of bars per basket size, one bar per
// shopper. `toArrow` hands Plot the frame as an Arrow table, which Plot reads column by column.
// `render` draws the chart (in a server-side DOM, as the kernel has no browser) and `figure` adds
// the title, the sentence under it — here computed from the same frame — a legend and a caption.

// %%
import * as Plot from "@observablehq/plot";
import { barChart, figure, render, toArrow } from "../../lib/plot/mod.ts";

const shareOf = (who: string, sizes: string[]) =>
  basketMix.filter(pl.col("customer_type").eq(pl.lit(who)).and(pl.col("lines").isIn(sizes)))
    .getColumn("share_pct").sum();
const upToThree = ["1", "2", "3"];
await display(figure(
  render({
    fx: { label: "Lines in the basket", domain: [...upToThree, "4", "5", "6+"] },
    x: { axis: null, domain: ["anonymous", "loyalty", "trade"] },
    y: { label: "Share of the shopper's baskets (%)", grid: true },
    color: { domain: ["anonymous", "loyalty", "trade"], range: ["#bab0ac", "#4e79a7", "#e15759"] },
    marks: [
      Plot.barY(toArrow(basketMix), { fx: "lines", x: "customer_type", y: "share_pct", fill: "customer_type" }),
      Plot.ruleY([0]),
    ],
  }),
  {
    title: "How many lines a basket holds",
    subtitle: `One to three lines: ${shareOf("anonymous", upToThree).toFixed(1)} % of anonymous baskets, ${
      shareOf("loyalty", upToThree).toFixed(1)
    } % of loyalty members' and ${shareOf("trade", upToThree).toFixed(1)} % of trade accounts'.`,
    legend: "Shopper (customer_type)",
    caption: "Source: retail_transactions.line_count and customer_type.",
  },
));
// %% [markdown]
// ## Through the year
//
// Monthly revenue by department: an upward trend (stores grow slowly, the online shop fast, and
// new stores open during the period), a yearly rhythm, and steps where the price book changes.

// %%
import { lineChart } from "../../lib/plot/mod.ts";
import { monthlyRevenue } from "../../lib/analysis/retail.ts";

const monthly = monthlyRevenue(ds);
const revenueOf = (dept: string) =>
  monthly.filter(pl.col("department").eq(pl.lit(dept))).getColumn("revenue").sum();
const months = monthly.getColumn("month").unique().sort().toArray() as unknown as Date[];
const yearSum = (from: Date, to: Date) =>
  monthly.filter(pl.col("month").gtEq(from).and(pl.col("month").lt(to))).getColumn("revenue").sum();
let growth = "";
if (months.length >= 24) {
  const first = yearSum(months[0], months[12]);
  const last = yearSum(months[months.length - 12], new Date(8.64e15));
  const g = 100 * (last / first - 1);
  growth = ` The last twelve months bring in ${Math.abs(g).toFixed(0)} % ${g >= 0 ? "more" : "less"} than the first twelve.`;
}
await display(lineChart(monthly, {
  title: "Revenue per month by department",
  subtitle: `Oils and fluids bring in ${(revenueOf("Oils & Fluids") / revenueOf("Filters")).toFixed(1)} times the revenue of filters.${growth} Look for the yearly swing and the steps where the price book changes.`,
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
    "Look for the measured points against the injected curve in each hemisphere, half a year apart; the south is one country with few stores, so its points scatter more.",
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
const days = rhythm.toRecords() as { weekday: string; who: string; measured: number }[];
const diyPeak = days.filter((d) => d.who === "DIY shoppers").sort((a, b) => b.measured - a.measured)[0];
const tradeLow = days.filter((d) => d.who === "trade accounts").sort((a, b) => a.measured - b.measured)[0];
await display(
  barChart(rhythm, {
    title: "The weekly rhythm of DIY and trade shoppers",
    subtitle: `DIY baskets peak on ${diyPeak.weekday} at ${diyPeak.measured.toFixed(2)} times an average day; trade baskets are fewest on ${tradeLow.weekday}, at ${tradeLow.measured.toFixed(2)}. Compare each bar with the injected factor in the table.`,
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
const byMechanic = liftByMechanic(lifts);
const mechanics = (byMechanic.toRecords() as { mechanic: string; lift: number }[])
  .sort((a, b) => b.lift - a.lift);
const top = mechanics[0], bottom = mechanics[mechanics.length - 1];
await display(barChart(byMechanic, {
  title: "Promotion lift by mechanic",
  subtitle: `${top.mechanic} lifts most (×${top.lift.toFixed(2)}), ${bottom.mechanic} least (×${
    bottom.lift.toFixed(2)
  }). A bar above 1 means the promoted SKUs sold more per day than in the four weeks before.`,
  category: { field: "mechanic", label: "Mechanic" },
  value: { field: "lift", label: "Units per day, during ÷ before", unit: "ratio" },
  baseline: 1,
  labels: (v) => `×${v.toFixed(2)}`,
  caption:
    "Source: promotions, promotion_products and retail_transaction_lines; promotions for all shoppers, SKUs with sales in the four weeks before. Kit deals promote kits, not SKUs, and are left out.",
}));

// %% [markdown]
// Does a deeper discount lift more? Compare each measured bar with the multiplier the generator
// applied to a promoted SKU's choice weight at that depth. Expect the measured lift to be smaller:
// raising one SKU's weight by half does not raise its units by half when it already holds a large
// share of its kind, and a few promotions sell out. With few promotions per depth (small scales)
// the measured bars are noisy. Recovering the injected values from the sales is a good exercise
// for a demand model.

// %%
const byDepth = liftByDepth(ds, lifts);
const depths = byDepth.toRecords() as { discount: string; series: string; lift: number; promoted_skus: number }[];
const measuredDepths = depths.filter((d) => d.series === "measured");
const injectedOf = (d: string) => depths.find((x) => x.discount === d && x.series !== "measured")?.lift;
const below = measuredDepths.filter((d) => d.lift < (injectedOf(d.discount) ?? Infinity)).length;
await display(barChart(byDepth, {
  title: "Percent-off promotions: lift by discount depth",
  subtitle: `Measured: ${
    measuredDepths.map((d) => `${d.discount} off ×${d.lift.toFixed(2)} (${d.promoted_skus} SKUs)`).join(", ")
  }. The measured lift is below the injected multiplier at ${below} of ${measuredDepths.length} depths.`,
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
// The retailer's own brand Torqline is priced below known brands and the chain's own labels. In the
// table, compare its share of the units with its share of the revenue; in the chart, its margin
// with the other brand types'.

// %%
import { BRAND_TYPE_COLORS } from "../../lib/analysis/catalog.ts";
import { brandTypeMix } from "../../lib/analysis/retail.ts";

const mix = brandTypeMix(ds);
const mixRows = mix.toRecords() as { department: string; brand: string; gross_margin_pct: number }[];
const gap = (dept: string) => {
  const m = (b: string) => mixRows.find((r) => r.department === dept && r.brand === b)?.gross_margin_pct ?? NaN;
  const d = m("retailer's own brand") - m("known brands");
  return `${dept}: ${Math.abs(d).toFixed(1)} points ${d >= 0 ? "more" : "less"}`;
};
await display(
  table(mix, { caption: `Brand types by department (revenue per unit in ${rep})` }),
  barChart(mix, {
    title: "Gross margin by brand type",
    subtitle: `The retailer's own brand against known brands — ${
      [...new Set(mixRows.map((r) => r.department))].map(gap).join("; ")
    } margin.`,
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
// the country's online shop (its sales are booked in the segment of the shop's address). Look for
// the segments that host an online shop, and for the share click & collect takes.

// %%
import { segmentSales, storeLeague } from "../../lib/analysis/retail.ts";

const segments = segmentSales(ds);
const byChannel = (c: string) => segments.filter(pl.col("channel").eq(pl.lit(c))).getColumn("revenue").sum();
const allChannels = segments.getColumn("revenue").sum();
await display(
  barChart(segments, {
    title: "Revenue by geo segment and channel",
    subtitle: `In store ${(100 * byChannel("in store") / allChannels).toFixed(0)} %, online ${
      (100 * byChannel("online") / allChannels).toFixed(0)
    } %, click & collect ${(100 * byChannel("click and collect") / allChannels).toFixed(0)} % of the revenue.`,
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
// How concentrated is revenue? Sort the SKUs from best to worst seller and add up their revenue.

// %%
import { paretoChart } from "../../lib/plot/mod.ts";
import { intermittency, skuRevenue } from "../../lib/analysis/retail.ts";

const skus = skuRevenue(ds).sort("revenue", true);
const skuRev = skus.getColumn("revenue").toArray() as number[];
const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const fifth = sumOf(skuRev.slice(0, Math.ceil(skuRev.length / 5))) / sumOf(skuRev);
const slowHalf = sumOf(skuRev.slice(Math.ceil(skuRev.length / 2))) / sumOf(skuRev);
await display(paretoChart(skus, {
  title: "How concentrated revenue is across SKUs",
  subtitle: `The best-selling fifth of the ${skuRev.length} SKUs brings in ${(100 * fifth).toFixed(0)} % of the revenue; the slower half adds ${
    (100 * slowHalf).toFixed(0)
  } %.`,
  value: { field: "revenue", label: "Revenue", unit: rep },
  items: "SKUs",
}));

// %% [markdown]
// How often does a SKU sell on a store's shelf? Slow movers that sell in few weeks — intermittent
// demand — are what makes forecasting them hard.

// %%
const deciles = intermittency(ds).toRecords() as { decile: number; weeks_with_a_sale_pct: number }[];
const firstDecile = deciles[0], lastDecile = deciles[deciles.length - 1];
await display(barChart(intermittency(ds), {
  title: "How often a SKU sells, by revenue decile",
  subtitle: `A SKU of the best-selling tenth sells in ${firstDecile.weeks_with_a_sale_pct.toFixed(1)} % of its store-weeks; one of the slowest tenth in ${
    lastDecile.weeks_with_a_sale_pct.toFixed(1)
  } %.`,
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
// distributor's wholesale price, and the two prices move on different schedules. Look for a dip in
// the margin on oils and fluids while wholesale prices rise ahead of shelf prices, and for a rise
// when shelf prices catch up in whole .99 steps. Filters, made of steel and media, should move
// less.
//
// The second query written out in full. `salesLines(ds)` is `retail_transaction_lines` joined with
// the sites, the products and the day's FX rate (see `lib/analysis/frames.ts`), with amounts in the
// reporting currency (`net_rep`, `margin_rep`).

// %%
import { groundTruth, pick, salesLines } from "../../lib/analysis/frames.ts";

const monthlyMargin = salesLines(ds)
  .groupBy([pl.col("transaction_date").dt.truncate("1mo").alias("month"), pl.col("department")])
  .agg(pl.col("margin_rep").sum().div(pl.col("net_rep").sum()).mul(100).alias("margin_pct"))
  .sort(["department", "month"])
  .collectSync();
await display(table(monthlyMargin, { rows: 6, caption: "The first rows of the frame the chart draws" }));

// %%
const shock = pick(groundTruth(ds), "retail.prices.costShock.baseOilShockWeek") as string | undefined;
const shockDay = shock ? new Date(`${shock}T00:00:00Z`) : null;
// What the sentence under the title says, from the frame above: the oils margin before and after the shock.
const oils = monthlyMargin.filter(pl.col("department").eq(pl.lit("Oils & Fluids")));
const filters = monthlyMargin.filter(pl.col("department").eq(pl.lit("Filters"))).getColumn("margin_pct");
const fmtMonth = (d: Date) => d.toISOString().slice(0, 7);
let finding = `Oils and fluids range from ${oils.getColumn("margin_pct").min().toFixed(1)} % to ${
  oils.getColumn("margin_pct").max().toFixed(1)
} %`;
if (shockDay) {
  const before = oils.filter(pl.col("month").lt(shockDay)).getColumn("margin_pct");
  const after = oils.filter(pl.col("month").gtEq(shockDay));
  if (before.length && after.height) {
    const low = after.sort("margin_pct").row(0), high = after.sort("margin_pct", true).row(0);
    finding = `Oils and fluids: ${before.mean().toFixed(1)} % a month on average before the shock; after it, lowest ${
      Number(low[2]).toFixed(1)
    } % (${fmtMonth(low[0] as Date)}), highest ${Number(high[2]).toFixed(1)} % (${fmtMonth(high[0] as Date)})`;
  }
}
await display(figure(
  render({
    x: { type: "utc", label: "Month" },
    y: { label: "Gross margin (% of net revenue)", grid: true },
    color: { domain: ["Filters", "Oils & Fluids"], range: ["#f28e2b", "#4e79a7"] },
    marks: [
      Plot.lineY(toArrow(monthlyMargin), { x: "month", y: "margin_pct", stroke: "department", strokeWidth: 2 }),
      ...(shockDay
        ? [
          Plot.ruleX([shockDay], { stroke: "#888", strokeDasharray: "4,3" }),
          Plot.text([shockDay], { x: (d: Date) => d, frameAnchor: "top", dy: 4, dx: 4, textAnchor: "start", text: () => "base-oil shock" }),
        ]
        : []),
    ],
  }),
  {
    title: "Retailer's gross margin per month",
    subtitle: `${finding}; filters from ${filters.min().toFixed(1)} % to ${filters.max().toFixed(1)} %.`,
    legend: "Department",
    caption: "Source: retail_transaction_lines (Σ margin ÷ Σ net revenue per month, at the day's FX rate) and ground_truth.json.",
  },
));

// %% [markdown]
// ## What to take away
//
// - How many lines a basket holds, per kind of shopper, and on which weekdays each kind shops.
// - Seasons half a year apart between the hemispheres, measured against the profile injected.
// - Promotion lift by mechanic and depth, measured against the multipliers injected.
// - The own brand's prices and margins against known brands.
// - How concentrated revenue is across SKUs, and how rarely slow movers sell.
// - How a cost shock upstream shows in retail margins.
//
// Try it: change the seed or the scale in the parameters cell and run the notebook again — the
// sentences under the titles are recomputed. Or edit the two written-out queries: group the
// baskets by `channel` instead of `customer_type`, or the margin by `country_code`.
//
// Next: **04 · Customers** — who the known customers are, what they drive and how often they come.
