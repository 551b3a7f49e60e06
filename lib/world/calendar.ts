/**
 * The calendar: days with their week, month, fiscal period and season, and
 * each country's public holidays (with whether stores close).
 *
 * @module
 */

import { dayOf, easterSunday, isoWeekday, nthWeekday, ymd } from "../core/dates.ts";

/** A public holiday of one country on one day. */
export interface Holiday {
  /** Country code. */
  country: string;
  /** Day number. */
  day: number;
  /** Local name in English. */
  name: string;
  /** Whether retail stores are closed that day. */
  storesClosed: boolean;
}

type Rule = [name: string, day: (year: number) => number, closed: boolean];

const fixed = (m: number, d: number) => (y: number) => dayOf(y, m, d);
const easter = (offset: number) => (y: number) => easterSunday(y) + offset;
const nth = (m: number, wd: number, n: number) => (y: number) => nthWeekday(y, m, wd, n);

/** Holiday rules per country (the national holidays that move retail traffic). */
const RULES: Record<string, Rule[]> = {
  US: [
    ["New Year's Day", fixed(1, 1), false],
    ["Martin Luther King Jr. Day", nth(1, 1, 3), false],
    ["Memorial Day", nth(5, 1, -1), false],
    ["Independence Day", fixed(7, 4), false],
    ["Labor Day", nth(9, 1, 1), false],
    ["Thanksgiving Day", nth(11, 4, 4), true],
    ["Christmas Day", fixed(12, 25), true],
  ],
  CA: [
    ["New Year's Day", fixed(1, 1), true],
    ["Good Friday", easter(-2), false],
    [
      "Victoria Day",
      (y) => nthWeekday(y, 5, 1, -1) - (dayOf(y, 5, 25) <= nthWeekday(y, 5, 1, -1) ? 7 : 0),
      false,
    ],
    ["Canada Day", fixed(7, 1), false],
    ["Labour Day", nth(9, 1, 1), false],
    ["Thanksgiving", nth(10, 1, 2), false],
    ["Christmas Day", fixed(12, 25), true],
    ["Boxing Day", fixed(12, 26), false],
  ],
  GB: [
    ["New Year's Day", fixed(1, 1), false],
    ["Good Friday", easter(-2), false],
    ["Easter Monday", easter(1), false],
    ["Early May Bank Holiday", nth(5, 1, 1), false],
    ["Spring Bank Holiday", nth(5, 1, -1), false],
    ["Summer Bank Holiday", nth(8, 1, -1), false],
    ["Christmas Day", fixed(12, 25), true],
    ["Boxing Day", fixed(12, 26), false],
  ],
  DE: [
    ["Neujahr", fixed(1, 1), true],
    ["Karfreitag", easter(-2), true],
    ["Ostermontag", easter(1), true],
    ["Tag der Arbeit", fixed(5, 1), true],
    ["Christi Himmelfahrt", easter(39), true],
    ["Pfingstmontag", easter(50), true],
    ["Tag der Deutschen Einheit", fixed(10, 3), true],
    ["1. Weihnachtstag", fixed(12, 25), true],
    ["2. Weihnachtstag", fixed(12, 26), true],
  ],
  FR: [
    ["Jour de l'an", fixed(1, 1), true],
    ["Lundi de Pâques", easter(1), false],
    ["Fête du Travail", fixed(5, 1), true],
    ["Victoire 1945", fixed(5, 8), false],
    ["Ascension", easter(39), false],
    ["Lundi de Pentecôte", easter(50), false],
    ["Fête nationale", fixed(7, 14), false],
    ["Assomption", fixed(8, 15), false],
    ["Toussaint", fixed(11, 1), false],
    ["Armistice 1918", fixed(11, 11), false],
    ["Noël", fixed(12, 25), true],
  ],
  AU: [
    ["New Year's Day", fixed(1, 1), false],
    ["Australia Day", fixed(1, 26), false],
    ["Good Friday", easter(-2), true],
    ["Easter Monday", easter(1), false],
    ["Anzac Day", fixed(4, 25), false],
    ["King's Birthday", nth(6, 1, 2), false],
    ["Christmas Day", fixed(12, 25), true],
    ["Boxing Day", fixed(12, 26), false],
  ],
};

/** Holidays of the given countries between two day numbers (inclusive), sorted by country then day. */
export function holidays(countries: readonly string[], start: number, end: number): Holiday[] {
  const out: Holiday[] = [];
  const y0 = ymd(start).year, y1 = ymd(end).year;
  for (const c of countries) {
    const list: Holiday[] = [];
    for (let y = y0; y <= y1; y++) {
      for (const [name, rule, closed] of RULES[c] ?? []) {
        const day = rule(y);
        if (day >= start && day <= end) list.push({ country: c, day, name, storesClosed: closed });
      }
    }
    list.sort((a, b) => a.day - b.day || a.name.localeCompare(b.name));
    out.push(...list);
  }
  return out;
}

/** Fiscal year (starts 1 February, named for the calendar year it starts in) and period 1–12. */
export function fiscalOf(day: number): { year: number; period: number } {
  const { year, month } = ymd(day);
  return month >= 2 ? { year, period: month - 1 } : { year: year - 1, period: 12 };
}

const SEASONS_NORTH = [
  "winter",
  "winter",
  "spring",
  "spring",
  "spring",
  "summer",
  "summer",
  "summer",
  "autumn",
  "autumn",
  "autumn",
  "winter",
];
const SEASONS_SOUTH = [
  "summer",
  "summer",
  "autumn",
  "autumn",
  "autumn",
  "winter",
  "winter",
  "winter",
  "spring",
  "spring",
  "spring",
  "summer",
];

/** Meteorological season of a month (1–12) in a hemisphere. */
export function seasonOf(month: number, hemisphere: "north" | "south"): string {
  return (hemisphere === "north" ? SEASONS_NORTH : SEASONS_SOUTH)[month - 1];
}

/** True on Saturday and Sunday. */
export function isWeekend(day: number): boolean {
  return isoWeekday(day) >= 6;
}
