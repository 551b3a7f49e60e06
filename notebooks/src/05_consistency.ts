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
// Two independent checks catch it. The line's cost no longer equals the price book's wholesale price
// for that SKU, segment and day (the retailer's cost *is* the distributor's price), and the basket's
// cost total is no longer the sum of its lines. Each failure comes with the count of violating rows
// and an example.

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
// ## What you saw
//
// - A fresh dataset passes every check: keys, schemas, the manifest and each tier's rules.
// - A single changed cent in one line of a hundred thousand is caught twice — by the price book and
//   by the basket total — even when the line itself was made to add up.
// - Removing a referenced row is caught in every table that references it.
// - Run the same checks on your own copy after any transformation: `deno task validate <dir>`.
