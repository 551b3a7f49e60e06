/**
 * Notebook parameters: the first code cell of every notebook declares them
 * (scale, seed, dates, output folder) and environment variables override them,
 * so CI can run every notebook small without editing it.
 *
 * | parameter | environment variable |
 * |---|---|
 * | scale | `PARTSFLOW_SCALE` |
 * | seed | `PARTSFLOW_SEED` |
 * | start | `PARTSFLOW_START` |
 * | end | `PARTSFLOW_END` |
 * | out | `PARTSFLOW_OUT` |
 * | workers | `PARTSFLOW_WORKERS` |
 * | repo (notebook 06) | `PARTSFLOW_REPO` |
 *
 * @module
 */

import { isAbsolute, relative } from "node:path";
import type { RunOptions } from "../options/schema.ts";
import { validateOptions } from "../options/io.ts";

/** What a notebook's parameter cell declares. */
export interface NotebookParams {
  /** Scale factor (SF): 1 ≈ 10 million retail sales lines; stores and customers grow with it. */
  scale: number;
  /** Seed: the same seed and options give the same data, byte for byte. */
  seed: number;
  /** First day of the period (YYYY-MM-DD). */
  start: string;
  /** Last day of the period (YYYY-MM-DD). */
  end: string;
  /**
   * Output folder, relative to the notebook; "auto" gives `../data/sf<scale>-seed<seed>`
   * (the folder `deno task generate` uses), with the dates appended when they differ
   * from the defaults.
   */
  out: string;
  /** Parallel workers for generating (default: number of cores). */
  workers?: number;
}

/** Parameters after environment overrides, with validated generator options. */
export interface ResolvedParams extends Required<NotebookParams> {
  /** Generator options built from the parameters (defaults for everything else). */
  options: RunOptions;
  /** Parameters that came from environment variables. */
  fromEnv: string[];
}

/** The environment variable that overrides each parameter. */
export const PARAM_ENV: Readonly<Record<keyof NotebookParams, string>> = {
  scale: "PARTSFLOW_SCALE",
  seed: "PARTSFLOW_SEED",
  start: "PARTSFLOW_START",
  end: "PARTSFLOW_END",
  out: "PARTSFLOW_OUT",
  workers: "PARTSFLOW_WORKERS",
};

/**
 * The environment variable that overrides notebook 06's target repo
 * (`owner/name`); see `lib/notebook/publish.ts`.
 */
export const REPO_ENV = "PARTSFLOW_REPO";

/** The defaults every notebook starts from (SF 0.01, seed 42, 2023–2025). */
export const DEFAULT_PARAMS: Readonly<NotebookParams> = {
  scale: 0.01,
  seed: 42,
  start: "2023-01-01",
  end: "2025-12-31",
  out: "auto",
};

function envNumber(name: string, raw: string, int: boolean): number {
  const v = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(v) || (int && !Number.isInteger(v))) {
    throw new Error(`${name}=${raw}: want ${int ? "an integer" : "a number"}`);
  }
  return v;
}

/**
 * Resolves a notebook's parameters: `declared` (the cell's values, over the
 * defaults) with environment variables laid over them. Throws one clear line
 * for a bad value.
 */
export function notebookParams(
  declared: Partial<NotebookParams> = {},
  env: Record<string, string | undefined> = Deno.env.toObject(),
): ResolvedParams {
  const p: NotebookParams = { ...DEFAULT_PARAMS, ...declared };
  const fromEnv: string[] = [];
  for (const [key, name] of Object.entries(PARAM_ENV) as [keyof NotebookParams, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === "") continue;
    fromEnv.push(key);
    if (key === "scale") p.scale = envNumber(name, raw, false);
    else if (key === "seed") p.seed = envNumber(name, raw, true);
    else if (key === "workers") p.workers = envNumber(name, raw, true);
    else p[key] = raw;
  }
  const options = validateOptions(
    { scale: p.scale, seed: p.seed, start: p.start, end: p.end },
    "notebook parameters",
  );
  let out = p.out;
  if (out === "auto") {
    out = `../data/sf${options.scale}-seed${options.seed}`;
    if (options.start !== DEFAULT_PARAMS.start || options.end !== DEFAULT_PARAMS.end) {
      out += `-${options.start}_${options.end}`;
    }
  }
  const workers = p.workers ?? Math.max(1, navigator.hardwareConcurrency ?? 1);
  if (workers < 1) throw new Error(`workers: want at least 1 (got ${workers})`);
  return {
    scale: options.scale,
    seed: options.seed,
    start: options.start,
    end: options.end,
    out,
    workers,
    options,
    fromEnv,
  };
}

/**
 * A path as a notebook should print it: relative to the notebook's folder (the
 * kernel's working directory), never a machine path.
 */
export function displayPath(path: string, from: string = Deno.cwd()): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(from, path);
  return rel === "" ? "." : rel;
}

/** One line describing the parameters (for the parameter cell's output). */
export function describeParams(p: ResolvedParams): string {
  const env = p.fromEnv.length
    ? `  (from the environment: ${
      p.fromEnv.map((k) => PARAM_ENV[k as keyof NotebookParams]).join(", ")
    })`
    : "";
  return `scale ${p.scale} · seed ${p.seed} · ${p.start} → ${p.end} · out ${
    displayPath(p.out)
  }${env}`;
}
