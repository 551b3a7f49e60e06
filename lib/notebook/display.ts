/**
 * Display helpers for Deno's Jupyter kernel: frames tidied for reading (dates
 * as ISO days, floats rounded), markdown snippets, and showing several things
 * from one cell. Outside a kernel they print to the console instead.
 *
 * @module
 */

import pl from "nodejs-polars";

/** Something Deno's kernel displays through `Symbol.for("Jupyter.display")`. */
export interface Displayable {
  /** Returns a MIME bundle. */
  [key: symbol]: () => Record<string, string>;
}

const DISPLAY = Symbol.for("Jupyter.display");

/** A markdown snippet that displays as formatted text in Jupyter. */
export function md(text: string): Displayable {
  return { [DISPLAY]: () => ({ "text/markdown": text, "text/plain": text }) };
}

/** Plain text that displays verbatim (monospace) in Jupyter. */
export function text(s: string): Displayable {
  return { [DISPLAY]: () => ({ "text/plain": s }) };
}

function isDataFrame(x: unknown): x is pl.DataFrame {
  return typeof x === "object" && x !== null && "toRecords" in x && "schema" in x &&
    "height" in x;
}

/** Deno's Jupyter API when running in the kernel (the getter throws anywhere else), else null. */
function jupyter(): { display(x: unknown, o?: { raw?: boolean }): Promise<void> } | null {
  try {
    // deno-lint-ignore no-explicit-any
    return (Deno as any).jupyter ?? null;
  } catch {
    return null;
  }
}

/** True when running inside Deno's Jupyter kernel. */
export function inKernel(): boolean {
  return jupyter() !== null;
}

/**
 * How long a cell waits after its last output before it ends (ms). Deno's
 * kernel may publish a cell's outputs after it reports the cell finished, and
 * headless runners (nbconvert) then drop them; a short pause keeps every
 * output with its cell.
 */
export const SETTLE_MS = 40;

/**
 * Shows each item in turn — strings as text, frames and {@link table}s as
 * tables, figures as images — then lets the kernel flush them (see
 * {@link SETTLE_MS}). Notebooks end every code cell with `await display(…)`
 * rather than a bare expression, whose result the kernel may publish too
 * late for a headless run. Outside a kernel, prints the items.
 */
export async function display(...items: unknown[]): Promise<void> {
  const j = jupyter();
  for (const item of items) {
    if (typeof item === "string") console.log(item);
    else if (j) await j.display(item, { raw: false });
    else if (isDataFrame(item)) console.log(item.toString());
    else if (typeof item === "object" && item !== null && DISPLAY in item) {
      const bundle = (item as Displayable)[DISPLAY]();
      console.log(bundle["text/plain"] ?? bundle["text/markdown"] ?? "[figure]");
    } else console.log(item);
  }
  if (j) await new Promise((r) => setTimeout(r, SETTLE_MS));
}

/** Options of {@link tidy}. */
export interface TidyOptions {
  /** Decimals kept for floats (default 3). */
  digits?: number;
  /** Rows kept (default: all; Deno's kernel shows at most 10 in its HTML table). */
  rows?: number;
}

/**
 * A frame ready for reading: dates and timestamps as ISO text (the kernel
 * would print JavaScript dates in full), floats rounded, integers as they are.
 */
export function tidy(df: pl.DataFrame, o: TidyOptions = {}): pl.DataFrame {
  const digits = o.digits ?? 3;
  const schema = df.schema as Record<string, pl.DataType>;
  const exprs = Object.entries(schema).map(([name, t]) => {
    const kind = String(t);
    const c = pl.col(name);
    if (kind.includes("Datetime")) return c.dt.strftime("%Y-%m-%d %H:%M:%S").alias(name);
    if (kind.includes("Date")) return c.dt.strftime("%Y-%m-%d").alias(name);
    if (kind.includes("Float")) return c.round(digits).alias(name);
    return c;
  });
  const out = df.select(...exprs);
  return o.rows === undefined ? out : out.head(o.rows);
}

/** Options of {@link table}. */
export interface TableOptions extends TidyOptions {
  /** A caption above the table (e.g. what the rows are). */
  caption?: string;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A Polars DataFrame shown as a table: tidied (see {@link tidy}), up to
 * `rows` rows (default 20; Deno's own rendering stops at 10 without saying
 * so), with a footer giving the frame's full shape. Plain-text frontends get
 * Polars' own text rendering.
 */
export function table(df: pl.DataFrame, o: TableOptions = {}): Displayable {
  const limit = o.rows ?? 20;
  const shown = tidy(df.head(limit), { digits: o.digits });
  const schema = shown.schema as Record<string, pl.DataType>;
  const cols = Object.keys(schema);
  const numeric = cols.map((c) => /Int|Float|UInt|Decimal/.test(String(schema[c])));
  const head = cols.map((c, i) =>
    `<th${numeric[i] ? ' style="text-align:right"' : ""}>${escapeHtml(c)}</th>`
  )
    .join("");
  const body = shown.toRecords().map((r) =>
    "<tr>" + cols.map((c, i) => {
      const v = r[c];
      const s = v === null || v === undefined ? "" : String(v);
      return `<td${numeric[i] ? ' style="text-align:right"' : ""}>${escapeHtml(s)}</td>`;
    }).join("") + "</tr>"
  ).join("");
  const shape = `${fmtInt(df.height)} row${df.height === 1 ? "" : "s"} × ${cols.length} column${
    cols.length === 1 ? "" : "s"
  }${df.height > limit ? ` (first ${limit} shown)` : ""}`;
  const caption = o.caption
    ? `<caption style="text-align:left">${escapeHtml(o.caption)}</caption>`
    : "";
  const html = `<table>${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>` +
    `<p><small>${escapeHtml(shape)}</small></p>`;
  const plain = `${o.caption ? o.caption + "\n" : ""}${shown.toString()}\n${shape}`;
  return { [DISPLAY]: () => ({ "text/html": html, "text/plain": plain }) };
}

/** A whole number with thousands separators (e.g. 1,234,567). */
export function fmtInt(n: number | bigint): string {
  return Number(n).toLocaleString("en-US", { maximumFractionDigits: 0 });
}

/** Minor currency units (cents) as a money amount with two decimals, e.g. "12,345.67 USD". */
export function fmtMoney(minor: number | bigint, currency = ""): string {
  const v = Number(minor) / 100;
  const s = v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return currency ? `${s} ${currency}` : s;
}

/** A ratio as a percentage with `digits` decimals, e.g. 0.4821 → "48.2 %". */
export function fmtPct(ratio: number, digits = 1): string {
  return `${(100 * ratio).toFixed(digits)} %`;
}
