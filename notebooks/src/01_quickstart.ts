// %% [markdown]
// # 01 · Quickstart: a whole supply chain in one cell
//
// **partsflow** generates a synthetic, internally consistent dataset of an auto-parts supply
// chain: a lubricant maker and a filter maker, a parts distributor, a retailer with its own brand
// beside well-known ones, and their customers. Every company, person and figure is fictional;
// every number is derived from one source (one price book, integer cents, conserved stock), so the
// tables agree with each other to the cent.
//
// In this notebook you will:
//
// 1. set the parameters (scale, seed, period, output folder),
// 2. generate a small dataset in one cell,
// 3. list what was written — tables, rows, files — and
// 4. peek at the first rows of every table.
//
// The notebook runs on Deno's Jupyter kernel (`npx -y deno@2.9.6 task setup` registers it). Project
// code is imported from `../lib`; the cells themselves stay short, and the last section writes a
// query and a chart out in full for you to change.

// %% [markdown]
// ## Parameters
//
// Everything a reader may want to change is in this one cell. The **scale factor** (SF) sets the
// volume: SF 1 is about 10 million retail sales lines over the default three years, and stores and
// customers grow with it, while the catalog does not. SF 0.01 takes seconds. The **seed** makes the
// data reproducible: the same seed and options give byte-identical files. Environment variables
// (`PARTSFLOW_SCALE`, `PARTSFLOW_SEED`, `PARTSFLOW_START`, `PARTSFLOW_END`, `PARTSFLOW_OUT`)
// override the values below; that is how CI runs every notebook small.

// %%
import { describeParams, display, notebookParams } from "../../lib/notebook/mod.ts";

const params = notebookParams({
  scale: 0.01, // SF: 1 ≈ 10 million retail sales lines
  seed: 42, // same seed + same options → the same bytes
  start: "2023-01-01", // first day of the period
  end: "2025-12-31", // last day of the period
  out: "auto", // ../data/sf<scale>-seed<seed>, relative to this notebook
});
await display(describeParams(params));

// %% [markdown]
// ## Generate
//
// `generate()` is the same function the command line `deno task generate` runs. It plans every
// table as chunks, writes them on a pool of workers as zstd Parquet, and finishes with
// `manifest.json` (options, every file with its row count and SHA-256) and `ground_truth.json`
// (every effect the generator injected). Running the cell again finds the files whole and skips
// them: a finished dataset costs nothing to "regenerate".

// %%
import { generate } from "../../mod.ts";
import { describeRun } from "../../lib/notebook/mod.ts";

const run = await generate({
  options: params.options,
  out: params.out,
  workers: params.workers,
  overwrite: true, // replace a dataset made with other options in the same folder
  quiet: true,
});
await display(describeRun(run), `to reproduce it anywhere: ${run.manifest?.command}`);

// %% [markdown]
// ## What was written
//
// One folder per table, one Parquet file per chunk. The table below comes from the manifest:
// the tier of the supply chain each table belongs to, its rows and files, its size on disk and what
// one row is. Small reference tables (countries, the calendar) have a fixed size; the big ones grow
// with the scale factor.

// %%
import { openDataset } from "../../mod.ts";
import { table } from "../../lib/notebook/mod.ts";
import { tableSummary } from "../../lib/analysis/dataset.ts";

const ds = openDataset(params.out);
await display(table(tableSummary(ds), { rows: 40 }));

// %% [markdown]
// Every file with its rows and the start of its checksum. The validators (notebook 05) compare
// these against the files, so any later change to the data is noticed.

// %%
import { fileList } from "../../lib/analysis/dataset.ts";

await display(table(fileList(ds), { rows: 60 }));

// %% [markdown]
// ## A peek at every table
//
// The first three rows of each table, in generation order: referenced tables come before the
// tables that point at them. Money is stored as integer minor units (cents), dates as dates, ids as
// integers.

// %%
import { peek, rowCount } from "../../lib/analysis/dataset.ts";
import { fmtInt, md } from "../../lib/notebook/mod.ts";

for (const t of ds.tables) {
  await display(md(`**${t}** · ${fmtInt(rowCount(ds, t))} rows`), table(peek(ds, t, 3)));
}

// %% [markdown]
// ## What the columns mean
//
// The schema registry (`lib/schema`) describes every column once; the writers, the validators and
// the dataset card all read it. Here are the columns of `sites`, the plants, distribution centres
// and stores of the four companies.

// %%
import { schemaFrame } from "../../lib/analysis/dataset.ts";

await display(table(schemaFrame("sites")));

// %% [markdown]
// ## Your first query and chart
//
// Everything in the later notebooks is built from queries like this one. **Polars** reads the
// baskets (`retail_transactions`, one row per receipt) lazily, counts them per month and channel,
// and collects the result; **Observable Plot** draws it. The frame crosses from Polars to Plot as
// an **Apache Arrow** table (`toArrow`), which Plot reads column by column. Change the grouping
// column, the time unit (`"1w"`, `"1q"`) or the mark, and run the cell again.

// %%
import pl from "nodejs-polars";

const perMonth = ds.scan("retail_transactions")
  .groupBy([pl.col("transaction_date").dt.truncate("1mo").alias("month"), pl.col("channel")])
  .agg(pl.len().alias("baskets"), pl.col("item_qty").sum().alias("units"))
  .sort(["channel", "month"])
  .collectSync();
await display(table(perMonth, { rows: 6 }));

// %%
import * as Plot from "@observablehq/plot";
import { figure, render, toArrow } from "../../lib/plot/mod.ts";

const busiest = perMonth.groupBy("month").agg(pl.col("baskets").sum()).sort("baskets", true);
await display(figure(
  render({
    x: { type: "utc", label: "Month" },
    y: { label: "Baskets per month (count)", grid: true },
    marks: [
      Plot.lineY(toArrow(perMonth), { x: "month", y: "baskets", stroke: "channel", strokeWidth: 2 }),
      Plot.ruleY([0]),
    ],
  }),
  {
    title: "Baskets per month by channel",
    subtitle: `${perMonth.getColumn("baskets").sum().toLocaleString("en-US")} baskets in all; the busiest month is ${
      (busiest.getColumn("month").toArray()[0] as unknown as Date).toISOString().slice(0, 7)
    } with ${Number(busiest.getColumn("baskets").get(0)).toLocaleString("en-US")}.`,
    legend: "Channel",
    caption: "Source: retail_transactions (transaction_date, channel).",
  },
));

// %% [markdown]
// ## Where next
//
// - **02 · World and catalog** — geography, calendar, FX, the product range and the price book.
// - **03 · Retail** — baskets, seasonality, weekdays, promotions, own brand against known brands.
// - **04 · Customers** — DIY and trade customers, their vehicles and what they buy.
// - **05 · Consistency** — the validators, and faults they catch when the data is broken on purpose.
