/**
 * Options of the world tier (`options.world`): geography and how many sites.
 *
 * @module
 */

import { z } from "zod";

/** Country codes partsflow knows how to populate. */
export const COUNTRY_CODES = ["US", "CA", "GB", "DE", "FR", "AU"] as const;

/** Options of the world: geography and how many sites. */
export const WorldOptions = z.strictObject({
  countries: z.array(z.enum(COUNTRY_CODES)).min(1).default([...COUNTRY_CODES]),
  reportingCurrency: z.enum(["USD", "EUR", "GBP", "CAD", "AUD"]).default("USD"),
  storesPerScale: z.number().positive().default(200),
  minStores: z.int().min(1).default(12),
});

/** Validated world options. */
export type WorldOptions = z.infer<typeof WorldOptions>;
