/**
 * Options of the distribution tier (`options.distribution`): how many trade
 * accounts, and how its simulation is cut into chunks.
 *
 * @module
 */

import { z } from "zod";

/** Options of the distribution tier (see lib/tiers/distribution). */
export const DistributionOptions = z.strictObject({
  /** Trade accounts (garages, quick-lube shops, fleets, resellers) at scale 1, over every segment. */
  tradeAccountsPerScale: z.number().positive().default(2600),
  /** Target trade order lines per chunk: a DC's period is split by time beyond it (memory bound). */
  linesPerChunk: z.int().min(1000).default(600_000),
});

/** Validated distribution options. */
export type DistributionOptions = z.infer<typeof DistributionOptions>;
