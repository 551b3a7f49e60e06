/**
 * The manifest written beside a dataset: tool version, options and every file
 * with its row count and checksum. It holds no timestamps or machine facts, so
 * the same seed and options give a byte-identical manifest.
 *
 * @module
 */

import type { RunOptions } from "../options/schema.ts";

/** One written file. */
export interface ManifestFile {
  /** Table the file belongs to. */
  table: string;
  /** Path relative to the dataset folder, with forward slashes (e.g. `sites/part-00000.parquet`). */
  path: string;
  /** Chunk index within the table's plan. */
  chunk: number;
  /** Rows in the file. */
  rows: number;
  /** Size in bytes. */
  bytes: number;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
}

/** The manifest of a dataset folder (`manifest.json`). */
export interface Manifest {
  /** Always "partsflow". */
  tool: "partsflow";
  /** Version of partsflow that wrote the data. */
  version: string;
  /** Seed of the run. */
  seed: number;
  /** Scale factor of the run. */
  scale: number;
  /** Validated options (everything that decides the bytes; not workers, not the shard). */
  options: RunOptions;
  /** The command that reproduces the dataset. */
  command: string;
  /** Rows and files per table. */
  tables: Record<string, { rows: number; files: number }>;
  /** Every file, ordered by table (registry order) then chunk. */
  files: ManifestFile[];
}

/** Name of the manifest file in a dataset folder. */
export const MANIFEST_NAME = "manifest.json";
