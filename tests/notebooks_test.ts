/**
 * The notebooks: every one executes headless on Deno's Jupyter kernel at a
 * small scale without a cell error; the committed ones match their sources,
 * carry their outputs, and hold no secrets or machine paths. Without Jupyter
 * or the Deno kernel these tests FAIL with the install line — never pass.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import {
  auditNotebook,
  compareToSource,
  executeNotebook,
  INSTALL_LINE,
  jupyterStatus,
  NOTEBOOK_DIR,
  notebookPath,
  outputText,
  parseSource,
  readNotebook,
  ROOT,
  SOURCE_DIR,
  sourceNames,
  sourcePath,
} from "../lib/notebook/build.ts";
import { startLoopbackHub } from "./helpers/loopback_hub.ts";

/** Small enough for CI, big enough that every table has rows. */
const SMALL = { PARTSFLOW_SCALE: "0.002", PARTSFLOW_WORKERS: "2" };

const names = sourceNames();

Deno.test("notebooks: there are sources and committed notebooks for 01–05", () => {
  assert.ok(names.length >= 5, `expected at least 5 notebook sources in ${SOURCE_DIR}`);
  for (const n of names) {
    assert.ok(
      Deno.statSync(notebookPath(n)).isFile,
      `${n}.ipynb missing: deno run -A lib/notebook/build.ts ${n}`,
    );
  }
});

Deno.test("notebooks: committed notebooks match their sources", () => {
  for (const n of names) {
    const diff = compareToSource(
      readNotebook(notebookPath(n)),
      parseSource(Deno.readTextFileSync(sourcePath(n))),
    );
    assert.deepEqual(diff, [], `${n}: rebuild with deno run -A lib/notebook/build.ts ${n}`);
  }
});

Deno.test("notebooks: committed notebooks carry outputs and no secrets, errors or machine paths", () => {
  for (const n of names) {
    const nb = readNotebook(notebookPath(n));
    assert.deepEqual(auditNotebook(nb), [], `${n}.ipynb`);
    assert.ok(!outputText(nb).includes(ROOT), `${n}.ipynb mentions the checkout's path`);
  }
});

Deno.test("notebooks: the audit catches what it should", () => {
  const nb = readNotebook(notebookPath(names[0]));
  const bad = structuredClone(nb);
  const code = bad.cells.find((c) => c.cell_type === "code")!;
  code.outputs = [
    { output_type: "stream", name: "stdout", text: ["wrote /home/someone/data/x.parquet\n"] },
    { output_type: "stream", name: "stdout", text: ["token hf_abcdefghijklmnopqrstuvwxyz\n"] },
  ];
  const problems = auditNotebook(bad).join("\n");
  assert.match(problems, /machine paths/);
  assert.match(problems, /Hugging Face token/);
});

Deno.test("notebooks: sources type-check", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["check", ...names.map((n) => sourcePath(n))],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
});

Deno.test("notebooks: Jupyter and the Deno kernel are installed", async () => {
  const missing = await jupyterStatus();
  if (missing.length) {
    throw new Error(
      `\n\n*** NOTEBOOK TESTS CANNOT RUN: missing ${missing.join(", ")} ***\n` +
        `install them with:\n  ${INSTALL_LINE}\n`,
    );
  }
});

Deno.test({
  name: "notebooks: every notebook executes headless at a small scale",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const missing = await jupyterStatus();
    if (missing.length) {
      throw new Error(
        `missing ${missing.join(", ")} — cannot execute notebooks. Install: ${INSTALL_LINE}`,
      );
    }
    const tmp = await Deno.makeTempDir({ prefix: "partsflow-notebooks-" });
    try {
      const env = { ...SMALL, PARTSFLOW_OUT: join(tmp, "data") };
      for (const n of names) {
        await t.step(n, async () => {
          const r = await executeNotebook(notebookPath(n), {
            outputDir: tmp,
            env,
            timeout: 300,
          });
          const tail = r.log.split("\n").filter((l) => !/Debugger|frozen|PYDEVD/i.test(l))
            .slice(-40).join("\n");
          assert.ok(r.ok, `${n} failed after ${r.seconds.toFixed(1)} s:\n${tail}`);
          const executed = readNotebook(r.path);
          const errors = executed.cells.flatMap((c) =>
            (c.outputs ?? []).filter((o) => o.output_type === "error")
          );
          assert.equal(errors.length, 0, `${n}: ${errors.map((e) => `${e.ename}: ${e.evalue}`)}`);
          console.log(`  ${n}: ${r.seconds.toFixed(1)} s`);
        });
      }
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "notebooks: 06_publish publishes to a loopback Hub from its cell, and its rerun uploads nothing",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const missing = await jupyterStatus();
    if (missing.length) {
      throw new Error(
        `missing ${missing.join(", ")} — cannot execute notebooks. Install: ${INSTALL_LINE}`,
      );
    }
    const token = "hf_notebookloopbacktoken00";
    const repo = "alice/partsflow-notebook";
    const hub = startLoopbackHub({ tokens: { [token]: { user: "alice" } } });
    const tmp = await Deno.makeTempDir({ prefix: "partsflow-nb-publish-" });
    try {
      const out = join(tmp, "data");
      const r = await executeNotebook(notebookPath("06_publish"), {
        outputDir: tmp,
        env: {
          ...SMALL,
          PARTSFLOW_OUT: out,
          PARTSFLOW_REPO: repo,
          HF_TOKEN: token,
          HF_ENDPOINT: hub.url,
        },
        timeout: 300,
      });
      assert.ok(r.ok, `06_publish failed:\n${r.log.split("\n").slice(-40).join("\n")}`);
      const nb = readNotebook(r.path);
      const text = outputText(nb);
      assert.ok(!text.includes(token), "the token appears in an output");
      const first = text.match(/published (\d+) files to \S+ in (\d+) commits?/);
      assert.ok(first, "the publish cell did not report an upload");
      assert.match(text, /nothing uploaded: all \d+ files are already on/);
      // The repo's creation makes an "initial commit"; the rest are the cell's.
      const commits = (hub.repo(repo)?.commits ?? []).filter((c) => c.title !== "initial commit");
      assert.ok(commits.length > 0, "no commit on the Hub");
      // Only the first publish committed: the rerun cell added none.
      assert.equal(commits.length, Number(first[2]), "the rerun cell made a commit");
      // The Hub holds exactly the dry-run layout the notebook wrote beside the dataset.
      const dry = `${out}-hub`;
      const expected: string[] = [];
      const walk = async (dir: string, prefix: string) => {
        for await (const e of Deno.readDir(dir)) {
          const rel = prefix ? `${prefix}/${e.name}` : e.name;
          if (e.isDirectory) await walk(join(dir, e.name), rel);
          else expected.push(rel);
        }
      };
      await walk(dry, "");
      assert.deepEqual(
        hub.paths(repo).filter((p) => p !== ".gitattributes").sort(),
        expected.sort(),
      );
      for (const p of expected) {
        assert.deepEqual(hub.file(repo, p), await Deno.readFile(join(dry, p)), `bytes of ${p}`);
      }
    } finally {
      await hub.close();
      await Deno.remove(tmp, { recursive: true });
    }
  },
});

Deno.test("notebooks: notebooks live in notebooks/ and name the Deno kernel", () => {
  for (const n of names) {
    const nb = readNotebook(join(NOTEBOOK_DIR, `${n}.ipynb`));
    assert.equal(nb.nbformat, 4);
    assert.deepEqual(nb.metadata.kernelspec, {
      name: "deno",
      display_name: "Deno",
      language: "typescript",
    });
    assert.equal((nb.metadata.language_info as { name: string }).name, "typescript");
  }
});
