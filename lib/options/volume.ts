/**
 * How many retail sales lines a run's options ask for: the one formula behind
 * the retail tier's demand plan, the engine's size estimate and `--rows`.
 *
 * @module
 */

import { parseDay } from "../core/dates.ts";
import type { RunOptions } from "./schema.ts";

/** Days in the default period (2023-01-01 … 2025-12-31), the unit of `retail.linesPerScale`. */
export const DEFAULT_PERIOD_DAYS = 1096;

/** `retail.linesPerScale` × scale × days / {@link DEFAULT_PERIOD_DAYS}. */
export function requestedLines(options: RunOptions): number {
  const days = parseDay(options.end) - parseDay(options.start) + 1;
  return options.retail.linesPerScale * options.scale * days / DEFAULT_PERIOD_DAYS;
}
