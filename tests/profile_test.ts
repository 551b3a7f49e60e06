/**
 * `profile`: on a small dataset it reports every figure, and every effect
 * the ground truth states is recovered from the data within ±10 %. The
 * price elasticities are regressions whose standard error grows as the data
 * shrink (at scale 0.1 up to 0.3 for the slow kinds): there they must be
 * within 10 % or within three standard errors of the truth, and a second
 * test recovers every one within 10 % at scale 1.
 *
 * How the effects were brought within range (issue 18):
 * - seasonal amplitude, north (was 0.054 / 0.058 against 0.070): the fit ran
 *   on a day's total over the five northern countries, and a holiday drops
 *   its country from that day's total; northern holidays bunch in spring and
 *   summer, so the pooled series dipped in the peak season. Per country the
 *   data carry 0.062–0.073 (scale 0.1) and 0.066–0.072 (scale 1); the fit is
 *   now per country with country × weekday effects: 0.066 / 0.069.
 * - promotion lift, fixed price (−10.0 % / −12.3 %) and buy x get y (+9.5 % /
 *   +13.0 %): DIY oil changes and loyalty members choose motor oil and filters
 *   among the SKUs that fit one vehicle, where a promoted SKU gains less than
 *   in a choice among its whole kind; and a buy-x-get-y deal taker buys at
 *   least buy + get units, in parts baskets only. The lift is now measured on
 *   trade accounts, who always choose among the whole kind, with the takers'
 *   units in the truth.
 * - price elasticities (off by up to 40 %, some positive): the data's
 *   own-price elasticity was ε · (1 − share) where a SKU competes with few
 *   others (the filters fitting one vehicle), and shelf prices barely moved
 *   against their kind's, so least squares on log weekly demand was noise.
 *   Now units respond to a SKU's price against its kind's with elasticity ε
 *   whatever the choice set, shelf prices carry a competitive price position
 *   redrawn about every 17 months, and the estimator is a Poisson regression
 *   with fixed effects on monthly demand over weeks the SKU is on sale.
 *
 * @module
 */

import assert from "node:assert/strict";
import { generate } from "../lib/engine/run.ts";
import { validateOptions } from "../lib/options/io.ts";
import { judge, profileDataset, profileMarkdown } from "../lib/profile/mod.ts";
import { elasticityFigures } from "../lib/profile/retail_effects.ts";
import { openDataset } from "../lib/validate/dataset.ts";

/** Whether a figure recovers its ground truth: within 10 %, or (an estimate) within 3 standard errors. */
function recovered(f: { value: number | null; truth?: number; standardError?: number }): boolean {
  if (f.truth === undefined || f.value === null) return true;
  if (Math.abs(f.value - f.truth) <= 0.1 * Math.abs(f.truth)) return true;
  return f.standardError !== undefined && Math.abs(f.value - f.truth) <= 3 * f.standardError;
}

Deno.test("profile: every figure, and ground-truth effects within 10 %", async (t) => {
  const out = await Deno.makeTempDir();
  try {
    const options = validateOptions({ scale: 0.1, seed: 42 });
    await generate({ options, out, quiet: true, overwrite: true, workers: 1 });
    const p = profileDataset(out);
    const figures = p.sections.flatMap((s) => s.figures);
    await t.step("every section and figure is there", () => {
      assert.deepEqual(p.sections.map((s) => s.id), [
        "retail.tier",
        "retail.effects",
        "retail.vehicles",
        "distribution.tier",
        "manufacturing.tier",
      ]);
      for (const f of figures) {
        if (f.metric === "days sales outstanding") continue; // no receivables at retail
        assert.ok(f.value !== null && Number.isFinite(f.value), `${f.metric} has no value`);
      }
      assert.ok(figures.filter((f) => f.truth !== undefined).length >= 40);
      assert.ok(figures.some((f) => f.target && f.target.source.includes("https://")));
      assert.match(profileMarkdown(p), /\| gross margin, all \|/);
    });
    await t.step("ground-truth effects are recovered within 10 % (estimates: or 3 s.e.)", () => {
      const off = figures.filter((f) => !recovered(f))
        .map((f) => `${f.metric}: ${(100 * f.error!).toFixed(1)} %`);
      assert.deepEqual(off, []);
      const elasticities = figures.filter((f) => f.metric.startsWith("price elasticity"));
      assert.equal(elasticities.length, 10);
      for (const f of elasticities) assert.ok(f.standardError! > 0, `${f.metric}: no s.e.`);
    });
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("profile: every price elasticity within 10 % at scale 1", async () => {
  const out = await Deno.makeTempDir();
  try {
    // Only the tables the estimator reads: the retail simulation runs whole, the rest is not written.
    const tables = [
      "products",
      "brands",
      "sites",
      "price_book",
      "promotions",
      "promotion_products",
      "store_inventory",
    ];
    const options = validateOptions({ scale: 1, seed: 42, tables });
    await generate({ options, out, quiet: true, overwrite: true, workers: 2 });
    const truth = JSON.parse(await Deno.readTextFile(`${out}/ground_truth.json`));
    const figures = elasticityFigures(openDataset(out), truth).map(judge);
    assert.equal(figures.length, 10);
    const off = figures.filter((f) => !(Math.abs(f.error!) <= 0.1))
      .map((f) => `${f.metric}: ${f.value?.toFixed(3)} against ${f.truth}`);
    assert.deepEqual(off, []);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
