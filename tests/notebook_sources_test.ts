/**
 * Notebooks a learner can change: every notebook source writes out at least
 * one Polars query and one Observable Plot call in a cell (not only helper
 * calls), with the result crossing to Plot as an Arrow table.
 */

import assert from "node:assert/strict";
import { parseSource, sourceNames, sourcePath } from "../lib/notebook/build.ts";

Deno.test("every notebook writes out a Polars query and an Observable Plot call, crossing as Arrow", async () => {
  const names = sourceNames();
  assert.ok(names.length >= 8, names.join(", "));
  for (const name of names) {
    const code = parseSource(await Deno.readTextFile(sourcePath(name)))
      .filter((c) => c.kind === "code").map((c) => c.text).join("\n");
    assert.match(code, /import pl from "nodejs-polars"/, `${name}: imports Polars`);
    assert.match(
      code,
      /(ds\.scan|pl\.scanParquet|pl\.DataFrame)\([^)]*\)[\s\S]{0,200}\.(groupBy|filter)\(/,
      `${name}: a query written out`,
    );
    assert.match(code, /import \* as Plot from "@observablehq\/plot"/, `${name}: imports Plot`);
    assert.match(
      code,
      /Plot\.(barX|barY|lineY|dot|areaY|cell)\(toArrow\(/,
      `${name}: a Plot mark on an Arrow table`,
    );
  }
});
