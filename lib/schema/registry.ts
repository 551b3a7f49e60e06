/**
 * The schema registry: every table partsflow writes, in dependency order,
 * gathered from the list of tiers. Writers, validators, `describe` and the
 * dataset card read this and nothing else.
 *
 * @module
 */

import { tiers, tiersVersion } from "../tiers/mod.ts";
import type { TableDef } from "./types.ts";

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
