/**
 * How big a run can be, before anything is planned: from the target number of
 * retail sales lines (a formula of scale and period) and the measured number
 * of rows of every table per sales line and bytes per row on disk. An upper
 * bound for runs of some tables only; cheap at any scale (planning a huge run
 * is itself slow, so the bound is checked first).
 *
 * @module
 */

import type { RunOptions } from "../options/schema.ts";
import { requestedLines } from "../options/volume.ts";
import { BYTES_PER_ROW } from "../world/limits.ts";

/**
 * Rows of every table per retail sales line, rounded up: 2.31 for the retail
 * tier (measured at scale 100: 2,301,334,534 rows for 999,435,268 lines) and
 * 1.3 for the distribution tier (measured at scale 1: 12.4 M rows for 10 M lines).
 */
export const ROWS_PER_LINE = 3.61;
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
  const rows = FIXED_ROWS + requestedLines(options) * ROWS_PER_LINE;
  const perRow = options.format === "csv" ? BYTES_PER_ROW * 5 : BYTES_PER_ROW;
  return { rows, bytes: rows * perRow };
}
