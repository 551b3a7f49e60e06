/**
 * `deno task bench`: wall time, rows/s, rows/s per core, bytes and peak memory
 * for each table family and the whole dataset, at several scales and worker
 * counts; side by side with DuckDB writing the same shape as
 * `retail_transaction_lines` and with a naive Faker row-object baseline; and a
 * profile of where our time goes. Medians of `--repeat` runs. Results are
 * printed and written to `bench/results/latest.json`.
 *
 *   deno task bench [--scales 0.1,1,10] [--workers 1,2] [--repeat 3] [--families]
 *                   [--faker-rows 100000] [--results bench/results/latest.json]
 *
 * Timings are measurements, never pass/fail: the machines are shared and noisy.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { allTables } from "../lib/schema/registry.ts";
import type { Tier } from "../lib/schema/types.ts";
import { type BenchResult, evaluateTargets } from "./targets.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    scales: { type: "string", default: "0.1,1" },
    workers: { type: "string", default: "1,2" },
    repeat: { type: "string", default: "3" },
    families: { type: "boolean", default: false },
    "faker-rows": { type: "string", default: "100000" },
    table: { type: "string", default: "retail_transaction_lines" },
    results: { type: "string", default: "bench/results/latest.json" },
    help: { type: "boolean" },
  },
});
if (values.help) {
  console.log(
    "Usage: deno task bench [--scales 0.1,1,10] [--workers 1,2] [--repeat 3] [--families] [--faker-rows N] [--results FILE.json]",
  );
  Deno.exit(0);
}

const root = new URL("../", import.meta.url).pathname;
const scales = values.scales!.split(",").map(Number);
const workerCounts = values.workers!.split(",").map(Number);
const repeat = Number(values.repeat);
const peerTable = values.table!;

interface Measured {
  seconds: number;
  rows: number;
  bytes: number;
  peakMiB: number | null;
  /** CPU seconds (user + system) of the whole process, when /usr/bin/time could tell. */
  cpuSeconds: number | null;
  // deno-lint-ignore no-explicit-any
  extra: any;
}

/** As `deno task generate` runs: lets the engine collect Polars frames when memory runs high. */
const GC_FLAG = "--v8-flags=--expose-gc";

/** Runs a deno script under /usr/bin/time; returns its JSON line plus wall time and peak RSS. */
async function measure(script: string, args: string[]): Promise<Measured> {
  const hasTime = await Deno.stat("/usr/bin/time").then(() => true, () => false);
  const cmd = hasTime ? "/usr/bin/time" : Deno.execPath();
  const cmdArgs = hasTime
    ? [
      "-f",
      "PEAK_KB %M CPU_S %U %S",
      Deno.execPath(),
      "run",
      "-A",
      GC_FLAG,
      `${root}${script}`,
      ...args,
    ]
    : ["run", "-A", GC_FLAG, `${root}${script}`, ...args];
  const t0 = performance.now();
  const out = await new Deno.Command(cmd, {
    args: cmdArgs,
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const wall = (performance.now() - t0) / 1000;
  const stdout = new TextDecoder().decode(out.stdout),
    stderr = new TextDecoder().decode(out.stderr);
  if (!out.success) throw new Error(`${script} failed: ${stderr}`);
  const json = JSON.parse(stdout.trim().split("\n").pop()!);
  const kb = /PEAK_KB (\d+)/.exec(stderr);
  const cpu = /CPU_S ([\d.]+) ([\d.]+)/.exec(stderr);
  return {
    seconds: json.seconds ?? wall,
    rows: json.rows,
    bytes: json.bytes,
    peakMiB: kb ? Number(kb[1]) / 1024 : null,
    // Includes process start-up; cores busy = CPU seconds / wall seconds of the process.
    cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : null,
    extra: { ...json, processSeconds: wall },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function medianOf(script: string, args: string[]): Promise<Measured> {
  const runs: Measured[] = [];
  for (let r = 0; r < repeat; r++) runs.push(await measure(script, args));
  const m = median(runs.map((x) => x.seconds));
  const pick = runs.find((x) => x.seconds === m)!;
  return { ...pick, peakMiB: Math.max(...runs.map((x) => x.peakMiB ?? 0)) || null };
}

const tmp = await Deno.makeTempDir({ prefix: "partsflow-bench-" });
const families: { name: string; tables?: string }[] = [{ name: "whole dataset" }];
if (values.families) {
  for (const tier of [...new Set(allTables().map((t) => t.tier))] as Tier[]) {
    families.push({
      name: tier,
      tables: allTables().filter((t) => t.tier === tier).map((t) => t.name).join(","),
    });
  }
}

const results: (BenchResult & Record<string, unknown>)[] = [];
const fmt = (n: number, d = 1) => n.toLocaleString("en-US", { maximumFractionDigits: d });
console.log(
  `partsflow bench: scales ${scales.join(", ")}, workers ${
    workerCounts.join(", ")
  }, median of ${repeat}`,
);
console.log(
  [
    "family",
    "SF",
    "workers",
    "rows",
    "wall s",
    "rows/s",
    "rows/s/core",
    "MiB written",
    "peak MiB",
    "cores busy",
  ].join("\t"),
);
for (const scale of scales) {
  for (const fam of families) {
    for (const w of workerCounts) {
      const args = ["--scale", String(scale), "--workers", String(w), "--out", `${tmp}/run`];
      if (fam.tables) args.push("--tables", fam.tables);
      const m = await medianOf("bench/run_one.ts", args);
      const rps = m.rows / m.seconds;
      results.push({
        kind: "partsflow",
        family: fam.name,
        scale,
        workers: w,
        rows: m.rows,
        seconds: m.seconds,
        rowsPerSec: rps,
        rowsPerSecPerCore: rps / w,
        bytes: m.bytes,
        peakMiB: m.peakMiB,
        cpuSeconds: m.cpuSeconds,
        coresBusy: m.cpuSeconds === null ? null : m.cpuSeconds / m.extra.processSeconds,
        tables: m.extra.tables,
        profile: m.extra.profile,
      });
      console.log(
        [
          fam.name,
          scale,
          w,
          m.rows,
          fmt(m.seconds, 2),
          fmt(rps, 0),
          fmt(rps / w, 0),
          fmt(m.bytes / 2 ** 20),
          fmt(m.peakMiB ?? NaN, 0),
          m.cpuSeconds === null ? "—" : fmt(m.cpuSeconds / m.extra.processSeconds, 2),
        ].join("\t"),
      );
    }
  }
}

// Side by side: DuckDB writing the same shape as our largest table, same row count, same cores.
console.log(`\npeer: DuckDB writing ${peerTable}'s shape (zstd Parquet), same rows and threads`);
console.log(["SF", "threads", "rows", "ours s", "DuckDB s", "ours/DuckDB"].join("\t"));
for (const scale of scales) {
  for (const w of workerCounts) {
    const ours = results.find((r) =>
      r.kind === "partsflow" && r.scale === scale && r.workers === w && r.family === "whole dataset"
    )!;
    const oursRun = await medianOf("bench/run_one.ts", [
      "--scale",
      String(scale),
      "--workers",
      String(w),
      "--tables",
      peerTable,
      "--out",
      `${tmp}/own`,
    ]);
    const rows = oursRun.rows;
    const peer = await medianOf("bench/duckdb_peer.ts", [
      "--table",
      peerTable,
      "--rows",
      String(rows),
      "--threads",
      String(w),
      "--out",
      `${tmp}/peer`,
    ]);
    results.push({
      kind: "peer",
      table: peerTable,
      scale,
      workers: w,
      rows,
      oursSeconds: oursRun.seconds,
      duckdbSeconds: peer.seconds,
      ratio: oursRun.seconds / peer.seconds,
      oursPeakMiB: oursRun.peakMiB,
      duckdbPeakMiB: peer.peakMiB,
      oursBytes: oursRun.bytes,
      duckdbBytes: peer.bytes,
      profile: oursRun.extra.profile,
    });
    console.log(
      [
        scale,
        w,
        rows,
        fmt(oursRun.seconds, 2),
        fmt(peer.seconds, 2),
        fmt(oursRun.seconds / peer.seconds, 2),
      ].join("\t"),
    );
    void ours;
  }
}

// Naive baseline: Faker row objects, on a smaller count, as rows/s.
const fakerRows = Number(values["faker-rows"]);
const base = await medianOf("bench/faker_baseline.ts", [
  "--table",
  peerTable,
  "--rows",
  String(fakerRows),
  "--out",
  `${tmp}/faker`,
]);
const ownBest = results.filter((r) => r.kind === "peer").map((r) =>
  (r.rows as number) / (r.oursSeconds as number)
);
const ownRate = Math.max(...ownBest);
const baseRate = base.rows / base.seconds;
results.push({
  kind: "faker_baseline",
  table: peerTable,
  rows: base.rows,
  seconds: base.seconds,
  rowsPerSec: baseRate,
  speedup: ownRate / baseRate,
});
console.log(
  `\nnaive Faker row objects: ${fmt(baseRate, 0)} rows/s on ${base.rows} rows; partsflow ${
    fmt(ownRate, 0)
  } rows/s = ${fmt(ownRate / baseRate, 1)}× faster`,
);

// Where the time goes (summed over chunks): the largest whole-dataset run, and the largest peer run.
const lastWhole = results.filter((r) => r.kind === "partsflow" && r.family === "whole dataset")
  .pop() as { profile: Record<string, number>; scale: number; workers: number } | undefined;
if (lastWhole?.profile) {
  const total = Object.values(lastWhole.profile).reduce((a, b) => a + b, 0);
  console.log(
    `\nprofile of the whole dataset at SF ${lastWhole.scale}, ${lastWhole.workers} worker(s) (share of worker time): ` +
      Object.entries(lastWhole.profile).map(([k, v]) => `${k} ${fmt((100 * v) / total, 0)} %`)
        .join(", "),
  );
}
const last = results.filter((r) => r.kind === "peer").pop() as
  | { profile: Record<string, number> }
  | undefined;
if (last) {
  const total = Object.values(last.profile).reduce((a, b) => a + b, 0);
  console.log(
    `\nprofile of ${peerTable} (share of worker time): ` +
      Object.entries(last.profile).map(([k, v]) => `${k} ${fmt((100 * v) / total, 0)} %`).join(
        ", ",
      ),
  );
}

// The targets, as measured by this run.
console.log("\ntargets (measured, not asserted):");
for (const t of evaluateTargets(results)) {
  const mark = t.met === null ? "  ?  " : t.met ? " met " : "MISSED";
  console.log(`  [${mark}] ${t.target}: ${t.measured}`);
}

const resultsPath = values.results!.startsWith("/") ? values.results! : `${root}${values.results}`;
await Deno.mkdir(resultsPath.replace(/\/[^/]*$/, ""), { recursive: true });
await Deno.writeTextFile(
  resultsPath,
  JSON.stringify({ cores: navigator.hardwareConcurrency, repeat, results }, null, 2) + "\n",
);
console.log(`\nresults: ${values.results}`);
await Deno.remove(tmp, { recursive: true }).catch(() => {});
