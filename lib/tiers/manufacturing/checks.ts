import type { Check } from "../../validate/check.ts";
/** Manufacturing checks. */
export const MANUFACTURING_CHECKS: Check[] = [];
