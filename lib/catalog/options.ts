/**
 * Options of the catalog tier (`options.catalog`): its size, which does not
 * grow with scale.
 *
 * @module
 */

import { z } from "zod";

/** Options of the catalog (fixed size, independent of scale). */
export const CatalogOptions = z.strictObject({
  /** Multiplies the number of filter part numbers per family (1 = the default range). */
  filterRange: z.number().min(0.25).max(8).default(1),
  /** Number of base vehicles (make × model × engine × year range). */
  vehicles: z.int().min(20).max(20000).default(400),
  /** Number of oil-change kits (oil + the filter that fits one vehicle, per shelf market). */
  oilChangeKits: z.int().min(0).max(5000).default(48),
  /** Number of lubricant deals tied to part purchases (e.g. transmission filter + ATF). */
  lubeDeals: z.int().min(0).max(2000).default(16),
});

/** Validated catalog options. */
export type CatalogOptions = z.infer<typeof CatalogOptions>;
