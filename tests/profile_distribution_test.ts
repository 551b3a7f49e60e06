/**
 * The distribution section of `profile`: on a small dataset it reports every
 * figure (finite, and percentages within 0–100), its aging buckets add up to
 * the open receivables, and the bullwhip ratios grow upstream — store orders
 * vary more than consumer sales, the DC's purchase orders more than the
 * stores' orders, and the DC's purchase orders more than its own demand.
 *
 * @module
 */

import assert from "node:assert/strict";
import { generate } from "../lib/engine/run.ts";
import { validateOptions } from "../lib/options/io.ts";
import { profileMarkdown, profileOf } from "../lib/profile/mod.ts";
import {
  AGING_BUCKETS,
  agingBucket,
  bullwhip,
  DISTRIBUTION_TIER,
  fullWeeks,
  receivablesAging,
} from "../lib/profile/distribution_tier.ts";
import { openDataset } from "../lib/validate/dataset.ts";

Deno.test("profile, distribution: aging buckets", () => {
  assert.deepEqual(
    [-3, 0, 1, 30, 31, 60, 61, 90, 91, 400].map(agingBucket),
    ["current", "current", "1–30", "1–30", "31–60", "31–60", "61–90", "61–90", ">90", ">90"],
  );
});

Deno.test("profile, distribution: every figure, and the bullwhip grows upstream", async (t) => {
  const out = await Deno.makeTempDir();
  try {
    const options = validateOptions({ scale: 0.02, seed: 42 });
    await generate({ options, out, quiet: true, overwrite: true, workers: 1 });
    const ds = openDataset(out);
    const p = profileOf(ds, [DISTRIBUTION_TIER]);
    const figures = p.sections[0].figures;
    await t.step("every figure has a value; percentages lie in 0–100", () => {
      assert.equal(p.sections[0].id, "distribution.tier");
      for (
        const m of [
          "revenue (net of tax) per year",
          "gross margin",
          "inventory turns",
          "days of supply",
          "trade fill rate, units",
          "trade fill rate, lines shipped whole",
          "backorder share, trade lines",
          "store orders shipped on the booked day",
          "supplier on-time, all receipts",
          "expedited purchase lines per store order line",
          "days sales outstanding",
          "receivables aging, >90 days past due",
          "bullwhip ratio, store orders",
          "bullwhip ratio, DC purchase orders",
        ]
      ) assert.ok(figures.some((f) => f.metric === m), `${m} is missing`);
      for (const f of figures) {
        assert.ok(f.value !== null && Number.isFinite(f.value), `${f.metric} has no value`);
        if (f.unit === "%" || f.unit === "% of open") {
          assert.ok(f.value! >= 0 && f.value! <= 100, `${f.metric}: ${f.value}`);
        }
      }
      const targeted = figures.filter((f) => f.target);
      assert.ok(targeted.length >= 6);
      assert.ok(targeted.every((f) => f.target!.source.length > 0));
      assert.match(profileMarkdown(p), /\| days sales outstanding \|/);
    });
    await t.step("aging buckets add up to the open receivables", () => {
      const rows = receivablesAging(ds).toRecords();
      assert.ok(rows.every((r) => (AGING_BUCKETS as readonly string[]).includes(String(r.bucket))));
      const open = figures.find((f) => f.metric === "open receivables at the period's end")!.value!;
      const sum = rows.reduce((a, r) => a + Number(r.open), 0);
      assert.ok(Math.abs(sum - open) < 1e-6 * open);
      const shares = figures.filter((f) => f.metric.startsWith("receivables aging"));
      assert.equal(shares.length, AGING_BUCKETS.length);
      assert.ok(Math.abs(shares.reduce((a, f) => a + f.value!, 0) - 100) < 1e-6);
    });
    await t.step("bullwhip ratios increase upstream", () => {
      const bw = bullwhip(ds);
      assert.equal(bw.weeks, fullWeeks(ds).length);
      assert.ok(bw.pairs > 100, `only ${bw.pairs} SKU × segment pairs`);
      const r = Object.fromEntries(bw.ratios.map((x) => [x.level, x]));
      assert.equal(r["consumer sales"].median, 1);
      assert.ok(r["store orders"].median > r["consumer sales"].median);
      assert.ok(r["DC purchase orders"].median > r["store orders"].median);
      assert.ok(r["store orders"].pooled > 1);
      assert.ok(r["DC purchase orders"].pooled > r["store orders"].pooled);
      assert.ok(bw.dcOwnMedian > 1, `DC POs vary less than its demand: ${bw.dcOwnMedian}`);
    });
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
