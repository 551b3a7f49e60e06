/**
 * What notebook 06 (publish) needs around `publish()`: its parameters (the
 * target repo and the dry-run folder on top of the usual ones), a dry run
 * summarised as small frames (files with sizes, the card's `configs`, an
 * excerpt of the card, Hub-limit warnings), and the upload itself — done only
 * when `HF_TOKEN` is set, with progress lines that never hold the token;
 * without a token it says so and uploads nothing.
 *
 * | parameter | environment variable |
 * |---|---|
 * | repo | `PARTSFLOW_REPO` |
 * | (token) | `HF_TOKEN` — read by `publish()`, never a parameter, never printed |
 * | (Hub URL) | `HF_ENDPOINT` — default https://huggingface.co |
 *
 * @module
 */

import { join } from "node:path";
import pl from "nodejs-polars";
import { parse as parseYaml } from "yaml";
import {
  type CardConfig,
  formatBytes,
  HUB_LIMITS,
  publish,
  PublishError,
  type PublishEvent,
  type PublishResult,
  resolveEndpoint,
  resolveToken,
  scrub,
  validateRepoId,
} from "../publish/mod.ts";
import {
  describeParams,
  displayPath,
  type NotebookParams,
  notebookParams,
  REPO_ENV,
  type ResolvedParams,
} from "./params.ts";

/** The owner in the default repo id: a placeholder the reader replaces with their Hub name. */
export const PLACEHOLDER_OWNER = "your-name";

/** Where to create a Hub access token. */
export const TOKEN_URL = "https://huggingface.co/settings/tokens";

/** What notebook 06's parameter cell declares, on top of the usual parameters. */
export interface PublishParams extends NotebookParams {
  /** Target dataset repository, `owner/name` (`PARTSFLOW_REPO` overrides it). */
  repo: string;
  /**
   * Folder the dry run writes the published layout to, relative to the
   * notebook; "auto" gives the dataset folder with `-hub` appended.
   */
  dryRun: string;
  /**
   * Update the repo when it already holds files (files with the same content
   * are skipped; data files no longer in the dataset are removed).
   */
  overwrite: boolean;
  /** Create the repo private (only when this run creates it). */
  private: boolean;
}

/** Parameters of notebook 06 after environment overrides. */
export interface ResolvedPublishParams extends ResolvedParams {
  /** Target dataset repository, `owner/name`. */
  repo: string;
  /** Dry-run folder (relative to the notebook unless given absolute). */
  dryRun: string;
  /** Update a repo that already holds files. */
  overwrite: boolean;
  /** Create the repo private. */
  private: boolean;
}

/**
 * Resolves notebook 06's parameters: the usual ones (see `notebookParams`)
 * plus the repo (`PARTSFLOW_REPO` overrides it), the dry-run folder and the
 * upload options. Throws one clear line for a bad repo id.
 */
export function publishParams(
  declared: Partial<PublishParams> = {},
  env: Record<string, string | undefined> = Deno.env.toObject(),
): ResolvedPublishParams {
  const { repo, dryRun, overwrite, private: priv, ...base } = declared;
  const p = notebookParams(base, env);
  let target = repo ?? `${PLACEHOLDER_OWNER}/partsflow-sf${p.scale}`;
  const fromEnv = [...p.fromEnv];
  if (env[REPO_ENV]) {
    target = env[REPO_ENV]!;
    fromEnv.push("repo");
  }
  validateRepoId(target);
  const dry = !dryRun || dryRun === "auto" ? `${p.out.replace(/\/+$/, "")}-hub` : dryRun;
  return {
    ...p,
    fromEnv,
    repo: target,
    dryRun: dry,
    overwrite: overwrite ?? true,
    private: priv ?? false,
  };
}

/** Is a token set, and which Hub would an upload go to? (The token itself is never returned.) */
export function hubStatus(): { token: boolean; endpoint: string } {
  return { token: resolveToken() !== undefined, endpoint: resolveEndpoint() };
}

/** Lines describing notebook 06's parameters and whether an upload would happen. */
export function describePublishParams(p: ResolvedPublishParams): string {
  const hub = hubStatus();
  const envNote = p.fromEnv.includes("repo") ? `  (from the environment: ${REPO_ENV})` : "";
  return [
    describeParams({ ...p, fromEnv: p.fromEnv.filter((k) => k !== "repo") }),
    `repo ${p.repo}${envNote} · dry run into ${displayPath(p.dryRun)}`,
    `Hub ${hub.endpoint} · HF_TOKEN ${
      hub.token ? "is set (never shown): the publish cell uploads" : "is not set: dry run only"
    }`,
  ].join("\n");
}

// ---------------------------------------------------------------- dry run

/** The files a dry run writes, at the top of the folder. */
const LAYOUT_TOP = new Set([
  "README.md",
  "data",
  "schema.json",
  "manifest.json",
  "ground_truth.json",
]);

/**
 * Removes a previous dry run from `dir` so the dry run can write there again.
 * Only a folder holding nothing but a published layout is removed; anything
 * else there is an error (choose another folder).
 */
export async function clearDryRun(dir: string): Promise<boolean> {
  let names: string[];
  try {
    names = [];
    for await (const e of Deno.readDir(dir)) names.push(e.name);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
  const foreign = names.filter((n) => !LAYOUT_TOP.has(n));
  if (foreign.length) {
    throw new PublishError(
      "usage",
      `dry-run folder ${displayPath(dir)} holds files a dry run does not write (${
        foreign.slice(0, 3).join(", ")
      }): choose another dryRun folder`,
    );
  }
  await Deno.remove(dir, { recursive: true });
  return names.length > 0;
}

/** What a file of the layout is, from its path in the repo. */
export function layoutKind(path: string): string {
  if (path === "README.md") return "card";
  if (path.startsWith("data/")) return "data";
  if (path === "schema.json") return "schema";
  if (path === "manifest.json") return "manifest";
  if (path === "ground_truth.json") return "ground truth";
  return "other";
}

/** The files of a layout in upload order: path, kind, table, bytes and a readable size. */
export function layoutFiles(files: readonly { path: string; size: number }[]): pl.DataFrame {
  return pl.DataFrame({
    path: files.map((f) => f.path),
    kind: files.map((f) => layoutKind(f.path)),
    table: files.map((f) => (f.path.startsWith("data/") ? f.path.split("/")[1] : "")),
    bytes: Float64Array.from(files.map((f) => f.size)),
    size: files.map((f) => formatBytes(f.size)),
  }).withColumns(pl.col("bytes").cast(pl.Int64));
}

/** Splits a card into its YAML front matter (without the `---` lines) and its Markdown body. */
export function splitCard(card: string): { yaml: string; body: string } {
  const m = card.match(/^---\n([\s\S]*?)\n---\n/);
  if (!m) throw new Error("the card has no YAML front matter");
  return { yaml: m[1], body: card.slice(m[0].length) };
}

/** The card's `configs` (one per table) as a frame: config, split, files glob. */
export function cardConfigsFrame(card: string): pl.DataFrame {
  const meta = parseYaml(splitCard(card).yaml) as { configs?: CardConfig[] };
  const rows = (meta.configs ?? []).flatMap((c) =>
    c.data_files.map((d) => ({ config_name: c.config_name, split: d.split, path: d.path }))
  );
  return pl.DataFrame({
    config_name: rows.map((r) => r.config_name),
    split: rows.map((r) => r.split),
    path: rows.map((r) => r.path),
  });
}

/** The front matter without its `configs` list (license, name, tags, size category …). */
export function cardYamlHead(card: string): string {
  const yaml = splitCard(card).yaml;
  const at = yaml.search(/^configs:/m);
  return (at < 0 ? yaml : yaml.slice(0, at)).trimEnd();
}

/**
 * The opening of the card's prose (title, disclaimer, what this copy holds),
 * up to its first `##` section, as a Markdown blockquote; the title becomes
 * bold text so it does not join the notebook's own headings.
 */
export function cardExcerpt(card: string): string {
  const body = splitCard(card).body;
  const end = body.search(/^## /m);
  const head = (end < 0 ? body : body.slice(0, end)).trim();
  return head.split("\n").map((l) => {
    const h = l.match(/^#+\s+(.*)$/);
    return h ? `> **${h[1]}**` : l ? `> ${l}` : ">";
  }).join("\n");
}

/** One sentence on the Hub-limit warnings of a layout (the warnings follow it, one per line). */
export function describeWarnings(warnings: readonly string[]): string {
  if (!warnings.length) {
    return `no Hub-limit warnings: every file is below ${
      formatBytes(HUB_LIMITS.recommendedFileBytes)
    }, every folder below ${HUB_LIMITS.maxEntriesPerFolder.toLocaleString("en-US")} entries, ` +
      `every Parquet row group below ${formatBytes(HUB_LIMITS.maxRowGroupBytes)} uncompressed`;
  }
  return [`${warnings.length} Hub-limit warning(s):`, ...warnings.map((w) => `- ${w}`)].join("\n");
}

/** What {@link dryRunLayout} returns. */
export interface DryRunSummary {
  /** What `publish()` returned. */
  result: PublishResult;
  /** The dry-run folder as the notebook prints it. */
  path: string;
  /** One line on what was written. */
  summary: string;
  /** Every file with its size (see {@link layoutFiles}). */
  files: pl.DataFrame;
  /** The rendered card (`README.md`). */
  card: string;
  /** The card's configs (see {@link cardConfigsFrame}). */
  configs: pl.DataFrame;
  /** Hub-limit warnings. */
  warnings: string[];
}

/**
 * Dry run: writes exactly the layout that would be uploaded for `p.repo` into
 * `p.dryRun` (a previous dry run there is replaced) — no token needed — and
 * summarises it.
 */
export async function dryRunLayout(
  p: ResolvedPublishParams,
  datasetDir: string = p.out,
): Promise<DryRunSummary> {
  await clearDryRun(p.dryRun);
  const result = await publish({ dir: datasetDir, repo: p.repo, dryRun: p.dryRun });
  const card = await Deno.readTextFile(join(p.dryRun, "README.md"));
  const bytes = result.files.reduce((s, f) => s + f.size, 0);
  const path = displayPath(p.dryRun);
  return {
    result,
    path,
    summary: `dry run: wrote ${result.files.length} files (${
      formatBytes(bytes)
    }) to ${path} — what ${result.repo} would receive`,
    files: layoutFiles(result.files),
    card,
    configs: cardConfigsFrame(card),
    warnings: result.warnings,
  };
}

// ---------------------------------------------------------------- upload

/** Options of {@link publishToHub}. */
export interface HubRunOptions {
  /** Overrides the parameters' `overwrite` (the rerun passes true). */
  overwrite?: boolean;
  /** Where progress lines go (default: console.log, i.e. the cell's output). */
  log?: (line: string) => void;
  /** Words the skip sentence starts with (default: "HF_TOKEN is not set, so this cell uploads nothing"). */
  skipLead?: string;
}

/** What {@link publishToHub} did. */
export interface HubRun {
  /** True when nothing was attempted (no token). */
  skipped: boolean;
  /** One closing line (the skip sentence, or what was published). */
  message: string;
  /** What `publish()` returned, when it ran. */
  result?: PublishResult;
}

/** The sentence a notebook shows when `HF_TOKEN` is not set. */
export function skipMessage(lead = "HF_TOKEN is not set, so this cell uploads nothing"): string {
  return `${lead}: the dry run above is exactly what would be published. ` +
    `To publish, create an access token with write permission at ${TOKEN_URL}, ` +
    `start Jupyter with it in the environment (export HF_TOKEN=<your token>; never paste it into ` +
    `a cell), set repo to <your Hub name>/<dataset name> in the parameter cell (or ${REPO_ENV}) ` +
    `and run the notebook again. HF_ENDPOINT selects another Hub (default https://huggingface.co).`;
}

/** One line on a finished upload. */
export function describeHubRun(r: PublishResult): string {
  return r.commits
    ? `published ${r.uploaded.length} files to ${r.url} in ${r.commits} commit${
      r.commits === 1 ? "" : "s"
    } (${r.skipped.length} already there and unchanged)`
    : `nothing uploaded: all ${r.skipped.length} files are already on ${r.url} with the same content, no commit made`;
}

/** A progress event as one printed line, or null for per-file skips (the compare line counts them). */
export function progressLine(e: PublishEvent): string | null {
  if (e.kind === "skip") return null;
  return e.kind === "warning" ? `warning: ${e.message}` : e.message;
}

/**
 * Publishes the dataset of `p` to `p.repo` when `HF_TOKEN` is set (to
 * `HF_ENDPOINT`, default the real Hub), printing one line per step; when it is
 * not set, uploads nothing and returns the sentence saying so. The token is
 * never printed: `publish()` scrubs every message, and so does this.
 */
export async function publishToHub(
  p: ResolvedPublishParams,
  datasetDir: string = p.out,
  o: HubRunOptions = {},
): Promise<HubRun> {
  const token = resolveToken();
  if (!token) return { skipped: true, message: skipMessage(o.skipLead) };
  if (p.repo.split("/")[0] === PLACEHOLDER_OWNER) {
    throw new PublishError(
      "usage",
      `repo is ${p.repo}: replace '${PLACEHOLDER_OWNER}' with your Hub user or organisation name in the parameter cell (or set ${REPO_ENV})`,
    );
  }
  const log = o.log ?? ((l: string) => console.log(l));
  const say = (l: string) => log(scrub(l, token));
  say(`publishing to ${resolveEndpoint()}/datasets/${p.repo} (token from HF_TOKEN, not shown)`);
  const overwrite = o.overwrite ?? p.overwrite;
  try {
    const result = await publish({
      dir: datasetDir,
      repo: p.repo,
      overwrite,
      private: p.private,
      onProgress: (e) => {
        const line = progressLine(e);
        if (line !== null) say(line);
      },
    });
    return { skipped: false, message: scrub(describeHubRun(result), token), result };
  } catch (e) {
    if (e instanceof PublishError && e.code === "repo-exists") {
      throw new PublishError(
        "repo-exists",
        scrub(
          `dataset repo ${p.repo} already holds files: set overwrite: true in the parameter cell to update it (files with the same content are skipped)`,
          token,
        ),
      );
    }
    if (e instanceof Error) e.message = scrub(e.message, token);
    throw e;
  }
}
