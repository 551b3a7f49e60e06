/**
 * The catalog tier as one module: brands, products (oils and filters),
 * vehicles and fitments, kits, raw-material indices and the price book — the
 * only source of every later price and cost. Its size does not grow with scale.
 *
 * @module
 */

import { defineTier } from "../gen/tier.ts";
import { CATALOG_CHECKS } from "./checks.ts";
import { CATALOG_GENERATORS } from "./generators.ts";
import { CATALOG_GROUND_TRUTH } from "./ground_truth.ts";
import { CatalogOptions } from "./options.ts";
import { CATALOG_TABLES } from "./tables.ts";

/** The catalog tier. */
export const CATALOG_TIER = defineTier({
  name: "catalog",
  title: "Catalog (products, brands, fitment, price book)",
  summary:
    "Oils and fluids by SAE grade and tier in US-customary and metric packs, and oil, air, cabin, " +
    "fuel and transmission filters with their dimensions, media and valves; the makers' own " +
    "labels, the retailer's own brand and well-known competitor brands; base vehicles with the " +
    "oil and filters that fit them; oil-change kits and lubricant deals; weekly raw-material " +
    "indices with one base-oil shock; and the price book (SKU × geo segment × month: standard " +
    "cost, transfer price, wholesale, retail list), from which every later price is read.",
  options: CatalogOptions,
  tables: CATALOG_TABLES,
  generators: CATALOG_GENERATORS,
  checks: CATALOG_CHECKS,
  groundTruth: CATALOG_GROUND_TRUTH,
});
