/**
 * The published layout of a dataset: what a dry run writes and what gets
 * uploaded, file for file.
 *
 * ```
 * README.md                      dataset card (YAML front matter + prose)
 * data/<table>/part-NNNNN.parquet the dataset's files, unchanged
 * schema.json                    registry entries of the tables present
 * manifest.json                  the dataset's manifest, unchanged
 * ground_truth.json              when the dataset has one, unchanged
 * ```
 *
 * @module
 */

import { join, resolve } from "node:path";
import { type Manifest, MANIFEST_NAME } from "../engine/manifest.ts";
import { getTable, hasTable } from "../schema/registry.ts";
import type { TableDef } from "../schema/types.ts";
import { renderCard } from "./card.ts";
import { PublishError } from "./errors.ts";
import type { ContentSource } from "./hashing.ts";
import { type CheckedFile, checkHubLimits } from "./hub_limits.ts";
import { readParquetFooter } from "./parquet_footer.ts";
import { renderSchemaJson } from "./schema_json.ts";

/** Name of the ground-truth file in a dataset folder and in the repo. */
export const GROUND_TRUTH_NAME = "ground_truth.json";

/** What an entry of the layout is. */
export type LayoutKind = "data" | "card" | "schema" | "manifest" | "ground_truth";

/** One file of the published layout. */
export interface LayoutEntry {
  /** Path in the repository (forward slashes), e.g. `data/sites/part-00000.parquet`. */
  path: string;
  /** Size in bytes. */
  size: number;
  /** Where its bytes come from. */
  source: ContentSource;
  /** What it is. */
  kind: LayoutKind;
  /** Table of a data file. */
  table?: string;
}

/** A dataset folder turned into the layout to publish. */
export interface Layout {
  /** Absolute path of the dataset folder. */
  dir: string;
  /** Its manifest. */
  manifest: Manifest;
  /** Registry entries of the tables in the manifest, in manifest order. */
  tables: TableDef[];
  /** Parsed `ground_truth.json`, when present. */
  groundTruth?: unknown;
  /** Files in upload order: data files first, then schema, manifest, ground truth, card last. */
  entries: LayoutEntry[];
  /** Rows over all tables. */
  totalRows: number;
  /** Bytes over all files. */
  totalBytes: number;
  /** Problems found (Hub recommendations, files not in the manifest …); publishing goes on. */
  warnings: string[];
}

/** Options of {@link buildLayout}. */
export interface LayoutOptions {
  /** Repository id (`owner/name`) shown in the card's loading examples. */
  repo?: string;
  /** Table definitions to use instead of the registry (tests, other registries). */
  tables?: readonly TableDef[];
  /** Web address of partsflow's source code, linked from the card. */
  source?: string;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/** True when `p` is a safe relative path (no `..`, not absolute, forward slashes). */
function safeRelative(p: string): boolean {
  return p.length > 0 && !p.startsWith("/") && !p.includes("\\") &&
    p.split("/").every((s) => s !== "" && s !== "." && s !== "..");
}

/** Reads and checks `manifest.json` of `dir`. */
export async function readManifest(dir: string): Promise<Manifest> {
  const path = join(dir, MANIFEST_NAME);
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new PublishError(
        "dataset",
        `no ${MANIFEST_NAME} in ${dir}: is it a partsflow dataset folder? (generate one with: deno task generate --out ${dir})`,
      );
    }
    throw e;
  }
  let m: Manifest;
  try {
    m = JSON.parse(text);
  } catch (e) {
    throw new PublishError("dataset", `${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (
    !m || m.tool !== "partsflow" || !Array.isArray(m.files) || typeof m.tables !== "object" ||
    m.tables === null
  ) {
    throw new PublishError("dataset", `${path} is not a partsflow manifest`);
  }
  return m;
}

function resolveTables(manifest: Manifest, given?: readonly TableDef[]): TableDef[] {
  const names = [...Object.keys(manifest.tables)];
  for (const f of manifest.files) if (!names.includes(f.table)) names.push(f.table);
  return names.map((name) => {
    if (given) {
      const t = given.find((x) => x.name === name);
      if (!t) throw new PublishError("dataset", `no table definition given for '${name}'`);
      return t;
    }
    if (!hasTable(name)) {
      throw new PublishError(
        "dataset",
        `table '${name}' of the manifest is not in this partsflow's registry (dataset written by partsflow ${manifest.version}?)`,
      );
    }
    return getTable(name);
  });
}

/**
 * Turns the dataset folder `dir` into the layout to publish: reads the
 * manifest, checks every listed file exists, renders the card and
 * `schema.json`, and checks Parquet files against the Hub's recommendations.
 */
export async function buildLayout(dir: string, opts: LayoutOptions = {}): Promise<Layout> {
  const abs = resolve(dir);
  let st: Deno.FileInfo;
  try {
    st = await Deno.stat(abs);
  } catch {
    throw new PublishError(
      "usage",
      `dataset folder ${dir} does not exist: give the folder a generate run wrote (e.g. data/sf0.01-seed42)`,
    );
  }
  if (!st.isDirectory) {
    throw new PublishError("usage", `${dir} is not a folder: give the folder a generate run wrote`);
  }
  const manifest = await readManifest(abs);
  const tables = resolveTables(manifest, opts.tables);
  const warnings: string[] = [];

  const entries: LayoutEntry[] = [];
  const checked: CheckedFile[] = [];
  const listed = new Set<string>();
  for (const f of manifest.files) {
    if (!safeRelative(f.path)) {
      throw new PublishError("dataset", `manifest lists an unsafe path '${f.path}'`);
    }
    const local = join(abs, f.path);
    let size: number;
    try {
      size = (await Deno.stat(local)).size;
    } catch {
      throw new PublishError(
        "dataset",
        `${f.path} is listed in ${MANIFEST_NAME} but missing from ${dir}`,
      );
    }
    if (size !== f.bytes) {
      warnings.push(
        `${f.path} is ${size} bytes but ${MANIFEST_NAME} says ${f.bytes} (modified since it was generated?)`,
      );
    }
    listed.add(f.path);
    const name = f.path.slice(f.path.lastIndexOf("/") + 1);
    const entry: LayoutEntry = {
      path: `data/${f.table}/${name}`,
      size,
      source: { kind: "file", path: local },
      kind: "data",
      table: f.table,
    };
    if (entries.some((e) => e.path === entry.path)) {
      throw new PublishError("dataset", `two files of table '${f.table}' are named ${name}`);
    }
    entries.push(entry);
    const c: CheckedFile = { path: entry.path, size };
    if (name.endsWith(".parquet")) {
      try {
        c.parquet = await readParquetFooter(local);
        if (c.parquet.rows !== f.rows) {
          warnings.push(
            `${f.path} holds ${c.parquet.rows} rows but ${MANIFEST_NAME} says ${f.rows}`,
          );
        }
      } catch (e) {
        c.parquetError = (e as Error).message.replace(local, f.path);
      }
    }
    checked.push(c);
  }

  // files in table folders that the manifest does not list are not published
  for (const t of tables) {
    const folder = join(abs, t.name);
    if (!(await exists(folder))) continue;
    for await (const e of Deno.readDir(folder)) {
      const rel = `${t.name}/${e.name}`;
      if (e.isFile && !listed.has(rel) && /\.(parquet|csv|arrow)$/.test(e.name)) {
        warnings.push(`${rel} is not listed in ${MANIFEST_NAME}: not published`);
      }
    }
  }

  let groundTruth: unknown;
  const gtPath = join(abs, GROUND_TRUTH_NAME);
  const hasGroundTruth = await exists(gtPath);
  if (hasGroundTruth) {
    try {
      groundTruth = JSON.parse(await Deno.readTextFile(gtPath));
    } catch (e) {
      throw new PublishError(
        "dataset",
        `${GROUND_TRUTH_NAME} is not valid JSON: ${(e as Error).message}`,
      );
    }
  }

  const enc = new TextEncoder();
  const schemaBytes = enc.encode(renderSchemaJson(manifest, tables));
  entries.push({
    path: "schema.json",
    size: schemaBytes.length,
    source: { kind: "bytes", bytes: schemaBytes },
    kind: "schema",
  });
  const manifestPath = join(abs, MANIFEST_NAME);
  entries.push({
    path: MANIFEST_NAME,
    size: (await Deno.stat(manifestPath)).size,
    source: { kind: "file", path: manifestPath },
    kind: "manifest",
  });
  if (hasGroundTruth) {
    entries.push({
      path: GROUND_TRUTH_NAME,
      size: (await Deno.stat(gtPath)).size,
      source: { kind: "file", path: gtPath },
      kind: "ground_truth",
    });
  }
  const cardBytes = enc.encode(renderCard(manifest, tables, groundTruth, {
    repo: opts.repo,
    source: opts.source,
    dir: abs,
  }));
  entries.push({
    path: "README.md",
    size: cardBytes.length,
    source: { kind: "bytes", bytes: cardBytes },
    kind: "card",
  });

  for (const e of entries) if (e.kind !== "data") checked.push({ path: e.path, size: e.size });
  warnings.push(...checkHubLimits(checked));

  return {
    dir: abs,
    manifest,
    tables,
    groundTruth,
    entries,
    totalRows: tables.reduce((s, t) => s + (manifest.tables[t.name]?.rows ?? 0), 0),
    totalBytes: entries.reduce((s, e) => s + e.size, 0),
    warnings,
  };
}

/**
 * Writes the layout into `outDir` (created; must be absent or empty): data,
 * manifest and ground truth copied byte for byte, card and schema rendered.
 * Returns the paths written, relative to `outDir`.
 */
export async function writeLayout(layout: Layout, outDir: string): Promise<string[]> {
  const abs = resolve(outDir);
  if (abs === layout.dir || abs.startsWith(layout.dir + "/")) {
    throw new PublishError("usage", `the dry-run folder must be outside the dataset folder`);
  }
  if (await exists(abs)) {
    const st = await Deno.stat(abs);
    if (!st.isDirectory) throw new PublishError("usage", `dry-run target ${outDir} is a file`);
    for await (const _ of Deno.readDir(abs)) {
      throw new PublishError(
        "usage",
        `dry-run folder ${outDir} is not empty: choose a new or empty folder`,
      );
    }
  }
  await Deno.mkdir(abs, { recursive: true });
  const written: string[] = [];
  for (const e of layout.entries) {
    const target = join(abs, e.path);
    await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), { recursive: true });
    if (e.source.kind === "file") await Deno.copyFile(e.source.path, target);
    else await Deno.writeFile(target, e.source.bytes);
    written.push(e.path);
  }
  return written;
}
