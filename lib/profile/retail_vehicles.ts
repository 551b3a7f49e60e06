/**
 * Profile of the customers' vehicles: how far they are driven, measured from
 * `customer_vehicles` and set beside the ground truth — the median first-year
 * distance by country, and how fast a vehicle's use falls with age, fitted to
 * the odometer readings.
 *
 * @module
 */

import pl from "nodejs-polars";
import type { Dataset } from "../validate/dataset.ts";
import { at, num } from "./frames.ts";
import type { Figure, ProfileSection } from "./types.ts";

/** Days from 1970-01-01 to the October 1 before `modelYear`: when its cars are on the road. */
function onRoadDay(modelYear: number): number {
  return Date.UTC(modelYear - 1, 9, 1) / 86400000;
}

/** Kilometres driven over `age` years with first-year distance 1 and yearly factor `d`. */
function driven(age: number, d: number): number {
  return (1 - Math.pow(d, age)) / -Math.log(d);
}

/**
 * The yearly factor d at which the odometer readings are, on average, what a
 * first-year distance falling by d a year adds up to: Σ odometer = Σ annual ×
 * (1 − d^age) / −ln d (the reading's noise has mean 1). Solved by bisection:
 * the right side grows with d.
 */
export function fitMileageDecay(
  age: Float64Array,
  annual: Float64Array,
  odo: Float64Array,
): number {
  let want = 0;
  for (const x of odo) want += x;
  const total = (d: number) => {
    let t = 0;
    for (let i = 0; i < age.length; i++) t += annual[i] * driven(age[i], d);
    return t;
  };
  let lo = 0.5, hi = 0.9999;
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    if (total(mid) < want) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The vehicles section. */
export const RETAIL_VEHICLES: ProfileSection = {
  id: "retail.vehicles",
  tier: "retail",
  title: "Retail: customers' vehicles against the ground truth",
  tables: ["customer_vehicles", "retail_customers", "sites"],
  compute(ds: Dataset, truth: unknown): Figure[] {
    const v = ds.scan("customer_vehicles").select(
      "customer_id",
      "model_year",
      "odometer_km",
      pl.col("odometer_date").cast(pl.Int32).alias("day"),
      "annual_km",
    ).join(
      ds.scan("retail_customers").select(
        "customer_id",
        pl.col("preferred_site_id").alias("site_id"),
      ),
      { on: "customer_id", how: "left" },
    ).join(ds.scan("sites").select("site_id", "country_code"), { on: "site_id", how: "left" })
      .collectSync();
    const figures: Figure[] = [];
    const medians = at(truth, "retail.customers.annualKmMedian") as
      | Record<string, number>
      | undefined;
    const byCountry = v.lazy().groupBy("country_code").agg(
      pl.col("annual_km").median().alias("median"),
      pl.len().alias("n"),
    ).sort("country_code").collectSync().toRecords();
    for (const r of byCountry) {
      const country = String(r.country_code);
      figures.push({
        metric: `first-year distance, median, ${country}`,
        value: Number(r.median),
        unit: "km",
        truth: medians?.[country],
        note: `${r.n} vehicles`,
      });
    }
    const years = v.getColumn("model_year").toArray() as number[];
    const days = v.getColumn("day").toArray() as number[];
    const age = Float64Array.from(years, (y, i) => (days[i] - onRoadDay(y)) / 365.25);
    const annual = Float64Array.from(v.getColumn("annual_km").toArray() as number[]);
    const odo = Float64Array.from(v.getColumn("odometer_km").toArray() as number[]);
    const d = fitMileageDecay(age, annual, odo);
    const truthD = num(truth, "retail.customers.mileageDecayPerYear");
    figures.push({
      metric: "vehicle use, fall per year of age",
      value: 100 * (1 - d),
      unit: "%",
      // Rounded: 100 × (1 − 0.96) is 4.0000000000000036 in binary.
      truth: truthD === undefined ? undefined : Math.round(1e9 * (1 - truthD)) / 1e7,
      note:
        `fitted to ${v.height} odometer readings: Σ odometer = Σ first-year km × (1 − d^age) / −ln d`,
    });
    return figures;
  },
};
