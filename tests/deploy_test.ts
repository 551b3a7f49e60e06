/**
 * The Kubernetes worked example is real: its pods' arguments are valid CLI
 * arguments, its completion count matches the shard count, and running every
 * pod's command here (at a small scale) yields exactly the single-machine run.
 */

import assert from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import { main } from "../cli.ts";
import { tempDir, treeDigest } from "./helpers/tree.ts";

interface Job {
  kind: string;
  spec: {
    completionMode: string;
    completions: number;
    template: { spec: { containers: { args: string[] }[] } };
  };
}

const text = await Deno.readTextFile(
  new URL("../deploy/kubernetes/generate-job.yaml", import.meta.url),
);
const job = parseAllDocuments(text).map((d) => d.toJSON()).find((d) => d?.kind === "Job") as Job;

Deno.test("the Indexed Job shards by completion index, one shard per completion", () => {
  assert.equal(job.spec.completionMode, "Indexed");
  const args = job.spec.template.spec.containers[0].args;
  assert.equal(args[0], "generate");
  const shard = args[args.indexOf("--shard") + 1];
  assert.equal(shard, `$(JOB_COMPLETION_INDEX)/${job.spec.completions}`);
});

Deno.test("every pod's command, run here at a small scale, adds up to the single run", async () => {
  const args = job.spec.template.spec.containers[0].args.slice(1);
  const set = (a: string[], flag: string, value: string) => {
    const i = a.indexOf(flag);
    if (i >= 0) a[i + 1] = value;
    else a.push(flag, value);
    return a;
  };
  const shared = await tempDir("k8s"), whole = await tempDir("k8s-whole");
  const base = (out: string) =>
    set(
      set(set(set([...args], "--scale", "0.01"), "--out", out), "--start", "2024-01-01"),
      "--end",
      "2024-03-31",
    );
  const n = job.spec.completions;
  for (let i = 0; i < n; i++) {
    const podArgs = base(shared).map((a) => a.replace("$(JOB_COMPLETION_INDEX)", String(i)));
    assert.equal(await main(["generate", ...podArgs]), 0, `pod ${i}`);
  }
  const single = base(whole);
  single.splice(single.indexOf("--shard"), 2);
  assert.equal(await main(["generate", ...single]), 0);
  const skip = (p: string) => p.startsWith(".partsflow");
  assert.deepEqual(await treeDigest(shared, skip), await treeDigest(whole, skip));
});
