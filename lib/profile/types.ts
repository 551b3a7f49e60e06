/**
 * The shapes of a dataset profile: figures computed from the Parquet alone,
 * each beside the range the generator aims for (with its public source) or
 * beside the value `ground_truth.json` states (with the relative error).
 * Each tier contributes sections; one list registers them (see `registry.ts`).
 *
 * @module
 */

import type { Tier } from "../schema/types.ts";
import type { Dataset } from "../validate/dataset.ts";

/** A public range a figure should fall in, and where it comes from. */
export interface Target {
  /** Lower bound (inclusive). */
  low: number;
  /** Upper bound (inclusive). */
  high: number;
  /** The public source: who says so, the figure, and a URL. */
  source: string;
}

/** One measured figure of a profile. */
export interface Figure {
  /** What was measured, e.g. `gross margin` or `weekday index diy Sat`. */
  metric: string;
  /** The measured value; null when the data cannot give it (`note` says why). */
  value: number | null;
  /** Unit of `value` and of `target`/`truth`: `%`, `×`, `days`, `ratio`, a currency … */
  unit: string;
  /** The range the generator aims for, when the figure has a public benchmark. */
  target?: Target;
  /** The value the ground truth states, when the generator injected the effect. */
  truth?: number;
  /** Standard error of `value`, when it is a statistical estimate whose precision grows with the data. */
  standardError?: number;
  /** How it was measured or why it is missing. */
  note?: string;
}

/** A figure with its verdict against its target or truth. */
export interface ProfiledFigure extends Figure {
  /** (value − truth) / |truth| when both are known. */
  error?: number;
  /** Whether the value is inside the target range, when there is one. */
  inRange?: boolean;
}

/** A block of figures of one tier. */
export interface ProfileSection {
  /** Stable id, e.g. `retail.tier`. */
  id: string;
  /** Tier of the supply chain. */
  tier: Tier;
  /** Heading. */
  title: string;
  /** Tables the section needs; a section whose tables are absent is skipped. */
  tables: string[];
  /** Computes the figures from the dataset (lazy scans; only aggregates are collected). */
  compute(ds: Dataset, truth: Record<string, unknown>): Figure[];
}

/** A computed section. */
export interface SectionResult {
  /** Section id. */
  id: string;
  /** Tier. */
  tier: Tier;
  /** Heading. */
  title: string;
  /** Figures with their verdicts. */
  figures: ProfiledFigure[];
  /** Seconds the section took. */
  seconds: number;
}

/** The profile of a dataset. */
export interface Profile {
  /** The dataset folder. */
  dir: string;
  /** Scale and seed from the manifest, when there is one. */
  scale: number | null;
  /** Seed from the manifest. */
  seed: number | null;
  /** Sections in registry order (those whose tables are present). */
  sections: SectionResult[];
  /** Sections skipped because a table they need is absent. */
  skipped: string[];
}
