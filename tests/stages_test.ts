/**
 * Tiers as modules and stages: a throw-away tier registered in a test is
 * generated (in a later stage, from another tier's output read back from the
 * folder), validated, described and carded with no change to engine,
 * validate, schema or publish code; shards meet at the stage boundary and add
 * up to the single run; a kill inside the later stage resumes to the same bytes;
 * a run that writes none of the registered tier's tables is the same, ground
 * truth included, as in a process that never registered it.
 *
 * @module
 */

import assert from "node:assert/strict";
import { TEST_TIER } from "./helpers/test_tier.ts";
import { generate } from "../lib/engine/run.ts";
import { generatorFor, stageOf } from "../lib/engine/generators.ts";
import { validateOptions } from "../lib/options/io.ts";
import { validateDataset } from "../lib/validate/report.ts";
import { describeStages, describeTable } from "../lib/engine/describe.ts";
import { getTable } from "../lib/schema/registry.ts";
import { renderCard } from "../lib/publish/card.ts";
import { allTables } from "../lib/schema/registry.ts";
import type { Manifest } from "../lib/engine/manifest.ts";
import { runCli, tempDir, treeDigest } from "./helpers/tree.ts";

const TABLES = ["store_replenishment_orders", "segment_order_totals"];
const FLAGS = [
  "--scale",
  "0.01",
  "--seed",
  "11",
  "--start",
  "2024-01-01",
  "--end",
  "2024-04-30",
  "--tables",
  TABLES.join(","),
  "--quiet",
];
const options = () =>
  validateOptions({
    scale: 0.01,
    seed: 11,
    start: "2024-01-01",
    end: "2024-04-30",
    tables: TABLES,
  });

/** Runs the CLI with the test tier registered, as its own process. */
async function cli(args: string[], env: Record<string, string> = {}) {
  const helper = new URL("./helpers/cli_with_test_tier.ts", import.meta.url).pathname;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", helper, ...args],
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, signal: out.signal, stderr: dec.decode(out.stderr) };
}

const noState = (p: string) => p.startsWith(".partsflow");

let reference: Map<string, string> | null = null;
/** The single-process run, once for the module. */
async function singleRun(): Promise<Map<string, string>> {
  if (!reference) {
    const dir = await tempDir("stage-ref");
    const r = await cli(["generate", ...FLAGS, "--out", dir]);
    assert.equal(r.code, 0, r.stderr);
    reference = await treeDigest(dir, noState);
  }
  return reference;
}

Deno.test("a tier registered in a test is staged, generated, validated, described and carded", async () => {
  const g = generatorFor("segment_order_totals");
  assert.equal(stageOf(g), 1, "it reads retail output, so it runs in stage 1");
  assert.equal(stageOf(generatorFor("store_replenishment_orders")), 0);
  assert.match(
    describeStages(),
    /stage 1 {2}segment_order_totals: .*reads store_replenishment_orders/,
  );

  for (const workers of [1, 2]) {
    const dir = await tempDir(`stage-gen-${workers}`);
    const res = await generate({ options: options(), out: dir, workers, quiet: true });
    assert.ok(res.manifest, "every chunk of every stage was written");
    const m = res.manifest!;
    assert.equal(m.tables.segment_order_totals.files, 3);
    assert.ok(m.tables.segment_order_totals.rows > 0);
    const truth = JSON.parse(await Deno.readTextFile(`${dir}/ground_truth.json`));
    assert.deepEqual(truth.audit, TEST_TIER.groundTruth!({} as never));

    const report = await validateDataset(dir);
    const own = report.results.find((r) => r.name === "audit.totals_match_orders");
    assert.equal(own?.status, "pass", JSON.stringify(own));
    assert.equal(
      report.failed,
      0,
      JSON.stringify(report.results.filter((r) => r.status === "fail")),
    );

    // The check can fail: break one total and it names the segment.
    if (workers === 1) {
      const pl = (await import("nodejs-polars")).default;
      const f = `${dir}/segment_order_totals/part-00000.parquet`;
      const df = pl.readParquet(f);
      df.withColumns(pl.col("orders").plus(1).cast(pl.Int64).alias("orders")).head(1).vstack(
        df.tail(df.height - 1),
      )
        .writeParquet(f);
      const broken = await validateDataset(dir, { only: ["audit."] });
      assert.equal(broken.results[0].status, "fail");
      assert.equal(broken.results[0].violations, 1);
    }

    const card = renderCard(m as Manifest, allTables().filter((t) => m.tables[t.name]), truth);
    assert.match(card, /### Audit \(a test tier\)/);
    assert.match(card, /segment_order_totals/);
  }
  assert.match(
    describeTable(getTable("segment_order_totals"), 18),
    /segment_order_totals {2}\(audit\)/,
  );
});

Deno.test("shards started together meet at the stage boundary and equal the single run", async () => {
  const ref = await singleRun();
  const dir = await tempDir("stage-shards");
  const runs = await Promise.all(
    [0, 1].map((i) => cli(["generate", ...FLAGS, "--out", dir, "--shard", `${i}/2`])),
  );
  for (const r of runs) assert.equal(r.code, 0, r.stderr);
  const got = await treeDigest(dir, noState);
  assert.deepEqual([...got.keys()], [...ref.keys()]);
  assert.deepEqual(got, ref);
});

Deno.test("one job per stage: --stage refuses before its inputs exist, then adds up to the single run", async () => {
  const ref = await singleRun();
  const dir = await tempDir("stage-jobs");
  const early = await cli(["generate", ...FLAGS, "--out", dir, "--stage", "1", "--shard", "0/2"]);
  assert.equal(early.code, 2, early.stderr);
  assert.match(early.stderr, /run --stage 0 \(every shard\) first/);
  assert.equal(early.stderr.trim().split("\n").length, 1);
  for (const stage of ["0", "1"]) {
    for (const s of ["0/2", "1/2"]) {
      const r = await cli(["generate", ...FLAGS, "--out", dir, "--stage", stage, "--shard", s]);
      assert.equal(r.code, 0, r.stderr);
    }
  }
  assert.deepEqual(await treeDigest(dir, noState), ref);
  const bad = await cli(["generate", ...FLAGS, "--out", dir, "--stage", "2"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--stage 2: this run has stages 0, 1/);
});

Deno.test("killed (SIGKILL) inside the later stage, the same command resumes to identical files", async () => {
  const ref = await singleRun();
  const dir = await tempDir("stage-kill");
  const args = ["generate", ...FLAGS, "--out", dir, "--workers", "1"];
  const killed = await cli(args, { PARTSFLOW_TEST_KILL_CHUNK: "1" });
  assert.equal(killed.signal, "SIGKILL");
  // Stage 0 and the first chunk of stage 1 are whole; no manifest yet.
  await Deno.stat(`${dir}/segment_order_totals/part-00000.parquet`);
  await assert.rejects(Deno.stat(`${dir}/manifest.json`));
  const again = await cli(args);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(await treeDigest(dir, noState), ref);
});

Deno.test("a run without the registered tier's tables is byte for byte the run of a fresh process, ground truth included", async () => {
  // This process has the test tier registered (importing the helper did it); the
  // plain command line has not. A world-only run must not carry the tier's section.
  const flags = ["--scale", "0.01", "--seed", "7", "--start", "2024-01-01", "--end", "2024-03-31"];
  const world = ["countries", "geo_segments", "calendar"];
  const here = await tempDir("plugin-free-here"), fresh = await tempDir("plugin-free-fresh");
  await generate({
    options: validateOptions({
      scale: 0.01,
      seed: 7,
      start: "2024-01-01",
      end: "2024-03-31",
      tables: world,
    }),
    out: here,
    workers: 1,
    quiet: true,
  });
  const r = await runCli([
    "generate",
    ...flags,
    "--tables",
    world.join(","),
    "--out",
    fresh,
    "--quiet",
    "--workers",
    "1",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const truth = JSON.parse(await Deno.readTextFile(`${here}/ground_truth.json`));
  assert.ok(!(TEST_TIER.name in truth), "no section of a tier the run does not write");
  assert.equal(
    await Deno.readTextFile(`${here}/ground_truth.json`),
    await Deno.readTextFile(`${fresh}/ground_truth.json`),
  );
  assert.deepEqual(await treeDigest(here), await treeDigest(fresh));
});
