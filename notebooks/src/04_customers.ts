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
// Loyalty members far outnumber trade accounts, but a trade account comes back almost every week
// and spends about thirty times as much in a year. Members own one to three vehicles; about half
// of the trade accounts have a vehicle of their own on file. Some members joined but never bought
// in the period.

// %%
import { table } from "../../lib/notebook/mod.ts";
import { reportingCurrency } from "../../lib/analysis/frames.ts";
import { customerSummary, customersByCountry, CUSTOMER_COLORS } from "../../lib/analysis/customers.ts";
import { barChart } from "../../lib/plot/mod.ts";

const rep = reportingCurrency(ds);
await display(
  table(customerSummary(ds), { caption: `Known customers (revenue per customer per year in ${rep})` }),
  barChart(customersByCountry(ds), {
    title: "Known customers by country",
    subtitle:
      "The United States has most customers, in proportion to its stores and online shop; trade accounts are a thin slice everywhere.",
    category: { field: "country_code", label: "Country" },
    value: { field: "customers", label: "Customers", unit: "count" },
    series: "customer",
    stack: true,
    labels: (v) => String(v),
    colors: CUSTOMER_COLORS,
    legend: "Customer",
    caption: "Source: retail_customers.",
  }),
);

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
    "Most members have one vehicle on file and about four in ten have two or three; trade accounts have none or one.",
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
// The makes differ by region as they do on real roads: American pickups and Japanese sedans in
// North America, Volkswagen, Renault and Peugeot in Europe, Toyota and Ford in Australia.

// %%
import { topMakes } from "../../lib/analysis/customers.ts";

await display(barChart(topMakes(ds, 12), {
  title: "The makes customers drive",
  subtitle:
    "Ford, Honda and Toyota lead overall; each region has its own mix, and European makes are rare outside Europe.",
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
// Cars serviced at home are not new: the age profile rises to a broad plateau of cars several to a
// dozen years old.

// %%
import { lineChart } from "../../lib/plot/mod.ts";
import { vehicleAges } from "../../lib/analysis/customers.ts";

await display(lineChart(vehicleAges(ds), {
  title: "How old customers' vehicles are",
  subtitle:
    "Few vehicles are brand new; most are several to a dozen years old, the age at which owners start servicing them themselves.",
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
// Motor oil is more than half of what DIY shoppers spend; filters most of the rest. Trade accounts
// spread wider: more transmission fluid, gear oil and fuel filters — the jobs a workshop takes on
// and a home mechanic avoids.

// %%
import { categoryMix } from "../../lib/analysis/customers.ts";
import { SHOPPER_COLORS } from "../../lib/analysis/retail.ts";

await display(barChart(categoryMix(ds), {
  title: "Where each kind of shopper's money goes",
  subtitle:
    "Motor oil takes over half of DIY spending but four tenths of trade spending; trade accounts buy more transmission fluid, gear oil and fuel filters.",
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
// Baskets per year of membership (counted from joining, or from the period's start): members are
// spread from once a year to every other week; nearly every trade account buys weekly or more.

// %%
import { daysBetweenVisits, FREQUENCY_BUCKETS, purchaseFrequency } from "../../lib/analysis/customers.ts";

await display(
  barChart(purchaseFrequency(ds), {
    title: "How often known customers buy",
    subtitle:
      "Members buy a few times a year, most between once and eight times; trade accounts come back more than sixteen times a year.",
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
// ## What you saw
//
// - Two kinds of known customer: many DIY loyalty members with their cars, few trade accounts
//   that buy weekly and spend far more.
// - Vehicles that look like each region's roads and are mostly past their first years.
// - DIY spending dominated by motor oil; trade spending spread across the jobs of a workshop.
// - Every oil and filter a member buys fits the car it was bought for.
//
// Next: **05 · Consistency** — the validators, and faults they catch when the data is broken on
// purpose.
