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
  const n = Math.min(workers, jobs.length);
  let next = 0;
  let failed: Error | null = null;
  const pool = Array.from(
    { length: n },
    () => new Worker(new URL("./worker.ts", import.meta.url).href, { type: "module" }),
  );
  try {
    await Promise.all(pool.map(async (w) => {
      while (!failed && next < jobs.length) {
        const job = jobs[next++];
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
      }
    }));
  } finally {
    for (const w of pool) w.terminate();
  }
  if (failed) throw failed;
}
