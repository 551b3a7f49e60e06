/**
 * One unit of I/O work: generate a chunk and write it whole under its final
 * name. Runs in the main thread or in a worker (see `worker.ts`).
 *
 * @module
 */

import { createHash } from "node:crypto";
import { getTable } from "../schema/registry.ts";
import type { RunOptions } from "../options/schema.ts";
import { makeContext } from "../world/context.ts";
import { generatorFor } from "./generators.ts";
import { type InputSource, lazyInputs } from "./inputs.ts";
import type { ManifestFile } from "./manifest.ts";
import type { ChunkSpec, Columns } from "../gen/types.ts";
import { extensionOf, type Format, toDataFrame, writeFrame } from "./writer.ts";
import { applyChunkFaults } from "../faults/mod.ts";

/** Everything needed to produce one file; plain data, so it can cross to a worker. */
export interface ChunkJob {
  /** Validated run options. */
  options: RunOptions;
  /** Dataset folder. */
  dir: string;
  /** Name of the generator group (the table's name for one-table generators). */
  group: string;
  /** Tables of the group this run writes. */
  tables: string[];
  /** The chunk of the table's plan. */
  chunk: ChunkSpec;
  /** The stage of the group (0 = reads no other table). */
  stage: number;
  /** Modules that register run-time tiers; a worker imports them before generating. */
  plugins: readonly string[];
}

/**
 * Relative path of the folder holding a table's chunk files: the table's name,
 * or for the DuckDB format `.partsflow/parts/<table>` (the Parquet parts the
 * database is loaded from, kept as the resume state).
 */
export function tableFolder(table: string, format: Format): string {
  return format === "duckdb" ? `.partsflow/parts/${table}` : table;
}

/** Relative path of a chunk's file in the dataset folder. */
export function chunkPath(table: string, index: number, format: Format): string {
  return `${tableFolder(table, format)}/part-${String(index).padStart(5, "0")}.${
    extensionOf(format)
  }`;
}

/** Hex SHA-256 of a file. */
export async function sha256File(path: string): Promise<string> {
  // Read in blocks: a whole chunk file (100 MB and more at scale) is never held at once.
  const hash = createHash("sha256");
  const file = await Deno.open(path, { read: true });
  try {
    const block = new Uint8Array(1 << 20);
    for (let n = await file.read(block); n !== null; n = await file.read(block)) {
      hash.update(block.subarray(0, n));
    }
  } finally {
    file.close();
  }
  return hash.digest("hex");
}

/** Milliseconds a chunk spent in each phase (for the benchmark's profile). */
export interface PhaseTimes {
  /** Pure generation (typed arrays). */
  generate: number;
  /** Building the typed Polars frame. */
  convert: number;
  /** Encoding and writing the file (and fsync). */
  write: number;
  /** Reading the file back for its SHA-256. */
  checksum: number;
}

/** The files a chunk wrote and where its time went. */
export interface ChunkResult {
  /** Manifest entries, one per table of the group. */
  files: ManifestFile[];
  /** Time per phase. */
  times: PhaseTimes;
}

/** Process RSS above which a finished chunk triggers a full collection (bytes). */
export const RSS_BUDGET = 1536 * 1024 * 1024;

/**
 * Polars frames hold their columns in native memory that is freed only when V8
 * collects the JavaScript object, and V8 does not count that memory when it
 * decides to collect; so native memory piles up between collections and the
 * peak RSS grows with the length of a run. After a chunk its frames are
 * garbage: when the process is above {@link RSS_BUDGET}, a full collection
 * returns their memory at once. Needs `--v8-flags=--expose-gc` (the tasks pass
 * it); without it this does nothing.
 */
function releaseNativeMemory(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc && Deno.memoryUsage().rss > RSS_BUDGET) gc();
}

/** Generates one chunk of a group and writes every table's file. */
export async function runChunk(job: ChunkJob): Promise<ChunkResult> {
  const ctx = makeContext(job.options);
  const times: PhaseTimes = { generate: 0, convert: 0, write: 0, checksum: 0 };
  const g = generatorFor(job.tables[0]);
  // A later stage's chunk reads what it needs of earlier tables from the folder, when the
  // generator first asks for it.
  const inputs = g.inputs ? lazyInputs(inputSource(job), g.inputs(ctx, job.chunk)) : undefined;
  const t = performance.now();
  const out = await applyChunkFaults(job, g.generate(ctx, job.chunk, job.tables, inputs));
  times.generate += performance.now() - t;
  const files: ManifestFile[] = [];
  for (const table of job.tables) {
    const cols = out[table];
    if (!cols) throw new Error(`generator ${job.group} produced no columns for ${table}`);
    files.push(await writeTableChunk(job, table, cols, times));
  }
  releaseNativeMemory();
  return { files, times };
}

/** The files of earlier tables in a run's folder, as the writing groups' plans name them. */
export function inputSource(job: Pick<ChunkJob, "options" | "dir">): InputSource {
  const ctx = makeContext(job.options);
  return {
    format: job.options.format,
    files(table, linked) {
      const g = generatorFor(table);
      let chunks = g.plan(ctx);
      const link = g.batching?.link;
      if (linked) {
        if (!link) throw new Error(`${table}: its group declares no link key to read by`);
        const want = new Set(linked);
        chunks = chunks.filter((c) => link.values(ctx, c).some((v) => want.has(v)));
      }
      return chunks.map((c) => `${job.dir}/${chunkPath(table, c.index, job.options.format)}`);
    },
  };
}

async function writeTableChunk(
  job: ChunkJob,
  table: string,
  cols: Columns,
  times: PhaseTimes,
): Promise<ManifestFile> {
  let t = performance.now();
  const df = toDataFrame(getTable(table), cols);
  times.convert += performance.now() - t;
  t = performance.now();
  const format = job.options.format;
  const rel = chunkPath(table, job.chunk.index, format);
  const final = `${job.dir}/${rel}`;
  const folder = `${job.dir}/${tableFolder(table, format)}`;
  const tmp = `${folder}/.tmp-${job.chunk.index}-${crypto.randomUUID().slice(0, 8)}.${
    extensionOf(format)
  }`;
  await Deno.mkdir(folder, { recursive: true });
  try {
    writeFrame(df, tmp, format, job.options.rowGroupSize);
    const file = await Deno.open(tmp, { read: true, write: true });
    try {
      await file.sync();
    } finally {
      file.close();
    }
    await Deno.rename(tmp, final);
  } catch (err) {
    await Deno.remove(tmp).catch(() => {});
    throw new Error(`writing ${rel} failed: ${err instanceof Error ? err.message : err}`);
  }
  times.write += performance.now() - t;
  t = performance.now();
  const { size } = await Deno.stat(final);
  const sha256 = await sha256File(final);
  times.checksum += performance.now() - t;
  return {
    table,
    path: rel,
    chunk: job.chunk.index,
    rows: df.height,
    bytes: size,
    sha256,
  };
}
