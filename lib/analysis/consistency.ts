/**
 * Validation reports as frames, and faults injected on purpose into a copy of
 * a dataset — to show that the validators catch them.
 *
 * @module
 */

import pl from "nodejs-polars";
import { MANIFEST_NAME } from "../engine/manifest.ts";
import { GROUND_TRUTH_NAME } from "../engine/ground_truth.ts";
import type { Report } from "../validate/report.ts";
import { type Dataset, openDataset } from "../validate/dataset.ts";

/** Checks by family (the part of the name before the first dot): passed, failed, skipped. */
export function reportByFamily(r: Report): pl.DataFrame {
  const fam = new Map<
    string,
    { passed: number; failed: number; skipped: number; seconds: number }
  >();
  for (const x of r.results) {
    const k = x.name.split(".")[0];
    const e = fam.get(k) ?? { passed: 0, failed: 0, skipped: 0, seconds: 0 };
    if (x.status === "pass") e.passed++;
    else if (x.status === "fail") e.failed++;
    else e.skipped++;
    e.seconds += x.seconds;
    fam.set(k, e);
  }
  return pl.DataFrame([...fam].map(([family, e]) => ({
    family,
    checks: e.passed + e.failed + e.skipped,
    passed: e.passed,
    failed: e.failed,
    skipped: e.skipped,
    seconds: Math.round(e.seconds * 100) / 100,
  }))).withColumns(
    ...["checks", "passed", "failed", "skipped"].map((c) => pl.col(c).cast(pl.Int32)),
  );
}

/** Every check of a report that ran, with its status, violations and what it asserts. */
export function reportFrame(
  r: Report,
  statuses: ("pass" | "fail" | "skip")[] = ["pass", "fail"],
): pl.DataFrame {
  const rows = r.results.filter((x) => statuses.includes(x.status)).map((x) => ({
    check: x.name,
    status: x.status,
    violations: x.violations,
    what_must_hold: x.description,
  }));
  if (!rows.length) {
    return pl.DataFrame({ check: [], status: [], violations: [], what_must_hold: [] }, {
      schema: { check: pl.Utf8, status: pl.Utf8, violations: pl.Int64, what_must_hold: pl.Utf8 },
    });
  }
  return pl.DataFrame(rows).withColumns(pl.col("violations").cast(pl.Int64));
}

/** Families of checks that hold a tier's own rules (the rest come from the registry and manifest). */
export const TIER_FAMILIES = ["world", "catalog", "retail", "distribution", "manufacturing"];

/** The checks of a report that encode a tier's rules (see {@link TIER_FAMILIES}). */
export function tierChecks(r: Report): pl.DataFrame {
  return reportFrame(r, ["pass", "fail", "skip"]).filter(
    pl.col("check").str.contains(`^(${TIER_FAMILIES.join("|")})\\.`),
  );
}

/** The failed checks of a report with their first sample violation (as JSON). */
export function failures(r: Report): pl.DataFrame {
  const rows = r.results.filter((x) => x.status === "fail").map((x) => ({
    check: x.name,
    violations: x.violations,
    example: x.sample.length ? JSON.stringify(x.sample[0]) : x.detail ?? "",
  }));
  if (!rows.length) {
    return pl.DataFrame({ check: [], violations: [], example: [] }, {
      schema: { check: pl.Utf8, violations: pl.Int64, example: pl.Utf8 },
    });
  }
  return pl.DataFrame(rows).withColumns(pl.col("violations").cast(pl.Int64));
}

/** A fault to inject: which table it edits and how. */
export interface Fault {
  /** Short name, e.g. "store in the wrong country". */
  name: string;
  /** What the edit does, in a sentence. */
  what: string;
  /** The table it edits. */
  table: string;
  /**
   * Picks the rows to edit from the whole table (a frame holding only those
   * rows, with the table's primary key).
   */
  pick(df: pl.DataFrame, ds: Dataset): pl.DataFrame;
  /** Edits one file's frame; `picked` is what {@link Fault.pick} chose. Keep the columns and types. */
  apply(df: pl.DataFrame, picked: pl.DataFrame): pl.DataFrame;
  /** Key columns identifying the picked rows (for showing before/after). */
  key: string[];
}

/** What an injected fault did. */
export interface InjectedFault {
  /** The broken copy's folder. */
  dir: string;
  /** The fault. */
  fault: Fault;
  /** The edited rows before the edit. */
  before: pl.DataFrame;
  /** The same keys after the edit (empty when rows were dropped). */
  after: pl.DataFrame;
}

async function copyFile(src: string, dst: string) {
  await Deno.mkdir(dst.replace(/\/[^/]+$/, ""), { recursive: true });
  await Deno.copyFile(src, dst);
}

/**
 * Copies a dataset's tables into `dst` (replacing what is there) and applies a
 * fault to the copy. The manifest is left out unless `keepManifest`: its
 * checksums flag any edit at all, and a user who edits data usually has none —
 * without it, only the consistency checks can catch the fault.
 */
export async function injectFault(
  ds: Dataset,
  fault: Fault,
  dst: string,
  o: { keepManifest?: boolean } = {},
): Promise<InjectedFault> {
  if (ds.format !== "parquet") throw new Error("injectFault: parquet datasets only");
  await Deno.remove(dst, { recursive: true }).catch(() => {});
  for (const t of ds.tables) {
    for (const f of ds.files(t)) await copyFile(f, `${dst}/${t}/${f.split("/").pop()}`);
  }
  await Deno.copyFile(`${ds.dir}/${GROUND_TRUTH_NAME}`, `${dst}/${GROUND_TRUTH_NAME}`).catch(
    () => {},
  );
  if (o.keepManifest) await Deno.copyFile(`${ds.dir}/${MANIFEST_NAME}`, `${dst}/${MANIFEST_NAME}`);
  const whole = ds.scan(fault.table).collectSync();
  const picked = fault.pick(whole, ds);
  const before = whole.join(picked.select(...fault.key), { on: fault.key, how: "inner" });
  const copy = openDataset(dst);
  for (const f of copy.files(fault.table)) {
    const df = pl.readParquet(f);
    const edited = fault.apply(df, picked);
    edited.writeParquet(f, { compression: "zstd" });
  }
  const after = openDataset(dst).scan(fault.table).collectSync().join(picked.select(...fault.key), {
    on: fault.key,
    how: "inner",
  });
  return { dir: dst, fault, before, after };
}

/** True when `dir` holds a manifest (validators then also compare checksums). */
export function hasManifest(dir: string): boolean {
  try {
    Deno.statSync(`${dir}/${MANIFEST_NAME}`);
    return true;
  } catch {
    return false;
  }
}

/** Fault: one store is moved to another country (its geo segment stays where it was). */
export function storeInWrongCountry(): Fault {
  return {
    name: "store in the wrong country",
    what:
      "the first store's country_code is changed to another country; its segment_id still points at the old country",
    table: "sites",
    key: ["site_id"],
    pick: (df) => {
      const store = df.filter(pl.col("site_type").eq(pl.lit("store"))).sort("site_id").head(1);
      const country = String(store.getColumn("country_code").get(0));
      const other = [...new Set(df.getColumn("country_code").toArray().map(String))].sort()
        .find((c) => c !== country)!;
      return store.select("site_id").withColumns(pl.lit(other).alias("new_country"));
    },
    apply: (df, picked) => {
      const id = Number(picked.getColumn("site_id").get(0));
      const to = String(picked.getColumn("new_country").get(0));
      return df.withColumns(
        pl.when(pl.col("site_id").eq(pl.lit(id))).then(pl.lit(to)).otherwise(pl.col("country_code"))
          .alias("country_code"),
      ).select(...df.columns);
    },
  };
}

/** Fault: one day (the 100th of the period) is deleted from the calendar. */
export function calendarDayDropped(): Fault {
  return {
    name: "a day missing from the calendar",
    what: "the 100th day of the period is deleted from the calendar; FX rates still exist for it",
    table: "calendar",
    key: ["date"],
    pick: (df) => df.sort("date").slice(99, 1).select("date"),
    apply: (df, picked) =>
      df.join(picked.select("date"), { on: "date", how: "anti" }).select(...df.columns),
  };
}

/**
 * Fault: one sales line's unit cost is raised by 5 % (at least one cent), and
 * the line's cost and margin are recomputed so the line still adds up. The
 * price book and the basket's totals now disagree with it.
 */
export function lineCostChanged(): Fault {
  return {
    name: "one line's cost changed",
    what:
      "one sales line's unit_cost is raised by 5 %; its cost_amount and margin_amount are recomputed so the line itself still adds up",
    table: "retail_transaction_lines",
    key: ["transaction_id", "line_number"],
    pick: (df) => {
      const sorted = df.sort(["transaction_id", "line_number"]);
      const row = sorted.slice(Math.floor(sorted.height / 2), 1);
      const cost = Number(row.getColumn("unit_cost").get(0));
      const next = cost + Math.max(1, Math.round(cost * 0.05));
      return row.select("transaction_id", "line_number").withColumns(
        pl.lit(next).cast(pl.Int64).alias("new_unit_cost"),
      );
    },
    apply: (df, picked) => {
      // A join, not a literal: large integer literals lose precision in nodejs-polars.
      const hit = pl.col("new_unit_cost").isNotNull();
      return df.join(picked, { on: ["transaction_id", "line_number"], how: "left" })
        .withColumns(
          pl.when(hit).then(pl.col("new_unit_cost")).otherwise(pl.col("unit_cost")).alias(
            "unit_cost",
          ),
        )
        .withColumns(
          pl.when(hit).then(pl.col("qty").cast(pl.Int64).mul(pl.col("unit_cost")))
            .otherwise(pl.col("cost_amount")).alias("cost_amount"),
        )
        .withColumns(
          pl.when(hit).then(pl.col("net_amount").sub(pl.col("cost_amount")))
            .otherwise(pl.col("margin_amount")).alias("margin_amount"),
        ).select(...df.columns);
    },
  };
}

/** Fault: one store (the first by id) is deleted from `sites`; its sales, stock and customers stay. */
export function storeDropped(): Fault {
  return {
    name: "a store dropped",
    what:
      "the first store is deleted from sites; its baskets, stock rows, orders and customers still point at it",
    table: "sites",
    key: ["site_id"],
    pick: (df) =>
      df.filter(pl.col("site_type").eq(pl.lit("store"))).sort("site_id").head(1).select("site_id"),
    apply: (df, picked) =>
      df.join(picked.select("site_id"), { on: "site_id", how: "anti" }).select(...df.columns),
  };
}
