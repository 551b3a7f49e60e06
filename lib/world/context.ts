/**
 * The run context: everything a pure generator may depend on.
 *
 * @module
 */

import { parseDay } from "../core/dates.ts";
import type { RunOptions } from "../options/schema.ts";

/** The inputs every generator reads: validated options plus derived day numbers. */
export interface RunContext {
  /** Validated options. */
  options: RunOptions;
  /** Seed (copied from options). */
  seed: number;
  /** Scale factor (copied from options). */
  scale: number;
  /** First day of the period (day number). */
  start: number;
  /** Last day of the period, inclusive (day number). */
  end: number;
}

/** Builds the context from validated options. */
export function makeContext(options: RunOptions): RunContext {
  return {
    options,
    seed: options.seed,
    scale: options.scale,
    start: parseDay(options.start),
    end: parseDay(options.end),
  };
}

const memo = new Map<string, unknown>();

/**
 * Memoises a pure model (geography, catalog, price book …) per context, so a
 * worker builds it once however many chunks it generates.
 */
export function memoize<T>(name: string, ctx: RunContext, build: () => T): T {
  const key = name + "\u0000" + JSON.stringify(ctx.options);
  if (!memo.has(key)) {
    if (memo.size > 64) memo.clear();
    memo.set(key, build());
  }
  return memo.get(key) as T;
}
