/**
 * `describe`: the registry in words — tables, columns, keys and row counts at
 * one or more scales, and the run's stages (which generator reads what). The
 * README's table of tables comes from `--markdown`. It sits with the engine,
 * not the schema: the stages are the engine's (from the generators), and the
 * schema registry depends on nothing above it.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { OptionsError, validateOptions } from "../options/io.ts";
import { makeContext } from "../world/context.ts";
import { generatorFor, stageOf } from "./generators.ts";
import type { GroupGenerator } from "../gen/types.ts";
import { allTables, expectedRows, getTable, hasTable, tableNames } from "../schema/registry.ts";
import type { TableDef } from "../schema/types.ts";

/** Expected rows of every table at a scale (defaults for everything else). */
export function rowCountsAt(scale: number): Map<string, number> {
  const ctx = makeContext(validateOptions({ scale }));
  return new Map([...expectedRows(ctx)].map(([t, n]) => [t, Math.round(n)]));
}

/** A markdown table of tables with row counts at the given scales. */
export function markdownTableOfTables(scales: number[]): string {
  const counts = scales.map(rowCountsAt);
  const head = `| table | tier | rows at ${
    scales.map((s) => `SF ${s}`).join(" | ")
  } | what a row is |`;
  const sep = `|---|---|${scales.map(() => "---:").join("|")}|---|`;
  const rows = allTables().map((t) =>
    `| \`${t.name}\` | ${t.tier} | ${
      counts.map((c) =>
        (t.rowCountExact === false ? "≈ " : "") + c.get(t.name)!.toLocaleString("en-US")
      ).join(" | ")
    } | ${firstSentence(t.description)} |`
  );
  return [head, sep, ...rows].join("\n");
}

/** The first sentence of a description (up to the first ". " or ": "), for compact tables. */
export function firstSentence(text: string): string {
  const m = /^(.*?[.:])\s/.exec(text);
  return (m ? m[1] : text).replace(/:$/, ".");
}

/** Plain-text description of one table. */
export function describeTable(t: TableDef, rows?: number): string {
  const lines = [
    `${t.name}  (${t.tier})${rows !== undefined ? `  ${rows.toLocaleString("en-US")} rows` : ""}`,
  ];
  lines.push(`  ${t.description}`);
  lines.push(`  rows: ${t.scaleRule}`);
  lines.push(`  primary key: ${t.primaryKey.join(", ")}`);
  for (const fk of t.foreignKeys ?? []) {
    lines.push(
      `  foreign key: ${fk.columns.join(", ")} → ${fk.table}(${fk.references.join(", ")})`,
    );
  }
  const w = Math.max(...t.columns.map((c) => c.name.length));
  for (const c of t.columns) {
    const type = c.type + (c.nullable ? "?" : "");
    lines.push(
      `    ${c.name.padEnd(w)}  ${type.padEnd(10)} ${c.description}${c.unit ? ` [${c.unit}]` : ""}`,
    );
  }
  return lines.join("\n");
}

/**
 * The stages of a full run, one line per generator: its stage, the tables it
 * writes and those it reads (a later stage reads earlier output from the folder).
 */
export function describeStages(): string {
  const groups = new Map<string, GroupGenerator>();
  for (const t of tableNames()) groups.set(generatorFor(t).name, generatorFor(t));
  const lines = [...groups.values()]
    .map((g) => ({ g, s: stageOf(g) }))
    .sort((a, b) => a.s - b.s)
    .map(({ g, s }) =>
      `stage ${s}  ${g.name}: writes ${g.tables.join(", ")}` +
      (g.reads?.length ? `; reads ${g.reads.join(", ")}` : "")
    );
  return lines.join("\n");
}

/** CLI entry of `describe [table] [--scale SF] [--json] [--markdown]`. */
export function describeMain(args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      scale: { type: "string" },
      json: { type: "boolean" },
      markdown: { type: "boolean" },
      stages: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(`Usage: deno task describe [table] [--scale SF] [--json] [--markdown]

Prints the schema registry: every table (or one), its columns with types and
descriptions, keys, and the row count at --scale (default 0.01).
--markdown prints the README's table of tables at scales 0.01, 1 and 100.
--stages prints the stages of a run: which generators run in each, and what they read.`);
    return 0;
  }
  if (values.stages) {
    console.log(describeStages());
    return 0;
  }
  if (values.markdown) {
    console.log(markdownTableOfTables([0.01, 1, 100]));
    return 0;
  }
  if (positionals.length > 1) {
    throw new OptionsError(
      `describe takes one table, got ${positionals.length} (${
        positionals.join(" ")
      }); run it once per table, or with none for every table`,
    );
  }
  const scale = values.scale === undefined ? 0.01 : Number(values.scale);
  const counts = rowCountsAt(
    validateOptions({ scale }, "options", { scale: values.scale ?? "0.01" }).scale,
  );
  for (const p of positionals) {
    if (!hasTable(p)) {
      throw new OptionsError(`unknown table '${p}' (run 'deno task describe' to list them)`);
    }
  }
  const tables = positionals.length ? positionals.map(getTable) : [...allTables()];
  if (values.json) {
    console.log(JSON.stringify(
      tables.map((t) => ({ ...t, rowCount: undefined, rows: counts.get(t.name) })),
      null,
      2,
    ));
    return 0;
  }
  console.log(tables.map((t) => describeTable(t, counts.get(t.name))).join("\n\n"));
  return 0;
}
