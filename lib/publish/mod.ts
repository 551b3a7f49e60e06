/**
 * Publishing to the Hugging Face Hub: the dataset card, `schema.json`, the
 * published layout, Hub limit checks and the upload itself.
 *
 * ```ts
 * import { publish } from "./lib/publish/mod.ts";
 * await publish({ dir: "data/sf0.01", repo: "me/partsflow-sf0.01", dryRun: "/tmp/out" });
 * ```
 *
 * @module
 */

export type { Manifest, ManifestFile } from "../engine/manifest.ts";
export type { ColumnDef, ColumnType, ForeignKey, TableDef, Tier } from "../schema/types.ts";
export {
  type CardConfig,
  cardConfigs,
  type CardMetadata,
  cardMetadata,
  type CardOptions,
  erDiagram,
  groundTruthSummary,
  renderCard,
  SIZE_CATEGORIES,
  sizeCategory,
} from "./card.ts";
export { PublishError, type PublishErrorCode, scrub } from "./errors.ts";
export { type ContentSource, gitBlobSha1, sha256Hex } from "./hashing.ts";
export { type CheckedFile, checkHubLimits, formatBytes, HUB_LIMITS } from "./hub_limits.ts";
export {
  buildLayout,
  GROUND_TRUTH_NAME,
  type Layout,
  type LayoutEntry,
  type LayoutKind,
  type LayoutOptions,
  readManifest,
  writeLayout,
} from "./layout.ts";
export { type ParquetFooter, type ParquetRowGroup, readParquetFooter } from "./parquet_footer.ts";
export { isTransientStatus, type RetryInfo, retryingFetch, type RetryOptions } from "./retry.ts";
export {
  PHYSICAL_TYPES,
  renderSchemaJson,
  type SchemaColumnJson,
  schemaDocument,
  type SchemaJson,
  type SchemaTableJson,
} from "./schema_json.ts";
export {
  DEFAULT_ENDPOINT,
  planCommits,
  publish,
  type PublishEvent,
  type PublishEventKind,
  type PublishOptions,
  type PublishResult,
  resolveEndpoint,
  resolveToken,
  validateRepoId,
} from "./upload.ts";
export { placeholderRepo, PUBLISH_HELP, type PublishCliIO, publishMain } from "./cli.ts";
