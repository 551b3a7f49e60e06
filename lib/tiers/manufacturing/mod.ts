/**
 * The manufacturing tier as one module: Corvane Lubricants blends base oils
 * and additives into lubricants (recipes, batches with QC, packaging) and
 * Keldmark Filtration builds filters (bills of materials, lines, work
 * orders); both buy materials priced off the raw-material indices, hold
 * weekly stock, and sell to Brightaxle (its purchase orders, mirrored one to
 * one) and to outside accounts. The plants run in stage 2: they read the
 * distributor's purchase orders and receipts from the folder.
 *
 * @module
 */

import { defineTier } from "../../gen/tier.ts";
import { MANUFACTURING_CHECKS } from "./checks.ts";
import { MAKER_MASTER_GROUP, PLANT_GROUP } from "./generators.ts";
import { manufacturingGroundTruth } from "./ground_truth.ts";
import { ManufacturingOptions } from "./options.ts";
import { MANUFACTURING_TABLES } from "./tables.ts";

/** The manufacturing tier. */
export const MANUFACTURING_TIER = defineTier({
  name: "manufacturing",
  title: "Manufacturing (Corvane blends oil, Keldmark builds filters)",
  summary:
    "Corvane's blending plants mix base oils and additives by recipe in batches tested against " +
    "their grade (SAE J300 viscosity bands, cold cranking, flash point) and pack them into the " +
    "SKUs; Keldmark's filter plants build filters from bills of materials in work orders on " +
    "production lines. Both buy materials priced off the raw-material indices, keep weekly " +
    "stock, cost each batch and work order at actual and standard with price and yield " +
    "variances, and sell to Brightaxle (each of its purchase orders is a maker sales order, line " +
    "for line) and to outside distributors, fleets and industrial users, with invoices and " +
    "payments.",
  options: ManufacturingOptions,
  tables: MANUFACTURING_TABLES,
  generators: [MAKER_MASTER_GROUP, PLANT_GROUP],
  checks: MANUFACTURING_CHECKS,
  groundTruth: manufacturingGroundTruth,
});
