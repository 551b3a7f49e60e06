/**
 * Every check partsflow knows, in the order reports list them: the generic
 * ones (manifest, schema, keys), then each tier's own, from the list of tiers.
 *
 * @module
 */

import { tiers } from "../tiers/mod.ts";
import type { Check } from "./check.ts";
import { genericChecks } from "./generic.ts";

/** All checks: manifest, schema, keys, then each tier's own. */
export function allChecks(): Check[] {
  return [...genericChecks(), ...tiers().flatMap((t) => t.checks)];
}
