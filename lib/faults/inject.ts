/**
 * Injects the faults of a spec into one chunk's columns — a pure function of
 * (seed, table, kind, chunk, row): counter-based draws, so a chunk's faults
 * depend only on the chunk and any shard gives the same bytes. Returns the
 * new columns and the list of faults (table, key, kind, column, check).
 *
 * @module
 */

import { hashBits, streamKey } from "../core/rng.ts";
import type { ColumnData, Columns, DictColumn } from "../gen/types.ts";
import { getTable } from "../schema/registry.ts";
import { FAULT_KINDS, FAULT_TARGETS, type FaultKind, type FaultSpec } from "./spec.ts";

/** One injected fault. */
export interface InjectedFault {
  /** Table. */
  table: string;
  /** Primary-key values of the row. */
  key: Record<string, number | string>;
  /** Kind of fault. */
  kind: FaultKind;
  /** Column changed (`*` for a duplicated row). */
  column: string;
  /** The validate check meant to report it. */
  check: string;
}

const DAY_MS = 86_400_000;
/** Rows of a chunk are numbered chunk · 2^26 + row for the draws. */
const CHUNK_ROWS = 2 ** 26;

const isDict = (c: ColumnData): c is DictColumn =>
  typeof c === "object" && c !== null && "codes" in c && "pool" in c;

function valueAt(c: ColumnData, i: number): number | string | null {
  if (isDict(c)) return c.codes[i] < 0 ? null : c.pool[c.codes[i]];
  return (c as ArrayLike<number | string | null>)[i];
}

function rowsOf(cols: Columns): number {
  const c = Object.values(cols)[0];
  if (!c) return 0;
  return isDict(c) ? c.codes.length : (c as ArrayLike<unknown>).length;
}

/** Swaps two adjacent letters in the middle of a word (never a no-op). */
export function typo(s: string): string {
  for (let i = Math.floor(s.length / 2); i < s.length - 1; i++) {
    if (s[i] !== s[i + 1]) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  }
  return s + s[s.length - 1];
}

/** Copies column data with row `order[j]` at position j. */
function reorder(c: ColumnData, order: number[]): ColumnData {
  if (isDict(c)) {
    const codes = new (c.codes.constructor as Int32ArrayConstructor)(order.length);
    order.forEach((r, j) => (codes[j] = c.codes[r]));
    return { codes, pool: c.pool };
  }
  if (Array.isArray(c)) return order.map((r) => c[r]);
  const t = c as Int32Array;
  const out = new (t.constructor as Int32ArrayConstructor)(order.length);
  order.forEach((r, j) => (out[j] = t[r]));
  return out;
}

/** The faults of `spec` applied to one chunk's tables (pure; the input is not changed). */
export function injectFaults(
  spec: FaultSpec,
  seed: number,
  chunkIndex: number,
  tables: Record<string, Columns>,
): { tables: Record<string, Columns>; faults: InjectedFault[] } {
  const out: Record<string, Columns> = { ...tables };
  const faults: InjectedFault[] = [];
  // Baskets with returns keep their timestamps (a return is checked against its sale's time).
  const returned = new Set<number>();
  const ret = tables["retail_returns"]?.["transaction_id"];
  if (ret) {
    for (let i = 0; i < rowsOf(tables["retail_returns"]); i++) {
      returned.add(Number(valueAt(ret, i)));
    }
  }
  for (const [table, kinds] of Object.entries(spec)) {
    if (!out[table]) continue;
    const def = getTable(table);
    let cols: Columns = { ...out[table] };
    const n = rowsOf(cols);
    const keyOf = (i: number) =>
      Object.fromEntries(def.primaryKey.map((k) => {
        const v = valueAt(cols[k], i);
        return [k, typeof v === "string" ? v : Number(v)];
      }));
    // A fixed order whatever the spec's: late rows leave their day before pairs are swapped.
    for (const kind of FAULT_KINDS.filter((k) => kinds[k] !== undefined)) {
      const rate = kinds[kind]!;
      const target = FAULT_TARGETS[table][kind]!;
      const key = streamKey(seed, `faults.${table}.${kind}`);
      const hit = (i: number) => hashBits(key, chunkIndex * CHUNK_ROWS + i, 0) / 2 ** 32 < rate;
      const extra = (i: number) => hashBits(key, chunkIndex * CHUNK_ROWS + i, 1);
      const record = (i: number) =>
        faults.push({ table, key: keyOf(i), kind, column: target.column, check: target.check });
      const col = target.column;
      if (kind === "duplicate") {
        const order: number[] = [];
        for (let i = 0; i < n; i++) {
          order.push(i);
          if (hit(i)) {
            order.push(i);
            record(i);
          }
        }
        if (order.length !== n) {
          cols = Object.fromEntries(Object.entries(cols).map(([k, c]) => [k, reorder(c, order)]));
        }
        continue;
      }
      if (kind === "null" || kind === "typo") {
        const c = cols[col];
        if (isDict(c)) {
          const codes = Int32Array.from(c.codes); // signed: -1 is null
          const pool = [...c.pool];
          for (let i = 0; i < n; i++) {
            if (!hit(i) || codes[i] < 0) continue;
            if (kind === "null") codes[i] = -1;
            else {
              const t = typo(c.pool[codes[i]]);
              let idx = pool.indexOf(t);
              if (idx < 0) idx = pool.push(t) - 1;
              codes[i] = idx;
            }
            record(i);
          }
          cols[col] = { codes, pool };
        } else {
          const a = [...(c as (string | null)[])];
          for (let i = 0; i < n; i++) {
            if (!hit(i) || a[i] === null) continue;
            a[i] = kind === "null" ? null : typo(a[i]!);
            record(i);
          }
          cols[col] = a;
        }
        continue;
      }
      if (kind === "late" || kind === "out_of_order") {
        const ts = Float64Array.from(cols[col] as Float64Array);
        const ids = cols["transaction_id"], site = cols["site_id"], day = cols["transaction_date"];
        for (let i = 0; i < n; i++) {
          if (!hit(i) || returned.has(Number(valueAt(ids, i)))) continue;
          if (kind === "late") {
            ts[i] += (1 + (extra(i) % 3)) * DAY_MS;
            record(i);
            continue;
          }
          const j = i + 1;
          const onDay = (x: number) => Math.floor(ts[x] / DAY_MS) === Number(valueAt(day, x));
          if (
            j < n && !returned.has(Number(valueAt(ids, j))) && onDay(i) && onDay(j) &&
            valueAt(site, i) === valueAt(site, j) && valueAt(day, i) === valueAt(day, j) &&
            ts[i] < ts[j]
          ) {
            [ts[i], ts[j]] = [ts[j], ts[i]];
            record(j); // the later basket now carries the earlier time
            i = j; // pairs never overlap
          }
        }
        cols[col] = ts;
        continue;
      }
      if (kind === "unit") {
        const src = cols[col] as Int32Array;
        const a = new (src.constructor as Int32ArrayConstructor)(src.length);
        a.set(src);
        for (let i = 0; i < n; i++) {
          if (!hit(i) || a[i] < 2000) continue;
          a[i] = a[i] * 1000;
          record(i);
        }
        cols[col] = a;
        continue;
      }
      if (kind === "orphan") {
        const src = cols[col] as Int32Array;
        const a = new (src.constructor as Int32ArrayConstructor)(src.length);
        a.set(src);
        for (let i = 0; i < n; i++) {
          if (!hit(i)) continue;
          // Distinct values that no segment has: one finding per orphaned row.
          a[i] = 1_000_000 + (chunkIndex % 2000) * 1_000_000 + i;
          record(i);
        }
        cols[col] = a;
      }
    }
    out[table] = cols;
  }
  return { tables: out, faults };
}
