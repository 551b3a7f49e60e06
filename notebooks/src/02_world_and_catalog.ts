// %% [markdown]
// # 02 · The world and the catalog
//
// Before a single basket is sold, partsflow builds the stage: **countries and their geo segments**
// (prices are set per segment), a **calendar** with holidays and a retail fiscal year, daily **FX
// rates**, and the **catalog** — brands, motor oils and fluids, filters with real-looking
// dimensions, which part fits which vehicle, bundle kits, and the **price book**, the only source of
// every price and cost in the dataset.
//
// This notebook walks through each, with a chart or a table and a sentence on what to look for.

// %% [markdown]
// ## Parameters
//
// Change them here, or set `PARTSFLOW_SCALE`, `PARTSFLOW_SEED`, `PARTSFLOW_START`, `PARTSFLOW_END`,
// `PARTSFLOW_OUT`. The world and the catalog do not grow with the scale factor — only stores,
// customers and sales do.

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
// ## Geography: countries and geo segments
//
// Six countries, each split into a few geo segments. A segment is the unit of pricing: the price
// book holds one price per SKU per segment. `demand_weight` is the segment's share of its country's
// demand; `price_index` its price level against the country average.

// %%
import { table } from "../../lib/notebook/mod.ts";
import { segmentOverview } from "../../lib/analysis/world.ts";

const segments = segmentOverview(ds);
await display(table(segments, { rows: 30 }));

// %% [markdown]
// Prices differ by segment within a country by a few percent either way — the kind of spread a
// regional retailer really has. Bars start at the country average (1.00).

// %%
import { barChart } from "../../lib/plot/mod.ts";

await display(barChart(segments, {
  title: "Price level by geo segment",
  subtitle:
    `Look for the spread within each country: from ${
      segments.getColumn("price_index").min().toFixed(2)
    } to ${segments.getColumn("price_index").max().toFixed(2)} times the country average here. Which segments are metropolitan?`,
  category: { field: "segment_code", label: "Geo segment" },
  value: { field: "price_index", label: "Price index", unit: "country average = 1" },
  baseline: 1,
  labels: (v) => v.toFixed(2),
  caption: "Source: geo_segments.price_index.",
}));

// %% [markdown]
// The retailer's stores sit in these segments, in three formats: small *express* stores, *standard*
// stores and large *hubs*. The number of stores grows with the scale factor (at least 12); every
// country also has one online shop (not shown).

// %% [markdown]
// A query written out in full, to copy and change: Polars counts the stores in `sites` by country
// and format; Observable Plot draws the counts, which cross from Polars as an Apache Arrow table
// (`toArrow`). `render` draws the chart and `figure` frames it with a title, a sentence computed
// from the same frame, a legend and a caption.

// %%
import pl from "nodejs-polars";

const stores = ds.scan("sites")
  .filter(pl.col("site_type").eq(pl.lit("store")))
  .groupBy(["country_code", "store_format"])
  .agg(pl.len().alias("stores"))
  .sort(["country_code", "store_format"])
  .collectSync();
await display(table(stores, { rows: 18 }));

// %%
import * as Plot from "@observablehq/plot";
import { figure, render, toArrow } from "../../lib/plot/mod.ts";

const perCountry = stores.groupBy("country_code").agg(pl.col("stores").sum()).sort("stores", true);
const formats = stores.groupBy("store_format").agg(pl.col("stores").sum()).sort("stores", true);
await display(figure(
  render({
    x: { label: "Country" },
    y: { label: "Stores (count)", grid: true, tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : "") },
    color: { domain: ["express", "standard", "hub"], range: ["#76b7b2", "#4e79a7", "#e15759"] },
    marks: [
      Plot.barY(toArrow(stores), { x: "country_code", y: "stores", fill: "store_format" }),
      Plot.ruleY([0]),
    ],
  }),
  {
    title: "Stores by country and format",
    subtitle: `${perCountry.getColumn("country_code").get(0)} has the most stores (${
      perCountry.getColumn("stores").get(0)
    } of ${stores.getColumn("stores").sum()}); the most common format is ${
      formats.getColumn("store_format").get(0)
    } (${formats.getColumn("stores").get(0)} stores).`,
    legend: "Format",
    caption: "Source: sites (site_type = store).",
  },
));

// %% [markdown]
// ## The calendar
//
// One row per day with ISO weeks, seasons for both hemispheres and a retail fiscal year that starts
// on 1 February (so the first and last fiscal years of the period are partial).

// %%
import { calendarSummary } from "../../lib/analysis/world.ts";

await display(table(calendarSummary(ds), { caption: "Fiscal years of the period" }));

// %% [markdown]
// Public holidays differ by country and month; on some of them stores close (Christmas,
// Thanksgiving in the US, Easter Sunday in some countries). Sales in notebook 03 dip and spike
// around them.

// %%
import { heatmap } from "../../lib/plot/mod.ts";
import { holidaysByMonth } from "../../lib/analysis/world.ts";
import { MONTHS } from "../../lib/analysis/frames.ts";

await display(heatmap(holidaysByMonth(ds), {
  title: "Public holidays by country and month",
  subtitle:
    "Look for the months where holidays bunch — Easter, May Day and Whit Monday move between March and June from year to year — and for the countries that differ.",
  x: { field: "month", label: "Month", order: MONTHS },
  y: { field: "country_code", label: "Country" },
  fill: { field: "holidays", label: "Holidays", unit: "days over the period" },
  cellFormat: (v) => String(v),
  caption: "Source: holidays, counted over every year of the period.",
}));

// %% [markdown]
// ## FX rates
//
// Every amount is in its country's currency; daily rates convert it to the reporting currency. The
// rates follow a mean-reverting random walk (its parameters are in `ground_truth.json`). Indexed to
// the first day, see how far the currencies drift apart.

// %%
import { lineChart } from "../../lib/plot/mod.ts";
import { fxIndexed, fxSummary } from "../../lib/analysis/world.ts";
import { reportingCurrency } from "../../lib/analysis/frames.ts";

const rep = reportingCurrency(ds);
await display(
  lineChart(fxIndexed(ds), {
    title: `Local currencies against the ${rep}`,
    subtitle:
      "Look for a rate that wanders for months and is then pulled back towards its long-run level: that is the mean reversion the generator injects.",
    x: { field: "date", label: "Date" },
    y: { field: "index", label: `Value in ${rep}`, unit: "first day = 100" },
    series: "currency",
    zero: false,
    legend: "Currency",
    caption: `Source: fx_rates (${rep} per unit of local currency, indexed).`,
  }),
  table(fxSummary(ds), { caption: `Rates in ${rep} per unit of local currency` }),
);

// %% [markdown]
// ## The product range
//
// Three kinds of brand share the shelf: the **chain's own labels** (Corvane oils from the lubricant
// maker, Keldmark filters from the filter maker), the **retailer's own brand** Torqline (made by the
// same two factories), and **known brands** bought in from third parties — they appear only as
// competitor offerings, with plausible prices.

// %%
import { brandOverview } from "../../lib/analysis/catalog.ts";

await display(table(brandOverview(ds), { rows: 30 }));

// %% [markdown]
// The catalog has a few hundred SKUs and does not grow with the scale factor. Which categories have
// the deepest range, and does every category carry all three kinds of brand?

// %%
import { BRAND_TYPE_COLORS, skusByCategory } from "../../lib/analysis/catalog.ts";

await display(barChart(skusByCategory(ds), {
  title: "SKUs by category and brand type",
  subtitle:
    "Compare the depth of each category's range, and the share the retailer's own brand takes of it beside the chain's labels and the known brands.",
  category: { field: "category", label: "Category" },
  value: { field: "skus", label: "SKUs", unit: "count" },
  series: "brand",
  stack: true,
  labels: (v) => String(v),
  colors: BRAND_TYPE_COLORS,
  legend: "Brand",
  caption: "Source: products joined with brands. US-customary and metric packs are separate SKUs.",
}));

// %% [markdown]
// ### Motor oils by grade and tier
//
// Each motor oil has an SAE viscosity grade and a tier. On a real shelf, modern thin grades (0W-16,
// 0W-20) come as full synthetics and thick grades (15W-40, 20W-50) as conventional and diesel oils:
// look for that pattern in the grid.

// %%
import { gradesIn, motorOilGrid, OIL_TIERS } from "../../lib/analysis/catalog.ts";

const oils = motorOilGrid(ds);
await display(heatmap(oils, {
  title: "Motor-oil SKUs by SAE grade and tier",
  subtitle:
    "Read across a row for the grades a tier offers, down a column for the tiers a grade comes in; an empty cell is a grade the tier does not make.",
  x: { field: "sae_grade", label: "SAE grade (thin → thick)", order: gradesIn(oils) },
  y: { field: "subcategory", label: "Tier", order: OIL_TIERS },
  fill: { field: "skus", label: "SKUs", unit: "count" },
  cellFormat: (v) => String(v),
  caption: "Source: products (product_kind = motor_oil). Empty cells: no SKU of that grade and tier.",
}));

// %% [markdown]
// ### Filters by type
//
// Filters come in constructions: spin-on and cartridge oil filters, panel air and cabin filters,
// inline and diesel-cartridge fuel filters, pan kits for transmissions.

// %%
import { filtersByType } from "../../lib/analysis/catalog.ts";

await display(barChart(filtersByType(ds), {
  title: "Filter SKUs by family and construction",
  subtitle:
    "Compare the families: how many SKUs each construction has in each filter family.",
  category: { field: "category", label: "Filter family" },
  value: { field: "skus", label: "SKUs", unit: "count" },
  series: "filter_type",
  stack: true,
  labels: (v) => String(v),
  legend: "Construction",
  caption: "Source: products (department = Filters).",
}));

// %% [markdown]
// Filters carry the attributes a parts counter uses. SKUs of different brands that share a
// `design_code` are interchangeable: same thread, gasket and size, different media and efficiency.

// %%
import { oilFilterSpecs } from "../../lib/analysis/catalog.ts";

await display(table(oilFilterSpecs(ds), { caption: "Spin-on oil filters of one design, one per brand" }));

// %% [markdown]
// ## Fitment: which part fits which vehicle
//
// The catalog's vehicles are real makes and models with engines, model-year ranges and the oil
// grade and capacity they take. `fitments` says which filters and oils fit each one. Every vehicle
// gets an oil, an oil filter, an air and a cabin filter; fuel and transmission filters only where
// the engine or gearbox has a serviceable one.

// %%
import { fitmentCoverage } from "../../lib/analysis/catalog.ts";

await display(table(fitmentCoverage(ds)));

// %% [markdown]
// For the most popular vehicle in North America, here is what fits, and the price range on the
// shelf in the first segment on the last day of the period: a shopper choosing between brands for
// the same need.

// %%
import { partsForVehicle, popularVehicle } from "../../lib/analysis/catalog.ts";

const lastDay = new Date(`${params.end}T00:00:00Z`);
const car = popularVehicle(ds, "north_america");
await display(
  table(car.select("make", "model", "year_from", "year_to", "engine", "oil_grade", "oil_capacity_l")),
  table(partsForVehicle(ds, Number(car.getColumn("vehicle_id").get(0)), 1, lastDay)),
);

// %% [markdown]
// ## Kits: bundles below the sum of their parts
//
// An *oil-change kit* is the oil a vehicle takes plus the oil filter that fits it; a *lube deal*
// pairs a filter with the fluid serviced alongside it. Each kit has a bundle price in every segment,
// derived from the price book and ending in .99. Every dot sits below the diagonal: the kit is
// always cheaper than buying its parts.

// %%
import { scatterChart } from "../../lib/plot/mod.ts";
import { kitPricesOn } from "../../lib/analysis/catalog.ts";

const kits = kitPricesOn(ds, 1, lastDay);
await display(scatterChart(kits, {
  title: "Kit price against the price of its parts",
  subtitle:
    "A dot under the dashed line is a kit that costs less than its parts bought separately; on the line it would cost the same.",
  x: { field: "parts_price", label: "Parts bought separately", unit: String(kits.getColumn("currency").get(0)) },
  y: { field: "kit_price", label: "Kit price", unit: String(kits.getColumn("currency").get(0)) },
  series: "kit_type",
  diagonal: true,
  legend: "Kit type",
  caption: "Source: kit_prices in the first geo segment on the period's last day.",
}));

// %% [markdown]
// ## The price book
//
// One row per SKU × geo segment × validity period holds four prices: the maker's **standard
// cost**, its **transfer price** to the distributor, the distributor's **wholesale price** and the
// retailer's **shelf price**. Every transaction in the dataset reads its cost and price from here, so
// margins agree across tables to the cent.
//
// The price book is tuned so that gross margin by tier lands where public companies of each tier
// do: makers keep roughly a quarter to a third of their price, the distributor about a third, the
// retailer about half. Check it in the chart.

// %%
import { tierMargins } from "../../lib/analysis/catalog.ts";

await display(table(tierMargins(ds, lastDay), {
  caption: "Gross margin of each tier (%), price book on the period's last day",
}));

// %% [markdown]
// Where each unit of shelf price goes, by brand type. The retailer's own brand costs a little more
// to make relative to its low shelf price, leaves less to the maker and distributor, and gives the
// retailer its fattest margin — the reason retailers push private labels.

// %%
import { priceWaterfall } from "../../lib/analysis/catalog.ts";

await display(barChart(priceWaterfall(ds, lastDay), {
  title: "Where the shelf price goes",
  subtitle:
    "Read each bar from the bottom: standard cost, then what the maker, the distributor and the retailer add. Compare the retailer's share across brand types.",
  category: { field: "brand_type", label: "Brand type" },
  value: { field: "share_pct", label: "Share of the shelf price ex tax", unit: "%" },
  series: "layer",
  stack: true,
  order: ["chain's own labels", "retailer's own brand", "known brands"],
  colors: {
    domain: ["standard cost", "maker margin", "distributor margin", "retailer margin"],
    range: ["#bab0ac", "#76b7b2", "#59a14f", "#4e79a7"],
  },
  legend: "Part of the price",
  caption: "Source: price_book on the period's last day, averaged over SKUs and segments.",
}));

// %% [markdown]
// ### Prices over time
//
// Prices are not frozen. Follow one best-selling motor oil in the first segment: the standard cost
// moves with its raw materials, the transfer and wholesale prices follow at their own rhythm, and
// the shelf price ends in .99. How often does each one change?

// %%
import { priceHistory, typicalOilSku } from "../../lib/analysis/catalog.ts";

const oil = typicalOilSku(ds, 1);
const history = priceHistory(ds, Number(oil.getColumn("sku_id").get(0)), 1);
await display(lineChart(history, {
  title: `Four prices of one SKU: ${oil.getColumn("product_name").get(0)}`,
  subtitle:
    "Look for the order in which the prices move: cost first, then transfer and wholesale; the shelf price, ending in .99, moves in steps.",
  x: { field: "date", label: "Date" },
  y: { field: "amount", label: "Price per unit", unit: String(history.getColumn("currency").get(0)) },
  series: "price",
  curve: "linear",
  points: false,
  legend: "Price",
  caption: "Source: price_book for this SKU in the first geo segment.",
}));

// %% [markdown]
// Across the whole book, the four prices are set on different schedules: costs can change every
// month, transfer and wholesale prices on their own rhythm, shelf prices only when a cost move is
// big enough to matter. The heatmap counts the changes per month.

// %%
import { priceChangesByMonth } from "../../lib/analysis/catalog.ts";

const changes = priceChangesByMonth(ds);
const months = [...new Set(changes.getColumn("month").toArray().map(String))];
await display(heatmap(changes, {
  title: "Price changes per month",
  subtitle:
    "Look for the rhythm of each price: how often it changes, and in which months the changes bunch.",
  x: { field: "month", label: "Month", order: months },
  y: { field: "price", label: "Price", order: ["cost", "transfer", "wholesale", "retail"] },
  fill: { field: "changes", label: "Prices changed", unit: "SKU × segment prices" },
  xTicks: months.filter((_, i) => i % 3 === 0),
  xTickRotate: -45,
  caption: "Source: price_book.change_reason; the first period of each price is not counted.",
}));

// %% [markdown]
// ### The base-oil index and how cost follows it
//
// Lubricant costs follow the base-oil price with a lag of two to three months (index-based
// pricing). The dataset injects one documented base-oil shock (its week is in `ground_truth.json`):
// the index jumps first, standard costs follow a quarter later — and, downstream, retail margins
// and prices feel it (notebook 03).

// %%
import { costFollowsIndex } from "../../lib/analysis/catalog.ts";
import { groundTruth, pick } from "../../lib/analysis/frames.ts";

const shockWeek = pick(groundTruth(ds), "retail.prices.costShock.baseOilShockWeek");
await display(lineChart(costFollowsIndex(ds), {
  title: "Base-oil indices and the standard cost of oils made from them",
  subtitle:
    "Look for the lag between the index and the standard cost, and for how much smaller the cost's swing is: base oil is only part of the cost.",
  x: { field: "month", label: "Month" },
  y: { field: "index", label: "Index", unit: "first month = 100" },
  series: "series",
  zero: false,
  colors: {
    domain: [
      "Group II base-oil index",
      "standard cost, Group II oils",
      "Group III base-oil index",
      "standard cost, Group III oils",
    ],
    range: ["#9ecae9", "#4e79a7", "#ffbe7d", "#f28e2b"],
  },
  legend: true,
  caption: `Source: raw_material_index (monthly mean) and price_book (mean over SKUs and segments of cost relative to its first month).${
    typeof shockWeek === "string" ? ` Injected base-oil shock: week of ${shockWeek}.` : ""
  }`,
}));

// %% [markdown]
// ## What to take away
//
// - Geo segments set price levels apart within a country; stores sit in them in three formats.
// - A fiscal calendar, country holidays and drifting FX rates frame every sale.
// - A catalog of real-looking oils and filters across three kinds of brand, with fitment to real
//   vehicles and kits priced below their parts.
// - One price book for everything: margins by tier tuned to public companies, prices that change
//   on their own schedules, and costs that follow the base-oil index with a lag.
//
// Try it: change the store query above — count `online` sites too, or sum `floor_area_m2` instead of
// counting — and draw it again.
//
// Next: **03 · Retail** — what happens when shoppers meet these shelves.
