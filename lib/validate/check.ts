/**
 * The validator frame: a check is a named function over a dataset's tables
 * that returns its violations (a count and sample rows).
 *
 * @module
 */

import pl from "nodejs-polars";
import type { Dataset } from "./dataset.ts";

/** What a check found. */
export interface Finding {
  /** Number of violations (rows, keys or files, as the check describes). */
  violations: number;
  /** Up to a few violating rows. */
  sample: Record<string, unknown>[];
  /** Optional extra words (what was compared). */
  detail?: string;
}

/** A named consistency or realism check. */
export interface Check {
  /** Unique name, e.g. `foreign_key.sites.segment_id`. */
  name: string;
  /** What must hold, in one sentence. */
  description: string;
  /** Tables that must be present for the check to run. */
  tables: string[];
  /** Runs the check. */
  run(ds: Dataset): Finding | Promise<Finding>;
}

/** The outcome of one check in a report. */
export interface CheckResult extends Finding {
  /** Check name. */
  name: string;
  /** What must hold. */
  description: string;
  /** pass, fail, or skip (a table it needs is absent). */
  status: "pass" | "fail" | "skip";
  /** Seconds the check took. */
  seconds: number;
}

/** Rows to keep as a sample of violations. */
export const SAMPLE_ROWS = 5;

/** Turns values Polars returns (bigint, Date) into JSON-friendly ones. */
export function plainRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = typeof v === "bigint"
      ? Number(v)
      : v instanceof Date
      ? v.toISOString().slice(0, 10)
      : v;
  }
  return out;
}

/** Counts the rows of a lazy frame of violations and keeps a sample. */
export function findingOf(violating: pl.LazyDataFrame, detail?: string): Finding {
  const df = violating.collectSync();
  return {
    violations: df.height,
    sample: df.head(SAMPLE_ROWS).toRecords().map(plainRow),
    ...(detail ? { detail } : {}),
  };
}

/** Runs checks on a dataset, skipping those whose tables are absent. */
export async function runChecks(ds: Dataset, checks: Check[]): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const c of checks) {
    const t0 = performance.now();
    const missing = c.tables.filter((t) => !ds.has(t));
    if (missing.length) {
      out.push({
        name: c.name,
        description: c.description,
        status: "skip",
        violations: 0,
        sample: [],
        detail: `needs ${missing.join(", ")}`,
        seconds: 0,
      });
      continue;
    }
    let f: Finding;
    try {
      f = await c.run(ds);
    } catch (e) {
      f = {
        violations: 1,
        sample: [],
        detail: `check could not run: ${e instanceof Error ? e.message.split("\n")[0] : e}`,
      };
    }
    out.push({
      name: c.name,
      description: c.description,
      status: f.violations === 0 ? "pass" : "fail",
      ...f,
      seconds: (performance.now() - t0) / 1000,
    });
  }
  return out;
}
