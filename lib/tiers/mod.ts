/**
 * The one list of tiers. The schema registry, the engine, the validator
 * registry, `ground_truth.json`, `describe` and the dataset card all read it;
 * adding a tier means adding its module here and nothing else.
 *
 * A tier can also be registered at run time ({@link registerTier}), e.g. by a
 * test or a plug-in: give the URL of the module that registers it, and worker
 * threads import that module too before they generate.
 *
 * @module
 */

import { CATALOG_TIER } from "../catalog/mod.ts";
import type { TierModule } from "../gen/tier.ts";
import { WORLD_TIER } from "../world/mod.ts";
import { DISTRIBUTION_TIER } from "./distribution/mod.ts";
import { MANUFACTURING_TIER } from "./manufacturing/mod.ts";
import { RETAIL_TIER } from "./retail/mod.ts";

/** The built-in tiers, in generation order (a tier's tables may refer to earlier tiers' tables). */
export const BUILTIN_TIERS = [
  WORLD_TIER,
  CATALOG_TIER,
  RETAIL_TIER,
  DISTRIBUTION_TIER,
  MANUFACTURING_TIER,
] as const;

const registered: TierModule[] = [...BUILTIN_TIERS];
const pluginUrls: string[] = [];
let version = 0;

/** Every tier, built-in first, then those registered at run time, in order. */
export function tiers(): readonly TierModule[] {
  return registered;
}

/**
 * A number that changes whenever a tier is registered, so registries derived
 * from {@link tiers} know when to rebuild.
 */
export function tiersVersion(): number {
  return version;
}

/**
 * Adds a tier after the built-in ones. `moduleUrl` names the module whose
 * import registers it (normally `import.meta.url` of that module): worker
 * threads import it before generating, so the tier exists there too.
 * Registering a tier whose name or tables clash with a known one is an error.
 */
export function registerTier(tier: TierModule, moduleUrl?: string): void {
  const existing = registered.find((t) => t.name === tier.name);
  if (existing === tier) return;
  if (existing) throw new Error(`a tier named '${tier.name}' is already registered`);
  const names = new Set(registered.flatMap((t) => t.tables.map((x) => x.name)));
  for (const t of tier.tables) {
    if (names.has(t.name)) throw new Error(`table '${t.name}' of tier '${tier.name}' exists`);
  }
  registered.push(tier);
  if (moduleUrl && !pluginUrls.includes(moduleUrl)) pluginUrls.push(moduleUrl);
  version++;
}

/** URLs of the modules that registered tiers at run time (for worker threads). */
export function pluginModules(): readonly string[] {
  return pluginUrls;
}
