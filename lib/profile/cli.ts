/**
 * `deno task profile <dir> [--json] [--markdown]`: prints a dataset's profile.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { UsageError } from "../engine/run.ts";
import { formatProfile, profileDataset, profileMarkdown } from "./mod.ts";

const HELP = `Usage: deno task profile <dir> [options]

Computes, from the dataset's files alone, the figures an analyst checks — per tier: revenue,
gross margin, inventory turns and days of supply, fill rate, on-time rate, DSO; for retail:
weekday and seasonal indices, holiday effect, promotion lift by mechanic, price elasticity by
kind, SKU Pareto, basket size, own-brand share — each beside the public range the generator
aims for (with its source) or the value ground_truth.json states (with the error).

Options:
  --json        print the profile as JSON
  --markdown    print the profile as a Markdown section (as the dataset card includes it)
  --help        this text`;

/** Runs `profile`; returns the exit code. */
export function profileMain(args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      json: { type: "boolean" },
      markdown: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      "profile: give one dataset folder, e.g. deno task profile data/sf0.01-seed42",
    );
  }
  const dir = positionals[0];
  try {
    if (!Deno.statSync(dir).isDirectory) throw new Error();
  } catch {
    throw new UsageError(`profile ${dir}: no such folder (generate one with 'deno task generate')`);
  }
  const p = profileDataset(dir);
  if (p.sections.length === 0) {
    throw new UsageError(
      `profile ${dir}: no section applies (the retail tables are absent); generate without --tables`,
    );
  }
  if (values.json) console.log(JSON.stringify(p, null, 2));
  else if (values.markdown) console.log(profileMarkdown(p));
  else console.log(formatProfile(p));
  return 0;
}
