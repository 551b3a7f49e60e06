/**
 * `ground_truth.json`: every effect the generator injected (FX walk, cost
 * shocks, seasonality, elasticities, promotion lifts …), written beside the
 * data so users can check whether their models recover it. Each tier
 * contributes one section, under its name.
 *
 * @module
 */

import { tiers } from "../tiers/mod.ts";
import type { RunContext } from "../world/context.ts";

/** File name of the ground truth in a dataset folder. */
export const GROUND_TRUTH_NAME = "ground_truth.json";

/** The whole ground truth of a run (pure): the run's identity, then each tier's section. */
export function groundTruth(ctx: RunContext): Record<string, unknown> {
  const out: Record<string, unknown> = {
    seed: ctx.seed,
    scale: ctx.scale,
    period: { start: ctx.options.start, end: ctx.options.end },
  };
  for (const t of tiers()) if (t.groundTruth) out[t.name] = t.groundTruth(ctx);
  return out;
}
