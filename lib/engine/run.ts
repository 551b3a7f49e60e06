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
import { expectedRows, getTable, hasTable, tableNames } from "../schema/registry.ts";
import { type RunOptions, runOptionsSchema } from "../options/schema.ts";
import { FLAG_OF } from "../options/io.ts";
import { fmtBytes, MAX_ESTIMATED_BYTES } from "../world/limits.ts";
import { resolve } from "node:path";
import { sha256File } from "./chunk.ts";
import { type FolderLock, lockPath, tryLock } from "./lock.ts";
import { makeContext } from "../world/context.ts";
import type { ChunkJob, PhaseTimes } from "./chunk.ts";
import { estimateRun } from "./estimate.ts";
import { generatorFor, stageOf } from "./generators.ts";
import { pluginModules } from "../tiers/mod.ts";
import { type Manifest, MANIFEST_NAME, type ManifestFile } from "./manifest.ts";
import { runJobs } from "./pool.ts";
import { Progress } from "./progress.ts";
import { GROUND_TRUTH_NAME, groundTruth } from "./ground_truth.ts";
import { faultTruth } from "../faults/mod.ts";
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
  /**
   * Run only this stage (0-based); the stages before it must be complete in
   * `out` (from any shards). Without it a run does every stage in turn, and a
   * shard waits at each stage boundary until every shard has finished the stages
   * its next stage reads.
   */
  stage?: number;
  /** How often (ms) a shard waiting at a stage boundary looks again (default 500). */
  pollMs?: number;
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
 * world, catalog and tier sections) are reproduced by `--config manifest.json`
 * (the dataset's own manifest, whose options a config file may be), named in
 * the command whenever one of them differs from its default.
 */
export function reproduceCommand(o: RunOptions): string {
  const defaults = runOptionsSchema().parse({}) as Record<string, unknown>;
  const needsConfig = Object.entries(o).some(([k, v]) =>
    !(k in FLAG_OF) && JSON.stringify(v) !== JSON.stringify(defaults[k])
  );
  const parts = [
    "deno task generate",
    ...(needsConfig ? ["--config manifest.json"] : []),
    `--scale ${o.scale}`,
    `--seed ${o.seed}`,
    `--start ${o.start}`,
    `--end ${o.end}`,
  ];
  if (o.format !== "parquet") parts.push(`--format ${o.format}`);
  if (o.tables) parts.push(`--tables ${o.tables.join(",")}`);
  if (o.rowGroupSize) parts.push(`--row-group-size ${o.rowGroupSize}`);
  if (o.faults) parts.push(`--faults "${o.faults}"`);
  return parts.join(" ");
}

/** The tables a run writes, in registry order. */
export function selectedTables(o: RunOptions): string[] {
  if (!o.tables) return tableNames();
  for (const t of o.tables) {
    if (!hasTable(t)) {
      throw new UsageError(
        `--tables ${
          o.tables.join(",")
        }: unknown table '${t}' (run 'deno task describe' to list the tables)`,
      );
    }
  }
  const selected = tableNames().filter((t) => o.tables!.includes(t));
  for (const t of selected) {
    const missing = (generatorFor(t).reads ?? []).filter((r) => !selected.includes(r));
    if (missing.length) {
      throw new UsageError(
        `--tables: ${t} is made from ${missing.join(", ")}; add ${
          missing.length > 1 ? "them" : "it"
        } to --tables`,
      );
    }
  }
  return selected;
}

/**
 * The whole chunk plan of a run (every shard), in order: by stage, then
 * generator groups by first table (registry order), then chunk.
 */
export function planJobs(options: RunOptions, dir: string): ChunkJob[] {
  const ctx = makeContext(options);
  const jobs: ChunkJob[] = [];
  const selected = selectedTables(options);
  const seen = new Set<string>();
  const plugins = [...pluginModules()];
  for (const table of selected) {
    const g = generatorFor(table);
    if (seen.has(g.name)) continue;
    seen.add(g.name);
    const tables = g.tables.filter((t) => selected.includes(t));
    const stage = stageOf(g);
    for (const chunk of g.plan(ctx)) {
      jobs.push({ options, dir, group: g.name, tables, chunk, stage, plugins });
    }
  }
  // A stable sort: within a stage, the registry order stays.
  return jobs.sort((a, b) => a.stage - b.stage);
}

/** The stages of a plan, in order. */
export function stagesOf(jobs: readonly ChunkJob[]): number[] {
  return [...new Set(jobs.map((j) => j.stage))].sort((a, b) => a - b);
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

/**
 * Writes JSON to a temp name and renames it into place. The temp name is
 * `<path>.tmp-<tag>`: a run (holding its folder lock) always uses the same
 * one, so a temp file a killed run left is overwritten and renamed away by the
 * next; without a tag the name is random.
 */
export async function writeJsonAtomic(path: string, value: unknown, tag?: string): Promise<void> {
  const tmp = `${path}.tmp-${tag ?? crypto.randomUUID().slice(0, 8)}`;
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

/** A file or folder's removal; gone already is fine. */
async function removeIfThere(path: string, recursive = false): Promise<void> {
  await Deno.remove(path, { recursive }).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  });
}

/** Paths (relative to `dir`) partsflow's manifest and finished-chunk records say it wrote. */
async function writtenByUs(dir: string): Promise<Set<string>> {
  const out = new Set<string>();
  const m = await readJson<{ tool?: string; files?: ManifestFile[] }>(`${dir}/${MANIFEST_NAME}`)
    .catch(() => null);
  if (m?.tool === "partsflow") { for (const f of m.files ?? []) out.add(f.path); }
  try {
    for await (const e of Deno.readDir(`${dir}/${STATE}/done`)) {
      if (!e.name.endsWith(".json")) continue;
      const rec = await readJson<ManifestFile[]>(`${dir}/${STATE}/done/${e.name}`).catch(() =>
        null
      );
      for (const f of Array.isArray(rec) ? rec : []) out.add(f.path);
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return out;
}

/**
 * Removes what partsflow's own records say it wrote in `dir`, and nothing
 * else: the files the manifest and the finished-chunk records list (paths
 * inside a table's folder only), partsflow's temp files in those folders, the
 * manifest, the ground truth and the run state (not the lock files). A table
 * folder is removed only when nothing else is left in it.
 */
async function clean(dir: string): Promise<void> {
  const tables = new Set(tableNames());
  for (const rel of await writtenByUs(dir)) {
    const parts = rel.split("/");
    if (parts.length !== 2 || !tables.has(parts[0]) || parts[1].startsWith(".")) continue;
    await removeIfThere(`${dir}/${rel}`);
  }
  for (const t of tables) {
    if (!(await exists(`${dir}/${t}`))) continue;
    const left: string[] = [];
    for await (const e of Deno.readDir(`${dir}/${t}`)) {
      if (/^\.tmp-\d+-/.test(e.name)) await removeIfThere(`${dir}/${t}/${e.name}`);
      else left.push(e.name);
    }
    if (left.length === 0) await removeIfThere(`${dir}/${t}`);
  }
  for (const name of [MANIFEST_NAME, GROUND_TRUTH_NAME, DUCKDB_NAME]) {
    await removeIfThere(`${dir}/${name}`);
  }
  await removeIfThere(`${dir}/${STATE}/done`, true);
  await removeIfThere(`${dir}/${STATE}/parts`, true);
  await removeIfThere(`${dir}/${STATE}/run.json`);
}

/** What is in the output folder before a run: decides whether the run may write there. */
type FolderState =
  | { kind: "new" }
  | { kind: "ours"; sameOptions: boolean }
  | { kind: "stranger"; entries: string[] };

async function inspect(dir: string, fingerprint: string): Promise<FolderState> {
  let st: Deno.FileInfo;
  try {
    st = await Deno.stat(dir);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return { kind: "new" };
    throw new UsageError(
      `--out ${dir}: cannot write there (${osReason(e)}); choose a folder you can write to`,
    );
  }
  if (!st.isDirectory) throw new UsageError(`--out ${dir} is a file; give a folder`);
  const prev = await readJson<unknown>(`${dir}/${STATE}/run.json`).catch(() => null);
  if (prev !== null) return { kind: "ours", sameOptions: JSON.stringify(prev) === fingerprint };
  const manifest = await readJson<{ tool?: string }>(`${dir}/${MANIFEST_NAME}`).catch(() => null);
  if (manifest?.tool === "partsflow") return { kind: "ours", sameOptions: false };
  // Our own state folder alone (no run.json yet) is another shard of this
  // run that is starting up at this very moment: not a stranger's folder.
  const entries: string[] = [];
  for await (const e of Deno.readDir(dir)) if (e.name !== STATE) entries.push(e.name);
  return entries.length ? { kind: "stranger", entries } : { kind: "new" };
}

/** The OS's reason for an error, short ("permission denied", "read-only file system"). */
function osReason(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/\s*\(os error \d+\).*$/s, "").replace(/:.*$/s, "").toLowerCase();
}

/** Refuses what must be refused before anything is written (see {@link inspect}). */
function refuse(dir: string, state: FolderState, overwrite: boolean): void {
  if (state.kind === "stranger") {
    throw new UsageError(
      `--out ${dir} is not empty and holds no partsflow dataset (${
        state.entries.slice(0, 3).join(", ")
      }${state.entries.length > 3 ? ", …" : ""}); choose an empty or new --out`,
    );
  }
  if (state.kind === "ours" && !state.sameOptions && !overwrite) {
    throw new UsageError(
      `${dir} holds a dataset made with other options; pass --overwrite to replace it or choose another --out`,
    );
  }
}

async function prepare(
  dir: string,
  fingerprint: string,
  state: FolderState,
  tag: string,
): Promise<void> {
  if (state.kind === "ours" && !state.sameOptions) await clean(dir);
  await Deno.mkdir(`${dir}/${STATE}/done`, { recursive: true });
  await writeJsonAtomic(`${dir}/${STATE}/run.json`, JSON.parse(fingerprint), tag);
}

/** Makes the state folder and takes the folder lock of this shard, or refuses in one line. */
async function lockFolder(dir: string, shard: Shard): Promise<FolderLock> {
  try {
    await Deno.mkdir(`${dir}/${STATE}`, { recursive: true });
  } catch (e) {
    throw new UsageError(
      `--out ${dir}: cannot write there (${osReason(e)}); choose a folder you can write to`,
    );
  }
  const lock = await tryLock(lockPath(`${dir}/${STATE}`, shard.index, shard.count));
  if (!lock) {
    throw new UsageError(
      `another partsflow run is writing ${
        shard.count > 1 ? `shard ${shard.index}/${shard.count} ` : ""
      }into ${dir}; wait for it to finish (then rerun to check it) or choose another --out`,
    );
  }
  return lock;
}

/**
 * Removes JSON temp files a killed run (or a full disk) left: this shard's
 * tagged ones, and the untagged (random) ones older versions wrote, of the
 * state, the manifest and the ground truth; other shards' tagged temps are
 * theirs to finish.
 */
async function removeStaleJsonTemps(dir: string, jobs: ChunkJob[], tag: string): Promise<void> {
  const untagged = /\.json\.tmp-[0-9a-f]{8}$/;
  const mine = new Set(jobs.map(doneName));
  for (const folder of [dir, `${dir}/${STATE}`, `${dir}/${STATE}/done`]) {
    if (!(await exists(folder))) continue;
    for await (const e of Deno.readDir(folder)) {
      const m = /^(.*\.json)\.tmp-(.+)$/.exec(e.name);
      if (!m) continue;
      const ours = folder.endsWith("/done") ? mine.has(m[1]) : true;
      if (ours && (m[2] === tag || untagged.test(e.name))) {
        await removeIfThere(`${folder}/${e.name}`);
      }
    }
  }
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

/**
 * Reads the finished-chunk record of a job if its files are still there,
 * whole: of the recorded size and, with `verify`, of the recorded SHA-256 (a
 * file of the right size with other bytes is not kept).
 */
async function finished(
  dir: string,
  job: ChunkJob,
  verify: boolean,
): Promise<ManifestFile[] | null> {
  const rec = await readJson<ManifestFile[]>(`${dir}/${STATE}/done/${doneName(job)}`).catch(
    () => null,
  );
  if (!Array.isArray(rec) || rec.length !== job.tables.length) return null;
  for (const f of rec) {
    try {
      if ((await Deno.stat(`${dir}/${f.path}`)).size !== f.bytes) return null;
      if (verify && (await sha256File(`${dir}/${f.path}`)) !== f.sha256) return null;
    } catch {
      return null;
    }
  }
  return rec;
}

/**
 * Before a stage runs, every chunk of the tables it reads must be whole in
 * `dir`. They are when this process wrote them all; when other shards write
 * some, a shard waits for them (looking every `pollMs`), and a run given one
 * `--stage` refuses at once, naming the stage to run first.
 */
async function awaitEarlierStages(
  dir: string,
  all: readonly ChunkJob[],
  stage: number,
  req: GenerateRequest,
): Promise<void> {
  const reads = new Set(
    all.filter((j) => j.stage === stage).flatMap((j) => generatorFor(j.tables[0]).reads ?? []),
  );
  if (!reads.size) return;
  const needed = all.filter((j) => j.stage < stage && j.tables.some((t) => reads.has(t)));
  let said = false;
  for (;;) {
    const missing: ChunkJob[] = [];
    for (const j of needed) if (!(await finished(dir, j, false))) missing.push(j);
    if (!missing.length) return;
    if (req.stage !== undefined) {
      throw new UsageError(
        `--stage ${stage} reads ${[...reads].join(", ")}, but ${missing.length} chunk(s) of stage ${
          missing[0].stage
        } are not in ${dir} yet: run --stage ${missing[0].stage} (every shard) first`,
      );
    }
    if (!said && !req.quiet) {
      req.log?.(
        `stage ${stage} waits for ${missing.length} chunk(s) of stage ${
          missing[0].stage
        } from other shards`,
      );
      said = true;
    }
    await new Promise((r) => setTimeout(r, req.pollMs ?? 500));
  }
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
  if (dir.trim() === "") {
    throw new UsageError('--out "" is empty; give a folder, e.g. --out data/mine');
  }
  if (resolve(dir) === resolve("/")) {
    throw new UsageError(`--out ${dir} is the filesystem root; give a folder of its own`);
  }
  const workers = Math.max(1, req.workers ?? navigator.hardwareConcurrency ?? 1);
  const fingerprint = JSON.stringify({ tool: "partsflow", version: VERSION, options });
  const size = estimateRun(options);
  if (size.bytes > MAX_ESTIMATED_BYTES) {
    throw new UsageError(
      `this run would write about ${fmtBytes(size.bytes)} (${
        Math.round(size.rows).toLocaleString("en-US")
      } rows), over the ${
        fmtBytes(MAX_ESTIMATED_BYTES)
      } partsflow attempts; lower --scale or shorten --start … --end`,
    );
  }
  const all = planJobs(options, dir);
  const stages = stagesOf(all);
  if (req.stage !== undefined && !stages.includes(req.stage)) {
    throw new UsageError(
      `--stage ${req.stage}: this run has stage${stages.length > 1 ? "s" : ""} ${
        stages.join(", ")
      } (0-based)`,
    );
  }
  const state = await inspect(dir, fingerprint);
  refuse(dir, state, req.overwrite ?? false);
  const tag = `${shard.index}of${shard.count}`;
  const lock = await lockFolder(dir, shard);
  try {
    if (!req.quiet) {
      req.log?.(
        `at most about ${Math.round(size.rows).toLocaleString("en-US")} rows, ~${
          fmtBytes(size.bytes)
        } on disk (estimate) → ${dir}`,
      );
    }
    return await locked(req, dir, shard, workers, fingerprint, all, state, tag);
  } finally {
    lock.release();
  }
}

async function locked(
  req: GenerateRequest,
  dir: string,
  shard: Shard,
  workers: number,
  fingerprint: string,
  all: ChunkJob[],
  state: FolderState,
  tag: string,
): Promise<GenerateResult> {
  const { options } = req;
  // Looked at again under the lock: a run that held it may have just written run.json.
  if (state.kind !== "ours") state = await inspect(dir, fingerprint);
  refuse(dir, state, req.overwrite ?? false);
  await prepare(dir, fingerprint, state, tag);
  const mine = all.filter((j, k) =>
    k % shard.count === shard.index && (req.stage === undefined || j.stage === req.stage)
  );
  const stages = req.stage === undefined ? stagesOf(all) : [req.stage];
  await removeStaleTemps(dir, mine);
  await removeStaleJsonTemps(dir, mine, tag);
  const todo: ChunkJob[] = [];
  let skipped = 0;
  for (const job of mine) {
    const rec = await finished(dir, job, true);
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
  const rowsOf = expectedRows(ctx);
  const expected = todo.reduce(
    (a, j) => a + j.tables.reduce((b, t) => b + rowsOf.get(t)! / chunksOf.get(j.group)!, 0),
    0,
  );
  const progress = new Progress(expected, req.quiet ?? false);
  let rows = 0, written = 0;
  const profile: PhaseTimes = { generate: 0, convert: 0, write: 0, checksum: 0 };
  for (const stage of stages) {
    const jobs = todo.filter((j) => j.stage === stage);
    if (!jobs.length) continue;
    await awaitEarlierStages(dir, all, stage, req);
    await runJobs(jobs, workers, async (job, { files, times }) => {
      await writeJsonAtomic(`${dir}/${STATE}/done/${doneName(job)}`, files, tag);
      const n = files.reduce((a, f) => a + f.rows, 0);
      rows += n;
      written += files.length;
      progress.add(n, files.length);
      for (const k of Object.keys(profile) as (keyof PhaseTimes)[]) profile[k] += times[k];
    });
  }
  const seconds = progress.done();

  const records: ManifestFile[][] = [];
  for (const job of all) {
    // This shard's chunks were checked or written just now; other shards check their own.
    const rec = await finished(dir, job, false);
    if (!rec) break;
    records.push(rec);
  }
  let manifest: Manifest | null = null;
  let database: string | undefined;
  if (records.length === all.length) {
    manifest = buildManifest(options, records.flat());
    await writeJsonAtomic(`${dir}/${GROUND_TRUTH_NAME}`, {
      ...groundTruth(ctx),
      ...(await faultTruth(dir, options.faults, all)),
    }, tag);
    await writeJsonAtomic(`${dir}/${MANIFEST_NAME}`, manifest, tag);
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
