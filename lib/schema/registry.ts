/**
 * The schema registry: every table partsflow writes, in dependency order,
 * gathered from the list of tiers. Writers, validators, `describe` and the
 * dataset card read this and nothing else.
 *
 * @module
 */

import { tiers, tiersVersion } from "../tiers/mod.ts";
import type { TableDef } from "./types.ts";
import type { RunContext } from "../world/context.ts";

let cached: { version: number; tables: TableDef[]; byName: Map<string, TableDef> } | null = null;

function registry() {
  if (!cached || cached.version !== tiersVersion()) {
    const tables = tiers().flatMap((t) => t.tables);
    cached = { version: tiersVersion(), tables, byName: new Map(tables.map((t) => [t.name, t])) };
  }
  return cached;
}

/** Every table, in the order they are generated (referenced tables first). */
export function allTables(): readonly TableDef[] {
  return registry().tables;
}

/** The table called `name`; throws a clear error for an unknown name. */
export function getTable(name: string): TableDef {
  const t = registry().byName.get(name);
  if (!t) {
    throw new Error(`unknown table '${name}' (known: ${[...registry().byName.keys()].join(", ")})`);
  }
  return t;
}

/** True when `name` is a registered table. */
export function hasTable(name: string): boolean {
  return registry().byName.has(name);
}

/** Names of every registered table, in generation order. */
export function tableNames(): string[] {
  return registry().tables.map((t) => t.name);
}

/** Expected rows of every table of a run (see `TableDef.rowCount`), each computed once. */
export function expectedRows(ctx: RunContext): Map<string, number> {
  const out = new Map<string, number>();
  const rowsOf = (name: string): number => {
    let n = out.get(name);
    if (n === undefined) out.set(name, n = getTable(name).rowCount(ctx, rowsOf));
    return n;
  };
  for (const t of allTables()) rowsOf(t.name);
  return out;
}
