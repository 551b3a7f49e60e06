/**
 * The schema registry: every table partsflow writes, in dependency order.
 * Writers, validators, `describe` and the dataset card read this and nothing else.
 *
 * @module
 */

import type { TableDef } from "./types.ts";
import { WORLD_TABLES } from "./tables/world.ts";
import { CATALOG_TABLES } from "./tables/catalog.ts";
import { RETAIL_TABLES } from "./tables/retail.ts";

/** Every table, in the order they are generated (referenced tables first). */
export const TABLES: readonly TableDef[] = [...WORLD_TABLES, ...CATALOG_TABLES, ...RETAIL_TABLES];

const byName = new Map(TABLES.map((t) => [t.name, t]));

/** The table called `name`; throws a clear error for an unknown name. */
export function getTable(name: string): TableDef {
  const t = byName.get(name);
  if (!t) throw new Error(`unknown table '${name}' (known: ${[...byName.keys()].join(", ")})`);
  return t;
}

/** True when `name` is a registered table. */
export function hasTable(name: string): boolean {
  return byName.has(name);
}

/** Names of every registered table, in generation order. */
export function tableNames(): string[] {
  return TABLES.map((t) => t.name);
}
