/**
 * Every generator, by table name. The registry says what a table is; this
 * says how it is made. A single-table generator is wrapped as a group of one,
 * so the engine sees one shape.
 *
 * @module
 */

import type { GroupGenerator, TableGenerator } from "./types.ts";
import { WORLD_GENERATORS } from "../world/generators.ts";
import { CATALOG_GENERATORS } from "../catalog/generators.ts";
import { RETAIL_GROUPS } from "../tiers/retail/generators.ts";

const SINGLE: TableGenerator[] = [...WORLD_GENERATORS, ...CATALOG_GENERATORS];
const GROUPS: GroupGenerator[] = [...RETAIL_GROUPS];

/** Wraps a one-table generator as a group. */
export function asGroup(g: TableGenerator): GroupGenerator {
  return {
    name: g.table,
    tables: [g.table],
    plan: (ctx) => g.plan(ctx),
    generate: (ctx, chunk) => ({ [g.table]: g.generate(ctx, chunk) }),
  };
}

const byTable = new Map<string, GroupGenerator>();
for (const g of [...SINGLE.map(asGroup), ...GROUPS]) for (const t of g.tables) byTable.set(t, g);

/** The generator (group) that writes `table`; throws if none is registered. */
export function generatorFor(table: string): GroupGenerator {
  const g = byTable.get(table);
  if (!g) throw new Error(`no generator for table '${table}'`);
  return g;
}
