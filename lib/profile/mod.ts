/**
 * `partsflow profile <dir>`: the figures a retail or supply-chain analyst
 * would compute, from a dataset's Parquet alone (lazy scans; only aggregates
 * are collected), each beside the public range the generator aims for or the
 * value its `ground_truth.json` states — as a terminal table, JSON, or a
 * Markdown section for the dataset card.
 *
 * ```ts
 * import { profileDataset, formatProfile } from "./lib/profile/mod.ts";
 * console.log(formatProfile(profileDataset("data/sf0.1-seed42")));
 * ```
 *
 * @module
 */

import { GROUND_TRUTH_NAME } from "../engine/ground_truth.ts";
import { type Dataset, openDataset } from "../validate/dataset.ts";
import { PROFILE_SECTIONS } from "./registry.ts";
import { relativeError } from "./stats.ts";
import type { Figure, Profile, ProfiledFigure, ProfileSection } from "./types.ts";

export type { Figure, Profile, ProfiledFigure, ProfileSection, Target } from "./types.ts";
export { PROFILE_SECTIONS } from "./registry.ts";

/** Adds the verdicts (relative error, in range) to a figure. */
export function judge(f: Figure): ProfiledFigure {
  const out: ProfiledFigure = { ...f };
  const err = relativeError(f.value, f.truth);
  if (err !== undefined) out.error = err;
  if (f.target && f.value !== null && Number.isFinite(f.value)) {
    out.inRange = f.value >= f.target.low && f.value <= f.target.high;
  }
  return out;
}

function readTruth(dir: string): Record<string, unknown> {
  try {
    return JSON.parse(Deno.readTextFileSync(`${dir}/${GROUND_TRUTH_NAME}`));
  } catch {
    return {};
  }
}

/** Profiles an opened dataset with the given sections (default: all registered). */
export function profileOf(
  ds: Dataset,
  sections: readonly ProfileSection[] = PROFILE_SECTIONS,
): Profile {
  const truth = readTruth(ds.dir);
  const out: Profile = {
    dir: ds.dir,
    scale: ds.manifest?.scale ?? null,
    seed: ds.manifest?.seed ?? null,
    sections: [],
    skipped: [],
  };
  for (const s of sections) {
    if (s.tables.some((t) => !ds.has(t))) {
      out.skipped.push(s.id);
      continue;
    }
    const t0 = performance.now();
    const figures = s.compute(ds, truth).map(judge);
    out.sections.push({
      id: s.id,
      tier: s.tier,
      title: s.title,
      figures,
      seconds: (performance.now() - t0) / 1000,
    });
  }
  return out;
}

/** Profiles the dataset in `dir`. */
export function profileDataset(dir: string): Profile {
  return profileOf(openDataset(dir));
}

/** A number for a table: magnitude-aware digits, thousands separated. */
export function fmtValue(v: number | null | undefined, unit = ""): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  const a = Math.abs(v);
  const digits = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : 3;
  const s = v.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return unit === "%" ? `${s} %` : s;
}

function compared(f: ProfiledFigure): string {
  if (f.truth !== undefined) return `truth ${fmtValue(f.truth)}`;
  if (f.target) return `${fmtValue(f.target.low)}–${fmtValue(f.target.high)}`;
  return "";
}

function verdict(f: ProfiledFigure): string {
  if (f.error !== undefined) {
    const pct = `${f.error >= 0 ? "+" : ""}${(100 * f.error).toFixed(1)} %`;
    return f.standardError && f.value !== null && f.truth !== undefined
      ? `${pct} (${(Math.abs(f.value - f.truth) / f.standardError).toFixed(1)} s.e.)`
      : pct;
  }
  if (f.inRange !== undefined) return f.inRange ? "in range" : "OUT of range";
  return "";
}

/** The profile as an aligned text table per section, sources listed below each. */
export function formatProfile(p: Profile): string {
  const lines: string[] = [
    `profile of ${p.dir}${p.scale !== null ? ` (scale ${p.scale}, seed ${p.seed})` : ""}`,
  ];
  for (const s of p.sections) {
    lines.push("", `${s.title}  [${s.id}, ${s.seconds.toFixed(1)} s]`);
    const rows = s.figures.map((
      f,
    ) => [f.metric, fmtValue(f.value, f.unit), f.unit, compared(f), verdict(f)]);
    const head = ["figure", "measured", "unit", "target / truth", "error / verdict"];
    const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const fmt = (r: string[]) =>
      r.map((c, i) => (i === 1 ? c.padStart(w[i]) : c.padEnd(w[i]))).join("  ").trimEnd();
    lines.push(fmt(head), w.map((n) => "-".repeat(n)).join("  "));
    for (const r of rows) lines.push(fmt(r));
    const sources = [...new Set(s.figures.flatMap((f) => (f.target ? [f.target.source] : [])))];
    for (const src of sources) lines.push(`  source: ${src}`);
  }
  if (p.skipped.length) lines.push("", `skipped (tables absent): ${p.skipped.join(", ")}`);
  return lines.join("\n");
}

const md = (s: string) => s.replaceAll("|", "\\|");

/** The profile as a Markdown section (for the dataset card): one table per section. */
export function profileMarkdown(p: Profile, heading = "## Profile: what the data shows"): string {
  const out: string[] = [
    heading,
    "",
    "Computed from the Parquet files alone (`deno task profile DIR`), each figure beside the public range the generator aims for or the value `ground_truth.json` states.",
  ];
  for (const s of p.sections) {
    out.push(
      "",
      `### ${s.title}`,
      "",
      "| figure | measured | unit | target / truth | error / verdict |",
      "| --- | ---: | --- | --- | --- |",
    );
    for (const f of s.figures) {
      out.push(
        `| ${md(f.metric)} | ${fmtValue(f.value, f.unit)} | ${md(f.unit)} | ${md(compared(f))} | ${
          verdict(f)
        } |`,
      );
    }
    const sources = [...new Set(s.figures.flatMap((f) => (f.target ? [f.target.source] : [])))];
    if (sources.length) {
      out.push("", "Sources of the ranges:", "", ...sources.map((x) => `- ${md(x)}`));
    }
  }
  return out.join("\n") + "\n";
}
