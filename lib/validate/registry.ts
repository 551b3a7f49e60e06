/**
 * Every check partsflow knows, in the order reports list them: the generic
 * ones (manifest, schema, keys), then each tier's own, from the list of tiers.
 *
 * @module
 */

import { tiers } from "../tiers/mod.ts";
import type { Check } from "./check.ts";
import { genericChecks } from "./generic.ts";
import { FAULT_CHECKS } from "../faults/checks.ts";

/** All checks: manifest, schema, keys, then each tier's own, then the data-quality checks. */
export function allChecks(): Check[] {
  return [...genericChecks(), ...tiers().flatMap((t) => t.checks), ...FAULT_CHECKS];
}
