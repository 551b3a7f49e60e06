// %% [markdown]
// # 07 · Profile: what the data shows against public figures and the ground truth
//
// `deno task profile DIR` computes, from the Parquet files alone, the figures an analyst checks
// first — gross margin, inventory turns, fill rate, weekday and seasonal rhythm, holiday effects,
// promotion lift by mechanic, price elasticity by kind — and sets each beside the public range the
// generator aims for (with its source) or beside the value `ground_truth.json` states. This notebook
// runs the same profile, shows its tables, and plots measured against injected effects.

// %% [markdown]
// ## Parameters
//
// Change them here, or set `PARTSFLOW_SCALE`, `PARTSFLOW_SEED`, `PARTSFLOW_START`, `PARTSFLOW_END`,
// `PARTSFLOW_OUT`. The effects are estimated from the data, so a larger scale gives tighter
// estimates; every figure is meant to agree across scales.

// %%
import { describeParams, display, notebookParams } from "../../lib/notebook/mod.ts";

const params = notebookParams({
  scale: 0.1, // SF: 1 ≈ 10 million retail sales lines
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
// ## The profile
//
// One table per section. "target / truth" is either a public range (its source is listed under the
// table in the terminal and in the dataset card) or the injected value; "error / verdict" is the
// relative error against the truth or whether the figure is in range.

// %%
import pl from "nodejs-polars";
import { md, table } from "../../lib/notebook/mod.ts";
import { profileOf } from "../../lib/profile/mod.ts";

const profile = profileOf(ds);
const frames = profile.sections.map((s) =>
  pl.DataFrame({
    figure: s.figures.map((f) => f.metric),
    measured: s.figures.map((f) => f.value ?? NaN),
    unit: s.figures.map((f) => f.unit),
    target_or_truth: s.figures.map((f) =>
      f.truth !== undefined
        ? `truth ${f.truth}`
        : f.target
        ? `${f.target.low}–${f.target.high}`
        : ""
    ),
    error_pct: s.figures.map((f) => (f.error === undefined ? NaN : 100 * f.error)),
    in_range: s.figures.map((f) => (f.inRange === undefined ? "" : f.inRange ? "yes" : "NO")),
  })
);
const all = profile.sections.flatMap((s) => s.figures);
const judged = all.filter((f) => f.error !== undefined);
const within = judged.filter((f) => Math.abs(f.error!) <= 0.1).length;
const ranged = all.filter((f) => f.inRange !== undefined);
await display(
  md(
    `**${within} of ${judged.length}** ground-truth effects are recovered within ±10 %; **${
      ranged.filter((f) => f.inRange).length
    } of ${ranged.length}** benchmarked figures are inside their public range.`,
  ),
  ...profile.sections.map((s, i) => table(frames[i], { caption: s.title, rows: 80 })),
);

// %% [markdown]
// ## A Polars query: where the shelves run empty
//
// Lost sales are demand a shopper brought but the shelf could not serve. Real stores run out most
// on slow movers and during promotions; here, per velocity band of SKU × site (weekly demand), the
// share of demand lost, straight from `store_inventory`.

// %%
const bands = ds.scan("store_inventory")
  .groupBy(["site_id", "sku_id"]).agg(
    pl.col("sales_qty").sum().alias("sold"),
    pl.col("lost_sales_qty").sum().alias("lost"),
    pl.len().alias("weeks"),
  )
  .withColumns(pl.col("sold").add(pl.col("lost")).div(pl.col("weeks")).alias("per_week"))
  .withColumns(
    pl.when(pl.col("per_week").lt(0.5)).then(pl.lit("1 · under 0.5 a week"))
      .when(pl.col("per_week").lt(2)).then(pl.lit("2 · 0.5–2 a week"))
      .when(pl.col("per_week").lt(8)).then(pl.lit("3 · 2–8 a week"))
      .otherwise(pl.lit("4 · 8 or more a week")).alias("velocity"),
  )
  .groupBy("velocity").agg(
    pl.len().alias("sku_sites"),
    pl.col("lost").sum().cast(pl.Float64).div(pl.col("sold").add(pl.col("lost")).sum())
      .mul(100).alias("lost_pct"),
  ).sort("velocity").collectSync();
const lostPct = bands.getColumn("lost_pct").toArray() as number[];
await display(table(bands, {
  caption: `Share of demand lost by velocity band: from ${lostPct[0].toFixed(1)} % (slowest) to ${
    lostPct[lostPct.length - 1].toFixed(1)
  } % (fastest)`,
}));

// %% [markdown]
// ## Measured against injected effects
//
// Each dot is one effect the ground truth states (the ratios; the seasonal peak day is in the
// table): its injected value across, what the data gives up. Dots on the diagonal are recovered
// exactly; the band is ±10 %.

// %%
import * as Plot from "@observablehq/plot";
import { figure, render, toArrow } from "../../lib/plot/mod.ts";

// Ratios only: the seasonal peak (a day of the year, 0–365) would squash every other dot.
const ratios = judged.filter((f) => f.unit === "ratio");
const points = ratios.map((f) => ({
  truth: f.truth!,
  measured: f.value!,
  group: f.metric.split(",")[0],
}));
const lo = Math.min(...points.flatMap((p) => [p.truth, p.measured])) * 1.1;
const hi = Math.max(...points.flatMap((p) => [p.truth, p.measured])) * 1.1;
const worst = ratios.reduce((a, f) => (Math.abs(f.error!) > Math.abs(a.error!) ? f : a));
await display(figure(
  render({
    width: 640,
    height: 520,
    x: { label: "Injected (ground_truth.json)", domain: [Math.min(lo, -3.5), hi] },
    y: { label: "Measured from the data", domain: [Math.min(lo, -3.5), hi] },
    color: { type: "categorical" },
    marks: [
      Plot.areaY([Math.min(lo, -3.5), 0, hi], {
        x: (d: number) => d,
        y1: (d: number) => d - 0.1 * Math.abs(d),
        y2: (d: number) => d + 0.1 * Math.abs(d),
        fill: "#ddd",
      }),
      Plot.line([[Math.min(lo, -3.5), Math.min(lo, -3.5)], [hi, hi]], { stroke: "#888" }),
      Plot.dot(points, { x: "truth", y: "measured", fill: "group", r: 4 }),
    ],
  }),
  {
    title: "Every injected effect, measured against its truth",
    subtitle: `${
      ratios.filter((f) => Math.abs(f.error!) <= 0.1).length
    } of ${ratios.length} ratio effects lie in the ±10 % band; the farthest is ${
      worst.metric
    } (${(100 * worst.error!).toFixed(1)} %).`,
    caption: "Weekday and holiday indices, seasonal amplitude, promotion lifts and elasticities.",
    legend: "Effect",
  },
));

// %% [markdown]
// ## Promotion lift and price elasticity
//
// Lift by mechanic (trade accounts' weekly units in the window over the SKU's clean weeks before:
// trade shoppers choose among a whole kind, where the injected rule holds exactly) and elasticity by
// kind (a Poisson regression of monthly demand on log list price with SKU × segment and segment ×
// month fixed effects), each measured beside injected. At this small scale an elasticity of a slow
// kind has a standard error of a few tenths (the profile table gives it); from scale 1 every one is
// within 10 % of its injected value.

// %%
const intervals = judged.filter((f) => f.standardError !== undefined).map((f) => ({
  effect: f.metric.replace("price elasticity, ", "ε · "),
  low: f.value! - 2 * f.standardError!,
  high: f.value! + 2 * f.standardError!,
  truth: f.truth!,
}));
const effects = judged.filter((f) => /promotion lift|price elasticity/.test(f.metric)).map((f) => ({
  effect: f.metric.replace("promotion lift, ", "lift · ").replace("price elasticity, ", "ε · "),
  source: "measured",
  value: f.value!,
})).concat(
  judged.filter((f) => /promotion lift|price elasticity/.test(f.metric)).map((f) => ({
    effect: f.metric.replace("promotion lift, ", "lift · ").replace("price elasticity, ", "ε · "),
    source: "injected",
    value: f.truth!,
  })),
);
await display(figure(
  render({
    width: 640,
    height: 420,
    marginLeft: 150,
    x: { label: "Value" },
    y: { label: null },
    color: { type: "categorical", domain: ["injected", "measured"], range: ["#999", "#1f77b4"] },
    marks: [
      Plot.ruleX([0]),
      Plot.ruleY(toArrow(pl.DataFrame(intervals)), {
        y: "effect",
        x1: "low",
        x2: "high",
        stroke: "#1f77b4",
        strokeWidth: 2,
      }),
      Plot.dot(toArrow(pl.DataFrame(effects)), { x: "value", y: "effect", fill: "source", r: 5 }),
    ],
  }),
  {
    title: "Promotion lift by mechanic and elasticity by kind",
    subtitle: `Grey: what the generator injected; blue: what the data shows, elasticities with ±2 standard errors. ${
      intervals.filter((i) => i.truth >= i.low && i.truth <= i.high).length
    } of ${intervals.length} intervals hold the injected value.`,
    caption: "Source: store_inventory, promotions, promotion_products, price_book.",
    legend: "Source",
  },
));
