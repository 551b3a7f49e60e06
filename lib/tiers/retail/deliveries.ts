/**
 * Days on which a site can take a delivery from its distribution centre: the
 * days its country's shops trade. A store receives only on its own open days;
 * an online shop sells every day, but its deliveries come by the same trucks,
 * which do not run on a closed holiday, nor on Sunday where shops close on
 * Sundays (Germany).
 *
 * @module
 */

import { isoWeekday } from "../../core/dates.ts";
import { holidays } from "../../world/calendar.ts";
import type { RunContext } from "../../world/context.ts";
import { SUNDAY_CLOSED } from "./params.ts";

/**
 * Per day index of the run, 1 when shops of `country` trade (no closed
 * holiday, and not a Sunday where Sunday closing holds), else 0.
 */
export function shopDays(ctx: RunContext, country: string): Uint8Array {
  const n = ctx.end - ctx.start + 1;
  const out = new Uint8Array(n).fill(1);
  for (const h of holidays([country], ctx.start, ctx.end)) {
    if (h.storesClosed) out[h.day - ctx.start] = 0;
  }
  if (SUNDAY_CLOSED.has(country)) {
    for (let i = 0; i < n; i++) if (isoWeekday(ctx.start + i) === 7) out[i] = 0;
  }
  return out;
}
