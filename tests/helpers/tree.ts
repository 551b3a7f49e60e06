/**
 * Test helpers: digests of folder trees, temporary folders, running the CLI.
 *
 * @module
 */

import { sha256File } from "../../lib/engine/chunk.ts";

/** Every file under `dir` (relative path → SHA-256), sorted by path. */
export async function treeDigest(
  dir: string,
  skip: (rel: string) => boolean = () => false,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(rel: string) {
    for await (const e of Deno.readDir(`${dir}/${rel}`)) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (skip(p)) continue;
      if (e.isDirectory) await walk(p);
      else out.set(p, await sha256File(`${dir}/${p}`));
    }
  }
  await walk("");
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

/** Copies the folder `from` (files and subfolders) to `to`. */
export async function copyDir(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) {
    if (e.isDirectory) await copyDir(`${from}/${e.name}`, `${to}/${e.name}`);
    else if (e.isFile) await Deno.copyFile(`${from}/${e.name}`, `${to}/${e.name}`);
  }
}

/** Folders made by {@link tempDir}, removed when the test module ends. */
const made: string[] = [];

/** A fresh temporary folder, removed with everything in it when the test module ends. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: `partsflow-${prefix}-` });
  if (made.length === 0) {
    globalThis.addEventListener("unload", () => {
      for (const d of made) {
        try {
          Deno.removeSync(d, { recursive: true });
        } catch {
          // already gone, or a mount still on it: left for the OS
        }
      }
    });
  }
  made.push(dir);
  return dir;
}

/**
 * When this process started (ms since the epoch), from /proc (Linux); null elsewhere.
 * `deno test` reads every module when it starts, so its tests run the sources as
 * they were then, while a command line it starts reads them as they are now.
 */
function processStart(): number | null {
  try {
    const stat = Deno.readTextFileSync("/proc/self/stat");
    const ticks = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]); // starttime
    const boot = Number(/^btime (\d+)$/m.exec(Deno.readTextFileSync("/proc/stat"))?.[1]);
    const ms = (boot + ticks / 100) * 1000;
    return Number.isFinite(ms) ? ms : null;
  } catch {
    return null;
  }
}

const started = processStart();
const warned = new Set<string>();

/**
 * Warns (once per file) when a source file changed after this test process
 * started: in-process calls then run the old code and the command line the new,
 * so a comparison of the two (ground_truth.json, say) can differ for no fault of
 * the code. Seen once: the manufacturing ground-truth text was edited during a
 * whole-suite run, and the two tests comparing an in-process reference with a
 * command-line run failed on ground_truth.json alone.
 */
function warnIfSourcesChanged(root: string): void {
  if (started === null) return;
  const check = (rel: string) => {
    if (
      warned.has(rel) || (Deno.statSync(`${root}${rel}`).mtime?.getTime() ?? 0) <= started + 1000
    ) {
      return;
    }
    warned.add(rel);
    console.warn(
      `warning: ${rel} changed after this test process started: the command line runs the ` +
        "new code, in-process calls the old; rerun the tests",
    );
  };
  const walk = (rel: string) => {
    for (const e of Deno.readDirSync(`${root}${rel}`)) {
      if (e.isDirectory) walk(`${rel}/${e.name}`);
      else if (e.name.endsWith(".ts")) check(`${rel}/${e.name}`);
    }
  };
  for (const f of ["cli.ts", "mod.ts", "deno.json"]) check(f);
  for (const d of ["lib", "tests/helpers"]) walk(d);
}

/** Runs `deno run -A cli.ts ...args` in the project root; returns code, stdout and stderr. */
export async function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const root = new URL("../../", import.meta.url).pathname;
  warnIfSourcesChanged(root);
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${root}cli.ts`, ...args],
    cwd: root,
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}
