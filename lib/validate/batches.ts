/**
 * Checking a big dataset in batches of chunks, so that memory does not grow
 * with scale.
 *
 * A dataset past a few gigabytes cannot be checked in one pass: joining a
 * billion lines to their baskets needs more memory than the machine has. The
 * engine writes the tables of a group (the retail group: customers, baskets,
 * lines, returns, stock, replenishment) as chunks of whole sites, and a site
 * split in time is a chain of consecutive chunks. Every rule the checks state
 * about those tables is local to a site: a line, its basket, its return, the
 * customer and vehicle it names, and the site's stock and orders are all in
 * the same chunk or chain. So the checks that read the group's tables can run
 * batch by batch, each batch a run of whole chains, with every other table
 * read whole. What one batch cannot see, that a key is unique across batches,
 * {@link keysDisjointCheck} checks: the key ranges of different batches do not
 * overlap.
 *
 * @module
 */

import pl from "nodejs-polars";
import { planJobs } from "../engine/run.ts";
import { getTable } from "../schema/registry.ts";
import type { Check, Finding } from "./check.ts";
import { type Dataset, sliceDataset } from "./dataset.ts";

/**
 * Bytes on disk of the chunked tables that one batch holds at most (a chain can exceed it).
 * A batch is read into memory (see `memory.ts`): at 64 MiB a scale-3 run peaks at 1.6 GB,
 * at 512 MiB at 9 GB, and bigger batches are no faster (from 32 to 128 MiB the time is
 * the same; at 512 MiB it is 40 % longer, the checks' hash tables outgrowing the caches).
 */
export const BATCH_BYTES = 64 * 1024 * 1024;

/** How one chunked group's tables are split for checking. */
export interface GroupBatches {
  /** The generator group (e.g. `retail`: a run of whole sites; `distribution`: whole DCs). */
  group: string;
  /** The group's tables present in the dataset. */
  tables: Set<string>;
  /** Chunk ranges [from, to), in order, each a run of whole chains. */
  ranges: Array<[number, number]>;
}

/** How a dataset is split for checking: each chunked group on its own. */
export interface Batches {
  /** The chunked groups, in plan order (only those split into more than one batch). */
  groups: GroupBatches[];
  /**
   * The group of every table written in more than one chunk, split into batches or not: a
   * check reading the chunked tables of two groups sees them whole (a batch of one group's
   * chunks does not hold the rows of the other group's it refers to).
   */
  chunkedGroupOf: Map<string, string>;
}

/**
 * Splits each chunked group of the dataset (a group written in more than one
 * chunk: the retail sites, the distribution centres, …) into batches of at
 * most `budget` bytes of whole chains, or returns null when every group fits
 * in one batch or the dataset has no manifest; then it is checked in one pass.
 *
 * A group's chunks are local to what the group is chunked by (a store's or a
 * DC's documents and stock), so a check that reads the tables of one chunked
 * group runs batch by batch; a check that reads two chunked groups (one
 * document seen from both sides) runs on the whole dataset.
 */
export function planBatches(ds: Dataset, budget = BATCH_BYTES): Batches | null {
  if (!ds.manifest) return null;
  const jobs = planJobs(ds.manifest.options, ds.dir);
  const byGroup = new Map<string, typeof jobs>();
  for (const j of jobs) {
    if (!byGroup.has(j.group)) byGroup.set(j.group, []);
    byGroup.get(j.group)!.push(j);
  }
  const groups: GroupBatches[] = [];
  const chunkedGroupOf = new Map<string, string>();
  for (const [group, js] of byGroup) {
    if (js.length < 2) continue;
    for (const t of js[0].tables) if (ds.has(t)) chunkedGroupOf.set(t, group);
    const tables = new Set(js[0].tables.filter((t) => ds.has(t)));
    const bytes = new Float64Array(js.length);
    for (const f of ds.manifest.files) if (tables.has(f.table)) bytes[f.chunk] += f.bytes;
    const ranges: Array<[number, number]> = [];
    let from = 0, size = 0;
    for (let i = 0; i < js.length; i++) {
      const chain = js[i].chunk.chain;
      const continues = i > 0 && chain !== undefined && chain === js[i - 1].chunk.chain;
      if (i > from && size + bytes[i] > budget && !continues) {
        ranges.push([from, i]);
        from = i;
        size = 0;
      }
      size += bytes[i];
    }
    ranges.push([from, js.length]);
    if (ranges.length > 1) groups.push({ group, tables, ranges });
  }
  return groups.length ? { groups, chunkedGroupOf } : null;
}

/** Every batch of every group, in order, as (group, range) pairs. */
export function allBatches(b: Batches): Array<{ g: GroupBatches; from: number; to: number }> {
  return b.groups.flatMap((g) => g.ranges.map(([from, to]) => ({ g, from, to })));
}

/**
 * Per chunked table, the leading primary-key column's ranges in different
 * batches do not overlap: with the key unique inside each batch (checked batch
 * by batch), it is then unique in the whole table.
 */
export function keysDisjointCheck(batches: Batches): Check {
  return {
    name: "primary_key.across_batches",
    description:
      "the key ranges of the chunked tables do not overlap from one batch of chunks to the next, so keys unique in each batch are unique in the table",
    // No table to wait for: the batches were planned from the tables present. An empty
    // list also makes it run once on the whole dataset, as it looks across batches itself.
    tables: [],
    run(ds: Dataset): Finding {
      const sample: Record<string, unknown>[] = [];
      let violations = 0;
      for (const g of batches.groups) {
        for (const t of g.tables) {
          const col = getTable(t).primaryKey[0];
          const spans: Array<{ from: number; lo: number; hi: number }> = [];
          for (const [from, to] of g.ranges) {
            const part = sliceDataset(ds, g.tables, from, to);
            if (!part.has(t)) continue;
            const r = part.scan(t).select(
              pl.col(col).min().cast(pl.Float64).alias("lo"),
              pl.col(col).max().cast(pl.Float64).alias("hi"),
            ).collectSync().toRecords()[0];
            if (r.lo === null) continue;
            spans.push({ from, lo: Number(r.lo), hi: Number(r.hi) });
          }
          spans.sort((a, b) => a.lo - b.lo);
          for (let k = 1; k < spans.length; k++) {
            if (spans[k].lo <= spans[k - 1].hi) {
              violations++;
              if (sample.length < 5) {
                sample.push({
                  table: t,
                  column: col,
                  batch_from_chunk: spans[k - 1].from,
                  range: `${spans[k - 1].lo}…${spans[k - 1].hi}`,
                  overlapping_batch_from_chunk: spans[k].from,
                  overlapping_range: `${spans[k].lo}…${spans[k].hi}`,
                });
              }
            }
          }
        }
      }
      return { violations, sample, detail: `${allBatches(batches).length} batches` };
    },
  };
}
