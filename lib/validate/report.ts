/**
 * Validation reports: run every applicable check on a folder, and print the
 * result for people (text) or machines (JSON).
 *
 * @module
 */

import { type CheckResult, runChecks } from "./check.ts";
import { openDataset } from "./dataset.ts";
import { allChecks } from "./registry.ts";

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
}

/** Validates a dataset folder with every check (or those whose name starts with one of `only`). */
export async function validateDataset(dir: string, only?: string[]): Promise<Report> {
  const ds = openDataset(dir);
  if (ds.tables.length === 0) throw new Error(`${dir} holds no partsflow tables`);
  const checks = allChecks().filter((c) => !only || only.some((p) => c.name.startsWith(p)));
  const results = await runChecks(ds, checks);
  const failed = results.filter((r) => r.status === "fail").length;
  return {
    dir,
    ok: failed === 0,
    passed: results.filter((r) => r.status === "pass").length,
    failed,
    skipped: results.filter((r) => r.status === "skip").length,
    results,
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
  lines.push(`${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  return lines.join("\n");
}
