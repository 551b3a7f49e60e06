/**
 * The generate run: plans every selected table as chunks, keeps the shard's
 * slice, skips chunks a previous run already wrote whole (resume), writes the
 * rest on a worker pool and, when every chunk of every shard is present,
 * writes `manifest.json`.
 *
 * State for resuming lives in `<out>/.partsflow/`: `run.json` (the options that
 * decide the bytes) and one small JSON per finished chunk.
 *
 * @module
 */

import denoJson from "../../deno.json" with { type: "json" };
import { getTable, hasTable, tableNames } from "../schema/registry.ts";
import type { RunOptions } from "../world/config.ts";
import { makeContext } from "../world/context.ts";
import type { ChunkJob, PhaseTimes } from "./chunk.ts";
import { generatorFor } from "./generators.ts";
import { type Manifest, MANIFEST_NAME, type ManifestFile } from "./manifest.ts";
import { runJobs } from "./pool.ts";
import { Progress } from "./progress.ts";
import { GROUND_TRUTH_NAME, groundTruth } from "./ground_truth.ts";
import { buildDuckDb, DUCKDB_NAME } from "./duckdb.ts";
import { tableFolder } from "./chunk.ts";

/** partsflow's version (from deno.json), recorded in every manifest. */
export const VERSION: string = denoJson.version;

/** An error caused by the user's input: the CLI prints it as one line and exits 2. */
export class UsageError extends Error {
  /** Wraps a one-line message. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Which slice of the chunk plan a process writes: chunks k with k mod count = index. */
export interface Shard {
  /** 0-based shard index. */
  index: number;
  /** Number of shards. */
  count: number;
}

/** What to generate and where. */
export interface GenerateRequest {
  /** Validated options. */
  options: RunOptions;
  /** Output folder. */
  out: string;
  /** Parallel workers (default: number of cores). */
  workers?: number;
  /** Write only this slice. */
  shard?: Shard;
  /** No progress line and no summary. */
  quiet?: boolean;
  /** Replace a dataset made with other options in `out`. */
  overwrite?: boolean;
  /** Receives human-readable lines (summary, resume notes). */
  log?: (line: string) => void;
}

/** What a run did. */
export interface GenerateResult {
  /** Output folder. */
  dir: string;
  /** Files written by this process (one per table per chunk). */
  written: number;
  /** Files found whole from an earlier run and kept. */
  skipped: number;
  /** The DuckDB database, when the format is `duckdb` and the run is complete. */
  database?: string;
  /** Rows written by this process. */
  rows: number;
  /** Wall time in seconds. */
  seconds: number;
  /** The manifest, once every chunk of every shard is present. */
  manifest: Manifest | null;
  /** Milliseconds spent per phase, summed over chunks (across workers). */
  profile: PhaseTimes;
}

const STATE = ".partsflow";

/**
 * The command line that reproduces a dataset. Options that have no flag (the
 * world and catalog sections) are reproduced by `--config manifest.json`.
 */
export function reproduceCommand(o: RunOptions): string {
  const parts = [
    "deno task generate",
    `--scale ${o.scale}`,
    `--seed ${o.seed}`,
    `--start ${o.start}`,
    `--end ${o.end}`,
  ];
  if (o.format !== "parquet") parts.push(`--format ${o.format}`);
  if (o.tables) parts.push(`--tables ${o.tables.join(",")}`);
  if (o.rowGroupSize) parts.push(`--row-group-size ${o.rowGroupSize}`);
  return parts.join(" ");
}

/** The tables a run writes, in registry order. */
export function selectedTables(o: RunOptions): string[] {
  if (!o.tables) return tableNames();
  for (const t of o.tables) {
    if (!hasTable(t)) {
      throw new UsageError(
        `unknown table '${t}' (run 'deno task describe' to list the tables)`,
      );
    }
  }
  return tableNames().filter((t) => o.tables!.includes(t));
}

/** The whole chunk plan of a run (every shard), in order: generator groups by first table, then chunk. */
export function planJobs(options: RunOptions, dir: string): ChunkJob[] {
  const ctx = makeContext(options);
  const jobs: ChunkJob[] = [];
  const selected = selectedTables(options);
  const seen = new Set<string>();
  for (const table of selected) {
    const g = generatorFor(table);
    if (seen.has(g.name)) continue;
    seen.add(g.name);
    const tables = g.tables.filter((t) => selected.includes(t));
    for (const chunk of g.plan(ctx)) jobs.push({ options, dir, group: g.name, tables, chunk });
  }
  return jobs;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/** Writes JSON to a temp name and renames it into place. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const tmp = `${path}.tmp-${crypto.randomUUID().slice(0, 8)}`;
  await Deno.writeTextFile(tmp, JSON.stringify(value, null, 2) + "\n");
  await Deno.rename(tmp, path);
}

async function readJson<T>(path: string): Promise<T | null> {
  try {
    return JSON.parse(await Deno.readTextFile(path)) as T;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

/** Removes what partsflow writes in `dir` (and nothing else). */
async function clean(dir: string): Promise<void> {
  for (const name of [...tableNames(), STATE, MANIFEST_NAME, GROUND_TRUTH_NAME, DUCKDB_NAME]) {
    await Deno.remove(`${dir}/${name}`, { recursive: true }).catch((e) => {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    });
  }
}

async function prepare(dir: string, fingerprint: string, overwrite: boolean): Promise<void> {
  if (await exists(dir)) {
    const st = await Deno.stat(dir);
    if (!st.isDirectory) throw new UsageError(`--out ${dir} is a file; give a folder`);
    const prev = await readJson<unknown>(`${dir}/${STATE}/run.json`);
    if (prev !== null && JSON.stringify(prev) !== fingerprint) {
      if (!overwrite) {
        throw new UsageError(
          `${dir} holds a dataset made with other options; pass --overwrite to replace it or choose another --out`,
        );
      }
      await clean(dir);
    } else if (prev === null) {
      // Our own state folder alone (no run.json yet) is another shard of this
      // run that is starting up at this very moment: not a stranger's folder.
      const entries = [];
      for await (const e of Deno.readDir(dir)) if (e.name !== STATE) entries.push(e.name);
      if (entries.length && !overwrite) {
        throw new UsageError(
          `${dir} is not empty and holds no partsflow run; choose an empty or new --out (or pass --overwrite)`,
        );
      }
      if (overwrite) await clean(dir);
    }
  }
  await Deno.mkdir(`${dir}/${STATE}/done`, { recursive: true });
  await writeJsonAtomic(`${dir}/${STATE}/run.json`, JSON.parse(fingerprint));
}

const doneName = (j: ChunkJob) => `${j.group}--${String(j.chunk.index).padStart(5, "0")}.json`;

/**
 * Removes temp files a killed run left for this process's chunks (and only
 * those: other shards may be writing theirs into the same folder right now).
 */
async function removeStaleTemps(dir: string, jobs: ChunkJob[]): Promise<void> {
  const format = jobs[0]?.options.format ?? "parquet";
  const folder = (t: string) => tableFolder(t, format);
  const mine = new Set(
    jobs.flatMap((j) => j.tables.map((t) => `${folder(t)}/.tmp-${j.chunk.index}-`)),
  );
  const tables = new Set(jobs.flatMap((j) => j.tables));
  for (const t of tables) {
    if (!(await exists(`${dir}/${folder(t)}`))) continue;
    for await (const e of Deno.readDir(`${dir}/${folder(t)}`)) {
      const m = /^(\.tmp-\d+-)/.exec(e.name);
      if (m && mine.has(`${folder(t)}/${m[1]}`)) await Deno.remove(`${dir}/${folder(t)}/${e.name}`);
    }
  }
}

/** Reads the finished-chunk record of a job if its files are still there, whole. */
async function finished(dir: string, job: ChunkJob): Promise<ManifestFile[] | null> {
  const rec = await readJson<ManifestFile[]>(`${dir}/${STATE}/done/${doneName(job)}`);
  if (!rec || rec.length !== job.tables.length) return null;
  for (const f of rec) {
    try {
      if ((await Deno.stat(`${dir}/${f.path}`)).size !== f.bytes) return null;
    } catch {
      return null;
    }
  }
  return rec;
}

/** Builds the manifest from finished-chunk records, ordered by table (registry order) then chunk. */
export function buildManifest(options: RunOptions, records: ManifestFile[]): Manifest {
  const order = new Map(tableNames().map((t, i) => [t, i]));
  const files = [...records].sort((a, b) =>
    order.get(a.table)! - order.get(b.table)! || a.chunk - b.chunk
  );
  const tables: Manifest["tables"] = {};
  for (const f of files) {
    tables[f.table] ??= { rows: 0, files: 0 };
    tables[f.table].rows += f.rows;
    tables[f.table].files++;
  }
  return {
    tool: "partsflow",
    version: VERSION,
    seed: options.seed,
    scale: options.scale,
    options,
    command: reproduceCommand(options),
    tables,
    files,
  };
}

/** Generates a dataset (or one shard of it) into `req.out`. */
export async function generate(req: GenerateRequest): Promise<GenerateResult> {
  const { options, out: dir } = req;
  const shard = req.shard ?? { index: 0, count: 1 };
  if (!(shard.count >= 1 && shard.index >= 0 && shard.index < shard.count)) {
    throw new UsageError(`bad shard ${shard.index}/${shard.count}: want i/N with 0 ≤ i < N`);
  }
  const workers = Math.max(1, req.workers ?? navigator.hardwareConcurrency ?? 1);
  const fingerprint = JSON.stringify({ tool: "partsflow", version: VERSION, options });
  const all = planJobs(options, dir);
  await prepare(dir, fingerprint, req.overwrite ?? false);
  const mine = all.filter((_, k) => k % shard.count === shard.index);
  await removeStaleTemps(dir, mine);
  const todo: ChunkJob[] = [];
  let skipped = 0;
  for (const job of mine) {
    const rec = await finished(dir, job);
    if (rec) skipped += rec.length;
    else todo.push(job);
  }
  if (skipped && !req.quiet) {
    req.log?.(
      `resuming: ${skipped} file(s) already whole in ${dir}, ${todo.length} chunk(s) to write`,
    );
  }
  const ctx = makeContext(options);
  const chunksOf = new Map<string, number>();
  for (const j of all) chunksOf.set(j.group, (chunksOf.get(j.group) ?? 0) + 1);
  const expected = todo.reduce(
    (a, j) =>
      a + j.tables.reduce((b, t) => b + getTable(t).rowCount(ctx) / chunksOf.get(j.group)!, 0),
    0,
  );
  const progress = new Progress(expected, req.quiet ?? false);
  let rows = 0, written = 0;
  const profile: PhaseTimes = { generate: 0, convert: 0, write: 0, checksum: 0 };
  await runJobs(todo, workers, async (job, { files, times }) => {
    await writeJsonAtomic(`${dir}/${STATE}/done/${doneName(job)}`, files);
    const n = files.reduce((a, f) => a + f.rows, 0);
    rows += n;
    written += files.length;
    progress.add(n, files.length);
    for (const k of Object.keys(profile) as (keyof PhaseTimes)[]) profile[k] += times[k];
  });
  const seconds = progress.done();

  const records: ManifestFile[][] = [];
  for (const job of all) {
    const rec = await finished(dir, job);
    if (!rec) break;
    records.push(rec);
  }
  let manifest: Manifest | null = null;
  let database: string | undefined;
  if (records.length === all.length) {
    manifest = buildManifest(options, records.flat());
    await writeJsonAtomic(`${dir}/${GROUND_TRUTH_NAME}`, groundTruth(ctx));
    await writeJsonAtomic(`${dir}/${MANIFEST_NAME}`, manifest);
    if (options.format === "duckdb") {
      database = `${dir}/${DUCKDB_NAME}`;
      // Built whole under a temporary name: when it exists (and nothing was rewritten), it is whole.
      if (todo.length || !(await exists(database))) {
        await buildDuckDb(dir, manifest, selectedTables(options).map(getTable));
      }
    }
  }
  return { dir, written, skipped, rows, seconds, manifest, profile, database };
}
