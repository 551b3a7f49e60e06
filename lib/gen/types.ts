/**
 * The contract between table generators (pure) and the engine (I/O).
 *
 * A generator plans its table as chunks and turns one chunk into columns.
 * Both are pure functions of the run context (and of the rows the chunk reads
 * from earlier stages): the same context and chunk give the same columns on
 * any worker, in any order.
 *
 * Stages: a generator that reads tables written by other generators declares
 * them in `reads`. The engine runs it in a later stage, after every chunk of
 * those tables exists, and hands each chunk the rows it asks for in `inputs`,
 * read from the dataset folder (so memory is bounded by what one chunk needs,
 * and a later stage can run on another machine than the earlier one).
 *
 * @module
 */

import type { RunContext } from "../world/context.ts";

/** A string column stored as codes into a pool (fast for repeated strings). */
export interface DictColumn {
  /** Index into `pool` for each row; -1 means null. */
  codes: Int32Array | Uint16Array | Uint8Array;
  /** The distinct strings. */
  pool: readonly string[];
}

/**
 * Column data handed to the writer, which casts it to the registry type:
 * - integers (`i16`/`i32`/`i64`, `date` day numbers): Int32Array, Float64Array
 *   (whole numbers; NaN = null), or Int16Array/Uint8Array;
 * - `f64`: Float64Array (NaN = null when the column is nullable);
 * - `timestamp`: Float64Array of milliseconds since the epoch;
 * - `bool`: Uint8Array of 0/1;
 * - `str`: an array of strings (null allowed when nullable) or a {@link DictColumn}.
 */
export type ColumnData =
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint16Array
  | Float64Array
  | (string | null)[]
  | DictColumn;

/** The columns of one chunk, keyed by column name; every registry column must be present. */
export type Columns = Record<string, ColumnData>;

/** One unit of work: a deterministic slice of a table. */
export interface ChunkSpec {
  /** Position of this chunk in the table's plan, 0-based; names the output file. */
  index: number;
  /** Generator-specific description of the slice (row range, store ids, …); JSON-serialisable. */
  // deno-lint-ignore no-explicit-any
  slice: any;
  /** Rows this chunk will hold if known in advance (for progress). */
  rows?: number;
  /**
   * Chunks that share a chain key (consecutive in the plan) continue one
   * another's state, e.g. the day ranges of one big site: the pool gives a
   * chain to one worker, in order, so the generator can go on where the
   * previous chunk stopped instead of replaying. Output never depends on it.
   */
  chain?: string;
}

/** Generates one table. */
export interface TableGenerator {
  /** Registry name of the table this writes. */
  table: string;
  /** The chunk plan: same context → same plan. */
  plan(ctx: RunContext): ChunkSpec[];
  /** The columns of one chunk. */
  generate(ctx: RunContext, chunk: ChunkSpec): Columns;
}

/**
 * Generates several tables from one pass over a chunk — e.g. one store's
 * simulation yields its baskets, lines, stock and orders. The engine writes one
 * file per table per chunk, all named by the chunk index.
 */
export interface GroupGenerator {
  /** Name of the group (for messages). */
  name: string;
  /** Registry names of the tables it writes, in registry order. */
  tables: string[];
  /** The chunk plan: same context → same plan. */
  plan(ctx: RunContext): ChunkSpec[];
  /**
   * The columns of every table for one chunk. `only` lists the tables the run
   * wants (a subset of `tables`); others may be skipped.
   */
  generate(
    ctx: RunContext,
    chunk: ChunkSpec,
    only: readonly string[],
    inputs?: Inputs,
  ): Record<string, Columns>;
  /** Tables written by other generators that this one reads (they decide its stage). */
  reads?: readonly string[];
  /**
   * What one chunk reads from the tables in `reads` (pure). The engine passes
   * those rows to `generate` as `inputs`, keyed by request name, and reads
   * them when `generate` first uses one.
   */
  inputs?(ctx: RunContext, chunk: ChunkSpec): InputRequest[];
  /** How the validator may split the group's chunks into batches (see {@link GroupBatching}). */
  batching?: GroupBatching;
}

/**
 * What the validator needs to check a chunked group in batches
 * (`lib/validate/batches.ts`): which rows of other groups a chunk's rows
 * refer to, and how far in time a row refers to other rows of its chain.
 */
export interface GroupBatching {
  /**
   * A key that links this group's chunks to other groups' chunks: the column
   * (the same name in both groups' tables, e.g. `dc_site_id`) and the values a
   * chunk's rows carry. Groups with the same key are checked together: a batch
   * of the group that reads the other (the later stage) also holds every chunk
   * of the other group that carries one of its values.
   */
  link?: { column: string; values(ctx: RunContext, chunk: ChunkSpec): readonly number[] };
  /** The days [from, to) (day indices of the period) a chunk's rows are dated in. */
  days(ctx: RunContext, chunk: ChunkSpec): readonly [number, number];
  /**
   * How many days a row may refer back (a return to its sale, a receipt to its
   * order) and ahead (an invoice's later payments) to rows of the same chain.
   * A batch that is a time slice of a chain reads the chain's rows this far
   * around it to look them up.
   */
  reach: { back: number; ahead: number };
  /**
   * Tables whose rows belong to the chain's entity rather than to a chunk's
   * days (a site's customers, spread over its parts): a time slice looks them
   * up in every chunk of its chain.
   */
  entityTables?: readonly string[];
}

/**
 * Rows a chunk reads from a table an earlier stage wrote: some columns, and
 * only the rows whose `where.column` is in `where.in` (e.g. the chunk's sites).
 * Rows come in the order they were written (chunk by chunk, then row by row).
 */
export interface InputRequest {
  /** Name under which `generate` finds the rows in its `inputs`. */
  name: string;
  /** The table to read (one in the generator's `reads`). */
  table: string;
  /** Columns to read (in this order). */
  columns: string[];
  /**
   * Keeps only rows whose `column` holds one of the values in `in`, or one of
   * the values of column `inInput.column` of an earlier request of the same
   * chunk (e.g. the lines of the orders read just before).
   */
  where?: {
    column: string;
    in?: readonly number[];
    inInput?: { name: string; column: string };
  };
  /**
   * Reads only the chunks of the writing group that carry one of these values
   * of its link key (`batching.link`, e.g. the DC's `dc_site_id`): the rows a
   * DC needs lie in the chunks of the stores it supplies, so it need not scan
   * the others. Every row holding a value lies in such a chunk, as the link
   * declares; `where` still picks the rows.
   */
  linked?: readonly number[];
}

/**
 * Rows read for a chunk, by request name. Integer and date columns come as
 * Int32Array (i16/i32/date) or Float64Array (i64, f64, timestamps in ms);
 * bools as Uint8Array; strings as arrays of strings (null where null).
 */
export type Inputs = Record<string, Columns>;

/** Splits [0, total) into chunks of at most `size` rows, as a plan. */
export function rowRangePlan(total: number, size: number): ChunkSpec[] {
  const out: ChunkSpec[] = [];
  for (let start = 0, i = 0; start < total || (total === 0 && i === 0); start += size, i++) {
    const end = Math.min(total, start + size);
    out.push({ index: i, slice: { start, end }, rows: end - start });
    if (total === 0) break;
  }
  return out;
}

/** One chunk holding the whole (small) table. */
export function singleChunkPlan(rows?: number): ChunkSpec[] {
  return [{ index: 0, slice: { all: true }, rows }];
}
