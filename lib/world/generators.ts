/**
 * Generators of the world tables (all small: one chunk each).
 *
 * @module
 */

import { dayOfYear, isoWeek, isoWeekday, ymd } from "../core/dates.ts";
import { singleChunkPlan, type TableGenerator } from "../gen/types.ts";
import { fiscalOf, holidays, isWeekend, seasonOf } from "./calendar.ts";
import { COMPANIES, sitesModel } from "./companies.ts";
import { FX_ANCHOR_DAY, usdPerUnitSeries } from "./fx.ts";
import { geoModel } from "./geography.ts";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

const i32 = (xs: number[]) => Int32Array.from(xs);
const f64 = (xs: number[]) => Float64Array.from(xs);
const bool = (xs: boolean[]) => Uint8Array.from(xs, (b) => (b ? 1 : 0));

/** Generators of the world tier, by table name. */
export const WORLD_GENERATORS: TableGenerator[] = [
  {
    table: "countries",
    plan: () => singleChunkPlan(),
    generate(ctx) {
      const cs = geoModel(ctx).countries;
      return {
        country_code: cs.map((c) => c.code),
        country_name: cs.map((c) => c.name),
        currency: cs.map((c) => c.currency),
        unit_system: cs.map((c) => c.units),
        tax_rate_bp: i32(cs.map((c) => c.taxBp)),
        tax_included: bool(cs.map((c) => c.taxIncluded)),
        hemisphere: cs.map((c) => c.hemisphere),
        locale: cs.map((c) => c.locale),
      };
    },
  },
  {
    table: "geo_segments",
    plan: () => singleChunkPlan(),
    generate(ctx) {
      const ss = geoModel(ctx).segments;
      return {
        segment_id: i32(ss.map((_, i) => i + 1)),
        segment_code: ss.map((s) => s.code),
        country_code: ss.map((s) => s.country),
        segment_name: ss.map((s) => s.name),
        demand_weight: f64(ss.map((s) => s.weight)),
        price_index: f64(ss.map((s) => s.priceIndex)),
      };
    },
  },
  {
    table: "calendar",
    plan: () => singleChunkPlan(),
    generate(ctx) {
      const days: number[] = [];
      for (let d = ctx.start; d <= ctx.end; d++) days.push(d);
      const parts = days.map(ymd);
      const weeks = days.map(isoWeek);
      const fiscal = days.map(fiscalOf);
      return {
        date: i32(days),
        year: i32(parts.map((p) => p.year)),
        quarter: i32(parts.map((p) => Math.ceil(p.month / 3))),
        month: i32(parts.map((p) => p.month)),
        month_name: parts.map((p) => MONTHS[p.month - 1]),
        day_of_month: i32(parts.map((p) => p.day)),
        day_of_year: i32(days.map(dayOfYear)),
        iso_year: i32(weeks.map((w) => w.year)),
        iso_week: i32(weeks.map((w) => w.week)),
        weekday: i32(days.map(isoWeekday)),
        weekday_name: days.map((d) => WEEKDAYS[isoWeekday(d) - 1]),
        is_weekend: bool(days.map(isWeekend)),
        fiscal_year: i32(fiscal.map((f) => f.year)),
        fiscal_period: i32(fiscal.map((f) => f.period)),
        season_north: parts.map((p) => seasonOf(p.month, "north")),
        season_south: parts.map((p) => seasonOf(p.month, "south")),
      };
    },
  },
  {
    table: "holidays",
    plan: () => singleChunkPlan(),
    generate(ctx) {
      const hs = holidays(geoModel(ctx).countries.map((c) => c.code), ctx.start, ctx.end);
      return {
        country_code: hs.map((h) => h.country),
        date: i32(hs.map((h) => h.day)),
        holiday_name: hs.map((h) => h.name),
        stores_closed: bool(hs.map((h) => h.storesClosed)),
      };
    },
  },
  {
    table: "fx_rates",
    plan: () => singleChunkPlan(),
    generate(ctx) {
      const reporting = ctx.options.world.reportingCurrency;
      const currencies = [...new Set(geoModel(ctx).countries.map((c) => c.currency))];
      const rep = usdPerUnitSeries(ctx.seed, reporting, ctx.end);
      const series = currencies.map((c) => usdPerUnitSeries(ctx.seed, c, ctx.end));
      const date: number[] = [], currency: string[] = [], rate: number[] = [];
      for (let d = ctx.start; d <= ctx.end; d++) {
        const k = d - FX_ANCHOR_DAY;
        currencies.forEach((c, j) => {
          date.push(d);
          currency.push(c);
          rate.push(c === reporting ? 1 : Math.round((series[j][k] / rep[k]) * 1e6) / 1e6);
        });
      }
      return {
        date: i32(date),
        currency,
        reporting_currency: date.map(() => reporting),
        rate: f64(rate),
      };
    },
  },
  {
    table: "companies",
    plan: () => singleChunkPlan(),
    generate() {
      return {
        company_id: i32(COMPANIES.map((c) => c.id)),
        company_name: COMPANIES.map((c) => c.name),
        role: COMPANIES.map((c) => c.role),
        hq_country: COMPANIES.map((c) => c.hqCountry),
        founded_year: i32(COMPANIES.map((c) => c.founded)),
        description: COMPANIES.map((c) => c.description),
      };
    },
  },
  {
    table: "sites",
    plan: () => singleChunkPlan(),
    generate(ctx) {
      const geo = geoModel(ctx);
      const ss = sitesModel(ctx);
      return {
        site_id: i32(ss.map((s) => s.id)),
        company_id: i32(ss.map((s) => s.companyId)),
        site_type: ss.map((s) => s.type),
        site_name: ss.map((s) => s.name),
        segment_id: i32(ss.map((s) => s.segment + 1)),
        country_code: ss.map((s) => geo.segments[s.segment].country),
        city: ss.map((s) => s.city),
        latitude: f64(ss.map((s) => s.lat)),
        longitude: f64(ss.map((s) => s.lon)),
        open_date: i32(ss.map((s) => s.openDay)),
        floor_area_m2: f64(ss.map((s) => s.areaM2 ?? NaN)),
        store_format: ss.map((s) => s.format),
        traffic_index: f64(ss.map((s) => s.traffic)),
      };
    },
  },
];
