/**
 * Run options and scenario configuration, validated with zod. CLI flags and
 * `--config file.yaml|json` both land here; anything unknown is an error.
 *
 * @module
 */

import { z } from "zod";
import { parseDay } from "../core/dates.ts";

/** Country codes partsflow knows how to populate. */
export const COUNTRY_CODES = ["US", "CA", "GB", "DE", "FR", "AU"] as const;

const isoDate = z.string().refine((s) => {
  try {
    parseDay(s);
    return true;
  } catch {
    return false;
  }
}, { message: "must be a real date written YYYY-MM-DD" });

/** Options of the world: geography and how many sites. */
export const WorldOptions = z.strictObject({
  countries: z.array(z.enum(COUNTRY_CODES)).min(1).default([...COUNTRY_CODES]),
  reportingCurrency: z.enum(["USD", "EUR", "GBP", "CAD", "AUD"]).default("USD"),
  storesPerScale: z.number().positive().default(200),
  minStores: z.int().min(1).default(12),
});

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

/** Every option of a generate run. */
export const RunOptions = z.strictObject({
  scale: z.number().positive({ message: "must be > 0 (try 0.01 for a quick dataset)" }).max(
    10000,
  ).default(0.01),
  seed: z.int().min(0).max(2 ** 53 - 1).default(42),
  start: isoDate.default("2023-01-01"),
  end: isoDate.default("2025-12-31"),
  format: z.enum(["parquet", "csv", "arrow", "duckdb"]).default("parquet"),
  tables: z.array(z.string()).optional(),
  rowGroupSize: z.int().min(1024).max(10_000_000).optional(),
  world: WorldOptions.default(WorldOptions.parse({})),
  catalog: CatalogOptions.default(CatalogOptions.parse({})),
  retail: RetailOptions.default(RetailOptions.parse({})),
}).refine((o) => {
  try {
    return parseDay(o.end) >= parseDay(o.start);
  } catch {
    return true; // a malformed date is reported by its own field
  }
}, {
  message: "end date is before start date (give --end on or after --start)",
  path: ["end"],
});

/** Validated run options. */
export type RunOptions = z.infer<typeof RunOptions>;

/** One line for a zod error: which option and what is wrong. */
export function describeZodError(err: z.ZodError): string {
  const issue = err.issues[0];
  const path = issue.path.length ? issue.path.join(".") : "options";
  if (issue.code === "unrecognized_keys") {
    return `unknown option${issue.keys.length > 1 ? "s" : ""}: ${
      issue.keys.join(", ")
    } (see --help for the options)`;
  }
  return `${path}: ${issue.message}`;
}
