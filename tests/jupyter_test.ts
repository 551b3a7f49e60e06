/**
 * The documented notebook steps on a clean Jupyter: `deno task setup`
 * registers a Deno kernel that survives an npx cache clean, the browser front
 * end (the classic Notebook server from Debian) serves a notebook, and a cell
 * runs on the Deno kernel through the server's REST API and kernel websocket —
 * what a browser does. Fails, never skips, when something is missing.
 */

import assert from "node:assert/strict";
import { inNpxCache, kernelArgv } from "../lib/notebook/setup.ts";
import { tempDir } from "./helpers/tree.ts";

const ROOT = new URL("../", import.meta.url).pathname;

Deno.test("the kernel command never points into npx's cache", () => {
  assert.deepEqual(kernelArgv("/usr/bin/deno").slice(0, 2), ["/usr/bin/deno", "jupyter"]);
  for (const p of ["/root/.npm/_npx/1a2b/node_modules/deno/deno", null]) {
    assert.deepEqual(kernelArgv(p).slice(0, 4), ["npx", "-y", "deno@2.9.6", "jupyter"]);
  }
  assert.ok(inNpxCache("/home/u/.npm/_npx/abc/node_modules/.bin/deno"));
  assert.ok(!inNpxCache("/usr/lib/node_modules/deno/deno"));
});

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

/**
 * Sends one execute_request on the kernel's websocket; resolves with its
 * results (execute_result / display_data as text) and other output (streams).
 */
function execute(
  url: string,
  code: string,
  timeoutMs: number,
): Promise<{ results: string[]; other: string[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const msgId = crypto.randomUUID();
    const outputs: string[] = [], other: string[] = [];
    let reply: string | undefined, idle = false;
    const timer = setTimeout(() => {
      ws.close();
      reject(new Error(`no execute_reply within ${timeoutMs / 1000} s; got ${outputs}`));
    }, timeoutMs);
    ws.onopen = () =>
      ws.send(JSON.stringify({
        header: {
          msg_id: msgId,
          username: "test",
          session: crypto.randomUUID(),
          msg_type: "execute_request",
          version: "5.3",
          date: new Date().toISOString(),
        },
        parent_header: {},
        metadata: {},
        content: {
          code,
          silent: false,
          store_history: true,
          user_expressions: {},
          allow_stdin: false,
          stop_on_error: true,
        },
        channel: "shell",
        buffers: [],
      }));
    ws.onerror = (e) => {
      clearTimeout(timer);
      reject(new Error(`websocket error: ${(e as ErrorEvent).message ?? e.type}`));
    };
    ws.onmessage = (e) => {
      const m = JSON.parse(String(e.data));
      if (m.parent_header?.msg_id !== msgId) return;
      const t = m.header.msg_type;
      if (t === "execute_result" || t === "display_data") {
        outputs.push(String(m.content.data["text/plain"] ?? ""));
      } else if (t === "stream") other.push(m.content.text);
      else if (t === "error") other.push(`error: ${m.content.ename}: ${m.content.evalue}`);
      else if (t === "execute_reply") reply = m.content.status;
      else if (t === "status" && m.content.execution_state === "idle") idle = true;
      // Shell and iopub are separate channels: the reply can come before the result. The
      // kernel's "idle" status on iopub comes after every output of the request.
      if (reply !== undefined && idle) {
        clearTimeout(timer);
        ws.close();
        if (reply !== "ok") reject(new Error(`cell failed: ${other.join(" ")}`));
        else resolve({ results: outputs, other });
      }
    };
  });
}

Deno.test({
  name:
    "setup registers a Deno kernel that runs through npx; the Notebook server opens a notebook and runs a cell on it",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const home = await tempDir("jupyter");
    const env = {
      JUPYTER_DATA_DIR: `${home}/data`,
      JUPYTER_RUNTIME_DIR: `${home}/runtime`,
      JUPYTER_CONFIG_DIR: `${home}/config`,
      NO_COLOR: "1",
    };
    // 1. The documented setup, into a Jupyter with no Deno kernel, asked for the npx form.
    const s = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", `${ROOT}lib/notebook/setup.ts`, "--kernel-via-npx"],
      env,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const said = new TextDecoder().decode(s.stderr);
    assert.equal(s.code, 0, said);
    assert.match(said, /registering the Deno Jupyter kernel "deno": npx -y deno@2\.9\.6/);
    const spec = JSON.parse(await Deno.readTextFile(`${home}/data/kernels/deno/kernel.json`));
    assert.deepEqual(spec.argv.slice(0, 3), ["npx", "-y", "deno@2.9.6"]);
    assert.ok(!spec.argv.some(inNpxCache), "no path into npx's cache");

    // 2. The browser front end, headless on loopback, as notebooks/README.md starts it.
    const port = freePort(), token = crypto.randomUUID().replaceAll("-", "");
    const server = new Deno.Command("jupyter", {
      args: [
        "notebook",
        "--no-browser",
        "--ip=127.0.0.1",
        `--port=${port}`,
        "--port-retries=0",
        `--NotebookApp.token=${token}`,
        `--notebook-dir=${ROOT}`,
        // The server refuses root unless told; a container's user often is root.
        ...(Deno.uid() === 0 ? ["--allow-root"] : []),
      ],
      env,
      stdout: "null",
      stderr: "piped",
    }).spawn();
    const base = `http://127.0.0.1:${port}`;
    const auth = { Authorization: `token ${token}` };
    try {
      let up = false;
      let exited = false;
      server.status.then(() => (exited = true));
      for (let i = 0; i < 120 && !up && !exited; i++) {
        try {
          const r = await fetch(`${base}/api/status`, { headers: auth });
          await r.body?.cancel();
          up = r.ok;
        } catch {
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      if (!up) {
        if (!exited) server.kill("SIGTERM");
        const err = new TextDecoder().decode((await server.output()).stderr);
        throw new Error(`the Notebook server did not answer on 127.0.0.1:\n${err.slice(-2000)}`);
      }
      // The page a browser opens for the notebook.
      const page = await fetch(`${base}/notebooks/notebooks/03_retail.ipynb?token=${token}`);
      const html = await page.text();
      assert.equal(page.status, 200);
      assert.match(html, /03_retail\.ipynb/);
      // The notebook as the page loads it, with its kernel.
      const nb = await (await fetch(`${base}/api/contents/notebooks/03_retail.ipynb`, {
        headers: auth,
      })).json();
      assert.equal(nb.content.metadata.kernelspec.name, "deno");
      assert.ok(nb.content.cells.length > 5);
      // Start its kernel the way the page does, and run a cell with a Polars query.
      const sess = await (await fetch(`${base}/api/sessions`, {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/json" },
        body: JSON.stringify({
          path: "notebooks/03_retail.ipynb",
          type: "notebook",
          name: "",
          kernel: { name: "deno" },
        }),
      })).json();
      assert.ok(sess.kernel?.id, JSON.stringify(sess));
      const ws = `ws://127.0.0.1:${port}/api/kernels/${sess.kernel.id}/channels?token=${token}`;
      const out = await execute(
        ws,
        'import pl from "nodejs-polars";\n' +
          'pl.DataFrame({ qty: [1, 2, 3] }).select(pl.col("qty").sum()).getColumn("qty").get(0) * 7',
        240_000,
      );
      assert.deepEqual(out.results.map((x) => x.trim()), ["42"], out.other.join(""));
      await (await fetch(`${base}/api/sessions/${sess.id}`, { method: "DELETE", headers: auth }))
        .body?.cancel();
    } finally {
      try {
        server.kill("SIGTERM");
      } catch {
        // already gone
      }
      await server.stderr.cancel().catch(() => {});
      await server.status;
    }
  },
});
