/**
 * The world's section of `ground_truth.json`: how the FX rates were made.
 *
 * @module
 */

import { formatDay } from "../core/dates.ts";
import type { RunContext } from "./context.ts";
import { FX_ANCHOR_DAY, FX_DAILY_VOL, FX_REVERSION } from "./fx.ts";

/** The world section: how FX rates were made. */
export function worldGroundTruth(ctx: RunContext): Record<string, unknown> {
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
