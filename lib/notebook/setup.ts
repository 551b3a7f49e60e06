/**
 * `deno task setup`: installs what the tests and the notebooks need when it is
 * missing, and says what it installs. Run first by `deno task test`.
 *
 * - Jupyter from Debian (`apt-get`, as root): nbconvert and nbclient to run
 *   notebooks headless, the classic Notebook server as the browser front end
 *   (Debian ships no JupyterLab), ipykernel, and `rsvg-convert` for figures.
 * - The Deno kernel, registered with `jupyter kernelspec install --user` so
 *   that it survives an npx cache clean: its command is a `deno` found on the
 *   PATH outside npx's cache, or else `npx -y deno@<version> jupyter --kernel`,
 *   which fetches Deno again whenever the cache was cleaned.
 *
 * Without root or apt-get it installs nothing: it prints the one command to
 * run and exits 1, so a test run never skips quietly.
 *
 * @module
 */

/** The Deno version partsflow pins (the npm package `deno`). */
export const DENO_VERSION = "2.9.6";

/** A capability the tests need, how to probe it, and the Debian package that gives it. */
export interface Requirement {
  /** Debian package. */
  pkg: string;
  /** What it is for. */
  why: string;
  /** A command that exits 0 when present. */
  probe: string[];
}

/** Everything `setup` checks, in install order. */
export const REQUIREMENTS: readonly Requirement[] = [
  {
    pkg: "jupyter-client",
    why: "kernel specs",
    probe: ["jupyter", "kernelspec", "--version"],
  },
  {
    pkg: "python3-ipykernel",
    why: "Jupyter's kernel machinery",
    probe: ["python3", "-c", "import ipykernel"],
  },
  {
    pkg: "python3-nbclient",
    why: "running notebooks",
    probe: ["python3", "-c", "import nbclient"],
  },
  {
    pkg: "jupyter-nbconvert",
    why: "headless notebook runs",
    probe: ["jupyter", "nbconvert", "--version"],
  },
  {
    pkg: "jupyter-notebook",
    why: "the browser front end",
    probe: ["jupyter", "notebook", "--version"],
  },
  { pkg: "librsvg2-bin", why: "charts to PNG", probe: ["rsvg-convert", "--version"] },
];

async function ok(cmd: string[], env?: Record<string, string>): Promise<boolean> {
  try {
    const r = await new Deno.Command(cmd[0], {
      args: cmd.slice(1),
      stdout: "null",
      stderr: "null",
      env,
    }).output();
    return r.success;
  } catch {
    return false;
  }
}

async function capture(cmd: string[]): Promise<string | null> {
  try {
    const r = await new Deno.Command(cmd[0], { args: cmd.slice(1), stderr: "null" }).output();
    return r.success ? new TextDecoder().decode(r.stdout) : null;
  } catch {
    return null;
  }
}

/** True when `path` is inside npx's cache (gone after `npm cache clean` / a cleaned ~/.npm). */
export function inNpxCache(path: string): boolean {
  return /[\\/]_npx[\\/]|[\\/]\.npm[\\/]|[\\/]npm-cache[\\/]/.test(path);
}

/**
 * The kernel command: `deno` at `denoPath` when it is a stable install, or
 * npx fetching the pinned Deno (which survives any cache clean).
 */
export function kernelArgv(denoPath: string | null): string[] {
  const tail = ["jupyter", "--kernel", "--conn", "{connection_file}"];
  if (denoPath && !inNpxCache(denoPath)) return [denoPath, ...tail];
  return ["npx", "-y", `deno@${DENO_VERSION}`, ...tail];
}

/** The kernel.json of the Deno kernel for `argv`. */
export function kernelSpec(argv: string[]): Record<string, unknown> {
  return {
    argv,
    display_name: "Deno",
    language: "typescript",
    interrupt_mode: "signal",
    env: { DENO_NO_UPDATE_CHECK: "1" },
  };
}

/** A stable `deno` on the PATH (not a file inside npx's cache), or null. */
async function stableDeno(): Promise<string | null> {
  const found = (await capture(["sh", "-c", "command -v deno"]))?.trim();
  if (!found) return null;
  const real = (await capture(["readlink", "-f", found]))?.trim() ?? found;
  return inNpxCache(real) || inNpxCache(found) ? null : found;
}

/** Whether the registered "deno" kernel (if any) starts from a path that exists outside npx's cache. */
async function kernelOk(): Promise<{ ok: boolean; argv?: string[] }> {
  const out = await capture(["jupyter", "kernelspec", "list", "--json"]);
  if (!out) return { ok: false };
  const spec = JSON.parse(out).kernelspecs?.deno?.spec as { argv?: string[] } | undefined;
  const argv = spec?.argv;
  if (!argv?.length) return { ok: false };
  if (argv[0] === "npx") return { ok: await ok(["npx", "--version"]), argv };
  if (inNpxCache(argv[0])) return { ok: false, argv };
  return { ok: await ok([argv[0], "--version"]), argv };
}

/** Registers the Deno kernel for this user with `argv`. */
export async function installKernel(argv: string[]): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "partsflow-kernel-" });
  try {
    await Deno.mkdir(`${dir}/deno`);
    await Deno.writeTextFile(`${dir}/deno/kernel.json`, JSON.stringify(kernelSpec(argv), null, 2));
    const r = await new Deno.Command("jupyter", {
      args: ["kernelspec", "install", "--user", "--replace", "--name", "deno", `${dir}/deno`],
      stdout: "null",
      stderr: "piped",
    }).output();
    if (!r.success) {
      throw new Error(`jupyter kernelspec install failed: ${new TextDecoder().decode(r.stderr)}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/**
 * The Python that Jupyter runs on (the `jupyter` script's interpreter, not a
 * `python3` another tool such as pyenv put first on the PATH).
 */
async function jupyterPython(): Promise<string> {
  const script = (await capture(["sh", "-c", "command -v jupyter"]))?.trim();
  if (script) {
    try {
      const head = (await Deno.readTextFile(script)).split("\n")[0];
      const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(head);
      if (m) return m[1].endsWith("/env") && m[2] ? m[2] : m[1];
    } catch {
      // not readable: fall through
    }
  }
  for (const p of ["/usr/bin/python3", "python3"]) if (await ok([p, "--version"])) return p;
  return "python3";
}

/** Runs setup; returns the exit code. `say` receives one line per thing done. */
export async function setup(
  opts: { kernelVia?: "auto" | "npx"; say?: (l: string) => void } = {},
): Promise<number> {
  const say = opts.say ?? ((l: string) => console.error(l));
  const py = await jupyterPython();
  const probe = (r: Requirement) => ok(r.probe.map((a) => (a === "python3" ? py : a)));
  const missing: Requirement[] = [];
  for (const r of REQUIREMENTS) if (!(await probe(r))) missing.push(r);
  if (missing.length) {
    const pkgs = missing.map((r) => r.pkg);
    const line = `apt-get install -y --no-install-recommends ${pkgs.join(" ")}`;
    const root = Deno.uid() === 0 && await ok(["apt-get", "--version"]);
    if (!root) {
      say(
        `setup: missing ${
          missing.map((r) => `${r.pkg} (${r.why})`).join(", ")
        }: run as root: apt-get update && ${line}`,
      );
      return 1;
    }
    say(`setup: installing from Debian: ${missing.map((r) => `${r.pkg} (${r.why})`).join(", ")}`);
    const env = { DEBIAN_FRONTEND: "noninteractive" };
    for (const cmd of [["apt-get", "update", "-qq"], line.split(" ")]) {
      const r = await new Deno.Command(cmd[0], { args: cmd.slice(1), env, stdout: "null" })
        .output();
      if (!r.success) {
        say(`setup: '${cmd.join(" ")}' failed (exit ${r.code})`);
        return 1;
      }
    }
    for (const r of missing) {
      if (!(await probe(r))) {
        say(`setup: ${r.pkg} was installed but '${r.probe.join(" ")}' still fails`);
        return 1;
      }
    }
  }
  const k = await kernelOk();
  if (!k.ok || opts.kernelVia === "npx") {
    const argv = opts.kernelVia === "npx" ? kernelArgv(null) : kernelArgv(await stableDeno());
    say(
      `setup: registering the Deno Jupyter kernel "deno": ${
        argv.slice(0, -4).join(" ")
      } jupyter --kernel` +
        (k.argv ? ` (the registered one, ${k.argv[0]}, does not start)` : ""),
    );
    await installKernel(argv);
    if (!(await kernelOk()).ok) {
      say("setup: the Deno kernel is still not usable after registering it");
      return 1;
    }
  }
  return 0;
}

if (import.meta.main) {
  const via = Deno.args.includes("--kernel-via-npx") ? "npx" : "auto";
  Deno.exit(await setup({ kernelVia: via }));
}
