/**
 * Publishing a dataset folder to the Hugging Face Hub (or, in a dry run, to a
 * local folder with the same layout), through the real `@huggingface/hub`
 * client.
 *
 * - The repo (type dataset) is created when absent; an existing repo holding
 *   files is only updated with `overwrite`.
 * - Files already on the Hub with the same content are skipped (SHA-256 for
 *   LFS files, Git blob SHA-1 for regular files), so a rerun uploads nothing.
 * - Large datasets go in several commits (by file count and bytes), the card
 *   last, so the repo's card never points at data that is not there yet.
 * - Transient errors (5xx, 429, network) are retried with exponential backoff.
 * - The token is never printed, logged or written; every message is scrubbed.
 *
 * @module
 */

import {
  commitIter,
  type CommitOperation,
  createRepo,
  HubApiError,
  listFiles,
} from "@huggingface/hub";
import type { ListFileEntry } from "@huggingface/hub";
import { pathToFileURL } from "node:url";
import type { TableDef } from "../schema/types.ts";
import { PublishError, scrub } from "./errors.ts";
import { gitBlobSha1, sha256Hex } from "./hashing.ts";
import { formatBytes, HUB_LIMITS } from "./hub_limits.ts";
import { buildLayout, type Layout, type LayoutEntry, writeLayout } from "./layout.ts";
import { retryingFetch, type RetryOptions } from "./retry.ts";

/** Default Hub endpoint. */
export const DEFAULT_ENDPOINT = "https://huggingface.co";

/** Options of {@link publish}. */
export interface PublishOptions {
  /** Dataset folder (holds `manifest.json`). */
  dir: string;
  /** Target dataset repository, `owner/name`. */
  repo: string;
  /** Create the repo private (only when it is created). */
  private?: boolean;
  /** Write the layout into this folder instead of uploading (no token needed). */
  dryRun?: string;
  /** Update a repo that already holds files (identical files are still skipped). */
  overwrite?: boolean;
  /** Access token; default: the `HF_TOKEN` environment variable. */
  token?: string;
  /** Hub URL; default: `HF_ENDPOINT` or https://huggingface.co. */
  endpoint?: string;
  /** Called with progress events (messages never hold the token). */
  onProgress?: (event: PublishEvent) => void;
  /** Most files in one commit (default 50; the Hub recommends fewer than 100). */
  maxFilesPerCommit?: number;
  /** Most bytes in one commit (default 10 GB). */
  maxBytesPerCommit?: number;
  /** Retry policy for transient errors. */
  retry?: RetryOptions;
  /** Table definitions instead of the registry (tests). */
  tables?: readonly TableDef[];
  /** Web address of partsflow's source code, linked from the card. */
  source?: string;
  /** Let the client use the Xet protocol when the Hub offers it (default true). */
  useXet?: boolean;
  /** Fetch used for every request (default: global fetch); retries wrap it. */
  fetch?: typeof fetch;
}

/** Kinds of progress events. */
export type PublishEventKind =
  | "layout"
  | "warning"
  | "write"
  | "repo"
  | "compare"
  | "skip"
  | "commit"
  | "upload"
  | "committed"
  | "delete"
  | "retry"
  | "done";

/** A progress event; `message` is a complete, human-readable line. */
export interface PublishEvent {
  /** What happened. */
  kind: PublishEventKind;
  /** One line for a person. */
  message: string;
  /** File concerned, if any (repository path). */
  path?: string;
  /** Commit number (1-based) for commit events. */
  commit?: number;
  /** Commits planned. */
  commits?: number;
  /** Bytes concerned. */
  bytes?: number;
  /** Attempt number for retry events. */
  attempt?: number;
}

/** What {@link publish} did. */
export interface PublishResult {
  /** Repository id. */
  repo: string;
  /** Web address of the dataset repo. */
  url: string;
  /** True for a dry run. */
  dryRun: boolean;
  /** Dry-run folder written. */
  outDir?: string;
  /** Every file of the layout with its size. */
  files: { path: string; size: number }[];
  /** Files uploaded (dry run: written). */
  uploaded: string[];
  /** Files already on the Hub with the same content. */
  skipped: string[];
  /** Stale files removed from the repo (only with overwrite). */
  deleted: string[];
  /** Commits made. */
  commits: number;
  /** True when the repo was created by this call. */
  createdRepo: boolean;
  /** Warnings (Hub recommendations, files not in the manifest …). */
  warnings: string[];
}

const REPO_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,95}\/[A-Za-z0-9][A-Za-z0-9_.-]{0,95}$/;

/** Throws a usage error unless `repo` is a valid `owner/name`. */
export function validateRepoId(repo: string): void {
  if (!REPO_RE.test(repo) || repo.includes("--") || repo.includes("..") || /[.-]$/.test(repo)) {
    throw new PublishError(
      "usage",
      `--repo must be owner/name (letters, digits, '-', '_', '.'), got '${repo}'`,
    );
  }
}

function env(name: string): string | undefined {
  try {
    return Deno.env.get(name) || undefined;
  } catch {
    return undefined; // no --allow-env
  }
}

/** The Hub endpoint: the option, else `HF_ENDPOINT`, else https://huggingface.co. */
export function resolveEndpoint(endpoint?: string): string {
  return (endpoint ?? env("HF_ENDPOINT") ?? DEFAULT_ENDPOINT).replace(/\/+$/, "");
}

/** The token: the option, else `HF_TOKEN`; undefined when neither is set. */
export function resolveToken(token?: string): string | undefined {
  return token || env("HF_TOKEN");
}

function statusOf(e: unknown): number | undefined {
  return e instanceof HubApiError ? e.statusCode : undefined;
}

/** Turns any failure into a PublishError whose message holds no secret. */
function explain(
  e: unknown,
  step: string,
  repo: string,
  endpoint: string,
  token: string | undefined,
): PublishError {
  const s = (t: string) => scrub(t, token);
  if (e instanceof PublishError) return new PublishError(e.code, s(e.message), e.status);
  const status = statusOf(e);
  const msg = e instanceof Error ? e.message : String(e);
  if (status === 401) {
    return new PublishError(
      "bad-token",
      s(
        `the Hub at ${endpoint} rejected the access token (HTTP 401) while ${step}: check that HF_TOKEN holds a valid token with write access (https://huggingface.co/settings/tokens)`,
      ),
      401,
    );
  }
  if (status === 403) {
    return new PublishError(
      "forbidden",
      s(
        `the access token may not write to dataset repo ${repo} (HTTP 403) while ${step}: use a token with write permission for '${
          repo.split("/")[0]
        }'`,
      ),
      403,
    );
  }
  if (status !== undefined) {
    return new PublishError("hub", s(`Hub error (HTTP ${status}) while ${step}: ${msg}`), status);
  }
  if (
    e instanceof TypeError &&
    /fetch|network|connect|refused|reset|dns|lookup|timed? ?out|socket|ECONN/i.test(msg)
  ) {
    return new PublishError("network", s(`cannot reach ${endpoint} while ${step}: ${msg}`));
  }
  return new PublishError("hub", s(`${step} failed: ${msg}`));
}

/** Splits entries into commits of at most `maxFiles` files and `maxBytes` bytes (order kept). */
export function planCommits<T extends { size: number }>(
  items: readonly T[],
  maxFiles: number,
  maxBytes: number,
): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let bytes = 0;
  for (const it of items) {
    if (cur.length && (cur.length >= maxFiles || bytes + it.size > maxBytes)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(it);
    bytes += it.size;
  }
  if (cur.length) out.push(cur);
  return out;
}

/** True when the remote file has the same content as the local entry. */
async function sameContent(entry: LayoutEntry, remote: ListFileEntry): Promise<boolean> {
  const remoteSize = remote.lfs?.size ?? remote.size;
  if (remoteSize !== entry.size) return false;
  if (remote.lfs?.oid) return (await sha256Hex(entry.source)) === remote.lfs.oid;
  if (remote.oid) return (await gitBlobSha1(entry.source, entry.size)) === remote.oid;
  return false;
}

function toOperation(e: LayoutEntry): CommitOperation {
  return {
    operation: "addOrUpdate",
    path: e.path,
    content: e.source.kind === "file"
      ? pathToFileURL(e.source.path)
      : new Blob([e.source.bytes as Uint8Array<ArrayBuffer>]),
  };
}

/**
 * Publishes the dataset folder `opts.dir` to `opts.repo` on the Hub, or
 * writes the same layout to `opts.dryRun`. Throws a {@link PublishError}.
 */
export async function publish(opts: PublishOptions): Promise<PublishResult> {
  validateRepoId(opts.repo);
  const endpoint = resolveEndpoint(opts.endpoint);
  const token = opts.dryRun === undefined ? resolveToken(opts.token) : undefined;
  const emit = (e: PublishEvent) => opts.onProgress?.({ ...e, message: scrub(e.message, token) });
  const url = `${endpoint}/datasets/${opts.repo}`;

  if (opts.dryRun === undefined) {
    if (!token) {
      throw new PublishError(
        "no-token",
        "HF_TOKEN is not set: create a write token at https://huggingface.co/settings/tokens and export HF_TOKEN (or pass token), or use a dry run",
      );
    }
    if (!token.startsWith("hf_")) {
      throw new PublishError(
        "bad-token",
        "the access token does not look like a Hugging Face token (they start with 'hf_'): check HF_TOKEN",
      );
    }
  }

  let layout: Layout;
  try {
    layout = await buildLayout(opts.dir, {
      repo: opts.repo,
      tables: opts.tables,
      source: opts.source,
    });
  } catch (e) {
    throw explain(e, "reading the dataset", opts.repo, endpoint, token);
  }
  const files = layout.entries.map((e) => ({ path: e.path, size: e.size }));
  emit({
    kind: "layout",
    message: `${layout.entries.length} files, ${
      formatBytes(layout.totalBytes)
    }, ${layout.tables.length} tables, ${layout.totalRows.toLocaleString("en-US")} rows`,
    bytes: layout.totalBytes,
  });
  for (const w of layout.warnings) emit({ kind: "warning", message: w });

  if (opts.dryRun !== undefined) {
    const written = await writeLayout(layout, opts.dryRun);
    emit({
      kind: "write",
      message: `dry run: wrote ${written.length} files (${
        formatBytes(layout.totalBytes)
      }) to ${opts.dryRun}`,
    });
    return {
      repo: opts.repo,
      url,
      dryRun: true,
      outDir: opts.dryRun,
      files,
      uploaded: written,
      skipped: [],
      deleted: [],
      commits: 0,
      createdRepo: false,
      warnings: layout.warnings,
    };
  }

  const tooBig = layout.entries.filter((e) => e.size > HUB_LIMITS.maxFileBytes);
  if (tooBig.length) {
    throw new PublishError(
      "too-large",
      `${tooBig[0].path} is ${formatBytes(tooBig[0].size)}: above the Hub's limit of ${
        formatBytes(HUB_LIMITS.maxFileBytes)
      } per file (generate smaller chunks)`,
    );
  }

  const fetch = retryingFetch(opts.retry, (r) =>
    emit({
      kind: "retry",
      attempt: r.attempt,
      message:
        `${r.reason} on ${r.method} ${r.path}; retrying in ${r.delayMs} ms (attempt ${r.attempt}/${r.attempts})`,
    }), opts.fetch);
  const repoId = { type: "dataset" as const, name: opts.repo };
  const creds = { accessToken: token!, hubUrl: endpoint, fetch };
  let step = "creating the repo";
  try {
    let createdRepo = false;
    try {
      await createRepo({
        ...creds,
        repo: repoId,
        ...(opts.private ? { visibility: "private" as const } : {}),
      });
      createdRepo = true;
      emit({ kind: "repo", message: `created dataset repo ${opts.repo}` });
    } catch (e) {
      // 409: it exists. 403 may also mean it exists but the token cannot create repos
      // in that namespace; listing tells, and a commit will fail clearly if it may not write.
      const st = statusOf(e);
      if (st !== 409 && st !== 403) throw e;
      if (st === 403) {
        try {
          await listFiles({ ...creds, repo: repoId }).next();
        } catch {
          throw e;
        }
      }
    }

    step = "listing the repo's files";
    const remote = new Map<string, ListFileEntry>();
    for await (const f of listFiles({ ...creds, repo: repoId, recursive: true })) {
      if (f.type === "file") remote.set(f.path, f);
    }
    const existing = [...remote.keys()].filter((p) => p !== ".gitattributes");
    if (!createdRepo) {
      if (existing.length && !opts.overwrite) {
        throw new PublishError(
          "repo-exists",
          `repo exists; pass --overwrite to update it: dataset repo ${opts.repo} already holds ${existing.length} file(s) (with overwrite, files with the same content are skipped)`,
        );
      }
      emit({
        kind: "repo",
        message: `dataset repo ${opts.repo} exists (${existing.length} files); updating it`,
      });
    }

    step = "comparing files with the Hub";
    const skipped: string[] = [];
    const pending: LayoutEntry[] = [];
    for (const e of layout.entries) {
      const r = remote.get(e.path);
      if (r && await sameContent(e, r)) {
        skipped.push(e.path);
        emit({ kind: "skip", path: e.path, message: `unchanged on the Hub: ${e.path}` });
      } else pending.push(e);
    }
    const local = new Set(layout.entries.map((e) => e.path));
    const stale = opts.overwrite && !createdRepo
      ? existing.filter((p) =>
        !local.has(p) && (p.startsWith("data/") || p === "ground_truth.json" || p === "schema.json")
      )
      : [];
    emit({
      kind: "compare",
      message:
        `${skipped.length} of ${layout.entries.length} files already on the Hub; ${pending.length} to upload` +
        (stale.length ? `, ${stale.length} stale to delete` : ""),
    });

    const maxFiles = Math.max(1, opts.maxFilesPerCommit ?? 50);
    const maxBytes = Math.max(1, opts.maxBytesPerCommit ?? 10e9);
    const batches: { entries: LayoutEntry[]; deletes: string[] }[] = planCommits(
      pending,
      maxFiles,
      maxBytes,
    ).map((entries) => ({ entries, deletes: [] }));
    if (stale.length) {
      if (!batches.length) batches.push({ entries: [], deletes: [] });
      batches[batches.length - 1].deletes = stale;
    }

    const uploaded: string[] = [];
    const m = layout.manifest;
    for (let i = 0; i < batches.length; i++) {
      const b = batches[i];
      const bytes = b.entries.reduce((s, e) => s + e.size, 0);
      step = `commit ${i + 1}/${batches.length}`;
      emit({
        kind: "commit",
        commit: i + 1,
        commits: batches.length,
        bytes,
        message:
          `commit ${i + 1}/${batches.length}: ${b.entries.length} files (${formatBytes(bytes)})` +
          (b.deletes.length ? `, ${b.deletes.length} deletions` : ""),
      });
      const operations: CommitOperation[] = [
        ...b.entries.map(toOperation),
        ...b.deletes.map((path) => ({ operation: "delete" as const, path })),
      ];
      const it = commitIter({
        ...creds,
        repo: repoId,
        operations,
        title: `partsflow dataset (SF ${m.scale}, seed ${m.seed})` +
          (batches.length > 1 ? `: part ${i + 1} of ${batches.length}` : ""),
        description: `Published with partsflow ${m.version}. Reproduce: ${m.command}`,
        useXet: opts.useXet,
      });
      const done = new Set<string>();
      const failed: string[] = [];
      for (let r = await it.next(); !r.done; r = await it.next()) {
        const ev = r.value;
        if (ev.event !== "fileProgress") continue;
        if (ev.state === "error") failed.push(ev.path);
        if (ev.state === "uploading" && ev.progress >= 1 && !done.has(ev.path)) {
          done.add(ev.path);
          const size = b.entries.find((e) => e.path === ev.path)?.size;
          emit({
            kind: "upload",
            path: ev.path,
            bytes: size,
            message: `uploaded ${ev.path}${size !== undefined ? ` (${formatBytes(size)})` : ""}`,
          });
        }
      }
      if (failed.length) {
        throw new PublishError("hub", `the Hub did not accept ${failed.join(", ")}`);
      }
      for (const e of b.entries) {
        if (done.has(e.path)) continue; // regular files travel in the commit itself
        emit({
          kind: "upload",
          path: e.path,
          bytes: e.size,
          message: `uploaded ${e.path} (${formatBytes(e.size)})`,
        });
      }
      uploaded.push(...b.entries.map((e) => e.path));
      for (const p of b.deletes) emit({ kind: "delete", path: p, message: `deleted stale ${p}` });
      emit({
        kind: "committed",
        commit: i + 1,
        commits: batches.length,
        message: `committed ${i + 1}/${batches.length}`,
      });
    }

    emit({
      kind: "done",
      message: batches.length
        ? `published ${uploaded.length} files to ${url} (${skipped.length} unchanged, ${batches.length} commit${
          batches.length === 1 ? "" : "s"
        })`
        : `${url} is up to date (${skipped.length} files unchanged)`,
    });
    return {
      repo: opts.repo,
      url,
      dryRun: false,
      files,
      uploaded,
      skipped,
      deleted: stale,
      commits: batches.length,
      createdRepo,
      warnings: layout.warnings,
    };
  } catch (e) {
    throw explain(e, step, opts.repo, endpoint, token);
  }
}
