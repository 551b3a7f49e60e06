/**
 * `--faults`: the spec parses (and bad specs are refused with one line), the
 * injection is a pure function of the chunk, and a generated dataset with
 * faults round-trips: `validate` reports exactly the injected faults, each
 * by the check meant for it, and nothing else fails.
 *
 * @module
 */

import assert from "node:assert/strict";
import { generate } from "../lib/engine/run.ts";
import { validateOptions } from "../lib/options/io.ts";
import { validateDataset } from "../lib/validate/report.ts";
import { type InjectedFault, injectFaults, parseFaultSpec } from "../lib/faults/mod.ts";
import { main } from "../cli.ts";

const SPEC =
  "retail_transactions:null=0.002,typo=0.002,late=0.002,out_of_order=0.002;retail_customers:duplicate=0.01,orphan=0.01;customer_vehicles:unit=0.01";

Deno.test("fault spec: parses, and refuses unknown tables, kinds and rates", () => {
  assert.deepEqual(parseFaultSpec("retail_customers:duplicate=0.5"), {
    retail_customers: { duplicate: 0.5 },
  });
  assert.throws(() => parseFaultSpec("nope:null=0.1"), /unsupported table 'nope'/);
  assert.throws(() => parseFaultSpec("retail_customers:null=0.1"), /not supported/);
  assert.throws(() => parseFaultSpec("retail_customers:duplicate=2"), /from 0 to 1/);
});

Deno.test("fault spec: a bad --faults exits 2 and writes nothing", async () => {
  const out = await Deno.makeTempDir();
  await Deno.remove(out);
  assert.equal(await main(["generate", "--out", out, "--quiet", "--faults", "x:y=1"]), 2);
  await assert.rejects(() => Deno.stat(out));
});

Deno.test("fault injection is a pure function of (seed, chunk) and leaves its input alone", () => {
  const cols = {
    customer_id: new Float64Array([1, 2, 3, 4, 5, 6, 7, 8]),
    segment_id: new Int32Array([1, 1, 2, 2, 3, 3, 4, 4]),
  };
  const spec = parseFaultSpec("retail_customers:orphan=0.5");
  const a = injectFaults(spec, 7, 3, { retail_customers: cols });
  const b = injectFaults(spec, 7, 3, { retail_customers: cols });
  assert.deepEqual(a, b);
  assert.deepEqual([...cols.segment_id], [1, 1, 2, 2, 3, 3, 4, 4]);
  assert.ok(a.faults.length > 0 && a.faults.length < 8);
  const c = injectFaults(spec, 8, 3, { retail_customers: cols });
  assert.notDeepEqual(a.faults, c.faults);
});

Deno.test("faults round-trip: validate reports exactly the injected faults", async () => {
  const out = await Deno.makeTempDir();
  try {
    const options = validateOptions({ scale: 0.01, seed: 42, faults: SPEC });
    await generate({ options, out, quiet: true, overwrite: true, workers: 1 });
    const truth = JSON.parse(await Deno.readTextFile(`${out}/ground_truth.json`));
    const injected: InjectedFault[] = truth.faults.injected;
    assert.equal(truth.faults.count, injected.length);
    const byCheck = new Map<string, InjectedFault[]>();
    for (const f of injected) byCheck.set(f.check, [...(byCheck.get(f.check) ?? []), f]);
    // Every kind of the spec was injected at least once at these rates.
    assert.equal(new Set(injected.map((f) => `${f.table}:${f.kind}`)).size, 7);
    const report = await validateDataset(out);
    const failed = report.results.filter((r) => r.status === "fail");
    assert.deepEqual(failed.map((r) => r.name).sort(), [...byCheck.keys()].sort());
    for (const r of failed) {
      const mine = byCheck.get(r.name)!;
      if (r.name.startsWith("schema.")) {
        // The schema check reports one finding per column with the number of null rows.
        const rows = r.sample.reduce((a, s) => a + Number(s.rows ?? 0), 0);
        assert.equal(rows, mine.length, r.name);
      } else assert.equal(r.violations, mine.length, r.name);
      const keys = new Set(mine.map((f) => JSON.stringify(Object.values(f.key)[0])));
      for (const s of r.sample) {
        const first = s.customer_id ?? s.transaction_id;
        if (first !== undefined) assert.ok(keys.has(JSON.stringify(first)), `${r.name}: ${first}`);
      }
    }
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
