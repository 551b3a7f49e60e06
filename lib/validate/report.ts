/**
 * Validation reports: run every applicable check on a folder, and print the
 * result for people (text) or machines (JSON).
 *
 * @module
 */

import { type Check, type CheckResult, runChecks, SAMPLE_ROWS } from "./check.ts";
import { batchDataset, type Dataset, openDataset } from "./dataset.ts";
import { allChecks } from "./registry.ts";
import { type Batch, BATCH_BYTES, keysDisjointCheck, placementOf, planBatches } from "./batches.ts";
import { inMemory, releaseNativeMemory, tablesToLoad } from "./memory.ts";
import { exportDuckDb, hasDuckDb } from "./duckdb.ts";

/** A validation report. */
export interface Report {
  /** The folder checked. */
  dir: string;
  /** True when no check failed. */
  ok: boolean;
  /** Counts by status. */
  passed: number;
  /** Checks that failed. */
  failed: number;
  /** Checks skipped because a table is absent. */
  skipped: number;
  /** Every check's result. */
  results: CheckResult[];
  /** Batches of chunks the chunked tables were checked in (1: one pass). */
  batches: number;
}

/** Options of {@link validateDataset}. */
export interface ValidateOptions {
  /** Only the checks whose name starts with one of these. */
  only?: string[];
  /** Bytes of chunked tables per batch (see `lib/validate/batches.ts`). */
  batchBytes?: number;
  /**
   * Called once the checks that read whole tables are done (`done` 0, no
   * batch), then after each batch with the batch just checked (for progress).
   */
  onBatch?: (done: number, of: number, batch?: Batch) => void;
  /**
   * Read each table that several checks use into memory once per batch, up
   * to twice `batchBytes` of files (see `lib/validate/memory.ts`); default
   * true. False scans the files in every check: slower, the same findings.
   */
  inMemory?: boolean;
  /** Only the batches (0-based, in plan order) it accepts are checked: for measuring one. */
  batchFilter?: (index: number, batch: Batch) => boolean;
  /** Checks whose name starts with one of these are not run. */
  exclude?: string[];
  /** More checks to run (those of a DuckDB database, see `lib/validate/duckdb.ts`). */
  extraChecks?: Check[];
}

/**
 * Runs `checks` on `ds`; with a `cap` (bytes), the tables several of them read
 * are read into memory once, up to `cap` bytes of files (see
 * {@link tablesToLoad}), and dropped (their memory returned) when the checks
 * are done.
 */
async function runLoaded(ds: Dataset, checks: Check[], cap: number): Promise<CheckResult[]> {
  if (cap <= 0) return await runChecks(ds, checks);
  const mem = inMemory(ds, tablesToLoad(ds, checks, cap));
  try {
    return await runChecks(mem, checks);
  } finally {
    mem.release();
    await releaseNativeMemory();
  }
}

/** Adds one batch's result of a check to the results so far (counts add up, samples fill up). */
function mergeInto(merged: Map<string, CheckResult>, r: CheckResult): void {
  const m = merged.get(r.name);
  if (!m) {
    merged.set(r.name, { ...r, sample: [...r.sample] });
    return;
  }
  // A check skipped in one batch (a table with no rows there) but run in another is run.
  if (m.status === "skip" && r.status !== "skip") {
    merged.set(r.name, { ...r, sample: [...r.sample], seconds: m.seconds + r.seconds });
    return;
  }
  if (r.status === "skip") return;
  m.violations += r.violations;
  m.sample.push(...r.sample.slice(0, SAMPLE_ROWS - m.sample.length));
  m.detail ??= r.detail;
  m.seconds += r.seconds;
  if (r.status === "fail") m.status = "fail";
}

/**
 * Validates a dataset folder with every check (or those whose name starts
 * with one of `only`). A big dataset is checked in batches of chunks (see
 * `lib/validate/batches.ts`): the checks that read its chunked tables run once
 * per batch and their findings are added up. The tables several checks read
 * are read into memory once per batch, or once for a dataset checked in one
 * pass, up to twice the batch budget of files (see `lib/validate/memory.ts`;
 * unless `inMemory` is false).
 */
export async function validateDataset(
  dir: string,
  opts: string[] | ValidateOptions = {},
): Promise<Report> {
  const o: ValidateOptions = Array.isArray(opts) ? { only: opts } : opts;
  if (hasDuckDb(dir)) {
    // A DuckDB dataset: its tables are read back out of the database and checked as Parquet.
    const db = await exportDuckDb(dir);
    try {
      // The copy has no manifest of its own: the database's row counts are checked against
      // the dataset's manifest by the DuckDB checks instead (a missing manifest fails there).
      const r = await validateDataset(db.dir, {
        ...o,
        extraChecks: db.checks,
        exclude: [...(o.exclude ?? []), "manifest."],
      });
      return { ...r, dir };
    } finally {
      await db.close();
    }
  }
  const ds = openDataset(dir);
  if (ds.tables.length === 0) throw new Error(`${dir} holds no partsflow tables`);
  const budget = o.batchBytes ?? BATCH_BYTES;
  const plan = planBatches(ds, budget);
  // A batch is read into memory whole unless a long chain makes it over twice the budget.
  const cap = o.inMemory === false ? 0 : 2 * budget;
  const picked = (c: Check) =>
    (!o.only || o.only.some((p) => c.name.startsWith(p))) &&
    !(o.exclude ?? []).some((p) => c.name.startsWith(p));
  const checks = [
    ...allChecks(),
    ...(o.extraChecks ?? []),
    ...(plan ? [keysDisjointCheck(plan)] : []),
  ].filter(picked);
  let results: CheckResult[];
  if (!plan) {
    results = await runLoaded(ds, checks, cap);
  } else {
    const place = new Map(checks.map((c) => [c, placementOf(plan, c)]));
    const whole = await runLoaded(ds, checks.filter((c) => place.get(c)!.kind === "whole"), cap);
    for (const r of whole) {
      const c = checks.find((x) => x.name === r.name)!;
      const p = place.get(c)!;
      if (p.kind === "whole" && p.unlinked && !c.runsWhole) {
        r.detail = `${r.detail ? `${r.detail}; ` : ""}read whole: its groups are not linked`;
      }
    }
    o.onBatch?.(0, plan.batches.length);
    const merged = new Map<string, CheckResult>();
    for (const [k, batch] of plan.batches.entries()) {
      if (o.batchFilter && !o.batchFilter(k, batch)) continue;
      const mine = checks.filter((c) => {
        const p = place.get(c)!;
        return p.kind === "batches" && p.group === batch.group;
      });
      for (const r of await runLoaded(batchDataset(ds, plan, batch), mine, cap)) {
        mergeInto(merged, r);
      }
      o.onBatch?.(k + 1, plan.batches.length, batch);
    }
    const byName = new Map([...whole, ...merged.values()].map((r) => [r.name, r]));
    // Every check has a result, unless a batch filter left out all the batches of its group.
    results = checks.flatMap((c) => byName.get(c.name) ?? []);
  }
  const failed = results.filter((r) => r.status === "fail").length;
  return {
    dir,
    ok: failed === 0,
    passed: results.filter((r) => r.status === "pass").length,
    failed,
    skipped: results.filter((r) => r.status === "skip").length,
    results,
    batches: plan ? plan.batches.length : 1,
  };
}

/** The report as text: one line per check, and samples under failures. */
export function formatReport(r: Report, verbose = false): string {
  const lines: string[] = [`validate ${r.dir}`];
  const w = Math.max(...r.results.map((x) => x.name.length));
  for (const x of r.results) {
    if (x.status === "skip" && !verbose) continue;
    const mark = x.status === "pass" ? "ok  " : x.status === "fail" ? "FAIL" : "skip";
    lines.push(
      `  ${mark} ${x.name.padEnd(w)}  ${x.status === "fail" ? `${x.violations} violation(s)` : ""}${
        x.detail && x.status !== "pass" ? `  ${x.detail}` : ""
      }`,
    );
    if (x.status === "fail") {
      lines.push(`       ${x.description}`);
      for (const s of x.sample) lines.push(`       e.g. ${JSON.stringify(s)}`);
    }
  }
  lines.push(
    `${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${
      r.batches > 1 ? ` (chunked tables checked in ${r.batches} batches)` : ""
    }`,
  );
  return lines.join("\n");
}
