// %% [markdown]
// # 05 · Consistency: the validators, and faults they catch
//
// partsflow's one rule is **consistency by construction**: every figure is derived from a single
// source (the price book for prices and costs, integer cents for money, documents written once),
// so the tables agree with each other to the cent. The validators in `lib/validate` prove it with
// Polars on any dataset folder — also on data someone has edited.
//
// In this notebook you will run every check on a fresh dataset and read the report, then break a
// copy of the data on purpose — change one sales line's cost, drop a store — and watch the checks
// that catch each fault.

// %% [markdown]
// ## Parameters
//
// As in every notebook: change them here, or override them with the environment variables
// `PARTSFLOW_SCALE`, `PARTSFLOW_SEED`, `PARTSFLOW_START`, `PARTSFLOW_END`, `PARTSFLOW_OUT`.

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

// %% [markdown]
// ## The dataset
//
// Generated on first use (a few seconds at SF 0.01), reused afterwards.

// %%
import { ensureDataset } from "../../lib/notebook/mod.ts";

const { ds, path, summary } = await ensureDataset(params);
await display(summary);

// %% [markdown]
// ## Run every check
//
// `validateDataset()` is what `deno task validate <dir>` runs. Checks come in families: the
// **manifest** (every file present, with the rows and SHA-256 it records), the **schema** of every
// table (columns, types, no stray nulls), **primary** and **foreign keys** from the schema registry,
// and each tier's own rules. A check whose tables are absent is skipped, not failed.

// %%
import { validateDataset } from "../../mod.ts";
import { table } from "../../lib/notebook/mod.ts";
import { reportByFamily } from "../../lib/analysis/consistency.ts";

const report = await validateDataset(path);
await display(
  `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`,
  table(reportByFamily(report), { caption: "Checks by family" }),
);

// %% [markdown]
// The generic families are the same for every table. The tier checks are where the supply-chain
// rules live — each line says what must hold. These are the ones a hand-edited dataset is most
// likely to break.

// %%
import { tierChecks } from "../../lib/analysis/consistency.ts";

await display(table(tierChecks(report), { rows: 60 }));

// %% [markdown]
// ## Check a rule yourself
//
// Every check is a Polars query. Here are two of the retail rules written out in full, to copy and
// change: on every sales line the margin is the net revenue less the cost, and every basket's net
// total is the sum of its lines' — to the cent. Each query counts the rows that break its rule.

// %%
import pl from "nodejs-polars";

const lines = ds.scan("retail_transaction_lines");
const marginBroken = lines
  .filter(pl.col("margin_amount").neq(pl.col("net_amount").minus(pl.col("cost_amount"))))
  .select(pl.len().alias("lines"))
  .collectSync();
const basketsBroken = ds.scan("retail_transactions")
  .join(lines.groupBy("transaction_id").agg(pl.col("net_amount").sum().alias("lines_net")), {
    on: "transaction_id",
  })
  .filter(pl.col("net_amount").neq(pl.col("lines_net")))
  .select(pl.len().alias("baskets"))
  .collectSync();
await display(
  `lines whose margin ≠ net − cost: ${marginBroken.getColumn("lines").get(0)}`,
  `baskets whose net total ≠ the sum of their lines: ${basketsBroken.getColumn("baskets").get(0)}`,
);

// %% [markdown]
// What does the validator check? The report is a list of checks; a Polars frame of it, grouped by
// family and status, drawn with Observable Plot (the frame crosses to Plot as an Arrow table).

// %%
import * as Plot from "@observablehq/plot";
import { figure, render, toArrow } from "../../lib/plot/mod.ts";

const checks = pl.DataFrame(report.results.map((r) => ({ family: r.name.split(".")[0], status: r.status })))
  .groupBy(["family", "status"])
  .agg(pl.len().cast(pl.Int32).alias("checks"))
  .sort(["family", "status"]);
const families = checks.groupBy("family").agg(pl.col("checks").sum()).sort("checks", true);
await display(figure(
  render({
    marginLeft: 90,
    x: { label: "Checks (count)", grid: true },
    y: { label: null, domain: families.getColumn("family").toArray() as string[] },
    color: { domain: ["pass", "fail", "skip"], range: ["#59a14f", "#e15759", "#bab0ac"] },
    marks: [Plot.barX(toArrow(checks), { x: "checks", y: "family", fill: "status" }), Plot.ruleX([0])],
  }),
  {
    title: "What the validator checks, by family",
    subtitle: `${report.results.length} checks: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped; the largest family is ${
      families.getColumn("family").get(0)
    } (${families.getColumn("checks").get(0)} checks).`,
    legend: "Status",
    caption: "Source: the report of validateDataset() above.",
  },
));

// %% [markdown]
// ## Fault 1 · change one sales line's cost
//
// We copy the dataset and raise the unit cost of one retail sales line by 5 %. To make the forgery
// harder to spot, the line's `cost_amount` and `margin_amount` are recomputed so the line itself
// still adds up. The copy carries no `manifest.json`: its checksums would flag any edit at all, and
// data a user edited usually has none — so only the consistency checks can catch this.
//
// Below: the line before and after the edit.

// %%
import { injectFault, lineCostChanged } from "../../lib/analysis/consistency.ts";

const costFault = await injectFault(ds, lineCostChanged(), `${path}-fault-line-cost`);
const shown = ["transaction_id", "line_number", "sku_id", "qty", "unit_cost", "cost_amount", "margin_amount"];
await display(
  costFault.fault.what,
  table(costFault.before.select(...shown), { caption: "before" }),
  table(costFault.after.select(...shown), { caption: "after" }),
);

// %% [markdown]
// Which checks catch it? Look for two independent ones: the line's cost no longer equals the price
// book's wholesale price for that SKU, segment and day (the retailer's cost *is* the distributor's
// price), and the basket's cost total is no longer the sum of its lines. Each failure comes with
// the count of violating rows and an example.

// %%
import { failures } from "../../lib/analysis/consistency.ts";

const costReport = await validateDataset(costFault.dir);
await display(table(failures(costReport)));

// %% [markdown]
// ## Fault 2 · drop a store
//
// Now a different copy: one store disappears from `sites`, while its baskets, weekly stock rows,
// replenishment orders and customers stay behind.

// %%
import { storeDropped } from "../../lib/analysis/consistency.ts";

const storeFault = await injectFault(ds, storeDropped(), `${path}-fault-store`);
await display(
  storeFault.fault.what,
  table(storeFault.before.select("site_id", "site_name", "site_type", "country_code", "open_date"), {
    caption: "the store removed",
  }),
);

// %% [markdown]
// The foreign-key checks catch every table that still points at the missing store. The price-book
// check fails too: without the store there is no geo segment for its sales lines, so their prices
// can no longer be traced to the price book.

// %%
const storeReport = await validateDataset(storeFault.dir);
await display(table(failures(storeReport)));

// %% [markdown]
// ## With the manifest, any edit shows
//
// Had the copy kept its `manifest.json`, the cheapest check of all would have caught the edit
// first: the file's SHA-256 no longer matches the one recorded when it was written.

// %%
const sealed = await injectFault(ds, lineCostChanged(), `${path}-fault-sealed`, { keepManifest: true });
await display(table(failures(await validateDataset(sealed.dir, ["manifest"]))));

// %% [markdown]
// ## Clean up
//
// The broken copies sit next to the dataset; remove them.

// %%
for (const f of [costFault, storeFault, sealed]) await Deno.remove(f.dir, { recursive: true });
await display(`removed ${[costFault, storeFault, sealed].length} broken copies`);

// %% [markdown]
// ## What to take away
//
// - A fresh dataset is checked for keys, schemas, the manifest and each tier's rules; the counts are
//   in the first report above.
// - A 5 % change to one sales line's cost is caught by the price book and by the basket total, even
//   when the line itself was made to add up.
// - Removing a referenced row is caught in every table that references it.
// - Run the same checks on your own copy after any transformation: `deno task validate <dir>`.
