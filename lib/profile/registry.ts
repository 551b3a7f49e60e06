/**
 * Every profile section, in the order a profile lists them: one list, so an
 * upstream tier (the distributor, the makers) adds its sections — bullwhip
 * ratio, the cost shock's pass-through delays — by appending here.
 *
 * @module
 */

import { DISTRIBUTION_TIER } from "./distribution_tier.ts";
import { MANUFACTURING_TIER } from "./manufacturing_tier.ts";
import { RETAIL_EFFECTS } from "./retail_effects.ts";
import { RETAIL_TIER } from "./retail_tier.ts";
import { RETAIL_VEHICLES } from "./retail_vehicles.ts";
import type { ProfileSection } from "./types.ts";

/** All sections, tier by tier. */
export const PROFILE_SECTIONS: readonly ProfileSection[] = [
  RETAIL_TIER,
  RETAIL_EFFECTS,
  RETAIL_VEHICLES,
  DISTRIBUTION_TIER,
  MANUFACTURING_TIER,
];
