// %% [markdown]
// # 04 · Customers: who they are, what they drive, what they buy
//
// Most baskets are anonymous, but many are not: **loyalty members** are DIY home mechanics who
// signed up, and **trade accounts** are semi-professional mechanics buying for their workshop.
// Known customers have a coined name and address in their geo segment, a join date, a store they
// belong to — and, for loyalty members, the vehicles they own. A member's motor oil and filters
// are bought *for* one of those vehicles, and they fit it.
//
// In this notebook you will meet both kinds of customer, their vehicles, what they buy, and how
// often they come back — and follow one member through three years of purchases.

// %% [markdown]
// ## Parameters
//
// Change them here, or set `PARTSFLOW_SCALE`, `PARTSFLOW_SEED`, `PARTSFLOW_START`, `PARTSFLOW_END`,
// `PARTSFLOW_OUT`. The number of customers grows with the scale factor and the period.

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
// ## DIY members and trade accounts
//
// Two kinds of known customer: loyalty members (DIY home mechanics) and trade accounts
// (semi-professional mechanics). In the table, compare how many there are of each with how often
// they buy and what they spend in a year. Some members joined but never bought in the period.

// %%
import { table } from "../../lib/notebook/mod.ts";
import { reportingCurrency } from "../../lib/analysis/frames.ts";
import { CUSTOMER_COLORS, customerSummary } from "../../lib/analysis/customers.ts";
import { barChart } from "../../lib/plot/mod.ts";

const rep = reportingCurrency(ds);
await display(
  table(customerSummary(ds), { caption: `Known customers (revenue per customer per year in ${rep})` }),
);

// %% [markdown]
// Where do they live? A query written out in full, to copy and change: Polars counts
// `retail_customers` by country and type, and Observable Plot draws the counts, which cross from
// Polars as an Apache Arrow table (`toArrow`).

// %%
import pl from "nodejs-polars";
import * as Plot from "@observablehq/plot";
import { figure, render, toArrow } from "../../lib/plot/mod.ts";

const byCountry = ds.scan("retail_customers")
  .groupBy(["country_code", "customer_type"])
  .agg(pl.len().alias("customers"))
  .sort(["country_code", "customer_type"])
  .collectSync();
const totals = byCountry.groupBy("country_code").agg(pl.col("customers").sum()).sort("customers", true);
const tradeShare = byCountry.filter(pl.col("customer_type").eq(pl.lit("trade"))).getColumn("customers").sum() /
  byCountry.getColumn("customers").sum();
await display(figure(
  render({
    x: { label: "Country" },
    y: { label: "Customers (count)", grid: true },
    color: { domain: ["loyalty", "trade"], range: ["#4e79a7", "#e15759"] },
    marks: [
      Plot.barY(toArrow(byCountry), { x: "country_code", y: "customers", fill: "customer_type" }),
      Plot.ruleY([0]),
    ],
  }),
  {
    title: "Known customers by country",
    subtitle: `${totals.getColumn("country_code").get(0)} has the most known customers (${
      totals.getColumn("customers").get(0)
    }); trade accounts are ${(100 * tradeShare).toFixed(1)} % of all known customers.`,
    legend: "customer_type",
    caption: "Source: retail_customers.",
  },
));

// %% [markdown]
// ## Their vehicles
//
// Members' vehicles come from the catalog's vehicles of their region — real makes and models with
// their engines — weighted by how many such cars are on the road and serviced at home.

// %%
import { vehiclesPerCustomer } from "../../lib/analysis/customers.ts";

await display(barChart(vehiclesPerCustomer(ds), {
  title: "Vehicles on file per customer",
  subtitle:
    "Compare the two kinds of customer: how many vehicles each has on file (members one to three, trade accounts none or one, by construction).",
  category: { field: "vehicles_owned", label: "Vehicles on file" },
  value: { field: "share_pct", label: "Share of customers", unit: "%" },
  series: "customer",
  horizontal: false,
  order: ["0", "1", "2", "3"],
  colors: CUSTOMER_COLORS,
  labels: (v) => v.toFixed(0),
  legend: "Customer",
  caption: "Source: customer_vehicles.",
}));

// %% [markdown]
// Do the makes differ by region as they do on real roads — American pickups and Japanese sedans in
// North America, European makes in Europe?

// %%
import { topMakes } from "../../lib/analysis/customers.ts";

await display(barChart(topMakes(ds, 12), {
  title: "The makes customers drive",
  subtitle:
    "Look at each make's bar by region of sale: which makes are sold everywhere, and which only in one region?",
  category: { field: "make", label: "Make" },
  value: { field: "vehicles", label: "Vehicles", unit: "count" },
  series: "region",
  stack: true,
  colors: {
    domain: ["north america", "europe", "australia"],
    range: ["#4e79a7", "#59a14f", "#f28e2b"],
  },
  legend: "Region of sale",
  caption: "Source: customer_vehicles joined with vehicles; the twelve most common makes.",
}));

// %% [markdown]
// How old are the cars their owners service themselves?

// %%
import { lineChart } from "../../lib/plot/mod.ts";
import { vehicleAges } from "../../lib/analysis/customers.ts";

await display(lineChart(vehicleAges(ds), {
  title: "How old customers' vehicles are",
  subtitle:
    "Look for where each region's curve peaks, and how few vehicles are brand new.",
  x: { field: "age", label: "Age at the end of the period (years)" },
  y: { field: "share_pct", label: "Share of the region's vehicles", unit: "%" },
  series: "region",
  points: true,
  colors: {
    domain: ["north america", "europe", "australia"],
    range: ["#4e79a7", "#59a14f", "#f28e2b"],
  },
  legend: "Region of sale",
  caption: "Source: customer_vehicles.model_year against the last year of the period.",
}));

// %% [markdown]
// ## What they buy
//
// What does each kind of shopper spend on? Look for the jobs a workshop takes on and a home
// mechanic avoids: transmission fluid, gear oil, fuel filters.

// %%
import { categoryMix } from "../../lib/analysis/customers.ts";
import { SHOPPER_COLORS } from "../../lib/analysis/retail.ts";

await display(barChart(categoryMix(ds), {
  title: "Where each kind of shopper's money goes",
  subtitle:
    "Compare the bars of each category across shoppers: where does trade spending go that DIY spending does not?",
  category: { field: "category", label: "Category" },
  value: { field: "share_pct", label: "Share of the shopper's revenue", unit: "%" },
  series: "shopper",
  colors: SHOPPER_COLORS,
  legend: "Shopper",
  caption: "Source: retail_transaction_lines joined with retail_transactions.customer_type and products.",
}));

// %% [markdown]
// Every motor oil and filter a member buys names the member's vehicle it is for, and it fits that
// vehicle per the catalog's fitments — the counter staff (and the web shop) look it up. The
// validator `retail.fitment_of_known_customers` checks it on every line.

// %%
import { fitmentInPractice } from "../../lib/analysis/customers.ts";

await display(table(fitmentInPractice(ds), { caption: "Loyalty members' oil and filter lines" }));

// %% [markdown]
// ## How often they come back
//
// Baskets per year of membership (counted from joining, or from the period's start). Compare the
// spread of members with the trade accounts'.

// %%
import { daysBetweenVisits, FREQUENCY_BUCKETS, purchaseFrequency } from "../../lib/analysis/customers.ts";

await display(
  barChart(purchaseFrequency(ds), {
    title: "How often known customers buy",
    subtitle:
      "Compare where each kind of customer's bars sit: how many baskets a year is typical for a member, and for a trade account?",
    category: { field: "baskets_per_year", label: "Baskets per year" },
    value: { field: "share_pct", label: "Share of customers who bought", unit: "%" },
    series: "customer",
    horizontal: false,
    order: FREQUENCY_BUCKETS,
    colors: CUSTOMER_COLORS,
    labels: (v) => v.toFixed(0),
    legend: "Customer",
    caption: "Source: retail_transactions of known customers and retail_customers.join_date.",
  }),
  table(daysBetweenVisits(ds), { caption: "Days between a customer's consecutive baskets" }),
);

// %% [markdown]
// ## One member, three years
//
// A regular member (at the upper quartile of purchases among members with two or more vehicles):
// their vehicles, then every line they bought. Oils and filters name the vehicle they were for —
// the grade and the filter match that car's engine; fluids and grease for general use name none.

// %%
import { customerPurchases, customerVehicles, storyCustomer } from "../../lib/analysis/customers.ts";

const member = storyCustomer(ds);
await display(
  table(customerVehicles(ds, member), { caption: `Customer ${member}: vehicles on file` }),
  table(customerPurchases(ds, member), {
    rows: 40,
    caption: `Customer ${member}: purchases (net paid in local currency, excluding tax)`,
  }),
);

// %% [markdown]
// ## What to take away
//
// - Two kinds of known customer, DIY loyalty members with their cars and trade accounts, who
//   differ in number, frequency and spending.
// - Vehicles drawn from each region's roads, and their ages.
// - What each kind of shopper spends on.
// - Every oil and filter a member buys fits the car it was bought for (a validator checks it).
//
// Try it: change the customer query above — group by `segment_id`, or count only customers who
// opted in to marketing (`marketing_opt_in`).
//
// Next: **05 · Consistency** — the validators, and faults they catch when the data is broken on
// purpose.
