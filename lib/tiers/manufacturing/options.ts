/**
 * Options of the manufacturing tier (`options.manufacturing`): how many
 * outside accounts the makers have and how much of their volume those take.
 *
 * @module
 */

import { z } from "zod";

/** Options of the manufacturing tier (see lib/tiers/manufacturing). */
export const ManufacturingOptions = z.strictObject({
  /** Outside accounts (other distributors, fleets, industrial users) at scale 1, over every plant. */
  outsideAccountsPerScale: z.number().positive().default(160),
  /** Share of each maker's units sold to outside accounts (the rest goes to Brightaxle). */
  outsideShare: z.number().min(0).max(0.9).default(0.45),
});

/** Validated manufacturing options. */
export type ManufacturingOptions = z.infer<typeof ManufacturingOptions>;
