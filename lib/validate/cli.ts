/**
 * CLI entry of `validate <dir> [--json] [--only prefix,...] [--verbose]`.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { UsageError } from "../engine/run.ts";
import { formatReport, validateDataset } from "./report.ts";

/** Runs `validate`; exit code 0 when every check passes, 1 on any failure. */
export async function validateMain(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      json: { type: "boolean" },
      only: { type: "string" },
      verbose: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(`Usage: deno task validate <dataset-dir> [--json] [--only prefix,...] [--verbose]

Runs every check that applies to the tables present (schema, keys, foreign
keys, manifest, and each tier's consistency rules) and prints a report.
Exit code 1 when any check fails.`);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      "validate needs one dataset folder, e.g. deno task validate data/sf0.01-seed42",
    );
  }
  const dir = positionals[0];
  try {
    Deno.statSync(dir);
  } catch {
    throw new UsageError(`${dir}: no such folder`);
  }
  const report = await validateDataset(dir, values.only?.split(","));
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report, values.verbose));
  return report.ok ? 0 : 1;
}
