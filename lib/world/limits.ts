/**
 * What the world can model, and how big a run partsflow will attempt.
 *
 * FX rates are a random walk anchored on 2015-01-01 (see `fx.ts`), so no day
 * before it has a rate; the calendar, holidays and price periods are written
 * for years up to 2099. A period outside [{@link FIRST_DAY}, {@link LAST_DAY}]
 * is refused before anything is written, as is a run whose estimated size on
 * disk passes {@link MAX_ESTIMATED_BYTES}.
 *
 * @module
 */

/** First day the world can model (the FX anchor). */
export const FIRST_DAY = "2015-01-01";
/** Last day the world can model. */
export const LAST_DAY = "2099-12-31";
/**
 * Bytes of zstd Parquet per row, on average over the whole dataset (measured:
 * 2.59 GiB for 230 M rows at scale 10, 27.8 GB for 2.3 G rows at scale 100).
 */
export const BYTES_PER_ROW = 12.1;
/** The largest run partsflow attempts: 1 TB of estimated files (about scale 3,500 over three years). */
export const MAX_ESTIMATED_BYTES = 1e12;

/** "1.2 GB", "830 MB": bytes for people (powers of 1000). */
export function fmtBytes(b: number): string {
  const units = ["B", "kB", "MB", "GB", "TB", "PB"];
  let i = 0;
  while (b >= 1000 && i < units.length - 1) (b /= 1000, i++);
  return `${b >= 100 || i === 0 ? Math.round(b) : b.toFixed(1)} ${units[i]}`;
}
