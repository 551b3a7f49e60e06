/**
 * `ground_truth.json`: every effect the generator injected (FX walk, cost
 * shocks, seasonality, elasticities, promotion lifts …), written beside the
 * data so users can check whether their models recover it. Each tier
 * contributes one section.
 *
 * @module
 */

import type { RunContext } from "../world/context.ts";
import { FX_ANCHOR_DAY, FX_DAILY_VOL, FX_REVERSION } from "../world/fx.ts";
import { formatDay } from "../core/dates.ts";
import { retailGroundTruth } from "../tiers/retail/ground_truth.ts";
import { CATALOG_GROUND_TRUTH } from "../catalog/ground_truth.ts";

/** File name of the ground truth in a dataset folder. */
export const GROUND_TRUTH_NAME = "ground_truth.json";

/** The world section: how FX rates were made. */
function worldTruth(ctx: RunContext): Record<string, unknown> {
  return {
    fx: {
      model:
        "log rate follows x[t+1] = (1 - reversion) * x[t] + Normal(0, daily_vol); rate = anchor * exp(x)",
      anchor_day: formatDay(FX_ANCHOR_DAY),
      daily_vol: FX_DAILY_VOL,
      reversion: FX_REVERSION,
      reporting_currency: ctx.options.world.reportingCurrency,
    },
  };
}

/** The whole ground truth of a run (pure). */
export function groundTruth(ctx: RunContext): Record<string, unknown> {
  return {
    seed: ctx.seed,
    scale: ctx.scale,
    period: { start: ctx.options.start, end: ctx.options.end },
    world: worldTruth(ctx),
    catalog: CATALOG_GROUND_TRUTH(ctx),
    retail: retailGroundTruth(ctx),
  };
}
