/**
 * A one-line progress display on stderr (rows, rows/s, ETA). Silent when
 * stderr is not a terminal or when asked to be quiet.
 *
 * @module
 */

/**
 * The progress line for `rows` of an expected `total` after `secs` seconds.
 * The ETA is shown once the rate means something (a second and 2 % of the
 * rows in: the first files are small world tables, whose rate says nothing of
 * the big ones); before, and when the estimate is passed, it reads "ETA …".
 * `final` states the finished run: 100 % and the real row count.
 */
export function progressLine(
  rows: number,
  total: number,
  files: number,
  secs: number,
  final = false,
): string {
  const rate = rows / Math.max(secs, 1e-3);
  const pct = final ? 100 : total > 0 ? Math.min(99.9, (100 * rows) / total) : 0;
  const settled = secs >= 1 && total > 0 && rows >= 0.02 * total && rows < total;
  const eta = final
    ? `in ${secs.toFixed(1)} s`
    : settled
    ? `ETA ${Math.ceil((total - rows) / rate)} s`
    : "ETA …";
  return `  ${pct.toFixed(1).padStart(5)}%  ${fmtCount(rows)} rows  ${
    fmtCount(rate)
  } rows/s  ${files} files  ${eta}`;
}

/** Tracks rows written against an expected total and redraws at most 5× a second. */
export class Progress {
  private rows = 0;
  private files = 0;
  private last = 0;
  private readonly t0 = performance.now();
  private readonly live: boolean;
  /** `total` is the expected number of rows (an estimate is fine). */
  constructor(private readonly total: number, quiet: boolean) {
    this.live = !quiet && Deno.stderr.isTerminal();
  }
  /** Records one finished chunk: its rows and the files it wrote. */
  add(rows: number, files = 1): void {
    this.rows += rows;
    this.files += files;
    const now = performance.now();
    if (this.live && now - this.last > 200) {
      this.last = now;
      this.draw(progressLine(this.rows, this.total, this.files, (now - this.t0) / 1000));
    }
  }
  private draw(line: string, end = ""): void {
    Deno.stderr.writeSync(new TextEncoder().encode(`\r${line.padEnd(78)}${end}`));
  }
  /** Draws the final line (100 %) and ends it; returns elapsed seconds. */
  done(): number {
    const secs = (performance.now() - this.t0) / 1000;
    if (this.live) this.draw(progressLine(this.rows, this.total, this.files, secs, true), "\n");
    return secs;
  }
}

/** 1234567 → "1.23 M". */
export function fmtCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return String(Math.round(n));
}
