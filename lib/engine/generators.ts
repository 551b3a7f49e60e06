/**
 * Every generator, by table name, from the list of tiers, and the stage each
 * runs in. The registry says what a table is; this says how it is made. A
 * single-table generator is wrapped as a group of one, so the engine sees one
 * shape.
 *
 * A group's stage is 0 when it reads nothing, else one more than the latest
 * stage of the groups that write the tables it reads.
 *
 * @module
 */

import type { GroupGenerator, TableGenerator } from "../gen/types.ts";
import { tiers, tiersVersion } from "../tiers/mod.ts";

/** Wraps a one-table generator as a group. */
export function asGroup(g: TableGenerator): GroupGenerator {
  return {
    name: g.table,
    tables: [g.table],
    plan: (ctx) => g.plan(ctx),
    generate: (ctx, chunk) => ({ [g.table]: g.generate(ctx, chunk) }),
  };
}

function isGroup(g: TableGenerator | GroupGenerator): g is GroupGenerator {
  return "tables" in g;
}

let cached: {
  version: number;
  byTable: Map<string, GroupGenerator>;
  stages: Map<string, number>;
} | null = null;

function index() {
  if (cached && cached.version === tiersVersion()) return cached;
  const byTable = new Map<string, GroupGenerator>();
  for (const t of tiers()) {
    for (const raw of t.generators) {
      const g = isGroup(raw) ? raw : asGroup(raw);
      for (const table of g.tables) byTable.set(table, g);
    }
  }
  const stages = new Map<string, number>();
  const visiting = new Set<string>();
  const stageOf = (g: GroupGenerator): number => {
    const known = stages.get(g.name);
    if (known !== undefined) return known;
    if (visiting.has(g.name)) throw new Error(`generator ${g.name} reads its own output in a loop`);
    visiting.add(g.name);
    let s = 0;
    for (const table of g.reads ?? []) {
      const w = byTable.get(table);
      if (!w) throw new Error(`generator ${g.name} reads '${table}', which no generator writes`);
      if (w === g) throw new Error(`generator ${g.name} reads '${table}', which it writes itself`);
      s = Math.max(s, stageOf(w) + 1);
    }
    visiting.delete(g.name);
    stages.set(g.name, s);
    return s;
  };
  for (const g of new Set(byTable.values())) stageOf(g);
  cached = { version: tiersVersion(), byTable, stages };
  return cached;
}

/** The generator (group) that writes `table`; throws if none is registered. */
export function generatorFor(table: string): GroupGenerator {
  const g = index().byTable.get(table);
  if (!g) throw new Error(`no generator for table '${table}'`);
  return g;
}

/** The stage a group runs in (0 = reads nothing; see the module notes). */
export function stageOf(group: GroupGenerator): number {
  return index().stages.get(group.name)!;
}
