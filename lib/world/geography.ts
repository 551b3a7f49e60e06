/**
 * Countries and their geo segments: the unit at which prices and costs are set.
 * Static reference data; `geoModel(ctx)` keeps the countries a run asked for.
 *
 * @module
 */

import type { RunContext } from "./context.ts";
import { memoize } from "./context.ts";

/** A country partsflow can populate. */
export interface Country {
  /** ISO 3166-1 alpha-2 code. */
  code: string;
  /** English name. */
  name: string;
  /** ISO 4217 currency code. */
  currency: string;
  /** Units the shelf uses for oil: US customary (qt, gal) or metric (L). */
  units: "us" | "metric";
  /** Faker locale for names and addresses. */
  locale: string;
  /** Sales tax / VAT rate in basis points (an average for the US and Canada). */
  taxBp: number;
  /** True when shelf prices include the tax (VAT countries). */
  taxIncluded: boolean;
  /** Hemisphere, for seasons. */
  hemisphere: "north" | "south";
  /** Units of local currency per US dollar at the start of 2023 (FX anchor). */
  perUsd: number;
}

/** A geo segment: a region of a country with its own price level and demand weight. */
export interface Segment {
  /** Stable code, e.g. `US-NE`. */
  code: string;
  /** Country code. */
  country: string;
  /** English name. */
  name: string;
  /** Share of the country's demand (weights within a country sum to 1). */
  weight: number;
  /** Price level relative to the country average (1 = average). */
  priceIndex: number;
  /** Cities used to place sites, with latitude and longitude. */
  cities: readonly [name: string, lat: number, lon: number][];
}

/** Every country partsflow knows. */
export const COUNTRIES: readonly Country[] = [
  {
    code: "US",
    name: "United States",
    currency: "USD",
    units: "us",
    locale: "en_US",
    taxBp: 700,
    taxIncluded: false,
    hemisphere: "north",
    perUsd: 1,
  },
  {
    code: "CA",
    name: "Canada",
    currency: "CAD",
    units: "metric",
    locale: "en_CA",
    taxBp: 1300,
    taxIncluded: false,
    hemisphere: "north",
    perUsd: 1.35,
  },
  {
    code: "GB",
    name: "United Kingdom",
    currency: "GBP",
    units: "metric",
    locale: "en_GB",
    taxBp: 2000,
    taxIncluded: true,
    hemisphere: "north",
    perUsd: 0.83,
  },
  {
    code: "DE",
    name: "Germany",
    currency: "EUR",
    units: "metric",
    locale: "de",
    taxBp: 1900,
    taxIncluded: true,
    hemisphere: "north",
    perUsd: 0.94,
  },
  {
    code: "FR",
    name: "France",
    currency: "EUR",
    units: "metric",
    locale: "fr",
    taxBp: 2000,
    taxIncluded: true,
    hemisphere: "north",
    perUsd: 0.94,
  },
  {
    code: "AU",
    name: "Australia",
    currency: "AUD",
    units: "metric",
    locale: "en_AU",
    taxBp: 1000,
    taxIncluded: true,
    hemisphere: "south",
    perUsd: 1.47,
  },
];

/** Every geo segment, grouped by country. */
export const SEGMENTS: readonly Segment[] = [
  {
    code: "US-NE",
    country: "US",
    name: "Northeast",
    weight: 0.18,
    priceIndex: 1.06,
    cities: [
      ["Boston", 42.36, -71.06],
      ["Philadelphia", 39.95, -75.17],
      ["Albany", 42.65, -73.76],
      ["Hartford", 41.76, -72.68],
    ],
  },
  {
    code: "US-SE",
    country: "US",
    name: "Southeast",
    weight: 0.26,
    priceIndex: 0.97,
    cities: [["Atlanta", 33.75, -84.39], ["Charlotte", 35.23, -80.84], ["Tampa", 27.95, -82.46], [
      "Nashville",
      36.16,
      -86.78,
    ]],
  },
  {
    code: "US-MW",
    country: "US",
    name: "Midwest",
    weight: 0.21,
    priceIndex: 0.96,
    cities: [["Chicago", 41.88, -87.63], ["Columbus", 39.96, -83.0], [
      "Indianapolis",
      39.77,
      -86.16,
    ], ["Kansas City", 39.1, -94.58]],
  },
  {
    code: "US-SW",
    country: "US",
    name: "Southwest",
    weight: 0.16,
    priceIndex: 0.98,
    cities: [["Dallas", 32.78, -96.8], ["Houston", 29.76, -95.37], ["Phoenix", 33.45, -112.07], [
      "San Antonio",
      29.42,
      -98.49,
    ]],
  },
  {
    code: "US-W",
    country: "US",
    name: "West",
    weight: 0.19,
    priceIndex: 1.08,
    cities: [["Los Angeles", 34.05, -118.24], ["Sacramento", 38.58, -121.49], [
      "Portland",
      45.52,
      -122.68,
    ], ["Denver", 39.74, -104.99]],
  },
  {
    code: "CA-E",
    country: "CA",
    name: "Ontario & Quebec",
    weight: 0.62,
    priceIndex: 1.0,
    cities: [["Toronto", 43.65, -79.38], ["Montreal", 45.5, -73.57], ["Ottawa", 45.42, -75.7]],
  },
  {
    code: "CA-W",
    country: "CA",
    name: "Western Canada",
    weight: 0.38,
    priceIndex: 1.02,
    cities: [["Calgary", 51.05, -114.07], ["Vancouver", 49.28, -123.12], [
      "Edmonton",
      53.55,
      -113.49,
    ]],
  },
  {
    code: "GB-S",
    country: "GB",
    name: "South of England",
    weight: 0.5,
    priceIndex: 1.04,
    cities: [["London", 51.51, -0.13], ["Bristol", 51.45, -2.59], ["Southampton", 50.9, -1.4]],
  },
  {
    code: "GB-N",
    country: "GB",
    name: "North of England",
    weight: 0.32,
    priceIndex: 0.97,
    cities: [["Manchester", 53.48, -2.24], ["Leeds", 53.8, -1.55], ["Newcastle", 54.98, -1.62]],
  },
  {
    code: "GB-SW",
    country: "GB",
    name: "Scotland & Wales",
    weight: 0.18,
    priceIndex: 0.98,
    cities: [["Glasgow", 55.86, -4.25], ["Edinburgh", 55.95, -3.19], ["Cardiff", 51.48, -3.18]],
  },
  {
    code: "DE-N",
    country: "DE",
    name: "Norddeutschland",
    weight: 0.33,
    priceIndex: 1.0,
    cities: [["Hamburg", 53.55, 9.99], ["Hannover", 52.37, 9.74], ["Bremen", 53.08, 8.8]],
  },
  {
    code: "DE-S",
    country: "DE",
    name: "Süddeutschland",
    weight: 0.42,
    priceIndex: 1.03,
    cities: [["München", 48.14, 11.58], ["Stuttgart", 48.78, 9.18], ["Nürnberg", 49.45, 11.08]],
  },
  {
    code: "DE-O",
    country: "DE",
    name: "Ostdeutschland",
    weight: 0.25,
    priceIndex: 0.96,
    cities: [["Berlin", 52.52, 13.4], ["Leipzig", 51.34, 12.37], ["Dresden", 51.05, 13.74]],
  },
  {
    code: "FR-IDF",
    country: "FR",
    name: "Île-de-France",
    weight: 0.3,
    priceIndex: 1.05,
    cities: [["Paris", 48.86, 2.35], ["Versailles", 48.8, 2.13], ["Créteil", 48.79, 2.46]],
  },
  {
    code: "FR-N",
    country: "FR",
    name: "Nord & Est",
    weight: 0.3,
    priceIndex: 0.98,
    cities: [["Lille", 50.63, 3.06], ["Strasbourg", 48.57, 7.75], ["Rouen", 49.44, 1.1]],
  },
  {
    code: "FR-S",
    country: "FR",
    name: "Sud",
    weight: 0.4,
    priceIndex: 0.99,
    cities: [["Lyon", 45.76, 4.84], ["Marseille", 43.3, 5.37], ["Toulouse", 43.6, 1.44], [
      "Bordeaux",
      44.84,
      -0.58,
    ]],
  },
  {
    code: "AU-E",
    country: "AU",
    name: "East Coast",
    weight: 0.77,
    priceIndex: 1.0,
    cities: [["Sydney", -33.87, 151.21], ["Melbourne", -37.81, 144.96], [
      "Brisbane",
      -27.47,
      153.03,
    ]],
  },
  {
    code: "AU-W",
    country: "AU",
    name: "West & South",
    weight: 0.23,
    priceIndex: 1.02,
    cities: [["Perth", -31.95, 115.86], ["Adelaide", -34.93, 138.6]],
  },
];

/** The countries and segments of one run, with dense integer ids. */
export interface GeoModel {
  /** Countries the run populates, in {@link COUNTRIES} order. */
  countries: Country[];
  /** Segments of those countries; `segment_id` = index + 1. */
  segments: Segment[];
  /** Country of a segment index. */
  countryOf(segmentIndex: number): Country;
}

/** The geography of a run (memoised). */
export function geoModel(ctx: RunContext): GeoModel {
  return memoize("geo", ctx, () => {
    const wanted = new Set(ctx.options.world.countries);
    const countries = COUNTRIES.filter((c) => wanted.has(c.code as never));
    const segments = SEGMENTS.filter((s) => wanted.has(s.country as never));
    const byCode = new Map(countries.map((c) => [c.code, c]));
    return { countries, segments, countryOf: (i) => byCode.get(segments[i].country)! };
  });
}
