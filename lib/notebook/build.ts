/**
 * Builds the notebooks from their sources and executes them.
 *
 * A notebook's source is a TypeScript file in `notebooks/src/` written in the
 * "percent" format: `// %% [markdown]` starts a markdown cell (its lines are
 * `//` comments), `// %%` starts a code cell. Sources import project code as
 * `../../lib/…` (or `../../mod.ts`); in the notebook, one folder up, that
 * becomes `../lib/…`.
 * Being plain TypeScript, sources type-check with `deno check`.
 *
 * ```sh
 * deno run -A lib/notebook/build.ts                 # build + execute every notebook (outputs committed)
 * deno run -A lib/notebook/build.ts 01 05           # only these
 * deno run -A lib/notebook/build.ts --fresh         # … after deleting the default dataset, so 01 shows a real run
 * deno run -A lib/notebook/build.ts --no-execute    # cells only, no outputs
 * deno run -A lib/notebook/build.ts --check         # do the .ipynb files match their sources?
 * deno run -A lib/notebook/build.ts --figures DIR   # every figure of the committed notebooks → DIR/*.svg + *.png
 * ```
 *
 * @module
 */

import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { notebookParams, PARAM_ENV, REPO_ENV } from "./params.ts";
import { saveSvg, svgToPng } from "../plot/save.ts";

/** The repository root (two folders above this file). */
export const ROOT: string = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
/** Folder of the notebooks. */
export const NOTEBOOK_DIR: string = join(ROOT, "notebooks");
/** Folder of the notebook sources. */
export const SOURCE_DIR: string = join(NOTEBOOK_DIR, "src");

/** The line that installs what running notebooks needs (Debian + the Deno kernel). */
export const INSTALL_LINE =
  "npx -y deno@2.9.6 task setup   (as root it installs Jupyter from Debian and registers the Deno kernel)";

/** One cell of a source. */
export interface SourceCell {
  /** Markdown or code. */
  kind: "markdown" | "code";
  /** The cell's text (markdown without the comment markers; code as written). */
  text: string;
}

/** A notebook cell as nbformat 4 stores it. */
export interface NbCell {
  /** Cell type. */
  cell_type: "markdown" | "code";
  /** Stable id (nbformat ≥ 4.5). */
  id: string;
  /** Cell metadata. */
  metadata: Record<string, unknown>;
  /** Lines of source, each ending in a newline but the last. */
  source: string[];
  /** Outputs (code cells). */
  outputs?: NbOutput[];
  /** Execution count (code cells). */
  execution_count?: number | null;
}

/** A code cell's output. */
export interface NbOutput {
  /** stream, display_data, execute_result or error. */
  output_type: string;
  /** MIME bundle (display_data, execute_result). */
  data?: Record<string, string | string[]>;
  /** Stream text. */
  text?: string | string[];
  /** Stream name. */
  name?: string;
  /** Error name. */
  ename?: string;
  /** Error value. */
  evalue?: string;
  [k: string]: unknown;
}

/** A notebook document (nbformat 4). */
export interface Notebook {
  /** Cells in order. */
  cells: NbCell[];
  /** Kernel and language metadata. */
  metadata: Record<string, unknown>;
  /** 4. */
  nbformat: number;
  /** Minor version. */
  nbformat_minor: number;
}

/** The kernelspec every notebook names. */
export const KERNELSPEC = { name: "deno", display_name: "Deno", language: "typescript" };

/** language_info for TypeScript on Deno's kernel. */
export const LANGUAGE_INFO = {
  name: "typescript",
  codemirror_mode: "typescript",
  file_extension: ".ts",
  mimetype: "text/x.typescript",
  nbconvert_exporter: "script",
  pygments_lexer: "typescript",
};

const CELL_MARK = /^\/\/ %%(?:\s+\[(markdown|md)\])?\s*$/;

/** Splits a percent-format source into cells. */
export function parseSource(text: string): SourceCell[] {
  const cells: SourceCell[] = [];
  let cur: { kind: SourceCell["kind"]; lines: string[] } | null = null;
  const flush = () => {
    if (!cur) return;
    const lines = [...cur.lines];
    while (lines.length && lines[0].trim() === "") lines.shift();
    while (lines.length && lines[lines.length - 1].trim() === "") lines.pop();
    if (lines.length) cells.push({ kind: cur.kind, text: lines.join("\n") });
  };
  for (const line of text.split("\n")) {
    const m = CELL_MARK.exec(line);
    if (m) {
      flush();
      cur = { kind: m[1] ? "markdown" : "code", lines: [] };
      continue;
    }
    if (!cur) {
      if (line.trim() === "") continue;
      throw new Error(`source must start with a '// %%' cell marker (found: ${line.slice(0, 40)})`);
    }
    if (cur.kind === "markdown") {
      if (line.trim() !== "" && !line.startsWith("//")) {
        throw new Error(`markdown cell line is not a // comment: ${line.slice(0, 60)}`);
      }
      cur.lines.push(line.replace(/^\/\/ ?/, ""));
    } else cur.lines.push(line);
  }
  flush();
  return cells;
}

/** Code as the notebook (in `notebooks/`) runs it: `../../x` imports become `../x`. */
export function notebookCode(code: string): string {
  return code.replace(/(from\s+["'])\.\.\/\.\.\//g, "$1../");
}

function lines(text: string): string[] {
  const parts = text.split("\n");
  return parts.map((l, i) => (i < parts.length - 1 ? l + "\n" : l));
}

/** A notebook (without outputs) from source cells. */
export function toNotebook(cells: SourceCell[], name: string): Notebook {
  return {
    cells: cells.map((c, i) => {
      const id = `${name.slice(0, 2)}-${String(i).padStart(2, "0")}`;
      return c.kind === "markdown"
        ? { cell_type: "markdown", id, metadata: {}, source: lines(c.text) }
        : {
          cell_type: "code",
          id,
          metadata: {},
          source: lines(notebookCode(c.text)),
          outputs: [],
          execution_count: null,
        };
    }),
    metadata: { kernelspec: KERNELSPEC, language_info: LANGUAGE_INFO },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** Notebook JSON as committed: one-space indent like Jupyter, trailing newline. */
export function serialize(nb: Notebook): string {
  return JSON.stringify(nb, null, 1) + "\n";
}

/** The names (e.g. `01_quickstart`) of every notebook source, sorted. */
export function sourceNames(): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(SOURCE_DIR)) {
    if (e.isFile && /^\d\d_[a-z0-9_]+\.ts$/.test(e.name)) out.push(e.name.replace(/\.ts$/, ""));
  }
  return out.sort();
}

/** Path of a notebook's source. */
export function sourcePath(name: string): string {
  return join(SOURCE_DIR, `${name}.ts`);
}

/** Path of a notebook. */
export function notebookPath(name: string): string {
  return join(NOTEBOOK_DIR, `${name}.ipynb`);
}

// deno-lint-ignore no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function joinText(t: string | string[] | undefined): string {
  return Array.isArray(t) ? t.join("") : t ?? "";
}

/** Every text of a notebook's outputs, joined (for scanning). */
export function outputText(nb: Notebook): string {
  const parts: string[] = [];
  for (const c of nb.cells) {
    for (const o of c.outputs ?? []) {
      parts.push(joinText(o.text), o.evalue ?? "");
      for (const v of Object.values(o.data ?? {})) {
        parts.push(typeof v === "string" || Array.isArray(v) ? joinText(v) : JSON.stringify(v));
      }
    }
  }
  return parts.join("\n");
}

/**
 * Tidies an executed notebook for committing: drops per-cell timing metadata
 * and terminal colour codes.
 */
export function tidyExecuted(nb: Notebook): Notebook {
  for (const c of nb.cells) {
    delete c.metadata.execution;
    for (const o of c.outputs ?? []) {
      if (o.text !== undefined) o.text = lines(joinText(o.text).replace(ANSI, ""));
      if (o.data?.["text/plain"] !== undefined) {
        o.data["text/plain"] = lines(joinText(o.data["text/plain"]).replace(ANSI, ""));
      }
    }
  }
  return nb;
}

/** Problems a committed notebook must not have: machine paths, tokens, errors, missing outputs. */
export function auditNotebook(nb: Notebook): string[] {
  const problems: string[] = [];
  const text = outputText(nb) + "\n" + nb.cells.map((c) => c.source.join("")).join("\n");
  const machine = text.match(
    /(?:\/(?:work|tmp|home|root|Users|var\/folders|private)\/[^\s"'`)]*|[A-Z]:\\\\[^\s"']*)/g,
  );
  if (machine) problems.push(`machine paths: ${[...new Set(machine)].slice(0, 3).join(", ")}`);
  if (/hf_[A-Za-z0-9]{16,}/.test(text)) {
    problems.push("something that looks like a Hugging Face token (hf_…)");
  }
  if (/(?:api[_-]?key|secret|password)\s*[:=]\s*["'][^"']{6,}/i.test(text)) {
    problems.push("something that looks like a secret");
  }
  const code = nb.cells.filter((c) => c.cell_type === "code");
  const unexecuted = code.filter((c) =>
    c.execution_count === null || c.execution_count === undefined
  );
  if (unexecuted.length) problems.push(`${unexecuted.length} code cell(s) not executed`);
  const silent = code.filter((c) => (c.outputs ?? []).length === 0);
  if (silent.length) {
    problems.push(`code cell(s) without output: ${silent.map((c) => c.id).join(", ")}`);
  }
  for (const c of code) {
    for (const o of c.outputs ?? []) {
      if (o.output_type === "error") {
        problems.push(`cell ${c.id} has an error output: ${o.ename}: ${o.evalue}`);
      }
      if (o.output_type === "stream" && o.name === "stderr") {
        problems.push(`cell ${c.id} wrote to stderr: ${joinText(o.text).slice(0, 80)}`);
      }
    }
  }
  return problems;
}

/** Differences between a notebook's cells and its source (empty when they match). */
export function compareToSource(nb: Notebook, cells: SourceCell[]): string[] {
  const want = toNotebook(cells, "xx").cells;
  const out: string[] = [];
  if (nb.cells.length !== want.length) {
    out.push(`${nb.cells.length} cells, source has ${want.length}`);
  }
  for (let i = 0; i < Math.min(nb.cells.length, want.length); i++) {
    const a = nb.cells[i];
    const b = want[i];
    if (a.cell_type !== b.cell_type || a.source.join("") !== b.source.join("")) {
      out.push(`cell ${i} differs from the source`);
    }
  }
  const ks = (nb.metadata.kernelspec ?? {}) as Record<string, unknown>;
  if (ks.name !== "deno") out.push(`kernelspec is ${JSON.stringify(ks)}, want deno`);
  return out;
}

/** Is Jupyter (nbconvert) installed, and is the Deno kernel registered? Returns what is missing. */
export async function jupyterStatus(): Promise<string[]> {
  const missing: string[] = [];
  const run = async (args: string[]) => {
    try {
      const o = await new Deno.Command("jupyter", { args, stdout: "piped", stderr: "piped" })
        .output();
      return o.success ? new TextDecoder().decode(o.stdout) : null;
    } catch {
      return null;
    }
  };
  if ((await run(["nbconvert", "--version"])) === null) missing.push("jupyter nbconvert");
  const specs = await run(["kernelspec", "list", "--json"]);
  if (specs === null) missing.push("jupyter kernelspec");
  else if (!JSON.parse(specs).kernelspecs?.deno) {
    missing.push("the Deno kernel (deno task setup)");
  }
  return missing;
}

/**
 * Hub variables a kernel never inherits from this process: notebooks are
 * built (and their outputs committed) without a token, so notebook 06 shows
 * its dry run and the skip sentence, never an upload. Pass them in
 * {@link ExecuteOptions.env} to execute against a Hub (tests use a loopback one).
 */
export const HUB_ENV: readonly string[] = ["HF_TOKEN", "HF_ENDPOINT"];

/** Options of {@link executeNotebook}. */
export interface ExecuteOptions {
  /** Write the executed copy here instead of in place. */
  outputDir?: string;
  /**
   * Environment variables for the kernel (over a copy of this process's
   * environment, without {@link HUB_ENV}: set `HF_TOKEN` / `HF_ENDPOINT` here).
   */
  env?: Record<string, string>;
  /** Keep PARTSFLOW_* variables of this process (default false: notebooks run at their own parameters). */
  inheritParams?: boolean;
  /** Seconds a cell may take (default 600). */
  timeout?: number;
}

/** What an execution did. */
export interface ExecuteResult {
  /** True when nbconvert succeeded (no cell raised). */
  ok: boolean;
  /** Path of the executed notebook. */
  path: string;
  /** Seconds taken. */
  seconds: number;
  /** nbconvert's stderr (the failing cell's traceback on failure). */
  log: string;
}

/** Executes a notebook headless with `jupyter nbconvert --execute` on the Deno kernel. */
export async function executeNotebook(
  path: string,
  o: ExecuteOptions = {},
): Promise<ExecuteResult> {
  const env = Deno.env.toObject();
  if (!o.inheritParams) { for (const k of [...Object.values(PARAM_ENV), REPO_ENV]) delete env[k]; }
  for (const k of HUB_ENV) delete env[k];
  Object.assign(env, { NO_COLOR: "1", ...o.env });
  const args = [
    "nbconvert",
    "--to",
    "notebook",
    "--execute",
    `--ExecutePreprocessor.timeout=${o.timeout ?? 600}`,
    "--ExecutePreprocessor.kernel_name=deno",
    ...(o.outputDir ? ["--output-dir", o.outputDir] : ["--inplace"]),
    path,
  ];
  const t0 = performance.now();
  const out = await new Deno.Command("jupyter", {
    args,
    env,
    clearEnv: true,
    cwd: dirname(path),
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    ok: out.success,
    path: o.outputDir ? join(o.outputDir, basename(path)) : path,
    seconds: (performance.now() - t0) / 1000,
    log: new TextDecoder().decode(out.stderr),
  };
}

/** Reads a notebook file. */
export function readNotebook(path: string): Notebook {
  return JSON.parse(Deno.readTextFileSync(path));
}

/** Every SVG figure among a notebook's outputs, in order. */
export function figuresOf(nb: Notebook): string[] {
  const out: string[] = [];
  for (const c of nb.cells) {
    for (const o of c.outputs ?? []) {
      const svg = o.data?.["image/svg+xml"];
      if (svg !== undefined) out.push(joinText(svg));
    }
  }
  return out;
}

async function main(args: string[]): Promise<number> {
  const flags = new Set<string>();
  const wanted: string[] = [];
  let figDir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--figures") figDir = args[++i];
    else if (args[i].startsWith("--")) flags.add(args[i]);
    else wanted.push(args[i]);
  }
  const names = sourceNames().filter((n) => !wanted.length || wanted.some((w) => n.startsWith(w)));
  if (!names.length) {
    console.error(
      `no notebook source matches ${wanted.join(", ")} in ${relative(ROOT, SOURCE_DIR)}`,
    );
    return 2;
  }
  if (flags.has("--check")) {
    let bad = 0;
    for (const n of names) {
      let problems: string[];
      try {
        const nb = readNotebook(notebookPath(n));
        problems = [
          ...compareToSource(nb, parseSource(Deno.readTextFileSync(sourcePath(n)))),
          ...auditNotebook(nb),
        ];
      } catch (e) {
        problems = [e instanceof Error ? e.message : String(e)];
      }
      console.log(
        `${problems.length ? "FAIL" : "ok  "} ${n}${
          problems.length ? ": " + problems.join("; ") : ""
        }`,
      );
      if (problems.length) bad++;
    }
    return bad ? 1 : 0;
  }
  if (figDir) {
    await Deno.mkdir(figDir, { recursive: true });
    for (const n of names) {
      const figs = figuresOf(readNotebook(notebookPath(n)));
      for (const [i, svg] of figs.entries()) {
        const p = join(figDir, `${n}-${String(i + 1).padStart(2, "0")}.svg`);
        await saveSvg(svg, p);
        await svgToPng(p);
        console.log(p.replace(/\.svg$/, ".png"));
      }
    }
    return 0;
  }
  if (!flags.has("--no-execute")) {
    const missing = await jupyterStatus();
    if (missing.length) {
      console.error(
        `cannot execute notebooks: missing ${missing.join(", ")}\ninstall: ${INSTALL_LINE}`,
      );
      return 2;
    }
  }
  if (flags.has("--fresh") && !flags.has("--no-execute")) {
    const dir = join(NOTEBOOK_DIR, notebookParams({}, {}).out);
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    console.log(`removed ${relative(ROOT, dir)} (notebooks regenerate it)`);
  }
  for (const n of names) {
    const nb = toNotebook(parseSource(Deno.readTextFileSync(sourcePath(n))), n);
    const path = notebookPath(n);
    Deno.writeTextFileSync(path, serialize(nb));
    if (flags.has("--no-execute")) {
      console.log(`built ${relative(ROOT, path)}`);
      continue;
    }
    // Deno's kernel can publish an output after reporting its cell finished, and
    // nbconvert then drops it: every cell here has output, so run again if one lacks it.
    let problems: string[] = [];
    let seconds = 0;
    for (let attempt = 1; attempt <= 3; attempt++) {
      Deno.writeTextFileSync(path, serialize(nb));
      const r = await executeNotebook(path);
      seconds = r.seconds;
      if (!r.ok) {
        console.error(`FAILED ${relative(ROOT, path)} (${r.seconds.toFixed(1)} s)\n${r.log}`);
        return 1;
      }
      const done = tidyExecuted(readNotebook(path));
      Deno.writeTextFileSync(path, serialize(done));
      problems = auditNotebook(done);
      if (!problems.some((p) => p.startsWith("code cell(s) without output"))) break;
      console.log(`retry ${relative(ROOT, path)}: ${problems.join("; ")}`);
    }
    console.log(
      `${problems.length ? "WARN" : "ok  "} ${relative(ROOT, path)}  ${seconds.toFixed(1)} s${
        problems.length ? "  " + problems.join("; ") : ""
      }`,
    );
    if (problems.length) return 1;
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
