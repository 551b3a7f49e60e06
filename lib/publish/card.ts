/**
 * The dataset card (`README.md`) published with a dataset: YAML front matter
 * the Hub reads (license, tags, size category, one `configs` entry per table)
 * and prose generated from the schema registry and the manifest. Pure: the
 * same inputs give the same bytes, so a rerun finds the card unchanged.
 *
 * @module
 */

import { stringify } from "yaml";
import type { Manifest } from "../engine/manifest.ts";
import type { TableDef, Tier } from "../schema/types.ts";
import { tiers } from "../tiers/mod.ts";
import { formatBytes } from "./hub_limits.ts";
import { profileDataset, profileMarkdown } from "../profile/mod.ts";
import { PHYSICAL_TYPES } from "./schema_json.ts";

/** The Hub's `size_categories` buckets, smallest first, with their upper bounds. */
export const SIZE_CATEGORIES: readonly { label: string; below: number }[] = [
  { label: "n<1K", below: 1e3 },
  { label: "1K<n<10K", below: 1e4 },
  { label: "10K<n<100K", below: 1e5 },
  { label: "100K<n<1M", below: 1e6 },
  { label: "1M<n<10M", below: 1e7 },
  { label: "10M<n<100M", below: 1e8 },
  { label: "100M<n<1B", below: 1e9 },
  { label: "1B<n<10B", below: 1e10 },
  { label: "10B<n<100B", below: 1e11 },
  { label: "100B<n<1T", below: 1e12 },
  { label: "n>1T", below: Infinity },
];

/** The Hub's size category for a dataset of `rows` rows in total. */
export function sizeCategory(rows: number): string {
  return SIZE_CATEGORIES.find((c) => rows < c.below)!.label;
}

/** Options of the card. */
export interface CardOptions {
  /** Repository id (`owner/name`), used in the loading examples. */
  repo?: string;
  /** Overrides the pretty name. */
  prettyName?: string;
  /** The dataset folder: when given, the card includes its profile (`deno task profile`). */
  dir?: string;
  /** Web address of partsflow's source code, linked from the card (`publish --source URL`). */
  source?: string;
}

/** The table the card's loading examples read: the main sales table when present. */
export const MAIN_TABLE = "retail_transaction_lines";

/** One `configs` entry of the front matter. */
export interface CardConfig {
  /** Config (subset) name: the table name. */
  config_name: string;
  /** Its files: one `train` split globbing `data/<table>/*.<ext>`. */
  data_files: { split: string; path: string }[];
}

/** The YAML front matter of the card, as an object. */
export interface CardMetadata {
  /** License id (`cc-by-4.0`). */
  license: string;
  /** Display name on the Hub. */
  pretty_name: string;
  /** Languages of the text columns (`en`). */
  language: string[];
  /** Free tags. */
  tags: string[];
  /** Hub task categories. */
  task_categories: string[];
  /** Hub task ids (subtasks). */
  task_ids: string[];
  /** One Hub size bucket for the total rows. */
  size_categories: string[];
  /** Who made the annotations (`machine-generated`). */
  annotations_creators: string[];
  /** Who wrote the text (`machine-generated`). */
  language_creators: string[];
  /** Where the data comes from (`original`). */
  source_datasets: string[];
  /** One config per table. */
  configs: CardConfig[];
}

/** Titles of the tiers, in the order of the list of tiers. */
function tierTitles(): Map<Tier, string> {
  return new Map(tiers().map((t) => [t.name, t.title]));
}

/** Total rows of the tables in the card. */
function totalRows(manifest: Manifest, tables: readonly TableDef[]): number {
  return tables.reduce((s, t) => s + (manifest.tables[t.name]?.rows ?? 0), 0);
}

/** File extension of a table's data files (from the manifest; `parquet` by default). */
function tableExtension(manifest: Manifest, table: string): string {
  const f = manifest.files.find((x) => x.table === table);
  const m = f?.path.match(/\.([A-Za-z0-9]+)$/);
  return m ? m[1] : "parquet";
}

/** Tables that have at least one data file in the manifest (only those get a config). */
function tablesWithFiles(manifest: Manifest, tables: readonly TableDef[]): TableDef[] {
  const has = new Set(manifest.files.map((f) => f.table));
  return tables.filter((t) => has.has(t.name));
}

/** The `configs` entries: one per table, its files under `data/<table>/`. */
export function cardConfigs(manifest: Manifest, tables: readonly TableDef[]): CardConfig[] {
  return tablesWithFiles(manifest, tables).map((t) => ({
    config_name: t.name,
    data_files: [{
      split: "train",
      path: `data/${t.name}/*.${tableExtension(manifest, t.name)}`,
    }],
  }));
}

/** The front matter of the card as an object. */
export function cardMetadata(
  manifest: Manifest,
  tables: readonly TableDef[],
  opts: CardOptions = {},
): CardMetadata {
  return {
    license: "cc-by-4.0",
    pretty_name: opts.prettyName ??
      `partsflow: synthetic auto-parts supply chain (SF ${manifest.scale}, seed ${manifest.seed})`,
    language: ["en"],
    tags: [
      "synthetic",
      "supply-chain",
      "retail",
      "automotive",
      "auto-parts",
      "tabular",
      "time-series",
      "sales",
      "inventory",
      "manufacturing",
      "distribution",
      "forecasting",
      "parquet",
    ],
    task_categories: ["tabular-regression", "tabular-classification", "time-series-forecasting"],
    task_ids: ["multivariate-time-series-forecasting", "tabular-single-column-regression"],
    size_categories: [sizeCategory(totalRows(manifest, tables))],
    annotations_creators: ["machine-generated"],
    language_creators: ["machine-generated"],
    source_datasets: ["original"],
    configs: cardConfigs(manifest, tables),
  };
}

/** Escapes text for a Markdown table cell. */
function cell(s: string): string {
  return s.replaceAll("\\", "\\\\").replaceAll("|", "\\|").replaceAll("\n", " ");
}

function code(s: string): string {
  return "`" + s + "`";
}

function int(n: number): string {
  return n.toLocaleString("en-US");
}

/** A Mermaid identifier: letters, digits, underscores. */
function mermaidId(s: string): string {
  return s.replace(/[^A-Za-z0-9_]/g, "_");
}

/**
 * A Mermaid `erDiagram` of the tables' foreign keys (only between tables
 * present), with each table's key columns as attributes.
 */
export function erDiagram(tables: readonly TableDef[]): string {
  const present = new Set(tables.map((t) => t.name));
  const lines = ["erDiagram"];
  for (const t of tables) {
    for (const fk of t.foreignKeys ?? []) {
      if (!present.has(fk.table)) continue;
      lines.push(
        `  ${mermaidId(fk.table)} ||--o{ ${mermaidId(t.name)} : "${fk.columns.join(", ")}"`,
      );
    }
  }
  for (const t of tables) {
    const fkCols = new Set(
      (t.foreignKeys ?? []).filter((fk) => present.has(fk.table)).flatMap((fk) => fk.columns),
    );
    const keyCols = t.columns.filter((c) => t.primaryKey.includes(c.name) || fkCols.has(c.name));
    lines.push(`  ${mermaidId(t.name)} {`);
    for (const c of keyCols) {
      const marks = [t.primaryKey.includes(c.name) ? "PK" : "", fkCols.has(c.name) ? "FK" : ""]
        .filter(Boolean).join(", ");
      lines.push(`    ${c.type} ${mermaidId(c.name)}${marks ? " " + marks : ""}`);
    }
    lines.push("  }");
  }
  return lines.join("\n");
}

/** Known ground-truth keys and what they hold (others are described generically). */
const GROUND_TRUTH_HINTS: Record<string, string> = {
  seasonality: "yearly and weekly seasonal amplitudes per category and channel",
  elasticities: "price elasticities of demand per category",
  elasticity: "price elasticities of demand",
  promotions: "promotion lifts per promotion or mechanic",
  promotion_lift: "promotion lifts",
  trend: "demand trend per year",
  outages: "plant outages (site, period, capacity lost)",
  plant_outage: "the injected plant outage (site, period, capacity lost)",
  base_oil_shock: "the base-oil price shock (date, size, lag into costs)",
  cost_shocks: "upstream cost shocks and their lags",
  faults: "injected data-quality faults (table, column, rows)",
  data_quality: "injected data-quality faults",
  holidays: "holiday effects on demand",
};

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return `a list of ${v.length} item${v.length === 1 ? "" : "s"}`;
  if (v && typeof v === "object") {
    const keys = Object.keys(v);
    const shown = keys.slice(0, 6).map(code).join(", ");
    return `${keys.length} entr${keys.length === 1 ? "y" : "ies"}` +
      (keys.length ? ` (${shown}${keys.length > 6 ? ", …" : ""})` : "");
  }
  if (typeof v === "string") return `"${v.length > 60 ? v.slice(0, 57) + "…" : v}"`;
  return String(v);
}

/** The ground-truth section body: one bullet per top-level key. */
export function groundTruthSummary(groundTruth: unknown): string {
  if (!groundTruth || typeof groundTruth !== "object" || Array.isArray(groundTruth)) {
    return "`ground_truth.json` is present but is not a JSON object.";
  }
  const entries = Object.entries(groundTruth as Record<string, unknown>);
  if (!entries.length) return "`ground_truth.json` is present and empty (no effects injected).";
  return entries.map(([k, v]) => {
    const hint = GROUND_TRUTH_HINTS[k];
    return `- ${code(k)}${hint ? ` — ${hint}` : ""}: ${describeValue(v)}.`;
  }).join("\n");
}

/** Renders the whole card: YAML front matter and Markdown prose. */
export function renderCard(
  manifest: Manifest,
  tables: readonly TableDef[],
  groundTruth?: unknown,
  opts: CardOptions = {},
): string {
  const meta = cardMetadata(manifest, tables, opts);
  const yaml = stringify(meta, { lineWidth: 0 });
  const rows = totalRows(manifest, tables);
  const bytes = manifest.files.reduce((s, f) => s + f.bytes, 0);
  const o = (manifest.options ?? {}) as Partial<Manifest["options"]>;
  const countries = o.world?.countries ?? [];
  const repo = opts.repo ?? "<owner>/<name>";
  const withFiles = tablesWithFiles(manifest, tables);
  const example = withFiles.find((t) => t.name === MAIN_TABLE)?.name ??
    withFiles[withFiles.length - 1]?.name ?? tables[0]?.name ?? "<table>";
  const titles = tierTitles();
  const tiersPresent = [...titles.keys()].filter((tier) => tables.some((t) => t.tier === tier));
  const has = (tier: Tier) => tiersPresent.includes(tier);
  const upstream = has("manufacturing") || has("distribution");
  const source = opts.source
    ? `[${opts.source}](${opts.source})`
    : `partsflow ${manifest.version} (its repository address was not given at publishing: ` +
      "`publish --source URL` links it here)";

  const out: string[] = [];
  out.push("---", yaml.trimEnd(), "---", "");
  out.push(`# ${meta.pretty_name}`, "");
  out.push(
    "> **Everything in this dataset is synthetic.** All companies, people, stores, sites, " +
      "customers, vehicles owned, prices, costs and other figures were generated by a program " +
      "(partsflow). None of them describes a real business or person; any resemblance is " +
      "coincidental. Well-known third-party brands, where they appear, are only competitor " +
      "offerings with invented but plausible prices.",
    "",
  );
  out.push(
    "partsflow generates a large, internally consistent, analytics-ready dataset of an auto-parts " +
      "supply chain. Every figure is derived from a single " +
      "source, so totals add up across tables, and every injected effect is documented in " +
      "`ground_truth.json` so models can be checked against the truth.",
    "",
  );
  out.push(
    `This copy: scale factor **${manifest.scale}**, seed **${manifest.seed}**` +
      (o.start && o.end ? `, period **${o.start} – ${o.end}**` : "") +
      (countries.length ? `, countries **${countries.join(", ")}**` : "") +
      (o.world?.reportingCurrency ? `, reporting currency **${o.world.reportingCurrency}**` : "") +
      `; **${int(rows)} rows** in **${tables.length} tables** (${
        formatBytes(bytes)
      } in ${manifest.files.length} files), generated by partsflow ${manifest.version}.`,
    "",
  );

  out.push("## The world", "");
  out.push("```", "Manufacture ──> Distribution ──> Retail ──> Customer", "```", "");
  out.push(
    "partsflow models four fictional companies: a lubricant maker that blends motor oils, ATF, " +
      "gear oil, grease and coolant; a filter maker (oil, air, cabin, fuel and transmission " +
      "filters); a parts distributor with a distribution centre in each geo segment; and a " +
      "retailer with stores and an online shop per country, selling its own brand (made by the " +
      "two makers) beside well-known brands.",
    "",
  );
  const summaries = new Map(tiers().map((t) => [t.name, t]));
  const held = tiersPresent.map((tier) => {
    const t = summaries.get(tier)!;
    return `- **${t.title}**: ${t.summary}`;
  });
  out.push("What this copy holds:", "", ...held, "");
  const missing = [
    ...(has("distribution")
      ? []
      : ["the distributor's own documents (B2B orders, shipments, invoices, its stock)"]),
    ...(has("manufacturing")
      ? []
      : ["the makers' production (blending, packaging, work orders, plant stock)"]),
  ];
  if (missing.length) {
    out.push(
      `Not generated yet: ${missing.join("; ")}. No table of this copy holds them.`,
      "",
    );
  }
  out.push("## Tables", "");
  out.push(
    "Each table is its own config (subset) on the Hub, with one `train` split; its files are " +
      `\`data/<table>/part-NNNNN.${tableExtension(manifest, example)}\`.`,
    "",
  );
  out.push("| table | tier | rows | files | description |", "|---|---|---:|---:|---|");
  for (const t of tables) {
    const m = manifest.tables[t.name] ?? { rows: 0, files: 0 };
    out.push(
      `| ${code(t.name)} | ${t.tier} | ${int(m.rows)} | ${m.files} | ${cell(t.description)} |`,
    );
  }
  out.push("");

  const hasFks = tables.some((t) =>
    (t.foreignKeys ?? []).some((fk) => tables.some((x) => x.name === fk.table))
  );
  out.push("## Relationships", "");
  out.push(
    hasFks
      ? "Foreign keys between the tables (parent `||--o{` child; keys only):"
      : "The tables in this copy have no foreign keys between them; their keys:",
    "",
  );
  out.push("```mermaid", erDiagram(tables), "```", "");

  out.push("## Columns", "");
  out.push(
    "Money is always an integer number of minor currency units (cents) in the local currency of " +
      "the row's geo segment, unless the column says otherwise. Dates are calendar days.",
    "",
  );
  for (const tier of tiersPresent) {
    out.push(`### ${titles.get(tier)}`, "");
    for (const t of tables.filter((x) => x.tier === tier)) {
      out.push(`#### ${code(t.name)}`, "");
      out.push(t.description, "");
      const facts = [
        `Primary key: ${t.primaryKey.map(code).join(", ")}.`,
        ...(t.foreignKeys ?? []).map((fk) =>
          `${fk.columns.map(code).join(", ")} → ${code(fk.table)}.${
            fk.references.map(code).join(", ")
          }.`
        ),
        `Rows: ${t.scaleRule}.`,
      ];
      out.push(facts.map((f) => `- ${f}`).join("\n"), "");
      out.push("| column | type | nullable | unit | description |", "|---|---|---|---|---|");
      for (const c of t.columns) {
        out.push(
          `| ${code(c.name)} | ${c.type} (${PHYSICAL_TYPES[c.type].split(" ")[0]}) | ${
            c.nullable ? "yes" : "no"
          } | ${cell(c.unit ?? "")} | ${cell(c.description)} |`,
        );
      }
      out.push("");
    }
  }

  out.push("## Loading", "");
  out.push(
    "```python",
    "from datasets import load_dataset",
    `ds = load_dataset("${repo}", "${example}", split="train")`,
    "```",
    "",
    "```sql",
    "-- DuckDB",
    `SELECT * FROM 'hf://datasets/${repo}/data/${example}/*.${
      tableExtension(manifest, example)
    }' LIMIT 10;`,
    "```",
    "",
    "`schema.json` holds every table's columns, types, units, keys and descriptions in JSON; " +
      "`manifest.json` lists every file with its row count and SHA-256.",
    "",
  );

  out.push("## How it was generated", "");
  out.push(
    `- Tool: partsflow ${manifest.version} (Deno, TypeScript).`,
    `- Seed: ${manifest.seed}; scale factor: ${manifest.scale} (SF 1 ≈ 10 million retail sales lines over the default period; stores and customers grow with SF, the catalog does not).`,
    ...(o.start && o.end ? [`- Period: ${o.start} to ${o.end}.`] : []),
    ...(o.format ? [`- Format: ${o.format}.`] : []),
    "- Randomness is counter-based: every value is a pure function of (seed, table, column, row), " +
      "so the same seed and version give byte-identical files, whatever the number of workers or shards.",
    "",
    "Reproduce it with:",
    "",
    "```bash",
    manifest.command,
    "```",
    "",
  );

  out.push("## Consistency rules", "");
  out.push(
    "The data is consistent by construction, and partsflow's validators check it on any copy:",
    "",
    "- **One price book.** The price book (SKU × geo segment × validity period: standard cost, " +
      "transfer price, wholesale, retail list) is the only source of prices; every transaction " +
      "line reads its cost and price from it, so margin = price − cost holds to the cent.",
    "- **Integer cents.** Money is integer minor units; document totals are exact sums of their lines.",
    ...(upstream
      ? [
        "- **Documents written from both sides.** A B2B document exists once and is written by " +
        "both parties (same quantities, prices and dates; each side its own ids).",
      ]
      : []),
    ...(has("retail")
      ? [
        "- **Stock is conserved.** Per store or online shop × SKU × week: opening + receipts − sales + returns = " +
        "closing, never negative; receipts are the replenishment orders' lines.",
        "- **Causal dates.** Nothing is sold before a store opens or a product launches; a " +
        "return comes after its sale.",
      ]
      : []),
    "",
  );

  if (opts.dir) {
    // The profile: what the data shows beside public ranges and the ground truth.
    const p = profileDataset(opts.dir);
    if (p.sections.length) out.push(profileMarkdown(p).trimEnd(), "");
  }

  out.push("## Ground truth", "");
  if (groundTruth !== undefined) {
    out.push(
      "`ground_truth.json` records every effect injected into the data, so you can check whether " +
        "a model recovers it. Its top-level entries:",
      "",
      groundTruthSummary(groundTruth),
      "",
    );
  } else {
    out.push(
      "This copy has no `ground_truth.json` (it was not written for this run or not published).",
      "",
    );
  }

  out.push("## Limitations", "");
  out.push(
    "- Synthetic data: distributions are tuned to public figures (gross margin and inventory " +
      "turns by tier, basket sizes, seasonality, long-tail SKU sales) but are models, not " +
      "observations; do not draw conclusions about real markets, companies or people from it.",
    "- The effects present are those partsflow injects (see the ground truth); real-world " +
      "phenomena it does not model are absent.",
    "- Names, addresses and vehicles are generated from pools; some combinations may look odd.",
    "- Third-party brand prices are invented and do not reflect any real price list.",
    "- Rows and files depend on the scale factor, period and options above; another copy " +
      "generated with other options differs.",
    "",
  );

  out.push("## Source", "");
  out.push(
    `Generated by partsflow ${manifest.version} (Deno, TypeScript), source code: ${source}. ` +
      "The command under *How it was generated* regenerates this copy byte for byte.",
    "",
  );

  out.push("## Citation", "");
  out.push(
    "```bibtex",
    `@misc{partsflow_${repo.replace(/[^A-Za-z0-9]+/g, "_")},`,
    `  title        = {${meta.pretty_name}},`,
    "  author       = {{partsflow contributors}},",
    `  howpublished = {\\url{https://huggingface.co/datasets/${repo}}},`,
    `  note         = {Synthetic data generated by partsflow ${manifest.version}, seed ${manifest.seed}, scale factor ${manifest.scale}${
      opts.source ? `; source code: \\url{${opts.source}}` : ""
    }}`,
    "}",
    "```",
    "",
  );

  out.push("## License", "");
  out.push(
    "The data is released under [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/). " +
      "All companies, people and figures in it are fictional.",
    "",
  );
  return out.join("\n");
}
