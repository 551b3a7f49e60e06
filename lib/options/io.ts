/**
 * Reads run options from a config file (YAML or JSON, or a dataset's
 * manifest.json) and merges command-line flags over them. A bad value is
 * refused in one line that names the flag as typed (or the config key) and
 * what to give instead.
 *
 * @module
 */

import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { describeZodError, type RunOptions, runOptionsSchema } from "./schema.ts";
import { FIRST_DAY, LAST_DAY } from "../world/limits.ts";

/** Raised for invalid options; the message is one line naming the problem and the fix. */
export class OptionsError extends Error {
  /** Wraps a one-line message. */
  constructor(message: string) {
    super(message);
    this.name = "OptionsError";
  }
}

/** Parses a config file's text (YAML or JSON). A partsflow manifest yields its `options`. */
export function parseConfigText(text: string, name: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = name.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new OptionsError(
      `config ${name}: cannot parse (${e instanceof Error ? e.message.split("\n")[0] : e})`,
    );
  }
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new OptionsError(`config ${name}: want a mapping of options at the top level`);
  }
  const obj = raw as Record<string, unknown>;
  if (obj.tool === "partsflow" && typeof obj.options === "object") {
    return obj.options as Record<string, unknown>;
  }
  return obj;
}

/** The command-line flag of each option that has one. */
export const FLAG_OF: Readonly<Record<string, string>> = {
  scale: "--scale",
  seed: "--seed",
  start: "--start",
  end: "--end",
  format: "--format",
  tables: "--tables",
  rowGroupSize: "--row-group-size",
};

/** What a good value of each option with a flag is (the fix a message proposes). */
const WANT: Readonly<Record<string, string>> = {
  scale: "want a number above 0 and at most 10000 (try 0.01 for a quick dataset)",
  seed: `want a whole number from 0 to ${2 ** 53 - 1}`,
  start: `want a real date written YYYY-MM-DD, from ${FIRST_DAY} to ${LAST_DAY}`,
  end: `want a real date written YYYY-MM-DD, from ${FIRST_DAY} to ${LAST_DAY}`,
  format: "want parquet, csv or arrow",
  tables: "want table names separated by commas (see 'deno task describe')",
  rowGroupSize: "want a whole number of rows from 1024 to 10000000",
};

/**
 * Validates merged options; throws {@link OptionsError} with one clear line.
 * `typed` holds, for options given as flags, the text as the user typed it:
 * a message about one of those names the flag and that text
 * (`--seed 1.5: want a whole number …`); one about a value from the config
 * file names the file and the key (`--config c.yaml: seed: want …`).
 */
export function validateOptions(
  raw: Record<string, unknown>,
  source = "options",
  typed: Record<string, string | undefined> = {},
): RunOptions {
  const where = (key: string) =>
    typed[key] !== undefined
      ? `${FLAG_OF[key]} ${typed[key] === "" ? '""' : typed[key]}`
      : `${source}: ${key}`;
  let o: RunOptions;
  try {
    o = runOptionsSchema().parse(raw);
  } catch (e) {
    if (!(e instanceof z.ZodError)) throw e;
    const issue = e.issues[0];
    const key = String(issue.path[0] ?? "");
    if (key === "end" && /before start/.test(issue.message)) {
      throw new OptionsError(
        `${where("end")}: the end is before the start (${
          String(raw.start ?? "2023-01-01")
        }); give an end on or after the start`,
      );
    }
    if (issue.path.length === 1 && key in WANT) {
      throw new OptionsError(`${where(key)}: ${WANT[key]}`);
    }
    throw new OptionsError(`${source}: ${describeZodError(e)}`);
  }
  if (o.tables && o.tables.length === 0) {
    throw new OptionsError(
      `${where("tables")}: names no table; ${WANT.tables}, or leave it out for every table`,
    );
  }
  for (const key of ["start", "end"] as const) {
    if (o[key] < FIRST_DAY || o[key] > LAST_DAY) {
      throw new OptionsError(
        `${
          where(key)
        }: the world is modelled from ${FIRST_DAY} (FX rates start there) to ${LAST_DAY}; give a date in that range`,
      );
    }
  }
  return o;
}

/** Options from an optional config file with flags laid over it (flags win). */
export async function loadOptions(
  configPath: string | undefined,
  flags: Record<string, unknown>,
  typed: Record<string, string | undefined> = {},
): Promise<RunOptions> {
  let base: Record<string, unknown> = {};
  if (configPath) {
    let text: string;
    try {
      text = await Deno.readTextFile(configPath);
    } catch (e) {
      throw new OptionsError(
        `--config ${configPath}: cannot read (${e instanceof Error ? e.message : e})`,
      );
    }
    base = parseConfigText(text, configPath);
  }
  const merged = { ...base };
  for (const [k, v] of Object.entries(flags)) if (v !== undefined) merged[k] = v;
  return validateOptions(merged, configPath ? `--config ${configPath}` : "options", typed);
}
