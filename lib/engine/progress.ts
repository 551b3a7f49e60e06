/**
 * A one-line progress display on stderr (rows, rows/s, ETA). Silent when
 * stderr is not a terminal or when asked to be quiet.
 *
 * @module
 */

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
  /** Records one finished file. */
  add(rows: number): void {
    this.rows += rows;
    this.files++;
    const now = performance.now();
    if (this.live && now - this.last > 200) {
      this.last = now;
      this.draw(now);
    }
  }
  private draw(now: number): void {
    const secs = (now - this.t0) / 1000;
    const rate = this.rows / Math.max(secs, 1e-3);
    const pct = this.total ? Math.min(100, (100 * this.rows) / this.total) : 0;
    const eta = rate > 0 && this.total > this.rows ? (this.total - this.rows) / rate : 0;
    const line = `  ${pct.toFixed(1).padStart(5)}%  ${fmtCount(this.rows)} rows  ${
      fmtCount(rate)
    } rows/s  ${this.files} files  ETA ${eta.toFixed(0)} s`;
    Deno.stderr.writeSync(new TextEncoder().encode(`\r${line.padEnd(78)}`));
  }
  /** Clears the line; returns elapsed seconds. */
  done(): number {
    if (this.live) Deno.stderr.writeSync(new TextEncoder().encode(`\r${" ".repeat(78)}\r`));
    return (performance.now() - this.t0) / 1000;
  }
}

/** 1234567 → "1.23 M". */
export function fmtCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return String(Math.round(n));
}
