/**
 * CLI entry of `validate <dir> [--json] [--only prefix,...] [--verbose]`.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { UsageError } from "../engine/run.ts";
import { formatReport, validateDataset } from "./report.ts";
import { BATCH_BYTES } from "./batches.ts";
import { allChecks } from "./registry.ts";
import { openDataset } from "./dataset.ts";

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
      "batch-mb": { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(`Usage: deno task validate <dataset-dir> [--json] [--only prefix,...] [--verbose]
                              [--batch-mb N]

Runs every check that applies to the tables present (schema, keys, foreign
keys, manifest, and each tier's consistency rules) and prints a report.
Exit code 1 when any check fails.

A big dataset is checked in batches of about N MB of chunked tables on disk
(default ${BATCH_BYTES / 2 ** 20}): whole sites or distribution centres, a DC with the stores it
supplies, and a site or DC too big for one batch in time slices that look up
the rows they refer to around the cut (only those of the keys they hold).
Memory follows N, not the scale: at the default N, under 4 GB at scale 100
(bench/README.md); a bigger N is no faster.`);
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
  let batchBytes: number | undefined;
  if (values["batch-mb"] !== undefined) {
    const mb = Number(values["batch-mb"]);
    if (!(mb > 0)) throw new UsageError(`--batch-mb ${values["batch-mb"]}: want a number above 0`);
    batchBytes = mb * 2 ** 20;
  }
  if (!Deno.statSync(dir).isDirectory) {
    throw new UsageError(`${dir} is a file; give a dataset folder`);
  }
  if (openDataset(dir).tables.length === 0) {
    throw new UsageError(
      `${dir} holds no partsflow tables; give a folder a generate run wrote (e.g. data/sf0.01-seed42)`,
    );
  }
  let only: string[] | undefined;
  if (values.only !== undefined) {
    only = values.only.split(",").map((x) => x.trim()).filter(Boolean);
    const names = allChecks().map((c) => c.name);
    const unknown = only.filter((p) => !names.some((n) => n.startsWith(p)));
    if (only.length === 0 || unknown.length) {
      const families = [...new Set(names.map((n) => n.split(".")[0]))].join(", ");
      throw new UsageError(
        `--only ${values.only}: ${
          only.length ? `no check's name starts with '${unknown[0]}'` : "names no check"
        }; give prefixes of check names such as ${families} (see 'deno task validate DIR --verbose')`,
      );
    }
  }
  const report = await validateDataset(dir, {
    only,
    batchBytes,
    onBatch: values.json ? undefined : (done, of) => {
      const msg = `\rchecking batch ${done}/${of}${done === of ? "\n" : ""}`;
      Deno.stderr.writeSync(new TextEncoder().encode(msg));
    },
  });
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report, values.verbose));
  return report.ok ? 0 : 1;
}
