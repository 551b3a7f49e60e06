/**
 * The options of a generate run, validated with zod: the run's own (scale,
 * seed, period, format, tables) and one section per tier that has options
 * (`world`, `catalog`, `retail`, …), taken from the list of tiers. CLI flags
 * and `--config file.yaml|json` both land here; anything unknown is an error.
 *
 * @module
 */

import { z } from "zod";
import { parseDay } from "../core/dates.ts";
import { FaultSpecError, parseFaultSpec } from "../faults/spec.ts";
import type { CatalogOptions } from "../catalog/options.ts";
import { tiers } from "../tiers/mod.ts";
import type { RetailOptions } from "../tiers/retail/options.ts";
import type { ManufacturingOptions } from "../tiers/manufacturing/options.ts";
import type { DistributionOptions } from "../tiers/distribution/options.ts";
import type { WorldOptions } from "../world/config.ts";

const isoDate = z.string().refine((s) => {
  try {
    parseDay(s);
    return true;
  } catch {
    return false;
  }
}, { message: "must be a real date written YYYY-MM-DD" });

/** The options every run has, whatever its tiers. */
export const BaseOptions = z.strictObject({
  scale: z.number().positive({ message: "must be > 0 (try 0.01 for a quick dataset)" }).max(
    10000,
  ).default(0.01),
  seed: z.int().min(0).max(2 ** 53 - 1).default(42),
  start: isoDate.default("2023-01-01"),
  end: isoDate.default("2025-12-31"),
  format: z.enum(["parquet", "csv", "arrow", "duckdb"]).default("parquet"),
  tables: z.array(z.string()).optional(),
  rowGroupSize: z.int().min(1024).max(10_000_000).optional(),
  /** Data-quality faults to inject (`--faults`, see lib/faults/spec.ts); none by default. */
  faults: z.string().optional().superRefine((s, ctx) => {
    if (s === undefined) return;
    try {
      parseFaultSpec(s);
    } catch (e) {
      if (!(e instanceof FaultSpecError)) throw e;
      ctx.addIssue({ code: "custom", message: e.message });
    }
  }),
});

/**
 * The tier sections of the options, by tier name, as TypeScript sees them (the
 * schema itself is built from the list of tiers; a tier with options adds its
 * line here so its code reads `ctx.options.<tier>` typed).
 */
export type TierOptionSections = {
  world: WorldOptions;
  catalog: CatalogOptions;
  retail: RetailOptions;
  distribution: DistributionOptions;
  manufacturing: ManufacturingOptions;
};

/** Validated run options. */
export type RunOptions = z.infer<typeof BaseOptions> & TierOptionSections;

/**
 * The zod schema of the run options: {@link BaseOptions} plus one section per
 * registered tier that has options (each defaulting to its own defaults), and
 * the rule that the period does not end before it starts.
 */
export function runOptionsSchema(): z.ZodType<RunOptions> {
  const sections: Record<string, z.ZodType> = {};
  for (const t of tiers()) {
    if (t.options) sections[t.name] = t.options.default(t.options.parse({}) as never);
  }
  return BaseOptions.extend(sections).refine((o) => {
    try {
      return parseDay(o.end as string) >= parseDay(o.start as string);
    } catch {
      return true; // a malformed date is reported by its own field
    }
  }, {
    message: "end date is before start date (give --end on or after --start)",
    path: ["end"],
  }) as unknown as z.ZodType<RunOptions>;
}

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
