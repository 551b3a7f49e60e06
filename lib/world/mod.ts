/**
 * The world tier as one module: geography, calendar, FX rates, the companies
 * and their sites — the tables every other tier refers to.
 *
 * @module
 */

import { defineTier } from "../gen/tier.ts";
import { WORLD_CHECKS } from "./checks.ts";
import { WorldOptions } from "./config.ts";
import { WORLD_GENERATORS } from "./generators.ts";
import { worldGroundTruth } from "./ground_truth.ts";
import { WORLD_TABLES } from "./tables.ts";

/** The world tier. */
export const WORLD_TIER = defineTier({
  name: "world",
  title: "World (geography, calendar, FX, companies, sites)",
  summary:
    "Countries split into geo segments, a calendar with each country's public holidays, daily FX " +
    "rates to the reporting currency, the four fictional companies and their sites: blending and " +
    "filter plants, a distribution centre per geo segment, stores and an online shop per country.",
  options: WorldOptions,
  tables: WORLD_TABLES,
  generators: WORLD_GENERATORS,
  checks: WORLD_CHECKS,
  groundTruth: worldGroundTruth,
});
