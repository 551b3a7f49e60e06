// %% [markdown]
// # 09 · Manufacturing: the two makers at the top of the chain
//
// Corvane Lubricants blends base oils with additive packages in batches, tests every batch against
// its grade and packs it into bottles, jugs and drums (process manufacturing). Keldmark Filtration
// builds oil, air, cabin and fuel filters on production lines from a bill of materials (discrete
// manufacturing). Both buy their materials at prices that follow the raw-material indices, keep
// stock at their plants, and sell to Brightaxle — whose purchase orders are their sales orders,
// line for line — and to outside distributors, fleets and industrial users.
//
// In this notebook you will see what a motor oil is made of, how batches test against the SAE J300
// band of their grade, what a litre costs against its standard as the April 2024 base-oil shock
// arrives, which variances a cost accountant reports, how full the filter lines run and how much
// they scrap, and how long the shock takes to travel from the index to the shelf.

// %% [markdown]
// ## Parameters
//
// Change them here, or set `PARTSFLOW_SCALE`, `PARTSFLOW_SEED`, `PARTSFLOW_START`, `PARTSFLOW_END`,
// `PARTSFLOW_OUT`. The makers' volumes grow with the scale factor; their plants, recipes and bills
// of materials do not. This notebook starts at SF 0.1 (about 20 seconds to generate).

// %%
import { describeParams, display, notebookParams } from "../../lib/notebook/mod.ts";

const params = notebookParams({
  scale: 0.1, // SF: 1 ≈ 10 million retail sales lines; the makers' batches and work orders grow with it
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
// The figures `deno task profile` prints for the makers, each beside the range public lubricant and
// filter makers report (FUCHS, Donaldson, the Federal Reserve's capacity utilisation; sources in
// `lib/profile/sources.ts`).

// %%
import { table } from "../../lib/notebook/mod.ts";
import { reportingCurrency } from "../../lib/analysis/frames.ts";
import { manufacturingHeadlines } from "../../lib/analysis/manufacturing.ts";

const rep = reportingCurrency(ds);
await display(table(manufacturingHeadlines(ds), {
  caption: `Corvane and Keldmark over the period (amounts in ${rep}, excluding tax)`,
  rows: 30,
}));

// %% [markdown]
// ## What a motor oil is made of
//
// A recipe gives each component's mass percent, summing to exactly 100. Base oil is most of it —
// Group III for full synthetics, Group II for conventional oils, half of each in a synthetic blend —
// then the additive package (a heavier one for diesel engines), the viscosity modifier, more of it
// the wider the grade's span between cold and hot, and a pinch of pour-point depressant.

// %%
import { recipeTable } from "../../lib/analysis/manufacturing.ts";

await display(table(
  recipeTable(ds, [
    "MO-0W20-FS-GIII",
    "MO-5W30-SB-GII/III",
    "MO-10W40-C-GII",
    "MO-15W40-D-GII",
    "MO-20W50-C-GII",
  ]),
  { caption: "Mass percent of each material (blend_recipe_components, materials) and the SAE J300 band of the grade" },
));

// %% [markdown]
// ## Batch QC against the grade's band
//
// Every batch is tested before it is packed; the lubricant chemist checks the kinematic viscosity
// at 100 °C against the SAE J300 band of the grade (and the cold-cranking viscosity and flash point).
// A batch inside every band is released; a batch just outside is adjusted and tested again
// (reworked); a batch that cannot be saved is rejected. First, the counts per grade, written out as
// a Polars query:

// %%
import pl from "nodejs-polars";

const qcCounts = ds.scan("blend_batches")
  .join(ds.scan("blend_recipes").select("recipe_id", "product_kind", "sae_grade"), { on: "recipe_id" })
  .filter(pl.col("product_kind").eq(pl.lit("motor_oil")))
  .groupBy("sae_grade")
  .agg(
    pl.len().alias("batches"),
    pl.col("status").eq(pl.lit("released")).cast(pl.Float64).mean().mul(100).alias("right_first_time_pct"),
    pl.col("status").eq(pl.lit("reworked")).sum().alias("reworked"),
    pl.col("status").eq(pl.lit("rejected")).sum().alias("rejected"),
  )
  .sort("sae_grade")
  .collectSync();
await display(table(qcCounts, { caption: "Motor-oil batches per SAE grade and their QC outcome (blend_batches)", rows: 12 }));

// %% [markdown]
// Each dot below is one batch's last KV100 test; the grey band is the SAE J300 range of its
// high-temperature grade. The chart is drawn with Observable Plot directly — copy the cell to try
// another mark.

// %%
import * as Plot from "@observablehq/plot";
import { figure, render, toArrow } from "../../lib/plot/mod.ts";
import { gradeBands, motorOilQc } from "../../lib/analysis/manufacturing.ts";

const qc = motorOilQc(ds);
const bands = gradeBands(qc);
const grades = bands.getColumn("grade").toArray().map(String);
// One row per grade (0, 1, 2 …); dots spread around it by an offset hashed from the batch id, so
// that batches with the same result do not hide each other. Released dots are drawn first, so the
// rarer outcomes stay on top.
const gradeRows = pl.DataFrame({ grade: grades, i: grades.map((_, i) => i) })
  .withColumns(pl.col("i").cast(pl.Float64));
const statusOrder = pl.DataFrame({ status: ["released", "reworked", "rejected"], layer: [0, 1, 2] });
const spread = qc.join(gradeRows, { on: "grade" }).join(statusOrder, { on: "status" }).withColumns(
  pl.col("i").add(
    pl.col("batch_id").mul(7919).modulo(101).cast(pl.Float64).div(101).sub(0.5).mul(0.6),
  ).alias("row"),
).sort("layer");
const outside = qc.filter(
  pl.col("kv100_cst").lt(pl.col("kv100_min_cst")).or(pl.col("kv100_cst").gtEq(pl.col("kv100_max_cst"))),
);
const outsideReleased = outside.filter(pl.col("status").neq(pl.lit("rejected"))).height;
// Where released batches sit in their band: 0 = its lower edge, 100 = its upper edge.
const position = qc.filter(pl.col("status").eq(pl.lit("released"))).select(
  pl.col("kv100_cst").sub(pl.col("kv100_min_cst")).div(pl.col("kv100_max_cst").sub(pl.col("kv100_min_cst")))
    .mul(100).alias("p"),
).getColumn("p");
const rejectedBelow = outside.filter(pl.col("kv100_cst").lt(pl.col("kv100_min_cst"))).height;
const statusColors = { domain: ["released", "reworked", "rejected"], range: ["#4e79a7", "#f28e2b", "#e15759"] };
const qcSvg = render({
  width: 720,
  height: 320,
  marginLeft: 70,
  x: { label: "Kinematic viscosity at 100 °C (cSt) →", grid: true },
  y: {
    label: "SAE grade (hot)",
    domain: [-0.6, grades.length - 0.4],
    ticks: grades.map((_, i) => i),
    tickFormat: (i: number) => `xW-${grades[i]}`,
  },
  color: statusColors,
  marks: [
    Plot.rect(toArrow(bands.join(gradeRows, { on: "grade" })), {
      x1: "min",
      x2: "max",
      y1: (d: { i: number }) => d.i - 0.38,
      y2: (d: { i: number }) => d.i + 0.38,
      fill: "#e5e7eb",
    }),
    Plot.dot(toArrow(spread), {
      x: "kv100_cst",
      y: "row",
      fill: "status",
      r: 1.6,
      fillOpacity: 0.7,
    }),
  ],
});
await display(figure(qcSvg, {
  title: "Every motor-oil batch's KV100 against its SAE J300 band",
  subtitle: `${qc.height.toLocaleString("en-US")} tested batches; ${outside.height} tested outside their band, ${
    outsideReleased === 0 ? "every one of them rejected: no released or reworked batch lies outside" : `${outsideReleased} of them not rejected`
  }. Released batches lie between ${Number(position.min()).toFixed(0)} % and ${
    Number(position.max()).toFixed(0)
  } % of the way up their band, the middle half between ${
    Number(position.quantile(0.25)).toFixed(0)
  } % and ${Number(position.quantile(0.75)).toFixed(0)} % (blenders aim at a target); ${rejectedBelow} of the ${outside.height} out-of-band batches are too thin (below the band).`,
  legend: "QC outcome",
  caption: "Grey: the SAE J300 (2021) band [min, max) of the grade's high-temperature number. Source: blend_batches.kv100_cst (last test) and status, blend_recipes.kv100_min_cst / kv100_max_cst.",
}));

// %% [markdown]
// ## Actual against standard cost, through the base-oil shock
//
// A batch's actual cost is the materials it consumed at the plant's moving-average purchase cost
// plus conversion; its standard uses the same quantities at standard prices, which follow the
// base-oil index with a lag of two to three months. When the index jumps, purchases pay the new
// price at once, the moving average catches up over the weeks the old stock lasts, and the standard
// follows later. Conversion is charged at standard on both sides, so the gap below is all material
// price (the price variance).

// %%
import { lineChart } from "../../lib/plot/mod.ts";
import { shockPassThrough, weeklyCostPerLitre } from "../../lib/analysis/manufacturing.ts";

const pass = shockPassThrough(ds);
const events = [{ at: pass.shock, label: "base-oil shock" }];
const cpl = weeklyCostPerLitre(ds);
const side = (cost: string) =>
  cpl.rows.filter(pl.col("cost").eq(pl.lit(cost))).select("week", pl.col("per_litre").alias(cost));
const wide = side("actual").join(side("standard"), { on: "week" })
  .withColumns(pl.col("actual").div(pl.col("standard")).sub(1).mul(100).alias("gap"));
const isoDay = (d: unknown) => (d as Date).toISOString().slice(0, 10);
const gapBefore = Number(
  wide.filter(pl.col("week").lt(pass.shock)).select(pl.col("gap").abs().mean().alias("g")).getColumn("g").get(0),
);
const after = wide.filter(pl.col("week").gtEq(pass.shock));
const gapMax = after.sort("gap", true).head(1).toRecords()[0];
const gapMin = after.sort("gap").head(1).toRecords()[0];
await display(lineChart(cpl.rows, {
  title: `Material cost per litre, actual and standard: ${cpl.recipe}, ${cpl.country} plant`,
  subtitle: `Before the shock the two lie ${gapBefore.toFixed(1)} % apart on average. After it actual cost leads — ${
    Number(gapMax.gap).toFixed(0)
  } % above standard in the week of ${isoDay(gapMax.week)} — until the standard, two to three months behind, catches up; as the index eases the standard lags on the way down too, and actual runs up to ${
    Math.abs(Number(gapMin.gap)).toFixed(0)
  } % ${Number(gapMin.gap) < 0 ? "below" : "above"} it (week of ${isoDay(gapMin.week)}).`,
  x: { field: "week", label: "Week the batch started" },
  y: { field: "per_litre", label: "Material cost per litre charged", unit: `${cpl.currency} per litre` },
  series: "cost",
  zero: false,
  colors: { domain: ["actual", "standard"], range: ["#e15759", "#4e79a7"] },
  legend: "Cost",
  points: false,
  events,
  caption: "The recipe × plant with the most litres, so neither the product mix nor FX moves the lines; weeks without a batch of it are bridged. Actual: blend_batches.material_cost (materials at the plant's moving-average purchase cost). Standard: the same quantities at their standard prices (Σ blend_consumption.std_amount). Both ÷ planned_litres, litre-weighted per week; rejected batches left out.",
}));

// %% [markdown]
// ## Variances by month
//
// The gap between actual and standard splits into a price variance (materials bought above or
// below their standard price) and a yield variance (more material used than the output's standard:
// blending losses, filter scrap, rejected batches). Positive means cost above standard.

// %%
import { MAKERS, makerNames, monthlyVariances } from "../../lib/analysis/manufacturing.ts";

const names = makerNames(ds);
const variances = monthlyVariances(ds);
const charts = [MAKERS.corvane, MAKERS.keldmark].map((maker) => {
  const v = variances.filter(pl.col("maker_company_id").eq(maker));
  const price = v.filter(pl.col("variance").eq(pl.lit("price")));
  const worst = price.sort("amount", true).head(1).toRecords()[0];
  const yields = v.filter(pl.col("variance").eq(pl.lit("yield")));
  const yieldTotal = yields.getColumn("amount").sum();
  const yieldShare = 100 * yieldTotal / yields.getColumn("standard").sum();
  const table = maker === MAKERS.corvane ? "blend_batches" : "work_orders";
  const svg = render({
    width: 720,
    height: 240,
    marginLeft: 60,
    x: { label: null, type: "utc" },
    y: { label: `↑ Variance (${rep}; positive = cost above standard)`, grid: true, tickFormat: "~s" },
    color: { domain: ["price", "yield"], range: ["#e15759", "#76b7b2"] },
    marks: [
      Plot.rectY(toArrow(v.select("month", "variance", "amount")), { x: "month", interval: "month", y: "amount", fill: "variance", inset: 0.5 }),
      Plot.ruleY([0], { stroke: "#6b7280" }),
      Plot.ruleX([pass.shock], { stroke: "#6b7280", strokeDasharray: "4 3" }),
    ],
  });
  return figure(svg, {
    title: `${names.get(maker)}: cost variances per month`,
    subtitle: `The price variance is largest in ${isoDay(worst.month).slice(0, 7)} (${
      Math.round(Number(worst.amount)).toLocaleString("en-US")
    } ${rep})${
      maker === MAKERS.corvane
        ? ", as the shock's prices reach the materials before the standard follows (dashed: the shock); it turns negative when the index eases and the standard, still lagging, is the higher one"
        : "; filter materials do not follow the base-oil index, but their own indices trend up, so purchases run a little above the lagged standard"
    }. The yield variance, ${Math.round(yieldTotal).toLocaleString("en-US")} ${rep} over the period (${
      yieldShare.toFixed(yieldShare < 1 ? 2 : 1)
    } % of standard cost), ${
      maker === MAKERS.corvane
        ? "is the steady cost of blending losses and rejected batches above what the standard allows, and of the packs whose price-book standard cost is below what their materials cost"
        : "is near zero: the standard already allows for the average scrap"
    }.`,
    legend: "Variance",
    caption: `Bars: months, by the day the ${maker === MAKERS.corvane ? "batch" : "work order"} started. Source: ${table}.price_variance and yield_variance, at the start day's FX rate; the yield variance's share is of ${table}.standard_cost.`,
  });
});
await display(...charts);

// %% [markdown]
// ## Filter lines: how full they run, and what they scrap
//
// Keldmark's lines run two shifts on working days. Utilisation is the hours a line ran (units
// started ÷ its rate, plus changeovers between designs) over the hours on offer; scrap is the share
// of started units that failed.

// %%
import { barChart, heatmap } from "../../lib/plot/mod.ts";
import { monthlyLineUse, workOrderScrap } from "../../lib/analysis/manufacturing.ts";

const use = monthlyLineUse(ds).withColumns(pl.col("month").dt.strftime("%Y-%m").alias("label"));
const busiest = use.groupBy("line").agg(pl.col("utilisation_pct").mean().alias("u")).sort("u", true);
const top = busiest.head(1).toRecords()[0];
const low = busiest.tail(1).toRecords()[0];
const months = [...new Set(use.sort("month").getColumn("label").toArray().map(String))];
const scrap = workOrderScrap(ds).groupBy("line_family").agg(
  pl.col("scrap_pct").mean().alias("mean_pct"),
  pl.len().alias("work_orders"),
).sort("mean_pct", true);
await display(
  heatmap(use, {
    title: "Filter lines: hours run as a share of the hours on offer, per month",
    subtitle: `The busiest line, ${top.line}, runs ${Number(top.u).toFixed(0)} % of its shift hours on average, the quietest, ${low.line}, ${
      Number(low.u).toFixed(0)
    } %: each plant has one line per family, with far more capacity than the plant's demand needs at this scale.`,
    x: { field: "label", label: "Month", order: months },
    y: { field: "line", label: "Line", order: [...busiest.getColumn("line").toArray().map(String)] },
    fill: { field: "utilisation_pct", label: "Utilisation", unit: "% of shift hours" },
    xTicks: months.filter((_, i) => i % 3 === 0),
    xTickRotate: -45,
    caption: "Source: work_orders (planned_units ÷ production_lines.rate_per_hour + changeover_minutes) ÷ (shifts_per_day × hours_per_shift × weekdays of the month); lines ordered by mean utilisation.",
  }),
  barChart(scrap, {
    title: "Scrap per work order, by line family",
    subtitle: `Mean scrap runs ${Number(scrap.getColumn("mean_pct").min()).toFixed(1)}–${
      Number(scrap.getColumn("mean_pct").max()).toFixed(1)
    } % of the units started in every family: a stable line scraps a few percent.`,
    category: { field: "line_family", label: "Line family" },
    value: { field: "mean_pct", label: "Mean scrap", unit: "% of units started" },
    labels: (v) => `${v.toFixed(2)} %`,
    caption: "Source: work_orders.scrapped_units ÷ planned_units, mean over work orders; production_lines.line_family.",
  }),
);

// %% [markdown]
// ## The shock's pass-through, from the index to the shelf
//
// Every stage as an index, 100 = its mean over the twelve weeks before the shock: the Group II
// base-oil index, the price Corvane pays for Group II base oil, the material cost of a litre in its
// motor-oil batches, the standard cost of its motor oils in the price book, and their retail list
// price on the shelf (per SKU × geo segment, in local currency).

// %%
const delays = pass.delays.toRecords() as { stage: string; weeks_to_half_rise: number | null; peak_rise_pct: number }[];
const delayText = delays.slice(1).map((d) =>
  `${d.stage} after ${d.weeks_to_half_rise ?? "—"} weeks (peak +${d.peak_rise_pct.toFixed(0)} %)`
).join(", ");
const window = pass.series.filter(
  pl.col("week").gtEq(new Date(pass.shock.getTime() - 26 * 7 * 86_400_000))
    .and(pl.col("week").lt(new Date(pass.shock.getTime() + 78 * 7 * 86_400_000))),
);
await display(
  lineChart(window, {
    title: "The base-oil shock, stage by stage",
    subtitle: `The Group II index peaks ${delays[0].peak_rise_pct.toFixed(0)} % above its level before the shock and is halfway there after ${delays[0].weeks_to_half_rise} week(s); each stage downstream reaches half of its own peak rise later — ${delayText} — and rises less, as base oil is only part of each cost and price.`,
    x: { field: "week", label: "Week" },
    y: { field: "index", label: "Index", unit: "12 weeks before the shock = 100" },
    series: "stage",
    zero: false,
    legend: "Stage",
    points: false,
    events,
    colors: {
      domain: delays.map((d) => d.stage),
      range: ["#9ca3af", "#e15759", "#f28e2b", "#4e79a7", "#59a14f"],
    },
    caption: "Weekly mean over plants (purchases), plant × recipe (batches) or SKU × segment (price book) of each one's value ÷ its own pre-shock mean. Source: raw_material_index, raw_material_purchases (regular BO-G2 orders), blend_batches (motor oils), price_book (Corvane's motor oils).",
  }),
  table(pass.delays, { caption: `Weeks from the shock (week of ${isoDay(pass.shock)}) until each stage reaches half its peak rise` }),
);

// %% [markdown]
// ## What you saw
//
// - Motor oils that are mostly base oil, with a grade-dependent dose of viscosity modifier.
// - Batches that test inside their SAE J300 band when released; the few outside it are rejected.
// - A base-oil shock that hits the batches' actual cost first and the standard cost two to three
//   months later, showing up as a price variance until the standard catches up.
// - Filter lines with low, steady scrap, running well below their shift hours.
// - The shock travelling down the chain with a growing delay and a shrinking amplitude: purchase
//   price, batch cost, standard cost, shelf price.
