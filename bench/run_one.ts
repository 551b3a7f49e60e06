/**
 * One measured generate run, in its own process so its peak memory can be
 * read by `/usr/bin/time`: prints the result (rows, seconds, bytes, profile) as JSON.
 *
 *   deno run -A bench/run_one.ts --scale 1 --workers 2 [--tables a,b] --out DIR
 *
 * @module
 */

import { parseArgs } from "node:util";
import { generate } from "../lib/engine/run.ts";
import { validateOptions } from "../lib/options/io.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    scale: { type: "string" },
    workers: { type: "string" },
    tables: { type: "string" },
    out: { type: "string" },
  },
});
const options = validateOptions({
  scale: Number(values.scale ?? "0.1"),
  tables: values.tables ? values.tables.split(",") : undefined,
});
const out = values.out!;
await Deno.remove(out, { recursive: true }).catch(() => {});
const res = await generate({ options, out, workers: Number(values.workers ?? "1"), quiet: true });
const files = res.manifest?.files ?? [];
console.log(JSON.stringify({
  rows: res.rows,
  seconds: res.seconds,
  bytes: files.reduce((a, f) => a + f.bytes, 0),
  tables: res.manifest?.tables ?? {},
  profile: res.profile,
}));
await Deno.remove(out, { recursive: true }).catch(() => {});
