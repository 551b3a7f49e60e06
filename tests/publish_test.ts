/**
 * Publishing: the dataset card, the dry-run layout, and uploads by the real
 * `@huggingface/hub` client to a loopback Hub (tests/helpers/loopback_hub.ts).
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { parse as parseYaml } from "yaml";
import type { Manifest, ManifestFile } from "../lib/engine/manifest.ts";
import type { ColumnDef, TableDef } from "../lib/schema/types.ts";
import {
  buildLayout,
  checkHubLimits,
  erDiagram,
  placeholderRepo,
  planCommits,
  publish,
  PublishError,
  type PublishEvent,
  publishMain,
  readParquetFooter,
  renderCard,
  retryingFetch,
  scrub,
  sizeCategory,
} from "../lib/publish/mod.ts";
import { type LoopbackHub, startLoopbackHub } from "./helpers/loopback_hub.ts";
import { generate } from "../lib/engine/run.ts";
import { validateOptions } from "../lib/options/io.ts";

const TOKEN = "hf_loopbacktesttoken0000";
const RETRY = { attempts: 4, baseDelayMs: 2 };

// ---------------------------------------------------------------- fixtures

/** Synthetic tables, used when the registry cannot be loaded. */
const SYNTHETIC: TableDef[] = [
  {
    name: "regions",
    tier: "world",
    description: "Regions.",
    columns: [
      { name: "region_id", type: "i32", description: "Region id." },
      { name: "region_name", type: "str", description: "Name." },
    ],
    primaryKey: ["region_id"],
    scaleRule: "fixed",
    rowCount: () => 4,
  },
  {
    name: "shops",
    tier: "retail",
    description: "Shops | with a pipe.",
    columns: [
      { name: "shop_id", type: "i32", description: "Shop id." },
      { name: "region_id", type: "i32", description: "Region." },
      { name: "open_date", type: "date", description: "Opening day." },
      { name: "revenue", type: "i64", description: "Revenue.", unit: "minor currency units" },
      { name: "area", type: "f64", nullable: true, description: "Area.", unit: "m²" },
      { name: "is_open", type: "bool", description: "Open." },
      { name: "seen_at", type: "timestamp", description: "Last seen." },
      { name: "size_class", type: "i16", description: "Size class." },
    ],
    primaryKey: ["shop_id"],
    foreignKeys: [{ columns: ["region_id"], table: "regions", references: ["region_id"] }],
    scaleRule: "grows with scale",
    rowCount: () => 100,
  },
];

/** Three registry tables with foreign keys between them, or the synthetic ones. */
async function pickTables(): Promise<{ tables: TableDef[]; fromRegistry: boolean }> {
  try {
    const reg = await import("../lib/schema/registry.ts");
    const all = reg.allTables() as readonly TableDef[];
    const want = ["countries", "geo_segments", "sites"].filter((n) => reg.hasTable(n));
    const tables = want.length === 3 ? want.map((n) => reg.getTable(n)) : all.slice(0, 3);
    if (tables.length >= 2) return { tables: [...tables], fromRegistry: true };
  } catch (e) {
    console.warn(`registry unavailable (${(e as Error).message}); using synthetic tables`);
  }
  return { tables: SYNTHETIC, fromRegistry: false };
}

/** A column of `n` rows of the column's type (deterministic). */
function columnSeries(c: ColumnDef, n: number, salt: number): pl.Series {
  const idx = Array.from({ length: n }, (_, i) => i + 1);
  switch (c.type) {
    case "bool":
      return pl.Series(c.name, idx.map((i) => (i + salt) % 2 === 0));
    case "i16":
      return pl.Series(c.name, Int32Array.from(idx.map((i) => (i * 7 + salt) % 300))).cast(
        pl.Int16,
      );
    case "i32":
      return pl.Series(c.name, Int32Array.from(idx.map((i) => i + salt)));
    case "i64":
      return pl.Series(c.name, Float64Array.from(idx.map((i) => i * 1999 + salt))).cast(pl.Int64);
    case "f64":
      return pl.Series(c.name, Float64Array.from(idx.map((i) => i / 7 + salt)));
    case "date":
      return pl.Series(c.name, Int32Array.from(idx.map((i) => 19358 + i))).cast(pl.Date);
    case "timestamp":
      return pl.Series(c.name, Float64Array.from(idx.map((i) => 1.7e12 + i * 1000))).cast(
        pl.Datetime("ms"),
      );
    default:
      return pl.Series(c.name, idx.map((i) => `${c.name}-${i + salt}`));
  }
}

async function sha256File(path: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Writes a small dataset folder: the first table in one file, the others in
 * two files each, a manifest and a ground truth.
 */
async function makeDataset(dir: string, tables: TableDef[]): Promise<Manifest> {
  const files: ManifestFile[] = [];
  const counts: Record<string, { rows: number; files: number }> = {};
  for (const [ti, t] of tables.entries()) {
    const chunks = ti === 0 ? 1 : 2;
    await Deno.mkdir(join(dir, t.name), { recursive: true });
    let rows = 0;
    for (let c = 0; c < chunks; c++) {
      const n = 40 + 13 * ti + c;
      const df = pl.DataFrame(t.columns.map((col) => columnSeries(col, n, ti * 10 + c)));
      const rel = `${t.name}/part-${String(c).padStart(5, "0")}.parquet`;
      df.writeParquet(join(dir, rel), { compression: "zstd" });
      const bytes = (await Deno.stat(join(dir, rel))).size;
      files.push({
        table: t.name,
        path: rel,
        chunk: c,
        rows: n,
        bytes,
        sha256: await sha256File(join(dir, rel)),
      });
      rows += n;
    }
    counts[t.name] = { rows, files: chunks };
  }
  const manifest = {
    tool: "partsflow",
    version: "0.1.0",
    seed: 7,
    scale: 0.001,
    options: {
      scale: 0.001,
      seed: 7,
      start: "2024-01-01",
      end: "2024-03-31",
      format: "parquet",
      world: {
        countries: ["US", "GB"],
        reportingCurrency: "USD",
        storesPerScale: 200,
        minStores: 12,
      },
      catalog: { filterRange: 1, vehicles: 400 },
    },
    command: "deno task generate --scale 0.001 --seed 7 --start 2024-01-01 --end 2024-03-31",
    tables: counts,
    files,
  } as unknown as Manifest;
  await Deno.writeTextFile(join(dir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  await Deno.writeTextFile(
    join(dir, "ground_truth.json"),
    JSON.stringify({ seed: 7, seasonality: { yearly: 0.2 }, faults: [] }, null, 2) + "\n",
  );
  return manifest;
}

/** Every file under `dir`, relative, sorted. */
async function listTree(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(join(dir, prefix))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory) out.push(...await listTree(dir, rel));
    else out.push(rel);
  }
  return out.sort();
}

const ROOT = await Deno.makeTempDir({ prefix: "partsflow-publish-test-" });
const { tables: TABLES_USED, fromRegistry } = await pickTables();
const DATASET = join(ROOT, "dataset");
const MANIFEST = await makeDataset(DATASET, TABLES_USED);
/** The dry-run layout of DATASET for repo alice/demo, written once and compared against. */
const DRY = join(ROOT, "dry");
const DRY_RESULT = await publish({
  dir: DATASET,
  repo: "alice/demo",
  dryRun: DRY,
  tables: TABLES_USED,
});

function collect(): { events: PublishEvent[]; onProgress: (e: PublishEvent) => void } {
  const events: PublishEvent[] = [];
  return { events, onProgress: (e) => events.push(e) };
}

async function withHub(fn: (hub: LoopbackHub) => Promise<void>, pageSize?: number) {
  const hub = startLoopbackHub({
    pageSize,
    tokens: {
      [TOKEN]: { user: "alice" },
      hf_readonlytoken00000: { user: "alice", write: false },
    },
  });
  try {
    await fn(hub);
  } finally {
    await hub.close();
  }
}

async function assertHubHoldsDryRun(hub: LoopbackHub, repo: string) {
  const expected = await listTree(DRY);
  assert.deepEqual(hub.paths(repo).filter((p) => p !== ".gitattributes"), expected);
  for (const p of expected) {
    assert.deepEqual(hub.file(repo, p), await Deno.readFile(join(DRY, p)), `bytes of ${p}`);
  }
}

// ---------------------------------------------------------------- card

Deno.test("card: YAML front matter parses and lists every table in configs", () => {
  const card = renderCard(MANIFEST, TABLES_USED, { seed: 7, seasonality: { yearly: 0.2 } }, {
    repo: "alice/demo",
  });
  const m = card.match(/^---\n([\s\S]*?)\n---\n/);
  assert.ok(m, "front matter");
  const meta = parseYaml(m[1]);
  assert.equal(meta.license, "cc-by-4.0");
  assert.deepEqual(meta.language, ["en"]);
  for (const tag of ["synthetic", "supply-chain", "retail", "automotive", "tabular"]) {
    assert.ok(meta.tags.includes(tag), tag);
  }
  assert.ok(meta.task_categories.includes("time-series-forecasting"));
  assert.ok(typeof meta.pretty_name === "string" && meta.pretty_name.length > 0);
  const total = Object.values(MANIFEST.tables).reduce((s, t) => s + t.rows, 0);
  assert.deepEqual(meta.size_categories, [sizeCategory(total)]);
  assert.deepEqual(
    meta.configs,
    TABLES_USED.map((t) => ({
      config_name: t.name,
      data_files: [{ split: "train", path: `data/${t.name}/*.parquet` }],
    })),
  );
  // prose
  assert.match(card, /Everything in this dataset is synthetic/);
  assert.match(card, /```mermaid\nerDiagram\n/);
  for (const t of TABLES_USED) {
    assert.ok(card.includes(`#### \`${t.name}\``), `section of ${t.name}`);
    for (const c of t.columns) assert.ok(card.includes(`| \`${c.name}\` |`), `${t.name}.${c.name}`);
  }
  assert.ok(card.includes(MANIFEST.command), "reproduce command");
  assert.match(card, /seed \*\*7\*\*/);
  assert.match(card, /price book/i);
  assert.match(card, /integer/i);
  assert.match(card, /`seasonality`/);
  assert.match(card, /## Limitations/);
  assert.match(card, /load_dataset\("alice\/demo"/);
});

Deno.test("card: pure, pipes escaped, no ground truth section content without one", () => {
  const a = renderCard(MANIFEST, TABLES_USED, undefined);
  const b = renderCard(MANIFEST, TABLES_USED, undefined);
  assert.equal(a, b);
  assert.match(a, /has no `ground_truth.json`/);
  const synthManifest = {
    ...MANIFEST,
    tables: { regions: { rows: 4, files: 1 }, shops: { rows: 100, files: 1 } },
    files: [
      {
        table: "regions",
        path: "regions/part-00000.parquet",
        chunk: 0,
        rows: 4,
        bytes: 1,
        sha256: "",
      },
      {
        table: "shops",
        path: "shops/part-00000.parquet",
        chunk: 0,
        rows: 100,
        bytes: 1,
        sha256: "",
      },
    ],
  } as Manifest;
  const card = renderCard(synthManifest, SYNTHETIC);
  assert.ok(card.includes("Shops \\| with a pipe."));
  assert.ok(card.includes('regions ||--o{ shops : "region_id"'));
  assert.ok(card.includes("i32 region_id FK"));
});

Deno.test("card: erDiagram skips references to absent tables", () => {
  const d = erDiagram([SYNTHETIC[1]]);
  assert.ok(!d.includes("||--o{"));
  assert.ok(d.includes("shops {"));
});

Deno.test("sizeCategory follows the Hub's buckets", () => {
  assert.equal(sizeCategory(0), "n<1K");
  assert.equal(sizeCategory(999), "n<1K");
  assert.equal(sizeCategory(1000), "1K<n<10K");
  assert.equal(sizeCategory(99_999), "10K<n<100K");
  assert.equal(sizeCategory(10_000_000), "10M<n<100M");
  assert.equal(sizeCategory(1e9), "1B<n<10B");
  assert.equal(sizeCategory(5e11), "100B<n<1T");
  assert.equal(sizeCategory(2e12), "n>1T");
});

// ---------------------------------------------------------------- parquet + limits

Deno.test("parquet footer: rows and row groups match what polars wrote", async () => {
  for (const f of MANIFEST.files) {
    const footer = await readParquetFooter(join(DATASET, f.path));
    assert.equal(footer.rows, f.rows);
    assert.equal(footer.rowGroups.reduce((s, g) => s + g.rows, 0), f.rows);
    assert.ok(footer.rowGroups.every((g) => g.bytes > 0));
  }
  const notParquet = join(ROOT, "x.parquet");
  await Deno.writeTextFile(notParquet, "hello, this is not parquet");
  await assert.rejects(() => readParquetFooter(notParquet), /not a Parquet file/);
});

Deno.test("hub limits: oversized files and row groups give warnings", () => {
  const w = checkHubLimits([
    { path: "data/a/part-00000.parquet", size: 1000 },
    {
      path: "data/a/part-00001.parquet",
      size: 25e9,
      parquet: {
        rows: 10,
        rowGroups: [{ rows: 5, bytes: 1e6 }, { rows: 5, bytes: 800e6 }],
        hasPageIndex: false,
      },
    },
    { path: "data/a/part-00002.parquet", size: 60e9 },
  ]);
  assert.equal(w.length, 3, w.join("\n"));
  assert.match(w[0], /recommended 20\.0 GB/);
  assert.match(w[1], /row group.*800 MB.*no page index/);
  assert.match(w[2], /hard limit/);
  assert.deepEqual(checkHubLimits([{ path: "README.md", size: 10 }]), []);
});

Deno.test("planCommits splits by file count and bytes, keeping order", () => {
  const items = [5, 5, 5, 20, 1, 1].map((size, i) => ({ size, i }));
  const byCount = planCommits(items, 2, 1e9).map((b) => b.map((x) => x.i));
  assert.deepEqual(byCount, [[0, 1], [2, 3], [4, 5]]);
  const byBytes = planCommits(items, 100, 12).map((b) => b.map((x) => x.i));
  assert.deepEqual(byBytes, [[0, 1], [2], [3], [4, 5]]);
});

// ---------------------------------------------------------------- dry run

Deno.test("dry run writes exactly the layout that would be uploaded", async () => {
  const files = await listTree(DRY);
  const data = MANIFEST.files.map((f) => `data/${f.path}`);
  assert.deepEqual(
    files,
    [...data, "README.md", "ground_truth.json", "manifest.json", "schema.json"].sort(),
  );
  assert.deepEqual(DRY_RESULT.files.map((f) => f.path).sort(), files);
  assert.equal(DRY_RESULT.dryRun, true);
  for (const f of MANIFEST.files) {
    assert.deepEqual(
      await Deno.readFile(join(DRY, "data", f.path)),
      await Deno.readFile(join(DATASET, f.path)),
    );
  }
  for (const p of ["manifest.json", "ground_truth.json"]) {
    assert.deepEqual(await Deno.readFile(join(DRY, p)), await Deno.readFile(join(DATASET, p)));
  }
  const layout = await buildLayout(DATASET, { repo: "alice/demo", tables: TABLES_USED });
  for (const e of layout.entries) {
    assert.equal((await Deno.stat(join(DRY, e.path))).size, e.size, e.path);
  }
  assert.equal(layout.entries.at(-1)!.path, "README.md", "card goes last");
  const schema = JSON.parse(await Deno.readTextFile(join(DRY, "schema.json")));
  assert.deepEqual(
    schema.tables.map((t: { name: string }) => t.name),
    TABLES_USED.map((t) => t.name),
  );
  const first = schema.tables[0];
  assert.deepEqual(first.primaryKey, TABLES_USED[0].primaryKey);
  assert.equal(first.columns.length, TABLES_USED[0].columns.length);
  assert.ok("nullable" in first.columns[0] && "description" in first.columns[0]);
  assert.deepEqual(DRY_RESULT.warnings, []);
  // a second dry run into a non-empty folder is refused, and no token is needed
  await assert.rejects(
    () => publish({ dir: DATASET, repo: "alice/demo", dryRun: DRY, tables: TABLES_USED }),
    /not empty/,
  );
});

Deno.test("dry run warns about files not in the manifest and refuses a bad folder", async () => {
  const dir = join(ROOT, "extra");
  await Deno.mkdir(dir);
  for (const p of [...MANIFEST.files.map((f) => f.path), "manifest.json"]) {
    await Deno.mkdir(join(dir, p, ".."), { recursive: true });
    await Deno.copyFile(join(DATASET, p), join(dir, p));
  }
  const t0 = TABLES_USED[0].name;
  await Deno.copyFile(join(DATASET, MANIFEST.files[0].path), join(dir, t0, "part-00042.parquet"));
  const r = await publish({
    dir,
    repo: "alice/demo",
    dryRun: join(ROOT, "extra-out"),
    tables: TABLES_USED,
  });
  assert.ok(
    r.warnings.some((w) => w.includes(`${t0}/part-00042.parquet is not listed`)),
    r.warnings.join(),
  );
  assert.ok(!r.files.some((f) => f.path.includes("part-00042")));
  assert.ok(!r.files.some((f) => f.path === "ground_truth.json"));
  await assert.rejects(
    () => publish({ dir: join(ROOT, "nope"), repo: "alice/demo", dryRun: join(ROOT, "o2") }),
    (e) => e instanceof PublishError && /does not exist/.test(e.message),
  );
  await assert.rejects(
    () => publish({ dir: DATASET, repo: "not a repo", dryRun: join(ROOT, "o3") }),
    (e) => e instanceof PublishError && e.code === "usage",
  );
});

// ---------------------------------------------------------------- upload

Deno.test("publish: the real client uploads the dataset byte for byte", async () => {
  await withHub(async (hub) => {
    const { events, onProgress } = collect();
    const r = await publish({
      dir: DATASET,
      repo: "alice/demo",
      token: TOKEN,
      endpoint: hub.url,
      tables: TABLES_USED,
      onProgress,
      retry: RETRY,
    });
    assert.equal(r.createdRepo, true);
    assert.equal(r.commits, 1);
    assert.equal(r.skipped.length, 0);
    assert.equal(r.url, `${hub.url}/datasets/alice/demo`);
    await assertHubHoldsDryRun(hub, "alice/demo");
    const repo = hub.repo("alice/demo")!;
    // parquet went through LFS (plain "basic" transfer), JSON and the card as regular files
    for (const f of MANIFEST.files) assert.equal(repo.files.get(`data/${f.path}`)!.lfs, true);
    assert.equal(repo.files.get("README.md")!.lfs, false);
    assert.equal(hub.count("lfs-upload", 200), MANIFEST.files.length);
    assert.ok(hub.offeredTransfers[0].includes("basic"));
    assert.equal(hub.count("commit", 200), 1);
    assert.ok(events.some((e) => e.kind === "upload" && e.path === "README.md"));
    assert.ok(events.some((e) => e.kind === "done"));
    for (const e of events) assert.ok(!e.message.includes(TOKEN));
  });
});

Deno.test("publish: a rerun uploads nothing new; without --overwrite it is refused", async () => {
  await withHub(async (hub) => {
    const base = {
      dir: DATASET,
      repo: "alice/demo",
      token: TOKEN,
      endpoint: hub.url,
      tables: TABLES_USED,
      retry: RETRY,
    };
    await publish(base);
    const before = hub.requests.length;
    await assert.rejects(
      () => publish(base),
      (e) =>
        e instanceof PublishError && e.code === "repo-exists" &&
        e.message.includes("repo exists; pass --overwrite to update it"),
    );
    const { events, onProgress } = collect();
    const r = await publish({ ...base, overwrite: true, onProgress });
    assert.equal(r.commits, 0);
    assert.deepEqual(r.uploaded, []);
    assert.equal(r.skipped.length, DRY_RESULT.files.length);
    const after = hub.requests.slice(before).map((x) => x.route);
    for (const route of ["preupload", "lfs-batch", "lfs-upload", "commit"] as const) {
      assert.ok(!after.includes(route), `no ${route} on rerun`);
    }
    assert.ok(events.some((e) => e.kind === "done" && /up to date/.test(e.message)));
    await assertHubHoldsDryRun(hub, "alice/demo");
  }, 3); // small pages: the listing follows Link headers
});

Deno.test("publish: large datasets go in several commits, the card last; a failed run resumes", async () => {
  await withHub(async (hub) => {
    const base = {
      dir: DATASET,
      repo: "alice/demo",
      token: TOKEN,
      endpoint: hub.url,
      tables: TABLES_USED,
      retry: { attempts: 2, baseDelayMs: 1 },
      maxFilesPerCommit: 2,
    };
    // the second commit fails for good: the first stays on the Hub
    let commits = 0;
    const failing = {
      ...base,
      onProgress: (e: PublishEvent) => {
        if (e.kind === "committed") {
          commits++;
          if (commits === 1) hub.failNext("commit", 5, 502);
        }
      },
    };
    await assert.rejects(
      () => publish(failing),
      (e) => e instanceof PublishError && e.code === "hub",
    );
    const partial = hub.paths("alice/demo").filter((p) => p !== ".gitattributes");
    assert.equal(partial.length, 2);
    hub.failNext("commit", 0);
    const r = await publish({ ...base, overwrite: true });
    assert.deepEqual(r.skipped.sort(), partial);
    const n = DRY_RESULT.files.length - 2;
    assert.equal(r.commits, Math.ceil(n / 2));
    const repo = hub.repo("alice/demo")!;
    const last = repo.commits.at(-1)!;
    assert.ok(last.added.includes("README.md"), "card in the last commit");
    assert.match(last.title, /part \d+ of \d+/);
    await assertHubHoldsDryRun(hub, "alice/demo");
  });
});

Deno.test("publish: injected 5xx errors on every route are survived", async () => {
  await withHub(async (hub) => {
    hub.failNext("create", 2, 503);
    hub.failNext("tree", 1, 500);
    hub.failNext("preupload", 2, 502);
    hub.failNext("lfs-batch", 1, 504);
    hub.failNext("lfs-upload", 2, 503);
    hub.failNext("commit", 2, 500);
    const { events, onProgress } = collect();
    const r = await publish({
      dir: DATASET,
      repo: "alice/demo",
      token: TOKEN,
      endpoint: hub.url,
      tables: TABLES_USED,
      onProgress,
      retry: RETRY,
    });
    assert.equal(r.commits, 1);
    await assertHubHoldsDryRun(hub, "alice/demo");
    const retries = events.filter((e) => e.kind === "retry");
    assert.equal(retries.length, 10, retries.map((e) => e.message).join("\n"));
    assert.ok(retries.some((e) => /HTTP 503 on POST \/api\/repos\/create/.test(e.message)));
    for (const e of events) assert.ok(!e.message.includes(TOKEN));
  });
});

Deno.test("publish: persistent 5xx gives a clear error after the retries", async () => {
  await withHub(async (hub) => {
    hub.failNext("create", 10, 503);
    await assert.rejects(
      () =>
        publish({
          dir: DATASET,
          repo: "alice/demo",
          token: TOKEN,
          endpoint: hub.url,
          tables: TABLES_USED,
          retry: { attempts: 3, baseDelayMs: 1 },
        }),
      (e) =>
        e instanceof PublishError && e.code === "hub" && e.status === 503 &&
        /creating the repo/.test(e.message),
    );
    assert.equal(hub.count("create"), 3);
  });
});

Deno.test("publish: a bad token gives a clear error without the token", async () => {
  await withHub(async (hub) => {
    const bad = "hf_ThisTokenIsWrong12345";
    const { events, onProgress } = collect();
    const err = await publish({
      dir: DATASET,
      repo: "alice/demo",
      token: bad,
      endpoint: hub.url,
      tables: TABLES_USED,
      onProgress,
      retry: RETRY,
    }).then(() => undefined, (e) => e);
    assert.ok(err instanceof PublishError, String(err));
    assert.equal(err.code, "bad-token");
    assert.equal(err.status, 401);
    assert.match(err.message, /rejected the access token \(HTTP 401\)/);
    assert.ok(!err.message.includes(bad));
    assert.ok(!String(err.stack).includes(bad));
    for (const e of events) assert.ok(!e.message.includes(bad));
    assert.equal(hub.repos.size, 0);
    // malformed token: refused before any request
    const n = hub.requests.length;
    await assert.rejects(
      () =>
        publish({
          dir: DATASET,
          repo: "alice/demo",
          token: "secret-123",
          endpoint: hub.url,
          tables: TABLES_USED,
        }),
      (e) =>
        e instanceof PublishError && e.code === "bad-token" && !e.message.includes("secret-123"),
    );
    assert.equal(hub.requests.length, n);
  });
});

Deno.test("publish: no write permission (403) is a clear error", async () => {
  await withHub(async (hub) => {
    await assert.rejects(
      () =>
        publish({
          dir: DATASET,
          repo: "someone-else/demo",
          token: TOKEN,
          endpoint: hub.url,
          tables: TABLES_USED,
          retry: RETRY,
        }),
      (e) =>
        e instanceof PublishError && e.code === "forbidden" && /HTTP 403/.test(e.message) &&
        e.message.includes("someone-else") && !e.message.includes(TOKEN),
    );
    // read-only token on an existing repo: the commit is refused
    hub.seedRepo("alice/ro");
    await assert.rejects(
      () =>
        publish({
          dir: DATASET,
          repo: "alice/ro",
          token: "hf_readonlytoken00000",
          endpoint: hub.url,
          tables: TABLES_USED,
          retry: RETRY,
        }),
      (e) => e instanceof PublishError && e.code === "forbidden",
    );
  });
});

Deno.test("publish: an existing repo with files is refused without overwrite; with it, stale files go", async () => {
  await withHub(async (hub) => {
    const stale = `data/${TABLES_USED[0].name}/part-00099.parquet`;
    hub.seedRepo("alice/old", {
      "README.md": "# old card\n",
      [stale]: new Uint8Array([1, 2, 3]),
      "notes.txt": "kept\n",
    });
    const base = {
      dir: DATASET,
      repo: "alice/old",
      token: TOKEN,
      endpoint: hub.url,
      tables: TABLES_USED,
      retry: RETRY,
    };
    await assert.rejects(
      () => publish(base),
      (e) => e instanceof PublishError && e.code === "repo-exists" && /--overwrite/.test(e.message),
    );
    assert.equal(hub.count("commit"), 0);
    const r = await publish({ ...base, overwrite: true });
    assert.deepEqual(r.deleted, [stale]);
    assert.ok(!hub.paths("alice/old").includes(stale));
    assert.ok(hub.paths("alice/old").includes("notes.txt"), "files outside the layout are kept");
    const card = new TextDecoder().decode(hub.file("alice/old", "README.md"));
    assert.ok(card.startsWith("---\nlicense: cc-by-4.0\n"));
    assert.ok(card.includes('load_dataset("alice/old"'));
  });
});

Deno.test("publish: token and endpoint come from HF_TOKEN / HF_ENDPOINT; missing token is a clear error", async () => {
  const saved = { t: Deno.env.get("HF_TOKEN"), e: Deno.env.get("HF_ENDPOINT") };
  const restore = () => {
    for (const [k, v] of [["HF_TOKEN", saved.t], ["HF_ENDPOINT", saved.e]] as const) {
      if (v === undefined) Deno.env.delete(k);
      else Deno.env.set(k, v);
    }
  };
  try {
    Deno.env.delete("HF_TOKEN");
    await assert.rejects(
      () =>
        publish({
          dir: DATASET,
          repo: "alice/demo",
          endpoint: "http://127.0.0.1:9",
          tables: TABLES_USED,
        }),
      (e) =>
        e instanceof PublishError && e.code === "no-token" &&
        /^HF_TOKEN is not set/.test(e.message),
    );
    await withHub(async (hub) => {
      Deno.env.set("HF_TOKEN", TOKEN);
      Deno.env.set("HF_ENDPOINT", hub.url + "/");
      const r = await publish({
        dir: DATASET,
        repo: "alice/env",
        tables: TABLES_USED,
        retry: RETRY,
      });
      assert.equal(r.url, `${hub.url}/datasets/alice/env`);
      assert.ok(hub.paths("alice/env").includes("README.md"));
    });
  } finally {
    restore();
  }
});

// ---------------------------------------------------------------- retry + scrub units

Deno.test("retryingFetch retries network errors and 5xx, not 4xx", async () => {
  let calls = 0;
  const flaky: typeof fetch = () => {
    calls++;
    if (calls === 1) return Promise.reject(new TypeError("connection refused"));
    if (calls === 2) return Promise.resolve(new Response("x", { status: 502 }));
    return Promise.resolve(new Response("ok", { status: 200 }));
  };
  const seen: string[] = [];
  const f = retryingFetch({ attempts: 5, baseDelayMs: 1 }, (i) => seen.push(i.reason), flaky);
  const res = await f("http://x.invalid/a?sig=secret", { method: "PUT", body: "b" });
  assert.equal(await res.text(), "ok");
  assert.deepEqual(seen, ["connection refused", "HTTP 502"]);
  calls = 0;
  const notFound: typeof fetch = () => {
    calls++;
    return Promise.resolve(new Response("nope", { status: 404 }));
  };
  const r404 = await retryingFetch({ attempts: 5, baseDelayMs: 1 }, undefined, notFound)(
    "http://x.invalid/",
  );
  assert.equal(r404.status, 404);
  await r404.body?.cancel();
  assert.equal(calls, 1);
});

Deno.test("scrub removes tokens", () => {
  assert.equal(scrub("Bearer hf_abcdefghij12 failed", undefined), "Bearer hf_*** failed");
  assert.equal(scrub("token=sekrit-value", "sekrit-value"), "token=hf_***");
});

// ---------------------------------------------------------------- CLI

Deno.test("CLI: missing token, unknown option, help, usage errors", async () => {
  const lines: string[] = [];
  const io = {
    out: (l: string) => lines.push(l),
    err: (l: string) => lines.push(l),
    env: () => undefined,
  };
  assert.equal(await publishMain([DATASET, "--repo", "alice/demo"], io), 2);
  assert.equal(lines.length, 1);
  assert.match(lines[0], /HF_TOKEN is not set/);
  lines.length = 0;
  assert.equal(await publishMain([DATASET, "--repo", "alice/demo", "--frobnicate"], io), 2);
  assert.equal(lines.length, 1);
  assert.match(lines[0], /unknown option '--frobnicate'/);
  lines.length = 0;
  assert.equal(await publishMain(["--help"], io), 0);
  assert.match(lines.join("\n"), /--dry-run OUT-DIR/);
  lines.length = 0;
  assert.equal(await publishMain([DATASET], io), 2);
  assert.match(lines[0], /missing --repo/);
  lines.length = 0;
  assert.equal(await publishMain(["--repo", "alice/demo"], io), 2);
  assert.match(lines[0], /missing the dataset folder/);
  lines.length = 0;
  assert.equal(await publishMain([DATASET, "--repo"], io), 2);
  assert.match(lines[0], /--repo needs a value/);
  lines.length = 0;
  assert.equal(await publishMain([DATASET, "--repo", "alice/demo", "--dry-run="], io), 2);
  assert.match(lines[0], /--dry-run needs a value/);
  lines.length = 0;
  assert.equal(await publishMain([DATASET, "--repo", "alice/demo", "--private=yes"], io), 2);
  assert.match(lines[0], /--private takes no value/);
  lines.length = 0;
  assert.equal(await publishMain([DATASET, "b", "--repo", "alice/demo"], io), 2);
  assert.match(lines[0], /expected one dataset folder/);
});

Deno.test("CLI: --dry-run OUT needs no --repo; the card then names a placeholder repository", async () => {
  const lines: string[] = [];
  const io = {
    out: (l: string) => lines.push(l),
    err: (l: string) => lines.push(l),
    env: () => undefined,
  };
  const out = join(ROOT, "dry-no-repo");
  assert.equal(await publishMain([DATASET, "--dry-run", out], io), 0, lines.join("\n"));
  assert.match(lines.join("\n"), /dry run: wrote \d+ files .*your-name\/partsflow-dataset/);
  const card = await Deno.readTextFile(join(out, "README.md"));
  assert.match(card, /load_dataset\("your-name\/partsflow-dataset"/);
  assert.equal(placeholderRepo("data/sf0.01-seed42/"), "your-name/partsflow-sf0.01-seed42");
  assert.equal(placeholderRepo("/tmp/My Data!!"), "your-name/partsflow-My-Data");
});

Deno.test({
  name: "CLI: publishes through HF_ENDPOINT and never prints the token",
  ignore: !fromRegistry,
  fn: async () => {
    await withHub(async (hub) => {
      const lines: string[] = [];
      const env = (n: string) =>
        ({ HF_TOKEN: TOKEN, HF_ENDPOINT: hub.url } as Record<string, string>)[n];
      const io = {
        out: (l: string) => lines.push(l),
        err: (l: string) => lines.push(l),
        env,
        retry: RETRY,
      };
      hub.failNext("lfs-upload", 1, 503);
      assert.equal(await publishMain([DATASET, "--repo", "alice/demo", "--private"], io), 0);
      assert.equal(hub.repo("alice/demo")!.private, true);
      await assertHubHoldsDryRun(hub, "alice/demo");
      assert.ok(lines.some((l) => /^publish: commit 1\/1/.test(l)));
      assert.ok(lines.some((l) => /^publish: HTTP 503 on PUT/.test(l)));
      assert.ok(lines.some((l) => /^published \d+ files to /.test(l)));
      // rerun without --overwrite: exit 1 with the hint; with it: up to date
      assert.equal(await publishMain([DATASET, "--repo", "alice/demo"], io), 1);
      assert.ok(lines.some((l) => l.includes("pass --overwrite")));
      assert.equal(await publishMain([DATASET, "--repo", "alice/demo", "--overwrite"], io), 0);
      assert.ok(lines.some((l) => /is up to date/.test(l)));
      // bad token through the CLI
      const badEnv = (n: string) =>
        ({ HF_TOKEN: "hf_BadBadBad123456789", HF_ENDPOINT: hub.url } as Record<string, string>)[n];
      assert.equal(await publishMain([DATASET, "--repo", "alice/x"], { ...io, env: badEnv }), 1);
      assert.ok(lines.some((l) => /HTTP 401/.test(l)));
      const all = lines.join("\n");
      assert.ok(!all.includes(TOKEN));
      assert.ok(!all.includes("hf_BadBadBad123456789"));
      // dry run through the CLI needs no token
      const out = join(ROOT, "cli-dry");
      assert.equal(
        await publishMain([DATASET, "--repo", "alice/demo", `--dry-run=${out}`], {
          ...io,
          env: () => undefined,
        }),
        0,
      );
      assert.deepEqual(await listTree(out), await listTree(DRY));
    });
  },
});

Deno.test({
  name:
    "publish: a dataset generated by cli.ts generate (when it can) publishes and matches its dry run",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dir = join(ROOT, "card-data");
    let generated = false;
    try {
      await Deno.stat(new URL("../cli.ts", import.meta.url));
      const cmd = new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "cli.ts", "generate", "--scale", "0.01", "--out", dir, "--quiet"],
        cwd: new URL("..", import.meta.url),
        stdout: "null",
        stderr: "piped",
        signal: AbortSignal.timeout(15_000),
      });
      const r = await cmd.output();
      generated = r.success;
      if (!generated) {
        console.warn(
          `cli.ts generate failed; using the hand-built folder: ${
            new TextDecoder().decode(r.stderr).slice(0, 300)
          }`,
        );
      }
    } catch (e) {
      console.warn(
        `cli.ts generate unavailable (${(e as Error).message}); using the hand-built folder`,
      );
    }
    const src = generated ? dir : DATASET;
    const tables = generated ? undefined : TABLES_USED;
    const out = join(ROOT, "card-dry");
    const dry = await publish({ dir: src, repo: "alice/gen", dryRun: out, tables });
    const card = await Deno.readTextFile(join(out, "README.md"));
    const meta = parseYaml(card.split("---\n")[1]);
    const manifest = JSON.parse(await Deno.readTextFile(join(src, "manifest.json"))) as Manifest;
    assert.deepEqual(
      meta.configs.map((c: { config_name: string }) => c.config_name),
      [...new Set(manifest.files.map((f) => f.table))],
    );
    await withHub(async (hub) => {
      const r = await publish({
        dir: src,
        repo: "alice/gen",
        token: TOKEN,
        endpoint: hub.url,
        tables,
        retry: RETRY,
      });
      assert.deepEqual(r.files, dry.files);
      const expected = await listTree(out);
      assert.deepEqual(hub.paths("alice/gen").filter((p) => p !== ".gitattributes"), expected);
      for (const p of expected) {
        assert.deepEqual(hub.file("alice/gen", p), await Deno.readFile(join(out, p)), p);
      }
    });
  },
});

globalThis.addEventListener("unload", () => {
  try {
    Deno.removeSync(ROOT, { recursive: true });
  } catch { /* ignore */ }
});

Deno.test("the card of a generated dataset: its tables are the folder's, its claims hold for the tiers present, it cites and links", async () => {
  const data = join(ROOT, "card-of-generated");
  await generate({
    options: validateOptions({ scale: 0.002, seed: 7, start: "2024-01-01", end: "2024-03-31" }),
    out: data,
    quiet: true,
  });
  const out = join(ROOT, "card-of-generated-dry");
  const source = "https://example.org/partsflow";
  await publish({ dir: data, repo: "alice/parts", dryRun: out, source });
  const card = await Deno.readTextFile(join(out, "README.md"));
  const manifest: Manifest = JSON.parse(await Deno.readTextFile(join(data, "manifest.json")));
  // The "## Tables" section lists exactly the tables in data/, with the manifest's rows.
  const section = card.split("## Tables")[1].split("\n## ")[0];
  const listed = new Map(
    [...section.matchAll(/^\| `([a-z_]+)` \| \w+ \| ([\d,]+) \|/gm)].map((
      m,
    ) => [m[1], Number(m[2].replaceAll(",", ""))]),
  );
  const folders = [...Deno.readDirSync(join(out, "data"))].filter((e) => e.isDirectory)
    .map((e) => e.name).sort();
  assert.deepEqual([...listed.keys()].sort(), folders);
  assert.deepEqual(folders, Object.keys(manifest.tables).sort());
  for (const [t, rows] of listed) assert.equal(rows, manifest.tables[t].rows, t);
  // Loading examples read the main sales table.
  assert.match(card, /load_dataset\("alice\/parts", "retail_transaction_lines", split="train"\)/);
  assert.match(card, /hf:\/\/datasets\/alice\/parts\/data\/retail_transaction_lines\//);
  // Citation and source link.
  assert.match(card, /## Citation\n\n```bibtex\n@misc\{partsflow_alice_parts,/);
  assert.ok(card.includes(`source code: [${source}](${source})`), "links the source");
  // Every tier is generated: the card describes each and claims nothing missing, nor what the
  // data cannot hold (no delivery status, no daily stock rows).
  assert.match(card, /\*\*Distribution \(Brightaxle/);
  assert.match(card, /\*\*Manufacturing \(Corvane blends oil, Keldmark builds filters\)\*\*/);
  assert.doesNotMatch(card, /delivery status|per site × SKU × day/i);
  assert.doesNotMatch(card, /Not generated yet/);
});
