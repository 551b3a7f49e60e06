/**
 * Runs chunk jobs on up to N Web Workers (or in this thread when N = 1) and
 * reports each finished file. Stops at the first error.
 *
 * @module
 */

import { type ChunkJob, type ChunkResult, runChunk } from "./chunk.ts";
import type { WorkerReply } from "./worker.ts";

/** Runs `jobs` with `workers` parallel workers; `onDone` sees each job's files as they land. */
export async function runJobs(
  jobs: ChunkJob[],
  workers: number,
  onDone: (job: ChunkJob, result: ChunkResult) => Promise<void> | void,
): Promise<void> {
  if (workers <= 1 || jobs.length <= 1) {
    for (const job of jobs) await onDone(job, await runChunk(job));
    return;
  }
  const units = chainUnits(jobs);
  const n = Math.min(workers, units.length);
  let next = 0;
  let failed: Error | null = null;
  const pool = Array.from(
    { length: n },
    () => new Worker(new URL("./worker.ts", import.meta.url).href, { type: "module" }),
  );
  try {
    await Promise.all(pool.map(async (w) => {
      while (!failed && next < units.length) {
        for (const job of units[next++]) {
          const reply = await new Promise<WorkerReply>((resolve) => {
            w.onmessage = (e) => resolve(e.data);
            w.onerror = (e) => {
              e.preventDefault();
              resolve({ ok: false, error: e.message });
            };
            w.postMessage(job);
          });
          if (!reply.ok) {
            failed ??= new Error(reply.error);
            return;
          }
          await onDone(job, reply.result);
          if (failed) return;
        }
      }
    }));
  } finally {
    for (const w of pool) w.terminate();
  }
  if (failed) throw failed;
}

/**
 * Splits jobs into units of work for the pool: consecutive jobs of one group
 * sharing a `chain` key form one unit (run by one worker, in order); every
 * other job is a unit of its own. Longer chains go first so that the longest
 * serial stretches start early (the files do not depend on the order).
 */
export function chainUnits(jobs: readonly ChunkJob[]): ChunkJob[][] {
  const units: ChunkJob[][] = [];
  for (const job of jobs) {
    const last = units[units.length - 1]?.at(-1);
    const chain = job.chunk.chain;
    if (chain && last && last.group === job.group && last.chunk.chain === chain) {
      units[units.length - 1].push(job);
    } else units.push([job]);
  }
  return units
    .map((u, i) => ({ u, i }))
    .sort((a, b) => b.u.length - a.u.length || a.i - b.i)
    .map((x) => x.u);
}
