// %% [markdown]
// # 06 · Publish: the dataset on the Hugging Face Hub
//
// A dataset on your disk helps you; a dataset on the Hub helps everyone who wants the same shared
// example — colleagues at other companies, students, a model's evaluation — without anyone running
// the generator. `publish()` (and `deno task publish`) turns a dataset folder into a **dataset
// repository** that the Hub's viewer, `datasets.load_dataset` and DuckDB read directly.
//
// What gets published, file for file:
//
// ```
// README.md                         the dataset card: YAML the Hub reads (license, tags, size,
//                                   one config per table) and prose from the schema registry
// data/<table>/part-NNNNN.parquet   the generated files, unchanged
// manifest.json                     options, partsflow version, every file with rows and SHA-256
// ground_truth.json                 every effect the generator injected
// schema.json                       every table's columns, types, units, keys and descriptions
// ```
//
// In this notebook you will do a **dry run** — the exact layout written to a local folder, no
// account needed — read the card it renders, and then **publish** it. The upload needs an access
// token, and the token comes only from the `HF_TOKEN` environment variable: it is never a
// parameter, never typed into a cell and never printed. Without it the publish cell says so and
// uploads nothing — which is how the committed copy of this notebook was run.

// %% [markdown]
// ## Parameters
//
// The usual ones (`PARTSFLOW_SCALE`, `PARTSFLOW_SEED`, `PARTSFLOW_START`, `PARTSFLOW_END`,
// `PARTSFLOW_OUT` override them), plus the target **repo** — replace `your-name` with your Hub
// user or organisation, or set `PARTSFLOW_REPO` — and the folder the dry run writes to.

// %%
import { display } from "../../lib/notebook/mod.ts";
import { describePublishParams, publishParams } from "../../lib/notebook/publish.ts";

const params = publishParams({
  scale: 0.01, // SF: 1 ≈ 10 million retail sales lines
  seed: 42,
  start: "2023-01-01",
  end: "2025-12-31",
  out: "auto", // ../data/sf<scale>-seed<seed>, relative to this notebook
  repo: "your-name/partsflow-sf0.01", // the dataset repo on the Hub, owner/name
  dryRun: "auto", // the dataset folder + "-hub": where the dry run writes the layout
  overwrite: true, // update the repo if it already holds files (unchanged files are skipped)
  private: false, // create the repo private
});
await display(describePublishParams(params));

// %% [markdown]
// ## The dataset
//
// Generated on first use (a few seconds at SF 0.01), reused afterwards.

// %%
import { ensureDataset } from "../../lib/notebook/mod.ts";

const { summary } = await ensureDataset(params);
await display(summary);

// %% [markdown]
// ## Dry run: the exact layout, written locally
//
// A dry run builds everything an upload would send and writes it to a folder instead. Nothing
// leaves the machine and no token is needed, so it is the way to check a dataset before it goes
// public — and what CI does. The files are listed in upload order: data first, then the JSON
// files, the card last, so that on the Hub the card never points at data that is not there yet.

// %%
import { table } from "../../lib/notebook/mod.ts";
import { dryRunLayout } from "../../lib/notebook/publish.ts";

const dry = await dryRunLayout(params);
await display(dry.summary, table(dry.files, { rows: 60 }));

// %% [markdown]
// ## Read it back as a Hub user would
//
// The layout's `data/<table>/*.parquet` are the files users will load. A query written out in
// full, to copy and change: Polars reads the main sales table straight from the dry-run folder and
// finds the ten SKUs that sold the most units; Observable Plot draws them, the frame crossing to
// Plot as an Apache Arrow table.

// %%
import pl from "nodejs-polars";
import * as Plot from "@observablehq/plot";
import { figure, render, toArrow } from "../../lib/plot/mod.ts";

const published = `${params.dryRun}/data`;
const topSkus = pl.scanParquet(`${published}/retail_transaction_lines/*.parquet`)
  .groupBy("sku_id")
  .agg(pl.col("qty").sum().alias("units"))
  .join(pl.scanParquet(`${published}/products/*.parquet`).select("sku_id", "sku", "product_name"), { on: "sku_id" })
  .sort("units", true)
  .limit(10)
  .collectSync();
const allUnits = Number(
  pl.scanParquet(`${published}/retail_transaction_lines/*.parquet`).select(pl.col("qty").sum()).collectSync()
    .getColumn("qty").get(0),
);
await display(figure(
  render({
    width: 880,
    marginLeft: 340,
    x: { label: "Units sold", grid: true },
    y: { label: null, domain: topSkus.getColumn("product_name").toArray() as string[] },
    marks: [Plot.barX(toArrow(topSkus), { x: "units", y: "product_name", fill: "#4e79a7" }), Plot.ruleX([0])],
  }),
  {
    title: "The ten SKUs that sold the most units, read from the layout",
    subtitle: `Together ${(100 * topSkus.getColumn("units").sum() / allUnits).toFixed(1)} % of the ${
      allUnits.toLocaleString("en-US")
    } units in retail_transaction_lines; the best seller is ${topSkus.getColumn("sku").get(0)}.`,
    caption: "Source: data/retail_transaction_lines and data/products of the dry-run layout.",
  },
));

// %% [markdown]
// ## The card's configs: one per table
//
// The Hub's viewer shows one **config** (subset) per entry of the card's `configs`; each table is
// its own config with one `train` split globbing its Parquet files. Above the configs the front
// matter carries the license, the tags and the size category the Hub files the dataset under.

// %%
import { text } from "../../lib/notebook/mod.ts";
import { cardYamlHead } from "../../lib/notebook/publish.ts";

await display(
  text(cardYamlHead(dry.card)),
  table(dry.configs, { rows: 60, caption: `configs: ${dry.configs.height} tables` }),
);

// %% [markdown]
// ## The card, rendered
//
// The card opens with what this copy is — synthetic, at which scale and seed, how many rows — and
// goes on with the world, every table and column from the schema registry, a diagram of the keys,
// how to load it, how to reproduce it byte for byte, the consistency rules and the ground truth.
// Its opening:

// %%
import { md } from "../../lib/notebook/mod.ts";
import { cardExcerpt } from "../../lib/notebook/publish.ts";

await display(md(cardExcerpt(dry.card)), `… and ${dry.card.split("\n").length} lines in all`);

// %% [markdown]
// ## Hub limits
//
// The Hub recommends files below 20 GB, fewer than 10,000 entries per folder and 100,000 files per
// repo, and its viewer reads Parquet row groups up to about 300 MB. The layout is checked against
// these before anything is uploaded; a warning does not stop publishing, but says what to change
// (usually: generate smaller chunks or row groups).

// %%
import { describeWarnings } from "../../lib/notebook/publish.ts";

await display(describeWarnings(dry.warnings));

// %% [markdown]
// ## Publish
//
// With `HF_TOKEN` set, this cell creates the dataset repo when it is absent and uploads the layout
// through the official `@huggingface/hub` client — Parquet through LFS, many files in several
// commits, transient errors retried — printing one line per step. `HF_ENDPOINT` points it at
// another Hub (CI uses a loopback one); the default is https://huggingface.co.
//
// Without `HF_TOKEN` it prints how to set one and stops: the dry run above is what would have been
// sent.

// %%
import { publishToHub } from "../../lib/notebook/publish.ts";

const upload = await publishToHub(params);
await display(upload.message);

// %% [markdown]
// ## Run it again: nothing new goes up
//
// Publishing compares every file with what the repo already holds — the SHA-256 of LFS files, the
// Git blob hash of the others — and skips those with the same content. The same seed and options
// give the same bytes, card included, so a second run uploads nothing and makes no commit. Only a
// changed dataset (another seed, scale or partsflow version) sends its changed files.

// %%
const again = upload.skipped
  ? await publishToHub(params, params.out, { skipLead: "HF_TOKEN is not set, so there is nothing to run again" })
  : await publishToHub(params, params.out, { overwrite: true });
await display(again.message);

// %% [markdown]
// ## What to take away
//
// - A dry run writes the exact layout — card, data, manifest, ground truth, schema — with no account.
// - The card gives the Hub one config per table, so every table can be browsed and loaded by name.
// - The token comes only from `HF_TOKEN`, and nothing it prints holds it.
// - Publishing again uploads nothing: files are compared by content, and the data is deterministic.
//
// From the command line: `deno task publish <dataset folder> --repo <owner>/<name>` (add
// `--dry-run <folder>` to write the layout only).
