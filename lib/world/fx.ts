/**
 * Daily FX rates: each currency's value in the reporting currency follows a
 * mean-reverting random walk on its log, anchored on a fixed day so that
 * changing the period never changes the rates of days both periods share.
 *
 * @module
 */

import { parseDay } from "../core/dates.ts";
import { normal } from "../core/dist.ts";
import { Stream } from "../core/rng.ts";
import { COUNTRIES } from "./geography.ts";

/** The fixed day every FX walk starts from. */
export const FX_ANCHOR_DAY = parseDay("2015-01-01");
/** Daily volatility of log FX rates (about 8 % a year). */
export const FX_DAILY_VOL = 0.005;
/** Daily pull of the log rate back towards its anchor. */
export const FX_REVERSION = 0.002;

/** Units of local currency per US dollar, by currency, at the anchor. */
export function perUsdAnchor(): Map<string, number> {
  return new Map(COUNTRIES.map((c) => [c.currency, c.perUsd]));
}

/**
 * US dollars per unit of `currency` for each day from the anchor to `end`
 * (index 0 = anchor day). USD is exactly 1.
 */
export function usdPerUnitSeries(seed: number, currency: string, end: number): Float64Array {
  const n = end - FX_ANCHOR_DAY + 1;
  const out = new Float64Array(Math.max(0, n));
  const anchor = 1 / (perUsdAnchor().get(currency) ?? 1);
  if (currency === "USD") return out.fill(1);
  const s = new Stream(seed, `fx/${currency}`);
  let x = 0;
  for (let i = 0; i < n; i++) {
    out[i] = anchor * Math.exp(x);
    x = x * (1 - FX_REVERSION) + normal(s, i, 0, FX_DAILY_VOL);
  }
  return out;
}

/** Rate converting one unit of `currency` into `reporting` on day index i of two USD series. */
export function crossRate(unitUsd: number, reportingUsd: number): number {
  return unitUsd / reportingUsd;
}
