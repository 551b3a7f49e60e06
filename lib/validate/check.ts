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
  /**
   * Set when the check reads chunked tables of groups that no key links, so
   * that it runs once on the whole dataset, not batch by batch: why, in a few
   * words. Such a check must stay cheap (few columns; see `batches.ts`).
   */
  runsWhole?: string;
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

/**
 * True when the rows of `lf` are in strictly increasing order of `cols`
 * (compared in turn, as a sort would) and none of those columns holds a null:
 * then no two rows share a value of `cols`, and sorting by them changes
 * nothing. One cheap pass over the columns; the engine writes every table in
 * key order, so a check can take a fast path when this holds and run its
 * general query when it does not.
 */
export function strictlyIncreasing(lf: pl.LazyDataFrame, cols: string[]): boolean {
  let after: pl.Expr = pl.lit(false);
  let tied: pl.Expr = pl.lit(true);
  let nulls: pl.Expr = pl.lit(0);
  for (const c of cols) {
    const prev = pl.col(c).shift(1);
    after = after.or(tied.and(pl.col(c).gt(prev)));
    tied = tied.and(pl.col(c).eq(prev));
    nulls = nulls.plus(pl.col(c).nullCount().cast(pl.Int64));
  }
  const r = lf.select(
    pl.len().cast(pl.Int64).alias("rows"),
    after.fillNull(false).cast(pl.Int64).sum().alias("steps_up"),
    nulls.alias("nulls"),
  ).collectSync().toRecords()[0];
  // The first row has no previous one: every other row must step up.
  return Number(r.nulls) === 0 && Number(r.steps_up) >= Number(r.rows) - 1;
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
