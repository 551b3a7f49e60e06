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

/** Runs `deno run -A cli.ts ...args` in the project root; returns code, stdout and stderr. */
export async function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const root = new URL("../../", import.meta.url).pathname;
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
