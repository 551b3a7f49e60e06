/**
 * The distribution tier as one module: Brightaxle Distribution's customers,
 * sales orders (the retailer's store orders seen from the seller's side, and
 * the trade accounts' own), shipments, invoices and credit notes, payments,
 * weekly stock per distribution centre, purchase orders and receipts. It runs
 * in stage 1: it reads the retailer's replenishment orders from the folder.
 *
 * @module
 */

import { defineTier } from "../../gen/tier.ts";
import { DISTRIBUTION_CHECKS } from "./checks.ts";
import { DISTRIBUTION_GROUP } from "./generators.ts";
import { distributionGroundTruth } from "./ground_truth.ts";
import { DistributionOptions } from "./options.ts";
import { DISTRIBUTION_TABLES } from "./tables.ts";

/** The distribution tier. */
export const DISTRIBUTION_TIER = defineTier({
  name: "distribution",
  title: "Distribution (Brightaxle: customers, orders to cash, DC stock, purchasing)",
  summary:
    "A distribution centre per geo segment sells to the retailer's stores and online shops (each " +
    "store replenishment order is also a distributor sales order, line for line) and to trade " +
    "accounts — garages, quick-lube shops, fleets and resellers — at wholesale less their tier " +
    "discount; it ships from stock (trade shortfalls wait as backorders), invoices with the " +
    "country's tax, collects by the account's terms, keeps weekly stock under an (s, S) policy and " +
    "buys from Corvane, Keldmark and the suppliers of well-known brands.",
  options: DistributionOptions,
  tables: DISTRIBUTION_TABLES,
  generators: [DISTRIBUTION_GROUP],
  checks: DISTRIBUTION_CHECKS,
  groundTruth: distributionGroundTruth,
});
