/**
 * Registry entries of the world tier: geography, calendar, FX, companies, sites.
 *
 * @module
 */

import { col, opt } from "../schema/columns.ts";
import type { TableDef } from "../schema/types.ts";
import { geoModel } from "./geography.ts";
import { holidays } from "./calendar.ts";
import { COMPANIES, sitesModel } from "./companies.ts";

/** The world tables. */
export const WORLD_TABLES: TableDef[] = [
  {
    name: "countries",
    tier: "world",
    description: "Countries the dataset covers, with currency, tax and shelf units.",
    columns: [
      col("country_code", "str", "ISO 3166-1 alpha-2 code."),
      col("country_name", "str", "English name."),
      col("currency", "str", "ISO 4217 code of the local currency; all local prices are in it."),
      col("unit_system", "str", "Shelf units for oil: 'us' (qt, gal) or 'metric' (L)."),
      col("tax_rate_bp", "i32", "Sales tax or VAT rate applied at retail.", "basis points"),
      col("tax_included", "bool", "True when shelf prices include tax (VAT countries)."),
      col("hemisphere", "str", "'north' or 'south' (decides the seasons)."),
      col("locale", "str", "Locale used for generated names and addresses."),
    ],
    primaryKey: ["country_code"],
    scaleRule: "fixed: one row per country in the run (option world.countries)",
    rowCount: (ctx) => geoModel(ctx).countries.length,
  },
  {
    name: "geo_segments",
    tier: "world",
    description:
      "Geo segments: regions of a country at which prices and costs are set (the price book is per segment).",
    columns: [
      col("segment_id", "i32", "Segment id (1-based)."),
      col("segment_code", "str", "Stable code, e.g. 'US-NE'."),
      col("country_code", "str", "Country of the segment."),
      col("segment_name", "str", "English or local name of the region."),
      col("demand_weight", "f64", "Share of its country's demand; sums to 1 within a country."),
      col("price_index", "f64", "Price level relative to the country average (1 = average)."),
    ],
    primaryKey: ["segment_id"],
    foreignKeys: [{ columns: ["country_code"], table: "countries", references: ["country_code"] }],
    scaleRule: "fixed: the segments of the run's countries",
    rowCount: (ctx) => geoModel(ctx).segments.length,
  },
  {
    name: "calendar",
    tier: "world",
    description: "One row per day of the period: calendar, ISO week, fiscal period and season.",
    columns: [
      col("date", "date", "The day."),
      col("year", "i16", "Calendar year."),
      col("quarter", "i16", "Calendar quarter 1–4."),
      col("month", "i16", "Month 1–12."),
      col("month_name", "str", "English month name."),
      col("day_of_month", "i16", "Day of month 1–31."),
      col("day_of_year", "i16", "Day of year 1–366."),
      col("iso_year", "i16", "ISO 8601 week-numbering year."),
      col("iso_week", "i16", "ISO 8601 week 1–53."),
      col("weekday", "i16", "ISO weekday: 1 = Monday … 7 = Sunday."),
      col("weekday_name", "str", "English weekday name."),
      col("is_weekend", "bool", "Saturday or Sunday."),
      col(
        "fiscal_year",
        "i16",
        "Retail fiscal year (starts 1 February; named for its first year).",
      ),
      col("fiscal_period", "i16", "Fiscal period 1–12 (February = 1)."),
      col("season_north", "str", "Meteorological season in the northern hemisphere."),
      col("season_south", "str", "Meteorological season in the southern hemisphere."),
    ],
    primaryKey: ["date"],
    scaleRule: "fixed: one row per day from --start to --end",
    rowCount: (ctx) => ctx.end - ctx.start + 1,
  },
  {
    name: "holidays",
    tier: "world",
    description: "Public holidays per country in the period, and whether stores close.",
    columns: [
      col("country_code", "str", "Country."),
      col("date", "date", "The holiday."),
      col("holiday_name", "str", "Name of the holiday."),
      col("stores_closed", "bool", "True when retail stores are closed that day."),
    ],
    primaryKey: ["country_code", "date"],
    foreignKeys: [
      { columns: ["country_code"], table: "countries", references: ["country_code"] },
      { columns: ["date"], table: "calendar", references: ["date"] },
    ],
    scaleRule: "fixed: national holidays of each country in the period",
    rowCount: (ctx) =>
      holidays(geoModel(ctx).countries.map((c) => c.code), ctx.start, ctx.end).length,
  },
  {
    name: "fx_rates",
    tier: "world",
    description:
      "Daily FX rates: units of the reporting currency for one unit of each local currency (a mean-reverting random walk around plausible levels).",
    columns: [
      col("date", "date", "The day."),
      col("currency", "str", "Local currency (ISO 4217)."),
      col("reporting_currency", "str", "Reporting currency (ISO 4217)."),
      col("rate", "f64", "Reporting-currency units per one unit of `currency`.", "ratio"),
    ],
    primaryKey: ["date", "currency"],
    foreignKeys: [{ columns: ["date"], table: "calendar", references: ["date"] }],
    scaleRule: "fixed: one row per day × distinct currency of the run",
    rowCount: (ctx) =>
      (ctx.end - ctx.start + 1) * new Set(geoModel(ctx).countries.map((c) => c.currency)).size,
  },
  {
    name: "companies",
    tier: "world",
    description:
      "The four fictional companies of the chain: lubricant maker, filter maker, distributor, retailer.",
    columns: [
      col("company_id", "i32", "Company id."),
      col("company_name", "str", "Coined company name (fictional)."),
      col("role", "str", "lubricant_manufacturer, filter_manufacturer, distributor or retailer."),
      col(
        "hq_country",
        "str",
        "ISO code of the head office's country (it may lie outside the run's countries).",
      ),
      col("founded_year", "i16", "Year founded."),
      col("description", "str", "What the company does."),
    ],
    primaryKey: ["company_id"],
    scaleRule: "fixed: 4 rows",
    rowCount: () => COMPANIES.length,
  },
  {
    name: "sites",
    tier: "world",
    description:
      "Plants, distribution centres, stores and online shops, each in a geo segment, with an opening date.",
    columns: [
      col("site_id", "i32", "Site id."),
      col("company_id", "i32", "Owning company."),
      col(
        "site_type",
        "str",
        "blending_plant, filter_plant, distribution_centre, store or online.",
      ),
      col("site_name", "str", "Display name."),
      col("segment_id", "i32", "Geo segment the site is in (its prices follow that segment)."),
      col("country_code", "str", "Country of the site."),
      col("city", "str", "City."),
      col("latitude", "f64", "Latitude.", "degrees"),
      col("longitude", "f64", "Longitude.", "degrees"),
      col("open_date", "date", "First day of trading or operation."),
      opt("floor_area_m2", "i32", "Sales floor (stores) or building area (plants, DCs).", "m²"),
      opt("store_format", "str", "standard, hub, express or online (stores and online only)."),
      col(
        "traffic_index",
        "f64",
        "Relative shopper traffic (1 = typical standard store; 0 if not retail).",
      ),
    ],
    primaryKey: ["site_id"],
    foreignKeys: [
      { columns: ["company_id"], table: "companies", references: ["company_id"] },
      { columns: ["segment_id"], table: "geo_segments", references: ["segment_id"] },
      { columns: ["country_code"], table: "countries", references: ["country_code"] },
    ],
    scaleRule:
      "grows with scale: 5 plants, one distribution centre per segment, max(12, 200 × SF) stores, one online shop per country",
    rowCount: (ctx) => sitesModel(ctx).length,
  },
];
