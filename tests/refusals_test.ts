/**
 * Hostile and careless input: every row of the README's "Refused input" table
 * is refused in one line naming the flag and the fix, with exit code 2 and
 * nothing written; and the things that must never happen do not: no write
 * outside the dataset folder, no deletion of a user's files, no two runs in
 * one folder at once, no resumed chunk with wrong bytes, no temp file left
 * behind, and the manifest's command reproduces a dataset made from a config
 * with world and catalog sections byte for byte.
 */

import assert from "node:assert/strict";
import { generate } from "../lib/engine/run.ts";
import { lockPath, tryLock } from "../lib/engine/lock.ts";
import type { Manifest } from "../lib/engine/manifest.ts";
import { validateOptions } from "../lib/options/io.ts";
import { runCli, tempDir, treeDigest } from "./helpers/tree.ts";

const WORLD = "countries,geo_segments,calendar,holidays,fx_rates,companies,sites";
const FLAGS = ["--seed", "7", "--start", "2024-01-01", "--end", "2024-06-30", "--tables", WORLD];
const small = () =>
  validateOptions({
    seed: 7,
    start: "2024-01-01",
    end: "2024-06-30",
    tables: WORLD.split(","),
  });

/** A row of the README table: its id, the command (after `partsflow`), and the message. */
interface Row {
  id: string;
  args: (dir: string) => Promise<string[]> | string[];
  message: RegExp;
}

/** Every refused input class, by the id of its README row. */
const ROWS: Row[] = [
  {
    id: "out-empty",
    args: () => ["generate", "--out", "", ...FLAGS],
    message: /--out "" is empty/,
  },
  {
    id: "out-file",
    args: async (d) => {
      await Deno.writeTextFile(`${d}/f`, "x");
      return ["generate", "--out", `${d}/f`, ...FLAGS];
    },
    message: /--out .*\/f is a file; give a folder/,
  },
  {
    id: "out-unwritable",
    args: async (d) => {
      await Deno.writeTextFile(`${d}/f`, "x");
      return ["generate", "--out", `${d}/f/sub`, ...FLAGS];
    },
    message: /--out .*: cannot write there .*; choose a folder you can write to/,
  },
  {
    id: "out-stranger",
    args: async (d) => {
      await Deno.mkdir(`${d}/mine/calendar`, { recursive: true });
      await Deno.writeTextFile(`${d}/mine/calendar/notes.txt`, "mine");
      return ["generate", "--out", `${d}/mine`, "--overwrite", ...FLAGS];
    },
    message: /--out .* is not empty and holds no partsflow dataset \(calendar\); choose an empty/,
  },
  {
    id: "out-other-options",
    args: async (d) => {
      await generate({ options: small(), out: `${d}/ds`, quiet: true });
      return ["generate", "--out", `${d}/ds`, ...FLAGS, "--seed", "8"];
    },
    message: /holds a dataset made with other options; pass --overwrite/,
  },
  {
    id: "out-busy",
    args: async (d) => {
      await Deno.mkdir(`${d}/ds/.partsflow`, { recursive: true });
      held = await tryLock(lockPath(`${d}/ds/.partsflow`, 0, 1));
      return ["generate", "--out", `${d}/ds`, ...FLAGS];
    },
    message: /another partsflow run is writing into .*; wait for it to finish/,
  },
  {
    id: "scale",
    args: (d) => ["generate", "--out", `${d}/o`, "--scale", "abc"],
    message: /--scale abc: want a number above 0/,
  },
  {
    id: "seed",
    args: (d) => ["generate", "--out", `${d}/o`, "--seed", "1.5"],
    message: /--seed 1\.5: want a whole number from 0 to 9007199254740991/,
  },
  {
    id: "date",
    args: (d) => ["generate", "--out", `${d}/o`, "--start", "2024-02-30"],
    message: /--start 2024-02-30: want a real date written YYYY-MM-DD/,
  },
  {
    id: "period",
    args: (d) => ["generate", "--out", `${d}/o`, "--start", "1800-01-01", "--end", "1800-12-31"],
    message: /--start 1800-01-01: the world is modelled from 2015-01-01/,
  },
  {
    id: "period-end",
    args: (d) => ["generate", "--out", `${d}/o`, "--start", "2024-01-01", "--end", "9999-12-31"],
    message: /--end 9999-12-31: the world is modelled from 2015-01-01 .* to 2099-12-31/,
  },
  {
    id: "end-before-start",
    args: (d) => ["generate", "--out", `${d}/o`, "--start", "2024-01-01", "--end", "2023-12-31"],
    message: /--end 2023-12-31: the end is before the start/,
  },
  {
    id: "too-big",
    args: (d) => ["generate", "--out", `${d}/o`, "--scale", "5000"],
    message: /this run would write about .* TB .* lower --scale or shorten/,
  },
  {
    id: "tables-empty",
    args: (d) => ["generate", "--out", `${d}/o`, "--tables", ","],
    message: /--tables ,: names no table/,
  },
  {
    id: "tables-unknown",
    args: (d) => ["generate", "--out", `${d}/o`, "--tables", "countries,typo"],
    message: /--tables countries,typo: unknown table 'typo'/,
  },
  {
    id: "format",
    args: (d) => ["generate", "--out", `${d}/o`, "--format", "xls"],
    message: /--format xls: want parquet, csv or arrow/,
  },
  {
    id: "row-group-size",
    args: (d) => ["generate", "--out", `${d}/o`, "--row-group-size", "5"],
    message: /--row-group-size 5: want a whole number of rows from 1024/,
  },
  {
    id: "workers",
    args: (d) => ["generate", "--out", `${d}/o`, "--workers", "0"],
    message: /--workers 0: want a whole number from 1 to 256/,
  },
  {
    id: "shard",
    args: (d) => ["generate", "--out", `${d}/o`, "--shard", "3/3"],
    message: /--shard 3\/3: want 0 ≤ i < N/,
  },
  {
    id: "unknown-flag",
    args: (d) => ["generate", "--out", `${d}/o`, "--bogus"],
    message: /Unknown option '--bogus'/,
  },
  {
    id: "config",
    args: async (d) => {
      await Deno.writeTextFile(`${d}/c.yaml`, "seed: 1.5\n");
      return ["generate", "--out", `${d}/o`, "--config", `${d}/c.yaml`];
    },
    message: /--config .*c\.yaml: seed: want a whole number/,
  },
  {
    id: "config-key",
    args: async (d) => {
      await Deno.writeTextFile(`${d}/c.yaml`, "colour: blue\n");
      return ["generate", "--out", `${d}/o`, "--config", `${d}/c.yaml`];
    },
    message: /unknown option: colour/,
  },
  {
    id: "validate-folder",
    args: (d) => ["validate", `${d}/nothing`],
    message: /nothing: no such folder/,
  },
  {
    id: "validate-empty",
    args: (d) => ["validate", d],
    message: /holds no partsflow tables; give a folder a generate run wrote/,
  },
  {
    id: "validate-only",
    args: async (d) => {
      await generate({ options: small(), out: `${d}/ds`, quiet: true });
      return ["validate", "--only", "typo", `${d}/ds`];
    },
    message: /--only typo: no check's name starts with 'typo'/,
  },
  {
    id: "validate-batch-mb",
    args: (d) => ["validate", d, "--batch-mb=0"],
    message: /--batch-mb 0: want a number above 0/,
  },
  {
    id: "describe-two",
    args: () => ["describe", "countries", "sites"],
    message: /describe takes one table, got 2/,
  },
  {
    id: "describe-scale",
    args: () => ["describe", "--scale", "abc"],
    message: /--scale abc: want a number above 0/,
  },
  {
    id: "publish-folder",
    args: (d) => ["publish", `${d}/nothing`, "--repo", "a/b", "--dry-run", `${d}/o`],
    message: /dataset folder .*nothing does not exist: give the folder a generate run wrote/,
  },
  {
    id: "command",
    args: () => ["frobnicate"],
    message: /unknown command 'frobnicate'/,
  },
];

let held: { release(): void } | null = null;

Deno.test("refused input: every README row is refused in one line, exit 2, nothing written", async (t) => {
  for (const row of ROWS) {
    await t.step(row.id, async () => {
      const dir = await tempDir(`refuse-${row.id}`);
      const args = await row.args(dir);
      const before = await treeDigest(dir);
      const r = await runCli(args);
      held?.release();
      held = null;
      assert.equal(r.code, 2, `${row.id}: ${r.stderr}`);
      assert.match(r.stderr, row.message);
      assert.equal(r.stderr.trim().split("\n").length, 1, `one line: ${r.stderr}`);
      assert.deepEqual(await treeDigest(dir), before, `${row.id}: nothing written`);
    });
  }
});

Deno.test("refused input: the README table and the test rows are the same list", async () => {
  const readme = await Deno.readTextFile(new URL("../README.md", import.meta.url));
  const section = readme.split("\n## Refused input")[1]?.split("\n## ")[0] ?? "";
  const ids = [...section.matchAll(/^\| `([a-z-]+)` +\|/gm)].map((m) => m[1]);
  assert.deepEqual(ids, ROWS.map((r) => r.id));
});

Deno.test('must never happen: --out "" writes nothing, in the root or anywhere', async () => {
  const r = await runCli(["generate", "--out", "", "--tables", "countries"]);
  assert.equal(r.code, 2, r.stderr);
  for (const p of ["/countries", "/manifest.json", "/ground_truth.json", "/.partsflow"]) {
    await assert.rejects(Deno.lstat(p), `${p} was not written`);
  }
});

Deno.test("must never happen: --overwrite deletes none of a user's files", async () => {
  // A stranger's folder with a folder named like a table: refused, even with --overwrite.
  const dir = await tempDir("never-stranger");
  await Deno.mkdir(`${dir}/calendar`);
  await Deno.writeTextFile(`${dir}/calendar/notes.txt`, "mine");
  const r = await runCli(["generate", "--out", dir, "--overwrite", ...FLAGS]);
  assert.equal(r.code, 2);
  assert.doesNotMatch(r.stderr, /--overwrite/, "the refusal does not suggest --overwrite");
  assert.equal(await Deno.readTextFile(`${dir}/calendar/notes.txt`), "mine");
  // A dataset the user added files to: overwrite removes partsflow's files, not theirs.
  const ds = await tempDir("never-ours");
  await generate({ options: small(), out: ds, quiet: true });
  await Deno.writeTextFile(`${ds}/calendar/notes.txt`, "mine");
  await Deno.writeTextFile(`${ds}/README.txt`, "mine too");
  const r2 = await runCli(["generate", "--out", ds, "--overwrite", ...FLAGS, "--seed", "8"]);
  assert.equal(r2.code, 0, r2.stderr);
  assert.equal(await Deno.readTextFile(`${ds}/calendar/notes.txt`), "mine");
  assert.equal(await Deno.readTextFile(`${ds}/README.txt`), "mine too");
  const m: Manifest = JSON.parse(await Deno.readTextFile(`${ds}/manifest.json`));
  assert.equal(m.seed, 8);
});

Deno.test("must never happen: two runs of one command into one folder at once both end well", async () => {
  const ref = await tempDir("never-lock-ref");
  // The reference is made as the runs under test are: by the command line, in its own process
  // (see the note in engine_test.ts's full-disk test).
  const made = await runCli(["generate", "--out", ref, ...FLAGS, "--quiet", "--workers", "1"]);
  assert.equal(made.code, 0, made.stderr);
  const want = await treeDigest(ref);
  for (let round = 0; round < 3; round++) {
    const dir = await tempDir(`never-lock-${round}`);
    const args = ["generate", "--out", dir, ...FLAGS, "--quiet", "--workers", "1"];
    const runs = await Promise.all([runCli(args), runCli(args)]);
    for (const r of runs) {
      // The second either waited its turn (and found the work done) or was refused in one line.
      if (r.code !== 0) {
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /another partsflow run is writing into/);
        assert.equal(r.stderr.trim().split("\n").length, 1);
      }
    }
    assert.ok(runs.some((r) => r.code === 0), "one run finished");
    assert.deepEqual(await treeDigest(dir), want, `round ${round}: the dataset is whole`);
  }
});

Deno.test("resume trusts the recorded checksum; JSON temps a killed run left are removed", async () => {
  const ref = await tempDir("resume-sha-ref"), dir = await tempDir("resume-sha");
  await generate({ options: small(), out: ref, quiet: true });
  await generate({ options: small(), out: dir, quiet: true });
  // Same size, other bytes.
  const f = `${dir}/fx_rates/part-00000.parquet`;
  const bytes = await Deno.readFile(f);
  bytes[Math.floor(bytes.length / 2)] ^= 0xff;
  await Deno.writeFile(f, bytes);
  // What a full disk or a kill leaves while the JSON files are written.
  await Deno.writeTextFile(`${dir}/manifest.json.tmp-0a1b2c3d`, "{");
  await Deno.writeTextFile(`${dir}/ground_truth.json.tmp-0of1`, "{");
  await Deno.writeTextFile(`${dir}/.partsflow/run.json.tmp-9f8e7d6c`, "{");
  const done = [...Deno.readDirSync(`${dir}/.partsflow/done`)].map((e) => e.name)[0];
  await Deno.writeTextFile(`${dir}/.partsflow/done/${done}.tmp-0of1`, "[");
  const res = await generate({ options: small(), out: dir, quiet: true });
  assert.equal(res.written, 1, "the changed file is written again");
  assert.deepEqual(await treeDigest(dir), await treeDigest(ref));
});

Deno.test("the manifest's command reproduces a dataset made from a config with world and catalog sections", async () => {
  const a = await tempDir("repro-a"), b = await tempDir("repro-b");
  const cfg = `${a}.yaml`;
  await Deno.writeTextFile(
    cfg,
    [
      "scale: 0.01",
      "seed: 11",
      'start: "2024-01-01"',
      'end: "2024-03-31"',
      "world: { countries: [DE, GB], reportingCurrency: EUR, minStores: 3 }",
      "catalog: { vehicles: 60, oilChangeKits: 10, lubeDeals: 4 }",
      "retail: { linesPerChunk: 5000 }",
    ].join("\n") + "\n",
  );
  const r1 = await runCli(["generate", "--config", cfg, "--out", a, "--quiet"]);
  assert.equal(r1.code, 0, r1.stderr);
  const m: Manifest = JSON.parse(await Deno.readTextFile(`${a}/manifest.json`));
  assert.match(m.command, /^deno task generate --config manifest\.json /);
  // Run the command as printed, with `manifest.json` being the dataset's own.
  const args = m.command.replace(/^deno task generate /, "").split(" ")
    .map((x) => x === "manifest.json" ? `${a}/manifest.json` : x);
  const r2 = await runCli(["generate", ...args, "--out", b, "--quiet"]);
  assert.equal(r2.code, 0, r2.stderr);
  const da = await treeDigest(a), db = await treeDigest(b);
  assert.ok(da.size > 20, `${da.size} files`);
  assert.deepEqual(db, da);
});
