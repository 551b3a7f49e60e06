/**
 * Reading a dataset's tables into memory once, for a run of checks.
 *
 * Every check builds lazy queries over `ds.scan(table)`, so a table that ten
 * checks read is read and decoded from its files ten times. A dataset view
 * from {@link inMemory} instead reads such a table whole on first use, keeps
 * the frame, and hands every later check a lazy query over that frame. It also
 * flags the frame's sorted identifier columns as sorted: the engine writes
 * each table in key order, and Polars groups and joins a column it knows to be
 * sorted by slices and merges instead of hash tables, many times faster on the
 * big retail tables. A column is flagged only after checking that it is
 * sorted, so every query gives the same result as on the files.
 *
 * Only tables that several checks read are worth keeping, and only up to a
 * cap of bytes on disk per run of checks ({@link tablesToLoad}; the validator
 * passes twice its batch budget, so a batch is read whole unless it holds a
 * long chain of chunks): the rest are scanned per check as before, so memory
 * stays bounded whatever the batch. Decoded, a table takes about ten times its
 * Parquet bytes.
 *
 * The frames hold native memory that is returned only when V8 collects the
 * JavaScript objects that point to it: {@link InMemoryDataset.release} drops
 * them, and {@link releaseNativeMemory} collects at once (with
 * `--v8-flags=--expose-gc`, which the `validate` task passes).
 *
 * @module
 */

import pl from "nodejs-polars";
import type { Check } from "./check.ts";
import type { Dataset } from "./dataset.ts";

/** A dataset view that reads some of its tables into memory on first use. */
export interface InMemoryDataset extends Dataset {
  /** Tables read into memory so far, with their rows. */
  loaded(): Map<string, number>;
  /** Drops the frames read so far; call {@link releaseNativeMemory} to return their memory. */
  release(): void;
}

/** Integer types, which identifiers have. */
const INTEGER = new Set(["Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64"]);

/**
 * `df` with each identifier column (an integer column named `*_id`, what the
 * checks join and group on) that is non-decreasing and has no nulls flagged
 * as sorted. Sorting a sorted column changes none of its values but sets the
 * flag (nodejs-polars has no `set_sorted`).
 */
export function markSorted(df: pl.DataFrame): pl.DataFrame {
  if (df.height < 2) return df;
  const ids = df.columns.filter((c) =>
    c.endsWith("_id") && INTEGER.has(df.getColumn(c).dtype.variant)
  );
  if (ids.length === 0) return df;
  // Per column: nulls + steps down (the last row compares with null, which sum skips).
  const faults = df.lazy().select(
    ...ids.map((c) =>
      pl.col(c).nullCount().cast(pl.Int64).plus(
        pl.col(c).gt(pl.col(c).shift(-1)).cast(pl.Int64).sum(),
      ).alias(c)
    ),
  ).collectSync().toRecords()[0];
  const sorted = ids.filter((c) => Number(faults[c]) === 0);
  return sorted.length ? df.withColumns(...sorted.map((c) => pl.col(c).sort())) : df;
}

/**
 * The tables of `ds` worth reading into memory for `checks`: those that two or
 * more of them read, the most read first, as long as their files total at
 * most `cap` bytes.
 */
export function tablesToLoad(ds: Dataset, checks: Check[], cap: number): string[] {
  const uses = new Map<string, number>();
  for (const c of checks) {
    for (const t of new Set(c.tables)) if (ds.has(t)) uses.set(t, (uses.get(t) ?? 0) + 1);
  }
  const out: string[] = [];
  let bytes = 0;
  for (const [t, n] of [...uses].sort((a, b) => b[1] - a[1])) {
    if (n < 2) break;
    const size = ds.files(t).reduce((sum, f) => sum + Deno.statSync(f).size, 0);
    if (bytes + size > cap) continue;
    bytes += size;
    out.push(t);
  }
  return out;
}

/**
 * A view of `ds` in which each of `tables` is read whole into memory on first
 * use (see the module doc); other tables are scanned per query as in `ds`. A
 * table that cannot be read whole (a damaged file) is scanned per query, so
 * each check fails or passes as it would on `ds`.
 */
export function inMemory(ds: Dataset, tables: Iterable<string>): InMemoryDataset {
  const wanted = new Set(tables);
  // null: reading it whole failed, scan it per query.
  const frames = new Map<string, pl.DataFrame | null>();
  const scan = (t: string): pl.LazyDataFrame => {
    if (!wanted.has(t) || !ds.has(t)) return ds.scan(t);
    if (!frames.has(t)) {
      let df: pl.DataFrame | null;
      try {
        df = markSorted(ds.scan(t).collectSync());
      } catch {
        df = null;
      }
      frames.set(t, df);
    }
    return frames.get(t)?.lazy() ?? ds.scan(t);
  };
  return {
    ...ds,
    scan,
    // A time slice looks rows up beyond its own chunks: those are read from the files.
    lookup: (t) => ds.window ? ds.lookup(t) : scan(t),
    loaded() {
      const out = new Map<string, number>();
      for (const [t, df] of frames) if (df) out.set(t, df.height);
      return out;
    },
    release() {
      frames.clear();
    },
  };
}

/**
 * Returns the native memory of frames no longer referenced now, rather than
 * whenever V8 next collects (it does not count native memory when deciding
 * to): two full collections, each followed by a turn of the event loop, in
 * which the finalizers that free the frames run. Does nothing unless the
 * runtime exposes `gc` (`--v8-flags=--expose-gc`).
 */
export async function releaseNativeMemory(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  for (let i = 0; i < 2; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  trimMalloc();
}

/** glibc's `malloc_trim`, or null where it cannot be loaded (not glibc, no FFI permission). */
let mallocTrim: ((pad: bigint) => number) | null | undefined;

/**
 * Hands the heap's free pages back to the system (glibc's `malloc_trim`).
 * Polars allocates with the C library's malloc from many threads; glibc keeps
 * what they free in per-thread arenas, so after a batch's frames are freed the
 * process would stay at the size of its largest batch so far, and the next
 * batch would start from there. Does nothing where glibc or FFI is not
 * available.
 */
export function trimMalloc(): void {
  if (mallocTrim === undefined) {
    mallocTrim = null;
    if (Deno.build.os === "linux") {
      try {
        const lib = Deno.dlopen("libc.so.6", {
          malloc_trim: { parameters: ["usize"], result: "i32" },
        });
        mallocTrim = (pad) => lib.symbols.malloc_trim(pad);
      } catch {
        // musl, or no --allow-ffi: leave memory as it is.
      }
    }
  }
  mallocTrim?.(0n);
}
