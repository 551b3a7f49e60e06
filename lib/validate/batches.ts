/**
 * Checking a big dataset in batches of chunks, so that memory does not grow
 * with scale, nor with the largest site.
 *
 * The engine writes the tables of a chunked group (retail: customers,
 * baskets, lines, returns, stock, replenishment; distribution: a DC's
 * documents and stock) as chunks of whole entities (sites, DCs), and an
 * entity too big for one chunk as a chain of chunks cut in time. The plan:
 *
 * - **Batches of a group.** Each chunked group is split into batches of at
 *   most a budget of bytes on disk: runs of whole chains, and a chain bigger
 *   than the budget in time slices of consecutive chunks. A check that reads
 *   one group's chunked tables runs once per batch of that group.
 * - **Time slices.** A slice owns its chunks' rows (`scan`), and looks up the
 *   rows it refers to (`lookup`) in the chain's chunks within the group's
 *   declared reach before and after it (a return's sale, an invoice's
 *   payments), and the chain's entity tables (a site's customers) whole. Its
 *   `window` says which days it owns. Checks read their subject rows with
 *   `scan` and what those rows refer to with `lookup`, so a rule that spans a
 *   cut (stock opening = the previous week's closing) is checked in the slice
 *   after the cut, once.
 * - **Linked groups.** A group that declares a link key (`dc_site_id`: a DC and
 *   the retail sites it supplies) is checked together with the earlier groups
 *   that declare the same key: each batch of the later group also holds every
 *   chunk of the earlier group that carries one of the batch's key values,
 *   and a check that reads both groups runs per batch of the later one. Such a
 *   check reports only rows of the batch's key values (the later group's own
 *   rows, or the earlier group's rows of the key values present).
 * - **Whole.** A check reading groups that no key links runs on the whole
 *   dataset; it says so (`Check.runsWhole`) and reads few columns.
 *
 * What one batch cannot see, that a key is unique across batches,
 * {@link keysDisjointCheck} checks: the key ranges of different batches do
 * not overlap (in some order of the key's columns: time slices of one site
 * share its `site_id` but not their weeks).
 *
 * @module
 */

import pl from "nodejs-polars";
import { planJobs } from "../engine/run.ts";
import { generatorFor } from "../engine/generators.ts";
import { getTable } from "../schema/registry.ts";
import { makeContext } from "../world/context.ts";
import type { Check, Finding } from "./check.ts";
import { orderings } from "./generic.ts";
import { batchDataset, type Dataset } from "./dataset.ts";

/**
 * Bytes on disk of the chunked tables that one batch owns at most (a single
 * chunk can exceed it). A batch is read into memory (see `memory.ts`): at 64
 * MiB a scale-3 run peaks at 1.6 GB, at 512 MiB at 9 GB, and bigger batches
 * are no faster (from 32 to 128 MiB the time is the same; at 512 MiB it is 40 %
 * longer, the checks' hash tables outgrowing the caches).
 */
export const BATCH_BYTES = 64 * 1024 * 1024;

/** One chunked group of the plan. */
export interface GroupPlan {
  /** The generator group (e.g. `retail`, `distribution`). */
  group: string;
  /** Position of the group in the run's plan (a later group reads earlier ones). */
  order: number;
  /** The group's tables present in the dataset. */
  tables: Set<string>;
  /** Its link key column, if it declares one. */
  link?: string;
  /** Tables a time slice looks up in the whole chain. */
  entityTables: Set<string>;
  /** Earlier groups with the same link key, checked with this one. */
  linked: string[];
  /** How far its rows refer to others of their chain (see `GroupBatching.reach`). */
  reach: { back: number; ahead: number };
}

/** One batch: chunks of one group, and what it reads beside them. */
export interface Batch {
  /** The group it checks. */
  group: string;
  /** Chunk indices of the group whose rows the batch owns (checks report on them). */
  own: number[];
  /** Chunk indices of the group it looks rows up in (own, and a time slice's neighbours). */
  lookup: number[];
  /** Chunk indices its entity tables are looked up in (a time slice: its whole chain). */
  entity: number[];
  /** Chunks of linked groups, by group, that carry the batch's key values. */
  linked: Map<string, number[]>;
  /** A time slice of a chain: the days [from, to) (day numbers) it owns. */
  window?: { from: number; to: number };
}

/** How a dataset is split for checking. */
export interface BatchPlan {
  /** The chunked groups, in plan order. */
  groups: GroupPlan[];
  /** Every batch, group by group. */
  batches: Batch[];
}

/** A chunk of a group with what the plan needs to know of it. */
interface ChunkInfo {
  index: number;
  bytes: number;
  chain?: string;
  days: readonly [number, number];
  keys: readonly number[];
}

/** Consecutive chunks of one chain (or one chunk): the unit no batch splits unless too big. */
function unitsOf(chunks: ChunkInfo[]): ChunkInfo[][] {
  const units: ChunkInfo[][] = [];
  for (const c of chunks) {
    const last = units.at(-1);
    if (last && c.chain !== undefined && last[0].chain === c.chain) last.push(c);
    else units.push([c]);
  }
  return units;
}

const sum = (cs: ChunkInfo[]) => cs.reduce((t, c) => t + c.bytes, 0);

/**
 * Splits each chunked group of the dataset (a group written in more than one
 * chunk) into batches (see the module doc), or returns null when every group
 * fits in one batch or the dataset has no manifest; then it is checked in one
 * pass.
 */
export function planBatches(ds: Dataset, budget = BATCH_BYTES): BatchPlan | null {
  if (!ds.manifest) return null;
  const ctx = makeContext(ds.manifest.options);
  const jobs = planJobs(ds.manifest.options, ds.dir);
  const byGroup = new Map<string, typeof jobs>();
  for (const j of jobs) {
    if (!byGroup.has(j.group)) byGroup.set(j.group, []);
    byGroup.get(j.group)!.push(j);
  }
  const groups: GroupPlan[] = [];
  const chunksOf = new Map<string, ChunkInfo[]>();
  for (const [group, js] of byGroup) {
    if (js.length < 2) continue;
    const gen = generatorFor(js[0].tables[0]);
    const tables = new Set(js[0].tables.filter((t) => ds.has(t)));
    const bytes = new Float64Array(js.length);
    for (const f of ds.manifest.files) if (tables.has(f.table)) bytes[f.chunk] += f.bytes;
    const b = gen.batching;
    chunksOf.set(
      group,
      js.map((j, i) => ({
        index: j.chunk.index,
        bytes: bytes[i],
        chain: j.chunk.chain,
        days: b ? b.days(ctx, j.chunk) : [0, ctx.end - ctx.start + 1],
        keys: b?.link ? b.link.values(ctx, j.chunk) : [],
      })),
    );
    const link = b?.link?.column;
    groups.push({
      group,
      order: groups.length,
      tables,
      link,
      entityTables: new Set(b?.entityTables ?? []),
      // Without a declared reach a time slice looks up its whole chain.
      reach: b?.reach ?? { back: Infinity, ahead: Infinity },
      linked: link ? groups.filter((g) => g.link === link).map((g) => g.group) : [],
    });
  }
  const batches: Batch[] = [];
  for (const g of groups) {
    const mine: Batch[] = [];
    let run: ChunkInfo[] = [];
    const flush = () => {
      if (run.length) mine.push(wholeBatch(g.group, run));
      run = [];
    };
    for (const unit of unitsOf(chunksOf.get(g.group)!)) {
      const size = sum(unit);
      if (size > budget && unit.length > 1) {
        flush();
        mine.push(...timeSlices(g.group, unit, budget, g.reach, ctx.start));
        continue;
      }
      if (run.length && sum(run) + size > budget) flush();
      run.push(...unit);
    }
    flush();
    for (const batch of mine) {
      const keys = new Set(
        batch.own.flatMap((i) => chunksOf.get(g.group)![i].keys),
      );
      for (const other of g.linked) {
        batch.linked.set(
          other,
          chunksOf.get(other)!.filter((c) => c.keys.some((k) => keys.has(k))).map((c) => c.index),
        );
      }
    }
    batches.push(...mine);
  }
  const split = groups.some((g) => batches.filter((b) => b.group === g.group).length > 1);
  return split ? { groups, batches } : null;
}

/** A batch owning whole chains: it looks everything up in its own chunks. */
function wholeBatch(group: string, run: ChunkInfo[]): Batch {
  const own = run.map((c) => c.index);
  return { group, own, lookup: own, entity: own, linked: new Map() };
}

/**
 * A chain too big for one batch, cut into runs of consecutive chunks of at
 * most `budget` bytes (at least one chunk each); each looks up the chain's
 * chunks within `reach` days of its days, and its entity tables in the whole
 * chain.
 */
function timeSlices(
  group: string,
  chain: ChunkInfo[],
  budget: number,
  reach: { back: number; ahead: number },
  start: number,
): Batch[] {
  const out: Batch[] = [];
  const entity = chain.map((c) => c.index);
  let from = 0;
  while (from < chain.length) {
    let to = from + 1;
    while (to < chain.length && sum(chain.slice(from, to + 1)) <= budget) to++;
    const own = chain.slice(from, to);
    const first = own[0].days[0], last = own.at(-1)!.days[1];
    const lookup = chain.filter((c) =>
      c.days[1] > first - reach.back && c.days[0] < last + reach.ahead
    ).map((c) => c.index);
    out.push({
      group,
      own: own.map((c) => c.index),
      lookup,
      entity,
      linked: new Map(),
      window: { from: start + first, to: start + last },
    });
    from = to;
  }
  return out;
}

/** The batches of one group. */
export function batchesOf(plan: BatchPlan, group: string): Batch[] {
  return plan.batches.filter((b) => b.group === group);
}

/** Where a check runs: once on the whole dataset, or on each batch of a group. */
export type Placement = { kind: "whole"; unlinked: boolean } | { kind: "batches"; group: string };

/**
 * Where `c` runs under `plan`: per batch of the one chunked group it reads;
 * per batch of the latest of the groups it reads when the others are linked to
 * it; else once on the whole dataset (`unlinked` when it reads chunked groups
 * that no key links: it should say so in `runsWhole`).
 */
export function placementOf(plan: BatchPlan, c: Check): Placement {
  const gs = plan.groups.filter((g) => c.tables.some((t) => g.tables.has(t)));
  if (gs.length === 0) return { kind: "whole", unlinked: false };
  const driver = gs.at(-1)!;
  if (gs.slice(0, -1).every((g) => driver.linked.includes(g.group))) {
    return { kind: "batches", group: driver.group };
  }
  return { kind: "whole", unlinked: true };
}

/** Lexicographic minimum and maximum of `cols` (in this order), as Float64 columns `lo_i`, `hi_i`. */
function lexBounds(cols: string[], tag: string): pl.Expr[] {
  const out: pl.Expr[] = [];
  for (const [kind, pick] of [["lo", "min"], ["hi", "max"]] as const) {
    // Each column's extreme among the rows that hold the extremes of the columns before it.
    let cond: pl.Expr = pl.lit(true);
    for (const [i, c] of cols.entries()) {
      const v = pl.col(c).cast(pl.Float64).filter(cond)[pick]();
      out.push(v.alias(`${tag}${kind}_${i}`));
      cond = cond.and(pl.col(c).cast(pl.Float64).eq(v));
    }
  }
  return out;
}

/** A batch's range of a key's values, as tuples in one order of the key's columns. */
interface Span {
  batch: number;
  lo: number[];
  hi: number[];
}

/** Pairs of ranges that overlap, each range with the next one by lower end. */
function overlaps(spans: Span[]): Array<[Span, Span]> {
  const s = [...spans].sort((a, b) => compare(a.lo, b.lo));
  const out: Array<[Span, Span]> = [];
  for (let k = 1; k < s.length; k++) {
    if (compare(s[k].lo, s[k - 1].hi) <= 0) out.push([s[k - 1], s[k]]);
  }
  return out;
}

/** -1, 0 or 1 as tuple `a` sorts before, with or after `b`. */
function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/**
 * Per chunked table, the primary key's ranges in different batches do not
 * overlap, in the key's column order or another (a time slice of one site
 * shares its `site_id` with the next but not its weeks): with the key unique
 * inside each batch (checked batch by batch), it is then unique in the whole
 * table.
 */
export function keysDisjointCheck(plan: BatchPlan): Check {
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
      for (const g of plan.groups) {
        const tables = [...g.tables];
        const orders = tables.map((t) => orderings(getTable(t).primaryKey));
        // spans[table][order]: per batch, the lexicographic range of the key in that order.
        const spans = orders.map((os) => os.map(() => [] as Span[]));
        batchesOf(plan, g.group).forEach((b, k) => {
          const part = batchDataset(ds, plan, b);
          tables.forEach((t, ti) => {
            if (!part.has(t)) return;
            const r = part.scan(t).select(
              ...orders[ti].flatMap((cols, o) => lexBounds(cols, `o${o}`)),
            ).collectSync().toRecords()[0];
            orders[ti].forEach((cols, o) => {
              const lo = cols.map((_, i) => r[`o${o}lo_${i}`] as number | null);
              const hi = cols.map((_, i) => r[`o${o}hi_${i}`] as number | null);
              if (lo[0] === null) return;
              spans[ti][o].push({ batch: k, lo: lo.map(Number), hi: hi.map(Number) });
            });
          });
        });
        tables.forEach((t, ti) => {
          // The order of the key's columns in which the fewest ranges overlap.
          let best: Record<string, unknown>[] | null = null;
          orders[ti].forEach((cols, o) => {
            const found = overlaps(spans[ti][o]).map(([a, b]) => ({
              table: t,
              columns: cols.join(","),
              batch: a.batch,
              range: `${a.lo}…${a.hi}`,
              overlapping_batch: b.batch,
              overlapping_range: `${b.lo}…${b.hi}`,
            }));
            if (!best || found.length < best.length) best = found;
          });
          violations += best!.length;
          for (const f of best!) if (sample.length < 5) sample.push(f);
        });
      }
      return { violations, sample, detail: `${plan.batches.length} batches` };
    },
  };
}
