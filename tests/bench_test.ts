/**
 * The benchmark's target summary (pure): what it reads off a run's results.
 *
 * @module
 */

import assert from "node:assert/strict";
import { type BenchResult, evaluateTargets } from "../bench/targets.ts";

const whole = (scale: number, workers: number, seconds: number, peakMiB = 900): BenchResult => ({
  kind: "partsflow",
  family: "whole dataset",
  scale,
  workers,
  seconds,
  peakMiB,
  coresBusy: workers === 1 ? 1.3 : 1.9,
});

Deno.test("bench targets: met, missed and not measured are told apart", () => {
  const t = evaluateTargets([
    whole(1, 1, 20),
    whole(1, 2, 10),
    whole(10, 1, 205),
    whole(10, 2, 130, 2100),
    { kind: "peer", scale: 1, workers: 1, ratio: 1.6 },
    { kind: "peer", scale: 1, workers: 2, ratio: 0.9 },
    { kind: "faker_baseline", speedup: 12 },
  ]);
  const by = (start: string) => t.find((x) => x.target.startsWith(start))!;
  assert.equal(t.length, 6);
  assert.equal(by("retail_transaction_lines").met, true, "one thread count at or under 1.0");
  assert.match(by("retail_transaction_lines").measured, /1 thread\(s\): 1\.6, 2 thread\(s\): 0\.9/);
  assert.equal(by("at least 30× faster than").met, false);
  assert.equal(by("whole dataset at SF 1 in").met, true);
  assert.equal(by("cost linear in scale (SF").met, false, "1.3 is outside ±15 %");
  assert.equal(by("peak memory under 2 GiB a").met, false, "2100 MiB");
  assert.equal(by("2 workers at least 1.7× f").met, false, "205 / 130 = 1.58 at SF 10");
  assert.match(by("2 workers at least 1.7× f").measured, /SF 10 \(cores busy 1\.3 → 1\.9\)/);
  const none = evaluateTargets([]);
  assert.ok(none.every((x) => x.met === null), "nothing run, nothing judged");
});
