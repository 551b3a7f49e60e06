/**
 * Data-quality faults on request (`generate --faults SPEC`), the engine's
 * edge: applies a spec to a chunk's columns and keeps the chunk's list of
 * faults in the run's state folder; when the run is whole, the lists become
 * the `faults` section of `ground_truth.json`. Without a spec nothing
 * changes: the data stays byte-identical.
 *
 * @module
 */

import type { ChunkJob } from "../engine/chunk.ts";
import type { Columns } from "../gen/types.ts";
import { type InjectedFault, injectFaults } from "./inject.ts";
import { FAULT_TARGETS, type FaultKind, parseFaultSpec } from "./spec.ts";

export { type InjectedFault, injectFaults } from "./inject.ts";
export { FAULT_KINDS, FAULT_TARGETS, type FaultSpec, parseFaultSpec } from "./spec.ts";
export { FAULT_CHECKS } from "./checks.ts";

const faultFile = (dir: string, group: string, chunk: number) =>
  `${dir}/.partsflow/faults/${group}--${String(chunk).padStart(5, "0")}.json`;

/** Applies the run's `--faults` spec to one chunk (nothing when there is none) and records its faults. */
export async function applyChunkFaults(
  job: ChunkJob,
  tables: Record<string, Columns>,
): Promise<Record<string, Columns>> {
  if (!job.options.faults) return tables;
  const res = injectFaults(
    parseFaultSpec(job.options.faults),
    job.options.seed,
    job.chunk.index,
    tables,
  );
  await Deno.mkdir(`${job.dir}/.partsflow/faults`, { recursive: true });
  const path = faultFile(job.dir, job.group, job.chunk.index);
  const tmp = `${path}.tmp-${crypto.randomUUID().slice(0, 8)}`;
  await Deno.writeTextFile(tmp, JSON.stringify(res.faults));
  await Deno.rename(tmp, path);
  return res.tables;
}

/** The `faults` section of the ground truth: the spec, what each kind does, and every injected fault. */
export async function faultTruth(
  dir: string,
  spec: string | undefined,
  jobs: readonly ChunkJob[],
): Promise<Record<string, unknown>> {
  if (!spec) return {};
  const parsed = parseFaultSpec(spec);
  const injected: InjectedFault[] = [];
  for (const j of jobs) {
    if (!j.tables.some((t) => parsed[t])) continue;
    injected.push(...JSON.parse(await Deno.readTextFile(faultFile(dir, j.group, j.chunk.index))));
  }
  const targets: Record<string, unknown> = {};
  for (const [t, kinds] of Object.entries(parsed)) {
    targets[t] = Object.fromEntries(
      Object.entries(kinds).map(([k, rate]) => [k, { rate, ...FAULT_TARGETS[t][k as FaultKind] }]),
    );
  }
  return { faults: { spec, targets, count: injected.length, injected } };
}
