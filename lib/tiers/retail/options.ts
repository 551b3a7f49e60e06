/**
 * Options of the retail tier (`options.retail`): volume, customers per line,
 * and how the simulation is cut into chunks.
 *
 * @module
 */

import { z } from "zod";

/** Options of the retail tier (see lib/tiers/retail). */
export const RetailOptions = z.strictObject({
  /** Retail sales lines at scale 1 over 1096 days (the default period); scales with SF and period length. */
  linesPerScale: z.number().positive().default(10_000_000),
  /** One loyalty member (DIY) per this many expected sales lines of their preferred site. */
  linesPerLoyaltyMember: z.number().min(1).default(50),
  /** One trade account (semi-professional mechanic) per this many expected sales lines of its site. */
  linesPerTradeAccount: z.number().min(1).default(1000),
  /** Target retail sales lines per chunk: small sites are grouped, big ones split by time (memory bound). */
  linesPerChunk: z.int().min(1000).default(500_000),
});

/** Validated retail options. */
export type RetailOptions = z.infer<typeof RetailOptions>;
