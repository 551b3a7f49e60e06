/**
 * partsflow: a synthetic, internally consistent auto-parts supply-chain dataset
 * — generate it, validate it, describe it, publish it.
 *
 * ```ts
 * import { generate, validateOptions, validateDataset } from "./mod.ts";
 * const options = validateOptions({ scale: 0.01, seed: 42 });
 * await generate({ options, out: "data/sf0.01-seed42" });
 * const report = await validateDataset("data/sf0.01-seed42");
 * ```
 *
 * @module
 */

export {
  generate,
  type GenerateRequest,
  type GenerateResult,
  UsageError,
  VERSION,
} from "./lib/engine/run.ts";
export type { Manifest, ManifestFile } from "./lib/engine/manifest.ts";
export { loadOptions, OptionsError, validateOptions } from "./lib/options/io.ts";
export { type RunOptions, runOptionsSchema } from "./lib/options/schema.ts";
export { makeContext, type RunContext } from "./lib/world/context.ts";
export { allTables, getTable, hasTable, tableNames } from "./lib/schema/registry.ts";
export type { ColumnDef, ColumnType, TableDef } from "./lib/schema/types.ts";
export { formatReport, type Report, validateDataset } from "./lib/validate/report.ts";
export { type Dataset, openDataset } from "./lib/validate/dataset.ts";
export { allChecks } from "./lib/validate/registry.ts";
export type { Check, CheckResult, Finding } from "./lib/validate/check.ts";
export {
  formatProfile,
  type Profile,
  PROFILE_SECTIONS,
  profileDataset,
  profileMarkdown,
} from "./lib/profile/mod.ts";
export { FAULT_TARGETS, type InjectedFault, parseFaultSpec } from "./lib/faults/mod.ts";
