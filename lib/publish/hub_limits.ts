/**
 * The Hugging Face Hub's recommendations for repositories and Parquet files,
 * and a check of a publish layout against them (warnings only: files are never
 * rewritten here).
 *
 * Sources: the Hub's "Repository limitations and recommendations" page
 * (files < 20 GB, hard limit 50 GB; < 10k entries per folder; < 100k files per
 * repo; < 100 files per commit) and the dataset viewer, which reads Parquet row
 * groups of at most ~300 MB uncompressed (recommended 100–300 MB).
 *
 * @module
 */

import type { ParquetFooter } from "./parquet_footer.ts";

/** Limits and recommendations of the Hub used by the checks. */
export const HUB_LIMITS = {
  /** Recommended maximum size of one file. */
  recommendedFileBytes: 20e9,
  /** Hard maximum size of one file (larger files are rejected). */
  maxFileBytes: 50e9,
  /** Recommended maximum entries in one folder. */
  maxEntriesPerFolder: 10_000,
  /** Recommended maximum files in one repository. */
  maxFilesPerRepo: 100_000,
  /** Recommended maximum files per commit. */
  maxFilesPerCommit: 100,
  /** Largest row group (uncompressed bytes) the dataset viewer reads. */
  maxRowGroupBytes: 300e6,
} as const;

/** A file of the layout as the checks see it. */
export interface CheckedFile {
  /** Path in the repository. */
  path: string;
  /** Size in bytes. */
  size: number;
  /** Parquet footer, when the file is Parquet and could be read. */
  parquet?: ParquetFooter;
  /** Why the Parquet footer could not be read, if it could not. */
  parquetError?: string;
}

/** Human-readable size: 1.5 kB, 3.2 MB, 20 GB (decimal units, as the Hub shows them). */
export function formatBytes(n: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let u = 0;
  let v = n;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return u === 0 ? `${n} B` : `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[u]}`;
}

/**
 * Checks files against {@link HUB_LIMITS}; returns one warning sentence per
 * problem (empty when everything is within the recommendations).
 */
export function checkHubLimits(files: CheckedFile[]): string[] {
  const warnings: string[] = [];
  if (files.length > HUB_LIMITS.maxFilesPerRepo) {
    warnings.push(
      `${files.length} files: above the Hub's recommended ${HUB_LIMITS.maxFilesPerRepo} files per repository (generate fewer, larger chunks)`,
    );
  }
  const perFolder = new Map<string, number>();
  for (const f of files) {
    const folder = f.path.includes("/") ? f.path.slice(0, f.path.lastIndexOf("/")) : ".";
    perFolder.set(folder, (perFolder.get(folder) ?? 0) + 1);
  }
  for (const [folder, n] of perFolder) {
    if (n > HUB_LIMITS.maxEntriesPerFolder) {
      warnings.push(
        `${folder}/ holds ${n} files: above the Hub's recommended ${HUB_LIMITS.maxEntriesPerFolder} entries per folder`,
      );
    }
  }
  for (const f of files) {
    if (f.size > HUB_LIMITS.maxFileBytes) {
      warnings.push(
        `${f.path} is ${formatBytes(f.size)}: above the Hub's hard limit of ${
          formatBytes(HUB_LIMITS.maxFileBytes)
        } per file; the Hub will reject it (generate smaller chunks)`,
      );
    } else if (f.size > HUB_LIMITS.recommendedFileBytes) {
      warnings.push(
        `${f.path} is ${formatBytes(f.size)}: above the Hub's recommended ${
          formatBytes(HUB_LIMITS.recommendedFileBytes)
        } per file (generate smaller chunks)`,
      );
    }
    if (f.parquetError) warnings.push(`${f.path}: ${f.parquetError}`);
    if (!f.parquet) continue;
    const big = f.parquet.rowGroups
      .map((g, i) => ({ ...g, i }))
      .filter((g) => g.bytes > HUB_LIMITS.maxRowGroupBytes);
    if (big.length) {
      const worst = big.reduce((a, b) => (b.bytes > a.bytes ? b : a));
      warnings.push(
        `${f.path}: ${big.length} row group(s) above ${
          formatBytes(HUB_LIMITS.maxRowGroupBytes)
        } uncompressed (largest: #${worst.i}, ${formatBytes(worst.bytes)}, ${worst.rows} rows); ` +
          `the dataset viewer reads row groups up to ~300 MB (100–300 MB recommended)` +
          (f.parquet.hasPageIndex ? "" : " and the file has no page index") +
          ` — regenerate with a smaller row-group size`,
      );
    }
  }
  return warnings;
}
