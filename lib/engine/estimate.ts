/**
 * How big a run can be, before anything is planned: from the target number of
 * retail sales lines (a formula of scale and period) and the measured number
 * of rows of every table per sales line and bytes per row on disk. An upper
 * bound for runs of some tables only; cheap at any scale (planning a huge run
 * is itself slow, so the bound is checked first).
 *
 * @module
 */

import type { RunOptions } from "../world/config.ts";
import { makeContext } from "../world/context.ts";
import { BYTES_PER_ROW } from "../world/limits.ts";
import { targetLines } from "../tiers/retail/demand.ts";

/**
 * Rows of every table per retail sales line (measured at scale 100: 2,301,334,534 rows for
 * 999,435,268 lines), rounded up.
 */
export const ROWS_PER_LINE = 2.31;
/** Rows that do not grow with scale (world, catalog with the price book), rounded up. */
export const FIXED_ROWS = 150_000;

/** A run's estimated size. */
export interface RunEstimate {
  /** Rows over every table. */
  rows: number;
  /** Bytes on disk (zstd Parquet; CSV about five times more). */
  bytes: number;
}

/** At most how many rows and bytes a run with `options` writes (every shard). */
export function estimateRun(options: RunOptions): RunEstimate {
  const rows = FIXED_ROWS + targetLines(makeContext(options)) * ROWS_PER_LINE;
  const perRow = options.format === "csv" ? BYTES_PER_ROW * 5 : BYTES_PER_ROW;
  return { rows, bytes: rows * perRow };
}
