/**
 * A small throw-away tier for tests, registered at run time: one table,
 * `segment_order_totals`, made in a later stage from the retail tier's
 * `store_replenishment_orders` as the engine reads them from the dataset
 * folder. It has its own check, ground truth and card prose, and touches no
 * engine, validate, schema or publish code: importing this module registers it.
 *
 * For the kill test: with `PARTSFLOW_TEST_KILL_CHUNK=k` in the environment,
 * the process kills itself (SIGKILL) when it starts generating chunk k.
 *
 * @module
 */

import pl from "nodejs-polars";
import { defineTier } from "../../lib/gen/tier.ts";
import type { ChunkSpec, Columns } from "../../lib/gen/types.ts";
import { col, money } from "../../lib/schema/columns.ts";
import { registerTier } from "../../lib/tiers/mod.ts";
import { findingOf } from "../../lib/validate/check.ts";

/** Segments per chunk of the test table. */
const SEGMENTS_PER_CHUNK = 6;
/** Chunks of the test table (segments 1 … 18). */
const CHUNKS = 3;

const segmentsOf = (c: ChunkSpec): number[] =>
  Array.from({ length: SEGMENTS_PER_CHUNK }, (_, i) => c.index * SEGMENTS_PER_CHUNK + i + 1);

/** The test tier. */
export const TEST_TIER = defineTier({
  name: "audit",
  title: "Audit (a test tier)",
  summary: "Totals of the stores' replenishment orders per geo segment, made from the retail tier.",
  tables: [{
    name: "segment_order_totals",
    tier: "audit",
    description:
      "Per geo segment: how many replenishment orders its sites placed, and their totals.",
    columns: [
      col("segment_id", "i32", "Geo segment."),
      col("orders", "i64", "Replenishment orders placed by the segment's sites."),
      col("total_qty", "i64", "Units ordered."),
      money("total_amount", "Value ordered, at wholesale prices."),
    ],
    primaryKey: ["segment_id"],
    scaleRule: "one row per geo segment with orders",
    rowCount: () => 18,
    rowCountExact: false,
  }],
  generators: [{
    name: "segment_order_totals",
    tables: ["segment_order_totals"],
    reads: ["store_replenishment_orders"],
    plan: () => Array.from({ length: CHUNKS }, (_, index) => ({ index, slice: { index } })),
    inputs: (_ctx, chunk) => [{
      name: "orders",
      table: "store_replenishment_orders",
      columns: ["segment_id", "total_qty", "total_amount"],
      where: { column: "segment_id", in: segmentsOf(chunk) },
    }],
    generate(_ctx, chunk, _only, inputs) {
      if (Deno.env.get("PARTSFLOW_TEST_KILL_CHUNK") === String(chunk.index)) {
        Deno.kill(Deno.pid, "SIGKILL");
      }
      const o = inputs!.orders;
      const seg = o.segment_id as ArrayLike<number>;
      const qty = o.total_qty as ArrayLike<number>;
      const amt = o.total_amount as ArrayLike<number>;
      const segs = segmentsOf(chunk);
      const n = new Float64Array(segs.length), q = new Float64Array(segs.length);
      const a = new Float64Array(segs.length);
      for (let i = 0; i < seg.length; i++) {
        const k = seg[i] - segs[0];
        n[k]++, q[k] += qty[i], a[k] += amt[i];
      }
      const keep = segs.map((_, k) => k).filter((k) => n[k] > 0);
      const out: Columns = {
        segment_id: Int32Array.from(keep, (k) => segs[k]),
        orders: Float64Array.from(keep, (k) => n[k]),
        total_qty: Float64Array.from(keep, (k) => q[k]),
        total_amount: Float64Array.from(keep, (k) => a[k]),
      };
      return { segment_order_totals: out };
    },
  }],
  checks: [{
    name: "audit.totals_match_orders",
    description: "each segment's totals equal the sum of its sites' replenishment orders",
    tables: ["segment_order_totals", "store_replenishment_orders"],
    run(ds) {
      const sums = ds.scan("store_replenishment_orders").groupBy("segment_id").agg(
        pl.len().cast(pl.Int64).alias("o_orders"),
        pl.col("total_qty").cast(pl.Int64).sum().alias("o_qty"),
        pl.col("total_amount").cast(pl.Int64).sum().alias("o_amount"),
      );
      return findingOf(
        ds.scan("segment_order_totals").join(sums, { on: "segment_id", how: "full" }).filter(
          pl.col("orders").eq(pl.col("o_orders")).and(pl.col("total_qty").eq(pl.col("o_qty")))
            .and(pl.col("total_amount").eq(pl.col("o_amount"))).not()
            .or(pl.col("orders").isNull()).or(pl.col("o_orders").isNull()),
        ),
      );
    },
  }],
  groundTruth: () => ({ rule: "sums of store_replenishment_orders per segment_id" }),
});

registerTier(TEST_TIER, import.meta.url);
