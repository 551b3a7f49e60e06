/**
 * The `publish` command:
 * `partsflow publish <dataset-dir> --repo owner/name [--private] [--dry-run OUT-DIR] [--overwrite]`.
 * Progress goes to stderr, the final line to stdout; the token never appears.
 *
 * @module
 */

import { PublishError, scrub } from "./errors.ts";
import type { RetryOptions } from "./retry.ts";
import { publish, type PublishEvent } from "./upload.ts";

/** Help text of the command. */
export const PUBLISH_HELP = `partsflow publish — publish a generated dataset to the Hugging Face Hub

Usage:
  partsflow publish <dataset-dir> --repo owner/name [--private] [--overwrite]
  partsflow publish <dataset-dir> [--repo owner/name] --dry-run OUT-DIR

Options:
  --repo owner/name   target dataset repository (created if absent)
  --private           create the repository private
  --overwrite         update a repository that already holds files
                      (files with the same content are skipped)
  --source URL        web address of partsflow's source code, linked from the card
  --dry-run OUT-DIR   write the exact layout that would be uploaded into OUT-DIR
                      (README.md, data/<table>/*.parquet, schema.json, manifest.json,
                      ground_truth.json) and upload nothing; no token needed
  -h, --help          show this help

Environment:
  HF_TOKEN            access token with write permission (required unless --dry-run)
  HF_ENDPOINT         Hub URL (default https://huggingface.co)

Exit codes: 0 done, 1 publishing failed, 2 usage error or missing token.
`;

/** Where the command writes and what environment it reads (injectable for tests). */
export interface PublishCliIO {
  /** Writes one line to stdout. */
  out?: (line: string) => void;
  /** Writes one line to stderr. */
  err?: (line: string) => void;
  /** Reads an environment variable (default: `Deno.env.get`). */
  env?: (name: string) => string | undefined;
  /** Retry policy (tests shorten the backoff). */
  retry?: RetryOptions;
}

interface ParsedArgs {
  dir?: string;
  repo?: string;
  private: boolean;
  overwrite: boolean;
  dryRun?: string;
  /** `--source URL`. */
  source?: string;
  help: boolean;
}

function parseArgs(args: string[]): ParsedArgs {
  const p: ParsedArgs = { private: false, overwrite: false, help: false };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === "" || v.startsWith("--")) {
        throw new PublishError("usage", `${name} needs a value (see --help)`);
      }
      return v;
    };
    const flag = () => {
      if (inline !== undefined) throw new PublishError("usage", `${name} takes no value`);
    };
    switch (name) {
      case "--repo":
        p.repo = value();
        break;
      case "--dry-run":
        p.dryRun = value();
        break;
      case "--source":
        p.source = value();
        if (!/^https?:\/\/\S+$/.test(p.source)) {
          throw new PublishError("usage", `--source ${p.source}: want a web address (https://…)`);
        }
        break;
      case "--private":
        flag();
        p.private = true;
        break;
      case "--overwrite":
        flag();
        p.overwrite = true;
        break;
      case "-h":
      case "--help":
        p.help = true;
        break;
      default:
        if (a.startsWith("-") && a !== "-") {
          throw new PublishError(
            "usage",
            `unknown option '${name}' (options: --repo, --private, --overwrite, --dry-run, --source, --help)`,
          );
        }
        positional.push(a);
    }
  }
  if (positional.length > 1) {
    throw new PublishError(
      "usage",
      `expected one dataset folder, got ${positional.length}: ${positional.join(" ")}`,
    );
  }
  p.dir = positional[0];
  return p;
}

/**
 * The repository a dry run without `--repo` names in its card:
 * `your-name/partsflow-<folder name>` (characters a repo name cannot hold become '-').
 */
export function placeholderRepo(dir: string): string {
  const base = dir.replace(/[\\/]+$/, "").split(/[\\/]/).pop() ?? "";
  const name = `partsflow-${base}`.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/[-.]+$/, "")
    .replace(/--+/g, "-").replace(/\.\.+/g, ".");
  return `your-name/${name.slice(0, 96)}`;
}

function defaultEnv(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined;
  }
}

/**
 * Runs `publish` with command-line `args` (those after the word `publish`).
 * Returns the exit code: 0 done, 1 failed, 2 usage error or missing token.
 */
export async function publishMain(args: string[], io: PublishCliIO = {}): Promise<number> {
  const out = io.out ?? ((l: string) => console.log(l));
  const err = io.err ?? ((l: string) => console.error(l));
  const env = io.env ?? defaultEnv;
  const token = env("HF_TOKEN") || undefined;
  const say = (l: string) => err(scrub(l, token));
  try {
    const a = parseArgs(args);
    if (a.help) {
      out(PUBLISH_HELP);
      return 0;
    }
    if (!a.dir) throw new PublishError("usage", "missing the dataset folder (see --help)");
    if (!a.repo && a.dryRun === undefined) {
      throw new PublishError("usage", "missing --repo owner/name (see --help)");
    }
    // A dry run needs no repository: the card's examples then name a placeholder one.
    const repo = a.repo ?? placeholderRepo(a.dir);
    if (a.dryRun === undefined && !token) {
      say(
        "publish: HF_TOKEN is not set: export a Hugging Face write token (https://huggingface.co/settings/tokens) or use --dry-run OUT-DIR",
      );
      return 2;
    }
    const result = await publish({
      dir: a.dir,
      repo,
      private: a.private,
      overwrite: a.overwrite,
      dryRun: a.dryRun,
      source: a.source,
      token,
      endpoint: env("HF_ENDPOINT") || undefined,
      retry: io.retry,
      onProgress: (e: PublishEvent) => {
        if (e.kind === "done" || e.kind === "write") return;
        say(`publish: ${e.kind === "warning" ? "warning: " : ""}${e.message}`);
      },
    });
    if (result.dryRun) {
      out(scrub(
        `dry run: wrote ${result.files.length} files to ${result.outDir} (would publish to ${result.url})` +
          (result.warnings.length ? `; ${result.warnings.length} warning(s) above` : ""),
        token,
      ));
    } else {
      out(scrub(
        result.commits
          ? `published ${result.uploaded.length} files to ${result.url} (${result.skipped.length} unchanged, ${result.commits} commit(s))`
          : `${result.url} is up to date (${result.skipped.length} files unchanged)`,
        token,
      ));
    }
    return 0;
  } catch (e) {
    if (e instanceof PublishError) {
      say(`publish: ${e.message}`);
      return e.code === "usage" || e.code === "no-token" ? 2 : 1;
    }
    say(`publish: ${(e as Error)?.message ?? String(e)}`);
    return 1;
  }
}
