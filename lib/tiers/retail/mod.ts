/**
 * The retail tier as one module: Gearwell's customers and their vehicles,
 * promotions, baskets and lines at stores and online, returns, weekly store
 * stock and the stores' replenishment orders to the distributor.
 *
 * @module
 */

import { defineTier } from "../../gen/tier.ts";
import { RETAIL_CHECKS } from "./checks.ts";
import { RETAIL_GROUPS } from "./generators.ts";
import { retailGroundTruth } from "./ground_truth.ts";
import { RetailOptions } from "./options.ts";
import { RETAIL_TABLES } from "./tables.ts";

/** The retail tier. */
export const RETAIL_TIER = defineTier({
  name: "retail",
  title: "Retail (stores, online, customers)",
  summary:
    "Loyalty members and trade accounts with the vehicles they own, promotions, baskets and " +
    "their lines at stores and online shops (prices and costs from the price book), returns, " +
    "weekly stock per site and SKU under an (s, S) policy with lost sales, and the replenishment " +
    "orders each site places with its segment's distribution centre.",
  options: RetailOptions,
  tables: RETAIL_TABLES,
  generators: RETAIL_GROUPS,
  checks: RETAIL_CHECKS,
  groundTruth: retailGroundTruth,
});
