/**
 * `ground_truth.json`: every effect the generator injected (FX walk, cost
 * shocks, seasonality, elasticities, promotion lifts …), written beside the
 * data so users can check whether their models recover it. Each tier
 * contributes one section, under its name.
 *
 * The file depends on the run's options alone, never on what else the process
 * has done: a built-in tier's section is always written (it is a function of
 * the options), while a tier registered at run time (a plug-in, or a test's
 * tier, see `registerTier`) adds its section only to a run that writes one of
 * its tables. Otherwise a run in a process that had once imported a plug-in
 * would write another `ground_truth.json` than the same command in a fresh
 * process, for the same data.
 *
 * @module
 */

import type { TierModule } from "../gen/tier.ts";
import { BUILTIN_TIERS, tiers } from "../tiers/mod.ts";
import type { RunContext } from "../world/context.ts";

/** File name of the ground truth in a dataset folder. */
export const GROUND_TRUTH_NAME = "ground_truth.json";

/**
 * Whether a tier has a section in the run's ground truth: a built-in tier
 * always; a tier registered at run time only when the run writes one of its
 * tables (all tables are written when the options name none).
 */
export function inGroundTruth(tier: TierModule, ctx: RunContext): boolean {
  if ((BUILTIN_TIERS as readonly TierModule[]).includes(tier)) return true;
  const only = ctx.options.tables;
  return !only || tier.tables.some((t) => only.includes(t.name));
}

/**
 * The whole ground truth of a run (pure): the run's identity, then the section
 * of each tier that has one ({@link inGroundTruth}).
 */
export function groundTruth(ctx: RunContext): Record<string, unknown> {
  const out: Record<string, unknown> = {
    seed: ctx.seed,
    scale: ctx.scale,
    period: { start: ctx.options.start, end: ctx.options.end },
  };
  for (const t of tiers()) {
    if (t.groundTruth && inGroundTruth(t, ctx)) out[t.name] = t.groundTruth(ctx);
  }
  return out;
}
