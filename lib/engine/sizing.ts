/**
 * Sizing a run by rows instead of scale: `--rows N` asks for N lines in the
 * main sales table, `retail_transaction_lines`. The retail demand plan spreads
 * exactly `retail.linesPerScale × scale × days / 1096` expected lines over the
 * sites and days, so the scale that asks for N lines is a division; the lines
 * drawn then land within 1 % of N (tested from 100 k rows up).
 *
 * @module
 */

import type { RunOptions } from "../options/schema.ts";
import { requestedLines } from "../options/volume.ts";
import { UsageError } from "./run.ts";

/** The table `--rows` sizes. */
export const SIZED_TABLE = "retail_transaction_lines";

/** Fewest rows `--rows` accepts (below, one store's day-to-day noise is over 1 %). */
export const MIN_ROWS = 10_000;

/**
 * The scale factor at which `options` (period, retail settings) expect `rows`
 * lines in {@link SIZED_TABLE}, rounded to 6 significant digits so that it
 * reads well in folder names and manifests.
 */
export function scaleForRows(options: RunOptions, rows: number): number {
  if (!(Number.isInteger(rows) && rows >= MIN_ROWS)) {
    throw new UsageError(
      `--rows ${rows}: want a whole number of sales lines from ${MIN_ROWS} up (or use --scale)`,
    );
  }
  const perScale = requestedLines({ ...options, scale: 1 });
  return Number((rows / perScale).toPrecision(6));
}
