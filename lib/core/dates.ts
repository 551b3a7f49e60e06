/**
 * Dates as day numbers: days since 1970-01-01 (UTC), the same integer that
 * Parquet's DATE type stores. Pure arithmetic, no time zones.
 *
 * @module
 */

const MS_PER_DAY = 86_400_000;

/** Day number of an ISO date `YYYY-MM-DD`; throws on a malformed or impossible date. */
export function parseDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not a date (want YYYY-MM-DD): ${iso}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`no such date: ${iso}`);
  }
  return ms / MS_PER_DAY;
}

/** Day number of a calendar date (month 1–12). */
export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** ISO `YYYY-MM-DD` of a day number. */
export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Year, month (1–12) and day of month of a day number. */
export function ymd(day: number): { year: number; month: number; day: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** ISO 8601 week-numbering year and week (1–53). */
export function isoWeek(day: number): { year: number; week: number } {
  const thursday = day - isoWeekday(day) + 4;
  const year = ymd(thursday).year;
  const jan1 = dayOf(year, 1, 1);
  return { year, week: Math.floor((thursday - jan1) / 7) + 1 };
}

/** Day of the year, 1–366. */
export function dayOfYear(day: number): number {
  return day - dayOf(ymd(day).year, 1, 1) + 1;
}

/** The n-th (1-based) given ISO weekday of a month; n = -1 is the last one. */
export function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = dayOf(year, month, 1);
    const offset = (weekday - isoWeekday(first) + 7) % 7;
    return first + offset + (n - 1) * 7;
  }
  const last = dayOf(year, month + 1, 1) - 1;
  const back = (isoWeekday(last) - weekday + 7) % 7;
  return last - back;
}

/** Western Easter Sunday of a year (anonymous Gregorian algorithm). */
export function easterSunday(year: number): number {
  const a = year % 19, b = Math.floor(year / 100), c = year % 100;
  const d = Math.floor(b / 4), e = b % 4, f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dd = ((h + l - 7 * m + 114) % 31) + 1;
  return dayOf(year, month, dd);
}

/** Milliseconds since the epoch of a day number plus seconds into that day (for timestamps). */
export function timestampMs(day: number, secondOfDay: number): number {
  return day * MS_PER_DAY + secondOfDay * 1000;
}
