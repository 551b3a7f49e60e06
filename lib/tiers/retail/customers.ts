/**
 * Retail customers: loyalty members (DIY hobbyists) and trade accounts
 * (semi-professional mechanics), each attached to a preferred site, and the
 * vehicles they own.
 *
 * Two layers:
 * - the behavioural model ({@link siteCustomers}): join day, activity weight
 *   and vehicles — pure hash functions of (seed, customer id), cheap, used by
 *   the basket simulation of any time slice;
 * - the identity ({@link customerIdentities}): names and addresses from Faker
 *   in the locale of the site's country. A site split over several chunks
 *   spreads its customers over them in blocks of {@link CUSTOMER_BLOCK}, so no
 *   chunk holds a big site's whole customer list. Faker is seeded per site and
 *   block from the seed, the site id and the block number, and draws the
 *   block's customers in id order, so a customer's identity depends only on
 *   (seed, site, customer id) — never on chunking or workers.
 *
 * Customers are numbered densely, site by site in site id order:
 * loyalty members first, then trade accounts (see `demand.ts`).
 *
 * @module
 */

import { allFakers } from "@faker-js/faker";
import { dayOf, ymd } from "../../core/dates.ts";
import { AliasTable, lognormal, normalInv } from "../../core/dist.ts";
import { Stream, streamKey } from "../../core/rng.ts";
import type { Catalog } from "../../catalog/model.ts";
import type { Columns } from "../../gen/types.ts";
import type { RunContext } from "../../world/context.ts";
import { memoize } from "../../world/context.ts";
import { geoModel } from "../../world/geography.ts";
import type { RetailSite } from "./demand.ts";

/** The loyalty programme's launch: no member joined before it. */
export const LOYALTY_LAUNCH_DAY = dayOf(2014, 3, 1);
/** Earliest join day of a trade account. */
export const TRADE_LAUNCH_DAY = dayOf(2008, 1, 1);
/** Vehicles per loyalty member: P(1), P(2), P(3). */
export const VEHICLES_PER_MEMBER = [0.6, 0.3, 0.1];
/** Probability that a trade account records a vehicle of its own (a van or pick-up). */
export const P_TRADE_VEHICLE = 0.5;
/**
 * Median yearly distance driven in a vehicle's first year, km, by country
 * (lognormal, sigma {@link ANNUAL_KM_SPREAD}.sigma, clipped at `clip` sigmas).
 */
export const ANNUAL_KM: Record<string, number> = {
  US: 21000,
  CA: 17000,
  GB: 11500,
  DE: 13500,
  FR: 12500,
  AU: 13000,
};
/** Spread of the yearly distance: lognormal sigma, clipped at this many sigmas either side. */
export const ANNUAL_KM_SPREAD = { sigma: 0.35, clip: 2.5 } as const;
/**
 * A vehicle is driven less as it ages: its yearly distance is multiplied by
 * this factor every year. The direction is NHTSA's (Vehicle Survivability and
 * Travel Mileage Schedules, DOT HS 809 952, 2006: yearly mileage falls
 * steadily with a car's age); 4 % a year is the generator's choice. The
 * odometer sums it over the vehicle's age, so it saturates at 1 / −ln(0.96) ≈
 * 24.5 first years, whatever the age: with the clip, no reading passes 1.48
 * million km.
 */
export const MILEAGE_DECAY_PER_YEAR = 0.96;

/**
 * Kilometres a vehicle driven `annualKm` in its first year has covered after
 * `ageYears`, its use falling by {@link MILEAGE_DECAY_PER_YEAR} a year.
 */
export function kmDriven(annualKm: number, ageYears: number): number {
  const lnD = Math.log(MILEAGE_DECAY_PER_YEAR);
  return annualKm * (1 - Math.exp(lnD * ageYears)) / -lnD;
}

/** A first-year distance around `median`: lognormal, clipped (see {@link ANNUAL_KM_SPREAD}). */
function annualKmDraw(s: Stream, row: number, median: number, draw: number): number {
  const { sigma, clip } = ANNUAL_KM_SPREAD;
  const z = normalInv(s.u01(row, draw));
  return median * Math.exp(sigma * Math.max(-clip, Math.min(clip, z)));
}

/** Sigma of the activity weight (how often a customer shops) by customer type. */
export const ACTIVITY_SIGMA = { loyalty: 1.0, trade: 0.7 } as const;

/** The customers of one site, as the simulation needs them (parallel arrays, index = local number). */
export interface SiteCustomers {
  /** Loyalty members (locals 0 … loyalty-1), then trade accounts. */
  loyalty: number;
  /** Trade accounts. */
  trade: number;
  /** Global id of local 0 (ids are first + local). */
  firstId: number;
  /** Join day per customer. */
  joinDay: Int32Array;
  /** Picks a loyalty member (local index) from a uniform; null when there are none. */
  pickLoyalty: AliasTable | null;
  /** Picks a trade account (local index − loyalty) from a uniform; null when there are none. */
  pickTrade: AliasTable | null;
  /** Vehicles of customer i are vehicleId[vehStart[i] … vehStart[i+1]). */
  vehStart: Int32Array;
  /** Vehicle ids (1-based catalog ids). */
  vehicleId: Int32Array;
  /** Model year per vehicle. */
  modelYear: Int32Array;
  /** First day each vehicle is on the road (1 October before its model year); no purchase for it before. */
  onRoad: Int32Array;
  /** Yearly km per vehicle. */
  annualKm: Int32Array;
  /** Segment index of each customer's address. */
  segment: Int32Array;
  /** City of each customer (index into the segment's cities). */
  city: Int32Array;
}

/** Vehicles customers of a country drive, with a sampler by popularity on that market's roads. */
export interface VehiclePool {
  /** Vehicle ids. */
  ids: Int32Array;
  /** Sampler over `ids`. */
  alias: AliasTable;
}

/** Region of sale of the vehicles on each country's roads. */
export const VEHICLE_REGION: Record<string, string> = {
  US: "north_america",
  CA: "north_america",
  GB: "europe",
  DE: "europe",
  FR: "europe",
  AU: "australia",
};

/** The vehicles on the roads of a country, weighted by popularity (memoised per run). */
export function vehiclePool(ctx: RunContext, cat: Catalog, country: string): VehiclePool {
  return memoize(`retail.vehicles.${country}`, ctx, () => {
    const ids: number[] = [], w: number[] = [];
    for (const v of cat.vehicles) {
      if (v.region === VEHICLE_REGION[country]) (ids.push(v.id), w.push(v.popularity));
    }
    if (!ids.length) { for (const v of cat.vehicles) (ids.push(v.id), w.push(v.popularity)); }
    return { ids: Int32Array.from(ids), alias: new AliasTable(w) };
  });
}

/** The first day a model year's cars are on the road: 1 October of the year before. */
export function onRoadDay(modelYear: number): number {
  return dayOf(modelYear - 1, 10, 1);
}

/** The customers of one retail site (pure; cheap: no Faker). */
export function siteCustomers(ctx: RunContext, cat: Catalog, r: RetailSite): SiteCustomers {
  const n = r.loyalty + r.trade;
  const firstId = r.customerOffset + 1;
  const s = new Stream(ctx.seed, "retail_customers");
  const joinDay = new Int32Array(n);
  const weight = new Float64Array(n);
  const segment = new Int32Array(n), city = new Int32Array(n);
  const geo = geoModel(ctx);
  const countrySegs = geo.segments.map((sg, i) => [sg, i] as const).filter(([sg]) =>
    sg.country === r.country
  );
  const segAlias = new AliasTable(countrySegs.map(([sg]) => sg.weight));
  const online = r.site.type === "online";
  const storeCity = Math.max(
    0,
    geo.segments[r.site.segment].cities.findIndex((c) => c[0] === r.site.city),
  );
  const pool = vehiclePool(ctx, cat, r.country);
  const vehStart = new Int32Array(n + 1);
  const vIds: number[] = [], vYears: number[] = [], vKm: number[] = [];
  const endYear = ymd(ctx.end).year;
  for (let i = 0; i < n; i++) {
    const id = firstId + i;
    const trade = i >= r.loyalty;
    const from = Math.max(r.site.openDay, trade ? TRADE_LAUNCH_DAY : LOYALTY_LAUNCH_DAY);
    joinDay[i] = from + s.int(id, Math.max(1, ctx.end - from + 1), 0);
    weight[i] = lognormal(s, id, 0, trade ? ACTIVITY_SIGMA.trade : ACTIVITY_SIGMA.loyalty, 1);
    const seg = online ? countrySegs[segAlias.sample(s, id, 2)][1] : r.site.segment;
    segment[i] = seg;
    const cities = geo.segments[seg].cities.length;
    city[i] = !online && s.chance(id, 0.75, 3) ? storeCity : s.int(id, cities, 4);
    const u = s.u01(id, 5);
    const nv = trade
      ? (u < P_TRADE_VEHICLE ? 1 : 0)
      : u < VEHICLES_PER_MEMBER[0]
      ? 1
      : u < VEHICLES_PER_MEMBER[0] + VEHICLES_PER_MEMBER[1]
      ? 2
      : 3;
    for (let k = 0; k < nv; k++) {
      const draw = 8 + k * 4;
      let v = pool.ids[pool.alias.sample(s, id, draw)];
      for (let t = 1; t < 3 && vIds.slice(vehStart[i]).includes(v); t++) {
        v = pool.ids[pool.alias.sample(s, id, draw + t)];
      }
      if (vIds.slice(vehStart[i]).includes(v)) continue;
      const veh = cat.vehicles[v - 1];
      // Prefer a model year the customer could own when joining.
      const y1 = Math.max(
        Math.min(veh.yearFrom, endYear),
        Math.min(veh.yearTo, endYear, ymd(joinDay[i]).year),
      );
      const y0 = Math.min(veh.yearFrom, y1);
      vIds.push(v);
      vYears.push(y0 + s.int(id, y1 - y0 + 1, draw + 3));
      vKm.push(
        Math.round(
          annualKmDraw(s, id, ANNUAL_KM[r.country] ?? 14000, 7 + k * 50 + 100) / 100,
        ) * 100,
      );
    }
    vehStart[i + 1] = vIds.length;
  }
  return {
    loyalty: r.loyalty,
    trade: r.trade,
    firstId,
    joinDay,
    pickLoyalty: r.loyalty > 0 ? new AliasTable(weight.subarray(0, r.loyalty)) : null,
    pickTrade: r.trade > 0 ? new AliasTable(weight.subarray(r.loyalty)) : null,
    vehStart,
    vehicleId: Int32Array.from(vIds),
    modelYear: Int32Array.from(vYears),
    onRoad: Int32Array.from(vYears, onRoadDay),
    annualKm: Int32Array.from(vKm),
    segment,
    city,
  };
}

const TRADE_NAMES: Record<string, ((last: string, city: string) => string)[]> = {
  de: [(l) => `Kfz-Werkstatt ${l}`, (l) => `Autoservice ${l}`, (l, c) => `${l} Kfz-Technik ${c}`],
  fr: [(l) => `Garage ${l}`, (l) => `Auto Service ${l}`, (l, c) => `Mécanique ${l} ${c}`],
  en: [
    (l) => `${l} Auto Repair`,
    (l) => `${l} Motors`,
    (_l, c) => `${c} Car Care`,
    (l) => `${l} & Sons Garage`,
  ],
};

/** ASCII, lower-case, dots for spaces: the local part of a made-up e-mail address. */
function emailPart(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(
    /[^a-z0-9]+/g,
    ".",
  ).replace(
    /^\.|\.$/g,
    "",
  );
}

/**
 * Faker is seeded afresh every this many customers of a site, so any block of
 * a site's customers can be written alone (by whichever chunk holds it) and
 * comes out the same.
 */
export const CUSTOMER_BLOCK = 32768;

/**
 * Names, addresses and vehicle rows of a site's customers [lo, hi) (local
 * indices; all by default). Faker is seeded per site and per
 * {@link CUSTOMER_BLOCK}, so a customer's identity does not depend on which
 * range asked for it.
 */
export function customerIdentities(
  ctx: RunContext,
  r: RetailSite,
  c: SiteCustomers,
  lo = 0,
  hi = c.loyalty + c.trade,
): { customers: Columns; vehicles: Columns } {
  const geo = geoModel(ctx);
  const country = geo.countries.find((x) => x.code === r.country)!;
  const faker = allFakers[country.locale as keyof typeof allFakers];
  const seedBlock = (b: number) =>
    faker.seed(
      streamKey(ctx.seed, `retail_customers/faker/${r.site.id}${b ? `/${b}` : ""}`),
    );
  const identity = () => [
    faker.person.firstName(),
    faker.person.lastName(),
    faker.location.streetAddress(),
    faker.location.zipCode(),
  ];
  // Start lo's block and replay its customers before lo (their draws, not their rows).
  seedBlock(Math.floor(lo / CUSTOMER_BLOCK));
  for (let i = lo - (lo % CUSTOMER_BLOCK); i < lo; i++) identity();
  const n = hi - lo;
  const s = new Stream(ctx.seed, "retail_customers.identity");
  const lang = country.locale.startsWith("de")
    ? "de"
    : country.locale.startsWith("fr")
    ? "fr"
    : "en";
  const first: string[] = [],
    last: string[] = [],
    company: (string | null)[] = [],
    email: string[] = [];
  const street: string[] = [], postal: string[] = [], city: string[] = [];
  const id = new Float64Array(n), seg = new Int32Array(n), optIn = new Uint8Array(n);
  const typeCodes = new Uint8Array(n);
  for (let i = lo; i < hi; i++) {
    if (i > lo && i % CUSTOMER_BLOCK === 0) seedBlock(i / CUSTOMER_BLOCK);
    const j = i - lo;
    const cid = c.firstId + i;
    const trade = i >= c.loyalty;
    const [fn, ln, st, zip] = identity();
    const sg = geo.segments[c.segment[i]];
    const town = sg.cities[c.city[i]][0];
    id[j] = cid;
    typeCodes[j] = trade ? 1 : 0;
    first.push(fn);
    last.push(ln);
    street.push(st);
    postal.push(zip);
    city.push(town);
    seg[j] = c.segment[i] + 1;
    const names = TRADE_NAMES[lang];
    company.push(trade ? names[s.int(cid, names.length, 0)](ln, town) : null);
    const domain = ["example.com", "example.net", "example.org"][s.int(cid, 3, 1)];
    email.push(
      trade
        ? `${emailPart(company[j]!).slice(0, 24)}.${cid % 1000}@${domain}`
        : `${emailPart(fn)}.${emailPart(ln)}${cid % 100}@${domain}`,
    );
    optIn[j] = s.chance(cid, trade ? 0.4 : 0.62, 2) ? 1 : 0;
  }
  const v0 = c.vehStart[lo], nv = c.vehStart[hi] - v0;
  const vCust = new Float64Array(nv),
    vSeq = new Int32Array(nv),
    vOdo = new Int32Array(nv),
    vDate = new Int32Array(nv);
  for (let i = lo; i < hi; i++) {
    for (let k = c.vehStart[i]; k < c.vehStart[i + 1]; k++) {
      const cid = c.firstId + i;
      const v = k - v0;
      vCust[v] = cid;
      vSeq[v] = k - c.vehStart[i] + 1;
      // A model year's cars are on the road from the October before it; the reading is
      // taken when the customer joins, or a few months after the car came out.
      const onRoad = c.onRoad[k];
      vDate[v] = Math.max(c.joinDay[i], onRoad + 90);
      const ageYears = (vDate[v] - onRoad) / 365.25;
      vOdo[v] = Math.round(
        kmDriven(c.annualKm[k], ageYears) * (0.8 + 0.4 * s.u01(cid, 10 + k - c.vehStart[i])) / 10,
      ) * 10;
    }
  }
  return {
    customers: {
      customer_id: id,
      customer_type: { codes: typeCodes, pool: ["loyalty", "trade"] },
      first_name: first,
      last_name: last,
      company_name: company,
      email,
      street_address: street,
      city,
      postal_code: postal,
      country_code: new Array<string>(n).fill(r.country),
      segment_id: seg,
      preferred_site_id: new Int32Array(n).fill(r.site.id),
      join_date: c.joinDay.slice(lo, hi),
      marketing_opt_in: optIn,
    },
    vehicles: {
      customer_id: vCust,
      vehicle_seq: vSeq,
      vehicle_id: c.vehicleId.slice(v0, v0 + nv),
      model_year: c.modelYear.slice(v0, v0 + nv),
      odometer_km: vOdo,
      odometer_date: vDate,
      annual_km: c.annualKm.slice(v0, v0 + nv),
    },
  };
}
