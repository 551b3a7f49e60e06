/**
 * Where validation's memory goes: validates a dataset batch by batch and
 * prints, for every batch, its group, the bytes of Parquet it owns, looks up
 * and reads from linked groups (from the manifest), and the peak resident
 * memory of the process while it was checked (Linux: `VmHWM` of
 * `/proc/self/status`, reset after each batch through `/proc/self/clear_refs`).
 *
 *   deno run -A --v8-flags=--expose-gc bench/validate_memory.ts DIR [--batch-mb N]
 *     [--only prefix,...] [--exclude prefix,...] [--batches FROM-TO] [--top K] [--json FILE]
 *
 * The summary gives, per group, the number of batches and the largest peak
 * with the batch that reached it; `--top` lists the K batches that peaked
 * highest. The first line, "whole", is the checks that read whole tables
 * (before any batch). `--batches 70-90` checks only those batches (1-based, as
 * printed).
 *
 * @module
 */

import { parseArgs } from "node:util";
import { openDataset } from "../lib/validate/dataset.ts";
import { type Batch, BATCH_BYTES, type BatchPlan, planBatches } from "../lib/validate/batches.ts";
import { validateDataset } from "../lib/validate/report.ts";

const { values, positionals } = parseArgs({
  args: Deno.args,
  allowPositionals: true,
  options: {
    "batch-mb": { type: "string" },
    only: { type: "string" },
    exclude: { type: "string" },
    batches: { type: "string" },
    top: { type: "string" },
    json: { type: "string" },
  },
});
if (positionals.length !== 1) {
  console.error("usage: bench/validate_memory.ts DIR [--batch-mb N] [--only a,b] [--top K]");
  Deno.exit(2);
}
const dir = positionals[0];
const budget = values["batch-mb"] ? Number(values["batch-mb"]) * 2 ** 20 : BATCH_BYTES;
const GB = 2 ** 30, MB = 2 ** 20;

/** Peak resident set of this process since the last reset, in bytes (Linux). */
function peakRss(): number {
  const m = Deno.readTextFileSync("/proc/self/status").match(/VmHWM:\s+(\d+) kB/);
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Starts a new peak: the kernel sets VmHWM to the current resident set. */
function resetPeak(): void {
  try {
    Deno.writeTextFileSync("/proc/self/clear_refs", "5");
  } catch {
    // Not Linux, or not allowed: peaks then only grow.
  }
}

/** Bytes on disk a batch owns, looks up beyond them, and reads from linked groups. */
function bytesOf(plan: BatchPlan, b: Batch, sizes: Map<string, Map<number, number>>) {
  const g = plan.groups.find((x) => x.group === b.group)!;
  const sum = (tables: Iterable<string>, chunks: number[]) => {
    let t = 0;
    for (const table of tables) for (const c of chunks) t += sizes.get(table)?.get(c) ?? 0;
    return t;
  };
  const own = sum(g.tables, b.own);
  const lookup = sum(g.tables, b.lookup.filter((c) => !b.own.includes(c)));
  let linked = 0;
  for (const [other, chunks] of b.linked) {
    linked += sum(plan.groups.find((x) => x.group === other)!.tables, chunks);
  }
  return { own, lookup, linked };
}

const range = values.batches?.split("-").map(Number);
const ds = openDataset(dir);
const plan = planBatches(ds, budget);
const sizes = new Map<string, Map<number, number>>();
for (const f of ds.manifest?.files ?? []) {
  if (!sizes.has(f.table)) sizes.set(f.table, new Map());
  const t = sizes.get(f.table)!;
  t.set(f.chunk, (t.get(f.chunk) ?? 0) + f.bytes);
}

interface Row {
  batch: number;
  group: string;
  window?: string;
  own: number;
  lookup: number;
  linked: number;
  peak: number;
  seconds: number;
}
const rows: Row[] = [];
const t0 = performance.now();
let last = t0;
resetPeak();
const report = await validateDataset(dir, {
  batchBytes: budget,
  only: values.only?.split(",").filter(Boolean),
  exclude: values.exclude?.split(",").filter(Boolean),
  batchFilter: range ? (k) => k + 1 >= range[0] && k + 1 <= range[1] : undefined,
  onBatch(done, of, batch) {
    const now = performance.now();
    const r: Row = {
      batch: done,
      group: batch?.group ?? "whole",
      own: 0,
      lookup: 0,
      linked: 0,
      peak: peakRss(),
      seconds: (now - last) / 1000,
    };
    if (batch && plan) {
      Object.assign(r, bytesOf(plan, batch, sizes));
      if (batch.window) {
        const d = (n: number) => new Date(n * 86400000).toISOString().slice(0, 10);
        r.window = `${d(batch.window.from)}…${d(batch.window.to)}`;
      }
    }
    rows.push(r);
    last = now;
    Deno.stderr.writeSync(
      new TextEncoder().encode(
        `\rbatch ${done}/${of} ${r.group} peak ${(r.peak / GB).toFixed(2)} GB   `,
      ),
    );
    resetPeak();
  },
});
console.error("");
const seconds = (performance.now() - t0) / 1000;
const fmt = (r: Row) =>
  `${String(r.batch).padStart(5)}  ${r.group.padEnd(14)} ${(r.own / MB).toFixed(1).padStart(7)} ${
    (r.lookup / MB).toFixed(1).padStart(8)
  } ${(r.linked / MB).toFixed(1).padStart(8)} ${(r.peak / GB).toFixed(2).padStart(7)} ${
    r.seconds.toFixed(1).padStart(6)
  }  ${r.window ?? ""}`;
const head = `batch  group             own MB lookup MB linked MB peak GB      s  window`;
console.log(
  `${dir}: ${report.passed} passed, ${report.failed} failed, ${report.batches} batches, ${
    seconds.toFixed(0)
  } s`,
);
for (const r of report.results.filter((x) => x.status === "fail")) {
  console.log(`  FAIL ${r.name}: ${r.violations} violation(s) ${r.detail ?? ""}`);
}
console.log("\nlargest peak per group:\n" + head);
const groups = [...new Set(rows.map((r) => r.group))];
for (const g of groups) {
  const mine = rows.filter((r) => r.group === g);
  const top = mine.reduce((a, b) => (b.peak > a.peak ? b : a));
  console.log(`${fmt(top)}   (${mine.length} batches)`);
}
const k = Number(values.top ?? "10");
console.log(`\n${k} highest peaks:\n${head}`);
for (const r of [...rows].sort((a, b) => b.peak - a.peak).slice(0, k)) console.log(fmt(r));
if (values.json) Deno.writeTextFileSync(values.json, JSON.stringify(rows, null, 1));
