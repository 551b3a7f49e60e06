/**
 * The tier contract: everything the rest of partsflow needs to know about one
 * tier of the supply chain (world, catalog, retail, and the tiers to come) in
 * one value, exported by the tier's `mod.ts`. One list of tiers
 * (`lib/tiers/mod.ts`) feeds the schema registry, the engine, the validator
 * registry, `ground_truth.json`, `describe` and the dataset card; none of those
 * imports a tier's internals.
 *
 * @module
 */

import type { z } from "zod";
import type { TableDef } from "../schema/types.ts";
import type { Check } from "../validate/check.ts";
import type { RunContext } from "../world/context.ts";
import type { GroupGenerator, TableGenerator } from "./types.ts";

/** One tier: its options, tables, generators, checks, ground truth and card prose. */
export interface TierModule<N extends string = string, O extends z.ZodType = z.ZodType> {
  /** Short name: the `tier` of its tables, its section of the run options and of `ground_truth.json`. */
  name: N;
  /** Heading of the tier in the dataset card, e.g. "Retail (stores, online, customers)". */
  title: string;
  /** A paragraph for the dataset card: what this tier's tables hold (only what the data holds). */
  summary: string;
  /** The zod schema of its section of the run options (`options.<name>`), if it has options. */
  options?: O;
  /** Its tables, in generation order (referenced tables first). */
  tables: readonly TableDef[];
  /** Its generators: one-table generators or groups that write several tables from one pass. */
  generators: readonly (TableGenerator | GroupGenerator)[];
  /** Its consistency checks (run after the generic ones, in list order). */
  checks: readonly Check[];
  /** Its section of `ground_truth.json` (pure), if it injects effects. */
  groundTruth?(ctx: RunContext): Record<string, unknown>;
}

/** Identity with literal types kept, so the options type of the run can be derived from the list. */
export function defineTier<const N extends string, O extends z.ZodType = z.ZodType>(
  tier: TierModule<N, O>,
): TierModule<N, O> {
  return tier;
}
