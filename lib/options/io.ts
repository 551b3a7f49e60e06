/**
 * Reads run options from a config file (YAML or JSON, or a dataset's
 * manifest.json) and merges command-line flags over them.
 *
 * @module
 */

import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { describeZodError, type RunOptions, runOptionsSchema } from "./schema.ts";

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

/** Validates merged options; throws {@link OptionsError} with one clear line. */
export function validateOptions(raw: Record<string, unknown>, source = "options"): RunOptions {
  try {
    return runOptionsSchema().parse(raw);
  } catch (e) {
    if (e instanceof z.ZodError) throw new OptionsError(`${source}: ${describeZodError(e)}`);
    throw e;
  }
}

/** Options from an optional config file with flags laid over it (flags win). */
export async function loadOptions(
  configPath: string | undefined,
  flags: Record<string, unknown>,
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
  return validateOptions(merged, configPath ? `--config ${configPath}` : "options");
}
