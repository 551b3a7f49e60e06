/**
 * Notebook machinery: parameters with environment overrides, the dataset a
 * notebook works on, and display helpers for Deno's Jupyter kernel.
 *
 * @module
 */

export {
  DEFAULT_PARAMS,
  describeParams,
  displayPath,
  type NotebookParams,
  notebookParams,
  PARAM_ENV,
  type ResolvedParams,
} from "./params.ts";
export { describeRun, ensureDataset, type NotebookDataset } from "./dataset.ts";
export {
  display,
  type Displayable,
  fmtInt,
  fmtMoney,
  fmtPct,
  inKernel,
  md,
  SETTLE_MS,
  table,
  type TableOptions,
  text,
  tidy,
  type TidyOptions,
} from "./display.ts";
