/**
 * Checks every table gets from the registry: schema, primary key, foreign
 * keys; and the dataset-level checks against the manifest.
 *
 * @module
 */

import pl from "nodejs-polars";
import { sha256File } from "../engine/chunk.ts";
import { polarsType } from "../engine/writer.ts";
import { allTables } from "../schema/registry.ts";
import type { TableDef } from "../schema/types.ts";
import { type Check, type Finding, findingOf, strictlyIncreasing } from "./check.ts";
import type { Dataset } from "./dataset.ts";
import { lookupFor } from "./seams.ts";

/** A data type's name, with Polars' aliases folded (Utf8 = String). */
function typeName(t: pl.DataType): string {
  return String(t).replace(/^DataType\((.*)\)$/, "$1").replace("Utf8", "String");
}

function schemaCheck(t: TableDef): Check {
  return {
    name: `schema.${t.name}`,
    description:
      `${t.name} has the registry's columns, in order, with their types, and no nulls where none are allowed`,
    tables: [t.name],
    run(ds) {
      const lf = ds.scan(t.name);
      const schema = lf.head(0).collectSync().schema as Record<string, pl.DataType>;
      const sample: Record<string, unknown>[] = [];
      const names = Object.keys(schema);
      const want = t.columns.map((c) => c.name);
      if (names.join(",") !== want.join(",")) {
        sample.push({
          problem: "columns differ",
          found: names.join(","),
          expected: want.join(","),
        });
      }
      for (const c of t.columns) {
        const got = schema[c.name];
        if (got && typeName(got) !== typeName(polarsType(c.type))) {
          sample.push({
            problem: "type",
            column: c.name,
            found: typeName(got),
            expected: typeName(polarsType(c.type)),
          });
        }
      }
      const strict = t.columns.filter((c) => !c.nullable && schema[c.name]);
      if (strict.length) {
        const nulls = lf.select(...strict.map((c) =>
          pl.col(c.name).nullCount().alias(c.name)
        )).collectSync()
          .toRecords()[0];
        for (const c of strict) {
          const n = Number(nulls[c.name]);
          if (n > 0) {
            sample.push({ problem: "nulls in a non-null column", column: c.name, rows: n });
          }
        }
      }
      return { violations: sample.length, sample };
    },
  };
}

/** The orders of a key's columns, the key's own first; only its own past three columns. */
export function orderings(cols: string[]): string[][] {
  if (cols.length <= 1 || cols.length > 3) return [cols];
  const out: string[][] = [];
  for (const c of cols) {
    for (const rest of orderings(cols.filter((x) => x !== c))) out.push([c, ...rest]);
  }
  return out;
}

function primaryKeyCheck(t: TableDef): Check {
  return {
    name: `primary_key.${t.name}`,
    description: `(${t.primaryKey.join(", ")}) is unique in ${t.name}`,
    tables: [t.name],
    run(ds) {
      const lf = ds.scan(t.name);
      // The engine writes tables in key order (its columns in some order: store_inventory
      // by site, week, SKU): keys that strictly increase are unique, no grouping needed.
      if (orderings(t.primaryKey).some((cols) => strictlyIncreasing(lf, cols))) {
        return { violations: 0, sample: [] };
      }
      return findingOf(
        lf.groupBy(t.primaryKey).agg(pl.len().alias("copies")).filter(pl.col("copies").gt(1)),
      );
    },
  };
}

function foreignKeyChecks(t: TableDef): Check[] {
  return (t.foreignKeys ?? []).map((fk) => ({
    name: `foreign_key.${t.name}.${fk.columns.join("+")}`,
    description: `every ${t.name}(${fk.columns.join(", ")}) exists in ${fk.table}(${
      fk.references.join(", ")
    })`,
    tables: [t.name, fk.table],
    run(ds: Dataset): Finding {
      let left = ds.scan(t.name).select(...fk.columns.map((c) => pl.col(c)));
      for (const c of fk.columns) left = left.filter(pl.col(c).isNotNull());
      // Duplicates on the right change nothing in an anti join: no need to remove them.
      // The referenced rows are looked up (a time slice: its chain's rows within reach,
      // those of the keys it refers to).
      let right = lookupFor(ds, fk.table, left, fk.references, fk.columns).select(
        ...fk.references.map((c, i) => pl.col(c).alias(fk.columns[i])),
      );
      if (fk.columns.length > 1 && !ds.window) {
        // A right row can match only if its first column is among the left's: that
        // one-column filter makes the many-column join small (returns → sales lines).
        const first = fk.columns[0];
        right = right.join(left.select(first).unique(), { on: first, how: "semi" });
      }
      return findingOf(left.join(right, { on: fk.columns, how: "anti" }).unique());
    },
  }));
}

/**
 * A folder without `manifest.json` cannot show that its files are whole and
 * unchanged: a finding, not a pass (the manifest is written last, so a run
 * that did not finish, or a shard still running, has none either).
 */
function noManifest(): Finding {
  return {
    violations: 1,
    sample: [{ file: "manifest.json", found: "missing" }],
    detail: "no manifest.json: the files cannot be compared with what was written",
  };
}

/** Row counts of every file equal the manifest's. */
const manifestRows: Check = {
  name: "manifest.row_counts",
  description: "every file the manifest lists is present and holds the rows it records",
  tables: [],
  run(ds) {
    if (!ds.manifest) return noManifest();
    const sample: Record<string, unknown>[] = [];
    let violations = 0;
    for (const f of ds.manifest.files) {
      const path = `${ds.dir}/${f.path}`;
      let rows: number | null = null;
      try {
        const lf = ds.format === "parquet"
          ? pl.scanParquet(path)
          : ds.format === "arrow"
          ? pl.scanIPC(path)
          : pl.scanCSV(path, { inferSchemaLength: 0 });
        rows = Number(lf.select(pl.len().alias("n")).collectSync().getColumn("n").get(0));
      } catch {
        rows = null;
      }
      if (rows !== f.rows) {
        violations++;
        if (sample.length < 5) {
          sample.push({ file: f.path, manifest_rows: f.rows, found_rows: rows ?? "missing" });
        }
      }
    }
    return { violations, sample };
  },
};

/** Checksums of every file equal the manifest's (the data is as it was written). */
const manifestChecksums: Check = {
  name: "manifest.checksums",
  description: "every file's SHA-256 equals the manifest's (nothing was changed after writing)",
  tables: [],
  async run(ds) {
    if (!ds.manifest) return noManifest();
    const sample: Record<string, unknown>[] = [];
    let violations = 0;
    for (const f of ds.manifest.files) {
      const sha = await sha256File(`${ds.dir}/${f.path}`).catch(() => "missing");
      if (sha !== f.sha256) {
        violations++;
        if (sample.length < 5) {
          sample.push({ file: f.path, expected: f.sha256.slice(0, 16), found: sha.slice(0, 16) });
        }
      }
    }
    return { violations, sample };
  },
};

/** Every check derived from the registry, plus the manifest checks. */
export function genericChecks(): Check[] {
  return [
    manifestRows,
    manifestChecksums,
    ...allTables().flatMap((t) => [schemaCheck(t), primaryKeyCheck(t), ...foreignKeyChecks(t)]),
  ];
}
