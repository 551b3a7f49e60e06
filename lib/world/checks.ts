/**
 * Checks of the world tier: an unbroken calendar, sane FX rates, sites in the
 * country of their segment.
 *
 * @module
 */

import pl from "nodejs-polars";
import { type Check, findingOf } from "../validate/check.ts";

/** World-tier checks. */
export const WORLD_CHECKS: Check[] = [
  {
    name: "world.calendar_unbroken",
    description: "the calendar has exactly one row per day from its first to its last day",
    tables: ["calendar"],
    run(ds) {
      return findingOf(
        ds.scan("calendar").sort("date").select(
          pl.col("date"),
          pl.col("date").diff(1, "ignore").cast(pl.Int32).alias("gap_days"),
        ).filter(pl.col("gap_days").isNotNull().and(pl.col("gap_days").neq(1))),
      );
    },
  },
  {
    name: "world.fx_positive",
    description: "every FX rate is positive and finite, and the reporting currency's own rate is 1",
    tables: ["fx_rates"],
    run(ds) {
      return findingOf(
        ds.scan("fx_rates").filter(
          pl.col("rate").ltEq(0).or(pl.col("rate").isNan()).or(
            pl.col("currency").eq(pl.col("reporting_currency")).and(pl.col("rate").neq(1)),
          ),
        ),
      );
    },
  },
  {
    name: "world.site_country_matches_segment",
    description: "every site's country is the country of its geo segment",
    tables: ["sites", "geo_segments"],
    run(ds) {
      return findingOf(
        ds.scan("sites").join(
          ds.scan("geo_segments").select(
            pl.col("segment_id"),
            pl.col("country_code").alias("segment_country"),
          ),
          { on: "segment_id", how: "inner" },
        ).filter(pl.col("country_code").neq(pl.col("segment_country"))).select(
          "site_id",
          "country_code",
          "segment_id",
          "segment_country",
        ),
      );
    },
  },
];
