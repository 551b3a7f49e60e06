/**
 * The Kubernetes worked example is real: one Indexed Job per stage of the run,
 * its pods' arguments are valid CLI arguments, its completion count matches the
 * shard count, and running every pod's command here, stage by stage (at a
 * small scale), yields exactly the single-machine run.
 */

import assert from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import { main } from "../cli.ts";
import { planJobs, stagesOf } from "../lib/engine/run.ts";
import { validateOptions } from "../lib/options/io.ts";
import { tempDir, treeDigest } from "./helpers/tree.ts";

interface Job {
  kind: string;
  metadata: { name: string };
  spec: {
    completionMode: string;
    completions: number;
    template: { spec: { containers: { args: string[] }[] } };
  };
}

const text = await Deno.readTextFile(
  new URL("../deploy/kubernetes/generate-job.yaml", import.meta.url),
);
const jobs = parseAllDocuments(text).map((d) => d.toJSON()).filter((d) =>
  d?.kind === "Job"
) as Job[];
const argsOf = (j: Job) => j.spec.template.spec.containers[0].args;
const stageOf = (j: Job) => Number(argsOf(j)[argsOf(j).indexOf("--stage") + 1]);

Deno.test("one Indexed Job per stage of the run, sharded by completion index", () => {
  const stages = stagesOf(planJobs(validateOptions({}), "/nowhere"));
  assert.deepEqual(jobs.map(stageOf), stages, "a Job for every stage, in order");
  for (const job of jobs) {
    assert.equal(job.spec.completionMode, "Indexed");
    const args = argsOf(job);
    assert.equal(args[0], "generate");
    assert.match(job.metadata.name, new RegExp(`stage${stageOf(job)}$`));
    const shard = args[args.indexOf("--shard") + 1];
    assert.equal(shard, `$(JOB_COMPLETION_INDEX)/${job.spec.completions}`);
  }
});

Deno.test("every pod's command, stage by stage, run here at a small scale, adds up to the single run", async () => {
  const set = (a: string[], flag: string, value: string) => {
    const i = a.indexOf(flag);
    if (i >= 0) a[i + 1] = value;
    else a.push(flag, value);
    return a;
  };
  const shared = await tempDir("k8s"), whole = await tempDir("k8s-whole");
  const base = (args: string[], out: string) =>
    set(
      set(set(set([...args], "--scale", "0.01"), "--out", out), "--start", "2024-01-01"),
      "--end",
      "2024-03-31",
    );
  for (const job of jobs) {
    for (let i = 0; i < job.spec.completions; i++) {
      const podArgs = base(argsOf(job).slice(1), shared).map((a) =>
        a.replace("$(JOB_COMPLETION_INDEX)", String(i))
      );
      assert.equal(await main(["generate", ...podArgs]), 0, `${job.metadata.name} pod ${i}`);
    }
  }
  const single = base(argsOf(jobs[0]).slice(1), whole);
  single.splice(single.indexOf("--shard"), 2);
  single.splice(single.indexOf("--stage"), 2);
  assert.equal(await main(["generate", ...single]), 0);
  const skip = (p: string) => p.startsWith(".partsflow");
  assert.deepEqual(await treeDigest(shared, skip), await treeDigest(whole, skip));
});
