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

/** A fresh temporary folder (removed by the caller or left for the OS). */
export function tempDir(prefix: string): Promise<string> {
  return Deno.makeTempDir({ prefix: `partsflow-${prefix}-` });
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
