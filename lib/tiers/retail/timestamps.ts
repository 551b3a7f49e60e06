/**
 * When things happen within a day: the hour-of-day profiles of baskets (DIY,
 * trade, Sunday, online) and returns, a basket's or return's second of the
 * day, timestamps in milliseconds, and the {@link DaySchedule} that puts a
 * day's baskets in time order.
 *
 * @module
 */

import { weightedIndex } from "../../core/dist.ts";
import type { Stream } from "../../core/rng.ts";
import { BASKET_DRAW, basketRow } from "./draws.ts";

/** Milliseconds per day (timestamps are ms since the epoch, UTC wall clock of the site). */
export const MS_DAY = 86_400_000;
const TWO32 = 2 ** 32;

/** Relative number of DIY baskets by hour of day (0–23), Monday to Saturday. */
const HOURS_DIY = [
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  .3,
  .6,
  .9,
  1.2,
  1.3,
  1.1,
  1,
  1.1,
  1.2,
  1.3,
  1.2,
  .9,
  .6,
  .3,
  0,
  0,
  0,
];
/** Relative number of trade baskets by hour of day, Monday to Saturday. */
const HOURS_TRADE = [
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  1.4,
  1.6,
  1.3,
  1,
  .8,
  .7,
  .7,
  .7,
  .7,
  .8,
  .7,
  .4,
  .2,
  .1,
  0,
  0,
  0,
];
/** Relative number of store baskets (any shopper) by hour of day on Sundays. */
const HOURS_SUNDAY = [
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  1,
  1.2,
  1.2,
  1.1,
  1.1,
  1,
  .8,
  .5,
  0,
  0,
  0,
  0,
  0,
  0,
];
/** Relative number of online baskets by hour of day, every day. */
const HOURS_ONLINE = [
  .4,
  .2,
  .1,
  .08,
  .08,
  .15,
  .35,
  .6,
  .8,
  .9,
  1,
  1,
  1.1,
  1,
  1,
  1,
  1,
  1.1,
  1.3,
  1.5,
  1.6,
  1.4,
  1,
  .7,
];

/** Cumulative weights normalised to end at 1 (for {@link weightedIndex} with a uniform). */
export function cumulative(w: readonly number[]): Float64Array {
  const c = new Float64Array(w.length);
  let t = 0;
  for (let i = 0; i < w.length; i++) c[i] = t += w[i];
  for (let i = 0; i < w.length; i++) c[i] /= t;
  return c;
}
const CUM_DIY = cumulative(HOURS_DIY), CUM_TRADE = cumulative(HOURS_TRADE);
const CUM_SUNDAY = cumulative(HOURS_SUNDAY), CUM_ONLINE = cumulative(HOURS_ONLINE);

/** ISO weekday of Sunday. */
const SUNDAY = 7;

/** Cumulative hour profile of a basket: online all week; at a store Sunday's, else the shopper's. */
export function basketHours(online: boolean, weekday: number, diy: boolean): Float64Array {
  return online ? CUM_ONLINE : weekday === SUNDAY ? CUM_SUNDAY : diy ? CUM_DIY : CUM_TRADE;
}

/** Cumulative hour profile of a return: online all week; at a store Sunday's, else the DIY one. */
export function returnHours(online: boolean, weekday: number): Float64Array {
  return online ? CUM_ONLINE : weekday === SUNDAY ? CUM_SUNDAY : CUM_DIY;
}

/**
 * A second of the day (0 … 86 399): the hour from profile `hours` (slot
 * `hourDraw`), the second within it uniform (slot `secondDraw`).
 */
export function secondOfDay(
  s: Stream,
  row: number,
  hours: Float64Array,
  hourDraw: number,
  secondDraw: number,
): number {
  return weightedIndex(hours, s.u01(row, hourDraw)) * 3600 +
    Math.floor(s.u01(row, secondDraw) * 3600);
}

/** The timestamp (ms) of second `sec` of `day` (days since the epoch). */
export function timestampMs(day: number, sec: number): number {
  return day * MS_DAY + sec * 1000;
}

/**
 * The times of one day's baskets and their time order, in arrays reused from
 * day to day. Order keys are time · 2^32 + basket (exact in a double), so a
 * native numeric sort orders by time, then basket number.
 */
export class DaySchedule {
  /** Second of the day of each basket (index = basket number), valid for the last {@link plan}. */
  times = new Float64Array(256);
  private order = new Float64Array(256);

  /**
   * Draws the second of the day of each of `day`'s `n` baskets (the first
   * `nDiy` are DIY; `s` is the baskets stream) and returns their order keys sorted by time: the basket
   * number of a key is {@link basketOfKey}.
   */
  plan(
    s: Stream,
    day: number,
    weekday: number,
    n: number,
    nDiy: number,
    online: boolean,
  ): Float64Array {
    if (this.times.length < n) {
      (this.times = new Float64Array(n * 2), this.order = new Float64Array(n * 2));
    }
    const times = this.times, order = this.order;
    for (let b = 0; b < n; b++) {
      const row = basketRow(day, b);
      const hours = basketHours(online, weekday, b < nDiy);
      times[b] = secondOfDay(s, row, hours, BASKET_DRAW.hour, BASKET_DRAW.second);
      order[b] = times[b] * TWO32 + b;
    }
    return order.subarray(0, n).sort();
  }
}

/** The basket number of an order key of {@link DaySchedule.plan}. */
export function basketOfKey(key: number): number {
  return key % TWO32;
}
