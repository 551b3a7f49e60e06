/**
 * The dataset a notebook works on: generated on first use from the notebook's
 * parameters, reused afterwards (the generator resumes, so a complete folder
 * made with the same options costs nothing), then opened for reading.
 *
 * @module
 */

import { generate, type GenerateResult } from "../engine/run.ts";
import { type Dataset, openDataset } from "../validate/dataset.ts";
import { displayPath, type ResolvedParams } from "./params.ts";
import { fmtInt } from "./display.ts";

/** A notebook's dataset: the opened folder and what the generator did. */
export interface NotebookDataset {
  /** The opened dataset (lazy Polars scans per table). */
  ds: Dataset;
  /** The folder as the notebook prints it (relative). */
  path: string;
  /** What this call's generate run did (nothing written when it was already complete). */
  run: GenerateResult;
  /** One line on what happened. */
  summary: string;
}

/** One line on what a generate run did: files, tables and rows, and whether it wrote or reused them. */
export function describeRun(run: GenerateResult): string {
  const m = run.manifest;
  if (!m) {
    return `wrote ${
      fmtInt(run.rows)
    } rows in ${run.written} chunk(s); the dataset is not complete yet`;
  }
  const rows = Object.values(m.tables).reduce((a, t) => a + t.rows, 0);
  const what = `${m.files.length} files, ${Object.keys(m.tables).length} tables, ${
    fmtInt(rows)
  } rows`;
  return run.written === 0
    ? `${what} — already complete, reused`
    : `${what} — generated in ${run.seconds.toFixed(1)} s`;
}

/**
 * Makes sure the dataset of `params` exists (generating what is missing; a
 * folder holding another run's data is replaced) and opens it.
 */
export async function ensureDataset(params: ResolvedParams): Promise<NotebookDataset> {
  const run = await generate({
    options: params.options,
    out: params.out,
    workers: params.workers,
    quiet: true,
    overwrite: true,
  });
  const path = displayPath(params.out);
  const summary = `dataset ${path}: ${describeRun(run)}`;
  return { ds: openDataset(params.out), path, run, summary };
}
