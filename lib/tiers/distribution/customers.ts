/**
 * Brightaxle's customers at one distribution centre: the retailer's sites
 * whose replenishment orders go to it (ship-to accounts), then the trade
 * accounts of its segment.
 *
 * Two layers, as in retail:
 * - the behavioural model ({@link dcCustomers}): kind, size, order rate,
 *   terms, tier, opening day — hash functions of (seed, DC, account), cheap;
 * - the identity ({@link customerColumns}): company and contact names and
 *   addresses from Faker in the segment's locale, seeded per DC, so an
 *   account's identity depends only on (seed, DC, account number).
 *
 * @module
 */

import { allFakers } from "@faker-js/faker";
import { dayOf } from "../../core/dates.ts";
import { lognormal, normalInv } from "../../core/dist.ts";
import { Stream, streamKey } from "../../core/rng.ts";
import type { Columns } from "../../gen/types.ts";
import type { RunContext } from "../../world/context.ts";
import { memoize } from "../../world/context.ts";
import { type Site, sitesModel } from "../../world/companies.ts";
import { geoModel } from "../../world/geography.ts";
import {
  ACCOUNT_SIZE_SIGMA,
  CREDIT_LIMIT_DAYS,
  PRICE_TIERS,
  RETAILER_TERMS,
  TERMS,
  TRADE_PROFILE,
  TRADE_SINCE,
  TRADE_TYPES,
  type TradeType,
} from "./params.ts";

/** Customer ids are dc_site_id × this + the account's number at the DC. */
export const CUSTOMER_ID_STRIDE = 1_000_000;

/** Customer kinds in code order: the retailer's sites, then the trade kinds. */
export const CUSTOMER_KINDS = ["retailer_site", ...TRADE_TYPES] as const;

/** The customers of one distribution centre (parallel arrays; index = account number). */
export interface DcCustomers {
  /** The DC. */
  dc: Site;
  /** Segment index (0-based). */
  segment: number;
  /** Accounts 0 … retail-1 are the retailer's sites. */
  retail: number;
  /** Number of trade accounts (accounts retail … retail+trade-1). */
  trade: number;
  /** Retail site id of each ship-to account (retailer accounts only). */
  retailSiteId: Int32Array;
  /** Account number of a retail site id (retailer accounts). */
  accountOfSite: Map<number, number>;
  /** Code into {@link CUSTOMER_KINDS}. */
  kind: Uint8Array;
  /** Relative size (order rate and lines scale with it; 1 = typical). */
  size: Float64Array;
  /** Opening day. */
  since: Int32Array;
  /** Index into {@link TERMS} (retailer sites: -1, their contract). */
  terms: Int8Array;
  /** Index into {@link PRICE_TIERS} (retailer sites: 0, their contract price is wholesale). */
  tier: Uint8Array;
  /** ISO weekday (1–5) on which a fleet orders; 0 for others. */
  fleetDay: Uint8Array;
  /** City index within the segment. */
  city: Int32Array;
}

/** Trade accounts of each segment: tradeAccountsPerScale × scale spread by the segment's store count, at least 2. */
export function tradeAccountsBySegment(ctx: RunContext): number[] {
  return memoize("distribution.tradeAccounts", ctx, () => {
    const geo = geoModel(ctx);
    const stores = new Array(geo.segments.length).fill(0);
    for (const s of sitesModel(ctx)) if (s.type === "store") stores[s.segment]++;
    const total = stores.reduce((a, b) => a + b, 0) || 1;
    const want = ctx.options.distribution.tradeAccountsPerScale * ctx.scale;
    return stores.map((n) => Math.max(2, Math.round((want * n) / total)));
  });
}

/** The distribution centre of a segment. */
export function dcOfSegment(ctx: RunContext, segment: number): Site {
  return sitesModel(ctx).find((s) => s.type === "distribution_centre" && s.segment === segment)!;
}

/** The retailer's sites a DC serves: the stores and online shops of its segment, by site id. */
export function retailSitesOf(ctx: RunContext, segment: number): Site[] {
  return sitesModel(ctx).filter((s) =>
    (s.type === "store" || s.type === "online") && s.segment === segment
  );
}

/** Size quantile thresholds that split accounts into the four price tiers (quartiles of the lognormal). */
const TIER_CUTS = [0.25, 0.5, 0.75].map((q) => Math.exp(ACCOUNT_SIZE_SIGMA * normalInv(q)));

/** The customers of the DC of `segment` (pure; memoised per run). */
export function dcCustomers(ctx: RunContext, segment: number): DcCustomers {
  return memoize(`distribution.customers.${segment}`, ctx, () => {
    const dc = dcOfSegment(ctx, segment);
    const sites = retailSitesOf(ctx, segment);
    const R = sites.length, T = tradeAccountsBySegment(ctx)[segment];
    const n = R + T;
    const s = new Stream(ctx.seed, `distributor_customers/${dc.id}`);
    const c: DcCustomers = {
      dc,
      segment,
      retail: R,
      trade: T,
      retailSiteId: Int32Array.from(sites, (x) => x.id),
      accountOfSite: new Map(sites.map((x, i) => [x.id, i])),
      kind: new Uint8Array(n),
      size: new Float64Array(n),
      since: new Int32Array(n),
      terms: new Int8Array(n),
      tier: new Uint8Array(n),
      fleetDay: new Uint8Array(n),
      city: new Int32Array(n),
    };
    const cities = geoModel(ctx).segments[segment].cities.length;
    const firstTrade = dayOf(TRADE_SINCE.year, 1, 1);
    for (let i = 0; i < n; i++) {
      c.city[i] = s.int(i, cities, 0);
      if (i < R) {
        c.size[i] = 1;
        // A site's account opens a month before the site does (or long ago).
        c.since[i] = sites[i].openDay - 30;
        c.terms[i] = -1;
        continue;
      }
      let u = s.u01(i, 1), k = 0;
      while (k < TRADE_TYPES.length - 1 && u >= TRADE_PROFILE[TRADE_TYPES[k]].share) {
        u -= TRADE_PROFILE[TRADE_TYPES[k]].share;
        k++;
      }
      c.kind[i] = k + 1;
      c.size[i] = lognormal(s, i, -(ACCOUNT_SIZE_SIGMA ** 2) / 2, ACCOUNT_SIZE_SIGMA, 2);
      // Opened between 2005 and the end of the period; about one in eight during it.
      const span = ctx.end - firstTrade;
      c.since[i] = firstTrade + Math.floor(Math.pow(s.u01(i, 3), 0.7) * span);
      let v = s.u01(i, 4), t = 0;
      while (t < TERMS.length - 1 && v >= TERMS[t].share) (v -= TERMS[t].share, t++);
      c.terms[i] = TRADE_TYPES[k] === "fleet" && s.chance(i, 0.5, 5) ? 3 : t;
      c.tier[i] = TIER_CUTS.filter((x) => c.size[i] > x).length;
      c.fleetDay[i] = TRADE_TYPES[k] === "fleet" ? 1 + s.int(i, 5, 6) : 0;
    }
    return c;
  });
}

/** The trade kind of an account (null for a retailer site). */
export function tradeTypeOf(c: DcCustomers, i: number): TradeType | null {
  return c.kind[i] === 0 ? null : TRADE_TYPES[c.kind[i] - 1];
}

const COMPANY_NAMES: Record<string, Record<TradeType, ((l: string, c: string) => string)[]>> = {
  en: {
    garage: [(l) => `${l} Auto Repair`, (l) => `${l} Motors`, (_l, c) => `${c} Car Care`],
    quick_lube: [(_l, c) => `${c} Quick Lube`, (l) => `Lube Express ${l}`],
    fleet: [(l) => `${l} Logistics`, (_l, c) => `${c} Transit Fleet`, (l) => `${l} Haulage`],
    reseller: [(l) => `${l} Auto Parts`, (_l, c) => `${c} Motor Factors`],
  },
  de: {
    garage: [(l) => `Kfz-Werkstatt ${l}`, (l) => `Autoservice ${l}`],
    quick_lube: [(_l, c) => `Ölwechsel-Express ${c}`, (l) => `Schnellservice ${l}`],
    fleet: [(l) => `${l} Logistik GmbH`, (_l, c) => `Fuhrpark ${c}`],
    reseller: [(l) => `Autoteile ${l}`, (_l, c) => `Teilehandel ${c}`],
  },
  fr: {
    garage: [(l) => `Garage ${l}`, (l) => `Mécanique ${l}`],
    quick_lube: [(_l, c) => `Vidange Express ${c}`, (l) => `Centre Auto ${l}`],
    fleet: [(l) => `Transports ${l}`, (_l, c) => `Flotte ${c}`],
    reseller: [(l) => `Pièces Auto ${l}`, (_l, c) => `Accessoires ${c}`],
  },
};

/** ASCII, lower-case, dots for spaces: the local part of a made-up e-mail address. */
function emailPart(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, ".").replace(/^\.|\.$/g, "");
}

/**
 * The `distributor_customers` rows of one DC: identities from Faker (seeded
 * per DC, drawn in account order), terms, tiers and credit limits.
 * `expectedDaily` is each account's expected purchases per day (minor units),
 * from which its credit limit is set.
 */
export function customerColumns(
  ctx: RunContext,
  c: DcCustomers,
  expectedDaily: Float64Array,
): Columns {
  const geo = geoModel(ctx);
  const seg = geo.segments[c.segment];
  const country = geo.countries.find((x) => x.code === seg.country)!;
  const faker = allFakers[country.locale as keyof typeof allFakers];
  faker.seed(streamKey(ctx.seed, `distributor_customers/faker/${c.dc.id}`));
  const lang = country.locale.startsWith("de")
    ? "de"
    : country.locale.startsWith("fr")
    ? "fr"
    : "en";
  const s = new Stream(ctx.seed, "distributor_customers.identity");
  const sites = new Map(sitesModel(ctx).map((x) => [x.id, x]));
  const n = c.retail + c.trade;
  const company: string[] = [], contact: string[] = [], email: string[] = [];
  const street: string[] = [], city: string[] = [], postal: string[] = [];
  const terms: string[] = [], tier: string[] = [];
  const id = new Float64Array(n), termsDays = new Int32Array(n), discBp = new Int32Array(n);
  const credit = new Float64Array(n), tierBp = new Int32Array(n);
  const retailSite = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const cid = c.dc.id * CUSTOMER_ID_STRIDE + i;
    id[i] = cid;
    const first = faker.person.firstName(), last = faker.person.lastName();
    const st = faker.location.streetAddress(), zip = faker.location.zipCode();
    const town = seg.cities[c.city[i]][0];
    const type = tradeTypeOf(c, i);
    if (type === null) {
      const site = sites.get(c.retailSiteId[i])!;
      company.push(`Gearwell Auto Parts — ${site.name}`);
      city.push(site.city);
      retailSite[i] = site.id;
      terms.push(RETAILER_TERMS.name);
      termsDays[i] = RETAILER_TERMS.days;
      tier.push("contract");
    } else {
      const names = COMPANY_NAMES[lang][type];
      company.push(names[s.int(cid, names.length, 0)](last, town));
      city.push(town);
      const t = TERMS[c.terms[i]];
      terms.push(t.name);
      termsDays[i] = t.days;
      discBp[i] = t.discountBp;
      tier.push(PRICE_TIERS[c.tier[i]].tier);
      tierBp[i] = PRICE_TIERS[c.tier[i]].discountBp;
    }
    contact.push(`${first} ${last}`);
    const domain = ["example.com", "example.net", "example.org"][s.int(cid, 3, 1)];
    email.push(
      `${emailPart(first)}.${emailPart(last)}@${emailPart(company[i]).slice(0, 20)}.${domain}`,
    );
    street.push(st);
    postal.push(zip);
    credit[i] = Math.max(
      1000_00,
      Math.round((expectedDaily[i] * CREDIT_LIMIT_DAYS) / 500_00) * 500_00,
    );
  }
  return {
    customer_id: id,
    customer_type: { codes: c.kind.subarray(0, n), pool: CUSTOMER_KINDS },
    company_name: company,
    contact_name: contact,
    email,
    street_address: street,
    city,
    postal_code: postal,
    country_code: new Array<string>(n).fill(country.code),
    segment_id: new Int32Array(n).fill(c.segment + 1),
    dc_site_id: new Int32Array(n).fill(c.dc.id),
    retail_site_id: retailSite,
    customer_since: c.since.subarray(0, n),
    payment_terms: terms,
    terms_days: termsDays,
    early_pay_discount_bp: discBp,
    credit_limit: credit,
    price_tier: tier,
    tier_discount_bp: tierBp,
  };
}
