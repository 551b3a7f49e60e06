/**
 * Analyses of the makers (Corvane Lubricants, Keldmark Filtration) for
 * notebook 09: recipes, batch QC against the grade's band, cost per litre
 * through the base-oil shock, cost variances, filter scrap and line
 * utilisation, and the shock's pass-through. They build on the profile's
 * manufacturing section (`lib/profile/manufacturing_tier.ts`), so the
 * notebook and `deno task profile` agree.
 *
 * @module
 */

import pl from "nodejs-polars";
import type { Dataset } from "../validate/dataset.ts";
import { profileOf } from "../profile/mod.ts";
import { fxFrame } from "../profile/frames.ts";
import {
  MANUFACTURING_TIER,
  motorOilBatchCosts,
  passThroughDelays,
  passThroughSeries,
  shockWeek,
} from "../profile/manufacturing_tier.ts";
import { figuresTable } from "./frames.ts";

export { makerNames, MAKERS, PASS_THROUGH_STAGES } from "../profile/manufacturing_tier.ts";

const f64 = (c: string) => pl.col(c).cast(pl.Float64);

/** The profile's manufacturing figures as a table (pass-through delays: see {@link shockPassThrough}). */
export function manufacturingHeadlines(ds: Dataset): pl.DataFrame {
  return figuresTable(
    profileOf(ds, [MANUFACTURING_TIER]).sections[0].figures.filter((f) =>
      !f.metric.startsWith("base-oil shock")
    ),
  );
}

/**
 * The recipes of `codes` (blend_recipes.recipe_code) as a wide table: one
 * row per recipe, one column per material code with its mass percent (empty
 * where the recipe does not use it), and the recipe's KV100 band.
 */
export function recipeTable(ds: Dataset, codes: string[]): pl.DataFrame {
  const long = ds.scan("blend_recipe_components")
    .join(ds.scan("materials").select("material_id", "material_code"), { on: "material_id" })
    .join(
      ds.scan("blend_recipes").filter(pl.col("recipe_code").isIn(codes)).select(
        "recipe_id",
        "recipe_code",
        "kv100_min_cst",
        "kv100_max_cst",
      ),
      { on: "recipe_id" },
    ).collectSync();
  const materials = [...new Set(long.sort("material_id").getColumn("material_code").toArray())]
    .map(String);
  const rows = codes.flatMap((code) => {
    const r = long.filter(pl.col("recipe_code").eq(pl.lit(code)));
    if (!r.height) return [];
    const pct = new Map(
      r.toRecords().map((x) => [String(x.material_code), Number(x.pct)]),
    );
    const first = r.toRecords()[0];
    return [{
      recipe: code,
      ...Object.fromEntries(materials.map((m) => [m, pct.has(m) ? pct.get(m)!.toFixed(2) : ""])),
      "KV100 band, cSt": `${first.kv100_min_cst}–<${first.kv100_max_cst}`,
    }];
  });
  return pl.DataFrame(rows);
}

/**
 * Every tested motor-oil batch with its grade, QC result and the grade's
 * KV100 band: `batch_id`, `recipe_code`, `grade` (SAE high-temperature number, e.g. 30),
 * `sae_grade`, `kv100_cst`, `status`, `kv100_min_cst`, `kv100_max_cst`.
 */
export function motorOilQc(ds: Dataset): pl.DataFrame {
  return ds.scan("blend_batches").filter(pl.col("kv100_cst").isNotNull()).select(
    "batch_id",
    "recipe_id",
    "kv100_cst",
    "status",
  ).join(
    ds.scan("blend_recipes").filter(pl.col("product_kind").eq(pl.lit("motor_oil"))).select(
      "recipe_id",
      "recipe_code",
      "sae_grade",
      "kv100_min_cst",
      "kv100_max_cst",
    ),
    { on: "recipe_id", how: "inner" },
  ).withColumns(pl.col("sae_grade").str.split("-").lst.get(1).alias("grade"))
    .sort("recipe_id").collectSync();
}

/** The SAE J300 KV100 band of each high-temperature grade present (`grade`, `min`, `max`). */
export function gradeBands(qc: pl.DataFrame): pl.DataFrame {
  return qc.groupBy("grade").agg(
    pl.col("kv100_min_cst").first().alias("min"),
    pl.col("kv100_max_cst").first().alias("max"),
  ).sort("min");
}

/** One recipe's weekly cost per litre at one plant (see {@link weeklyCostPerLitre}). */
export interface CostPerLitre {
  /** Rows `week`, `cost` ("actual" or "standard"), `per_litre` (plant currency, major units). */
  rows: pl.DataFrame;
  /** The recipe's code. */
  recipe: string;
  /** The plant's country. */
  country: string;
  /** The plant's currency. */
  currency: string;
}

/**
 * Actual against standard material cost per litre charged, week by week, for
 * the motor-oil recipe × plant with the most litres (one recipe at one plant,
 * so neither the product mix nor FX moves the lines): actual = the batches'
 * material_cost (materials consumed at the plant's moving-average cost);
 * standard = the same quantities at their standard prices (Σ
 * blend_consumption.std_amount). Conversion is charged at standard on both
 * sides and left out, as it varies with the packs a batch fills. Litre-
 * weighted over the week's batches; rejected batches left out.
 */
export function weeklyCostPerLitre(ds: Dataset): CostPerLitre {
  const batches = motorOilBatchCosts(ds);
  const top = batches.groupBy(["plant_site_id", "recipe_id"]).agg(
    pl.col("planned_litres").sum().alias("litres"),
  ).sort("litres", true).head(1).collectSync().toRecords()[0];
  const plant = Number(top.plant_site_id), recipe = Number(top.recipe_id);
  const std = ds.scan("blend_consumption").groupBy("batch_id").agg(
    f64("std_amount").sum().alias("std_material"),
  );
  const w = ds.scan("blend_batches").filter(
    pl.col("plant_site_id").eq(plant).and(pl.col("recipe_id").eq(recipe)).and(
      pl.col("status").neq(pl.lit("rejected")),
    ),
  ).join(std, { on: "batch_id", how: "left" }).groupBy(
    pl.col("start_ts").cast(pl.Date).dt.truncate("1w").alias("week"),
  ).agg(
    f64("material_cost").sum().div(pl.col("planned_litres").sum()).div(100).alias("actual"),
    pl.col("std_material").sum().div(pl.col("planned_litres").sum()).div(100).alias("standard"),
  ).sort("week").collectSync();
  const info = ds.scan("blend_recipes").filter(pl.col("recipe_id").eq(recipe)).select(
    "recipe_code",
  ).collectSync().toRecords()[0];
  const site = ds.scan("plants").filter(pl.col("plant_site_id").eq(plant)).join(
    ds.scan("sites").select(pl.col("site_id").alias("plant_site_id"), "country_code"),
    { on: "plant_site_id" },
  ).select("country_code", "currency").collectSync().toRecords()[0];
  return {
    rows: pl.concat([
      w.select("week", pl.lit("actual").alias("cost"), pl.col("actual").alias("per_litre")),
      w.select("week", pl.lit("standard").alias("cost"), pl.col("standard").alias("per_litre")),
    ]),
    recipe: String(info.recipe_code),
    country: String(site.country_code),
    currency: String(site.currency),
  };
}

/**
 * Cost variances per month and maker, reporting currency at the start day's
 * FX: rows `month`, `maker_company_id`, `variance` ("price" or "yield"),
 * `amount` (positive = cost above standard), and the month's `standard`
 * cost (the same on both rows of a month).
 */
export function monthlyVariances(ds: Dataset): pl.DataFrame {
  const docs = (table: string) =>
    ds.scan(table).select(
      "plant_site_id",
      pl.col("start_ts").cast(pl.Date).alias("day"),
      "currency",
      "price_variance",
      "yield_variance",
      "standard_cost",
    );
  const m = pl.concat([docs("blend_batches"), docs("work_orders")], { how: "vertical" })
    .join(ds.scan("plants").select("plant_site_id", "maker_company_id"), { on: "plant_site_id" })
    .join(fxFrame(ds), { on: ["day", "currency"], how: "left" })
    .groupBy([pl.col("day").dt.truncate("1mo").alias("month"), pl.col("maker_company_id")]).agg(
      f64("price_variance").mul(pl.col("fx")).sum().div(100).alias("price"),
      f64("yield_variance").mul(pl.col("fx")).sum().div(100).alias("yield"),
      f64("standard_cost").mul(pl.col("fx")).sum().div(100).alias("standard"),
    ).sort(["maker_company_id", "month"]).collectSync();
  return pl.concat([
    m.select(
      "month",
      "maker_company_id",
      pl.lit("price").alias("variance"),
      pl.col("price").alias("amount"),
      "standard",
    ),
    m.select(
      "month",
      "maker_company_id",
      pl.lit("yield").alias("variance"),
      pl.col("yield").alias("amount"),
      "standard",
    ),
  ]);
}

/** A filter line's name with its plant's country, e.g. "US · Spin-on line 1". */
function lineLabel(): pl.Expr {
  return pl.concatString([pl.col("country_code"), pl.col("line_name")], " · ").alias("line");
}

/**
 * Keldmark's lines per month: hours run (units started ÷ rate + changeovers)
 * against the hours on offer (shifts × hours × working days, Monday to
 * Friday), and scrap: rows `month`, `line`, `line_family`,
 * `utilisation_pct`, `scrap_pct`, `planned_units`.
 */
export function monthlyLineUse(ds: Dataset): pl.DataFrame {
  const lines = ds.scan("production_lines").join(
    ds.scan("sites").select(pl.col("site_id").alias("plant_site_id"), "country_code"),
    { on: "plant_site_id" },
  ).select(
    "line_id",
    "line_family",
    "rate_per_hour",
    "shifts_per_day",
    "hours_per_shift",
    lineLabel(),
  );
  const workdays = ds.scan("calendar").filter(pl.col("date").dt.weekday().lt(6)).groupBy(
    pl.col("date").dt.truncate("1mo").alias("month"),
  ).agg(pl.len().alias("workdays"));
  return ds.scan("work_orders").groupBy([
    pl.col("start_ts").cast(pl.Date).dt.truncate("1mo").alias("month"),
    pl.col("line_id"),
  ]).agg(
    f64("planned_units").sum().alias("planned_units"),
    f64("scrapped_units").sum().alias("scrapped_units"),
    f64("changeover_minutes").sum().div(60).alias("changeover_h"),
  ).join(lines, { on: "line_id" })
    .join(workdays, { on: "month" })
    .withColumns(
      pl.col("planned_units").div(pl.col("rate_per_hour")).add(pl.col("changeover_h"))
        .div(pl.col("shifts_per_day").mul(pl.col("hours_per_shift")).mul(pl.col("workdays")))
        .mul(100).alias("utilisation_pct"),
      pl.col("scrapped_units").div(pl.col("planned_units")).mul(100).alias("scrap_pct"),
    ).select("month", "line", "line_family", "utilisation_pct", "scrap_pct", "planned_units")
    .sort(["line", "month"]).collectSync();
}

/**
 * Scrap of every work order (`scrap_pct` of the units started) with its line
 * family and size, for a distribution per family.
 */
export function workOrderScrap(ds: Dataset): pl.DataFrame {
  return ds.scan("work_orders").filter(pl.col("planned_units").gt(0)).join(
    ds.scan("production_lines").select("line_id", "line_family"),
    { on: "line_id" },
  ).select(
    "line_family",
    "planned_units",
    f64("scrapped_units").div(f64("planned_units")).mul(100).alias("scrap_pct"),
  ).collectSync();
}

/**
 * The base-oil shock's pass-through: the weekly indices of every stage (100 =
 * the weeks before the shock), the shock's week, and each stage's weeks to
 * half its peak rise and that rise.
 */
export function shockPassThrough(ds: Dataset): {
  series: pl.DataFrame;
  shock: Date;
  delays: pl.DataFrame;
} {
  const shock = shockWeek(ds);
  const series = passThroughSeries(ds, shock);
  const d = passThroughDelays(series, shock);
  return {
    series,
    shock: new Date(shock * 86_400_000),
    delays: pl.DataFrame({
      stage: [...d.keys()],
      weeks_to_half_rise: [...d.values()].map((x) => x.weeks),
      peak_rise_pct: [...d.values()].map((x) => x.peakRisePct),
      weeks_to_peak: [...d.values()].map((x) => x.peakWeeks),
    }),
  };
}
