/**
 * Every check partsflow knows, in the order reports list them.
 *
 * @module
 */

import type { Check } from "./check.ts";
import { genericChecks } from "./generic.ts";
import { WORLD_CHECKS } from "./checks/world.ts";
import { CATALOG_CHECKS } from "./checks/catalog.ts";
import { RETAIL_CHECKS } from "./checks/retail.ts";
import { FAULT_CHECKS } from "../faults/checks.ts";

/** All checks: manifest, schema, keys, then each tier's own. */
export function allChecks(): Check[] {
  return [
    ...genericChecks(),
    ...WORLD_CHECKS,
    ...CATALOG_CHECKS,
    ...RETAIL_CHECKS,
    ...FAULT_CHECKS,
  ];
}
