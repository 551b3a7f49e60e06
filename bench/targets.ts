/**
 * The speed and memory targets of the benchmark, read off its results (pure):
 * each target with what was measured and whether it is met. The benchmark
 * prints them; they are measurements, never pass/fail tests.
 *
 * @module
 */

/** One result row of `bench/bench.ts` (the fields the targets read). */
export interface BenchResult {
  /** "partsflow", "peer" or "faker_baseline". */
  kind: string;
  /** Table family ("whole dataset", a tier) for partsflow rows. */
  family?: string;
  /** Scale factor. */
  scale?: number;
  /** Workers (partsflow) or threads (peer). */
  workers?: number;
  /** Generator wall seconds (partsflow rows). */
  seconds?: number;
  /** Peak RSS in MiB. */
  peakMiB?: number | null;
  /** CPU seconds / wall seconds of the process. */
  coresBusy?: number | null;
  /** ours / DuckDB (peer rows). */
  ratio?: number;
  /** ours / Faker baseline (faker_baseline row). */
  speedup?: number;
}

/** A target, what was measured, and whether it is met (null: not measured in this run). */
export interface Target {
  /** The target, in words. */
  target: string;
  /** What the run measured. */
  measured: string;
  /** Met, missed, or not measured. */
  met: boolean | null;
}

const f = (n: number, d = 2) => n.toLocaleString("en-US", { maximumFractionDigits: d });

/** The targets of the speed issue, evaluated on a benchmark's results. */
export function evaluateTargets(results: readonly BenchResult[]): Target[] {
  const whole = (scale: number, workers: number) =>
    results.find((r) =>
      r.kind === "partsflow" && r.family === "whole dataset" && r.scale === scale &&
      r.workers === workers
    );
  const out: Target[] = [];

  const peers = results.filter((r) => r.kind === "peer" && r.scale === 1);
  out.push({
    target: "retail_transaction_lines at SF 1 no slower than DuckDB (ours / DuckDB ≤ 1.0)",
    measured: peers.length
      ? peers.map((p) => `${p.workers} thread(s): ${f(p.ratio!)}`).join(", ")
      : "SF 1 not run",
    met: peers.length ? peers.some((p) => p.ratio! <= 1) : null,
  });

  const faker = results.find((r) => r.kind === "faker_baseline");
  out.push({
    target: "at least 30× faster than the Faker row-object baseline",
    measured: faker ? `${f(faker.speedup!, 1)}×` : "not run",
    met: faker ? faker.speedup! >= 30 : null,
  });

  const sf1 = whole(1, 2);
  out.push({
    target: "whole dataset at SF 1 in under 30 s on 2 workers",
    measured: sf1 ? `${f(sf1.seconds!)} s` : "SF 1 with 2 workers not run",
    met: sf1 ? sf1.seconds! < 30 : null,
  });

  const lin = [1, 2].map((w) => [whole(1, w), whole(10, w)] as const).filter(([a, b]) => a && b);
  out.push({
    target: "cost linear in scale (SF 10 within ±15 % of 10 × SF 1)",
    measured: lin.length
      ? lin.map(([a, b]) => `${a!.workers} worker(s): ${f(b!.seconds! / (10 * a!.seconds!))}`)
        .join(", ")
      : "SF 1 and SF 10 not both run",
    met: lin.length
      ? lin.every(([a, b]) => Math.abs(b!.seconds! / (10 * a!.seconds!) - 1) <= 0.15)
      : null,
  });

  const big = results.filter((r) =>
    r.kind === "partsflow" && r.family === "whole dataset" && (r.scale ?? 0) >= 10 &&
    r.peakMiB
  );
  const peak = Math.max(0, ...big.map((r) => r.peakMiB!));
  out.push({
    target: "peak memory under 2 GiB at SF 10 and beyond",
    measured: big.length ? `${f(peak, 0)} MiB` : "SF ≥ 10 not run",
    met: big.length ? peak < 2048 : null,
  });

  const scales = [
    ...new Set(
      results.filter((r) => r.kind === "partsflow" && r.family === "whole dataset").map((r) =>
        r.scale!
      ),
    ),
  ].sort((a, b) => b - a);
  const pair = scales.map((s) => [s, whole(s, 1), whole(s, 2)] as const).find(([, a, b]) => a && b);
  out.push({
    target: "2 workers at least 1.7× faster than 1",
    measured: pair
      ? `${f(pair[1]!.seconds! / pair[2]!.seconds!)}× at SF ${pair[0]}` +
        (pair[1]!.coresBusy && pair[2]!.coresBusy
          ? ` (cores busy ${f(pair[1]!.coresBusy)} → ${f(pair[2]!.coresBusy)})`
          : "")
      : "1 and 2 workers not both run",
    met: pair ? pair[1]!.seconds! / pair[2]!.seconds! >= 1.7 : null,
  });
  return out;
}
