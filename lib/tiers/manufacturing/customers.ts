/**
 * The makers' customers at one plant: one ship-to account per Brightaxle
 * distribution centre it supplies, then outside accounts (other
 * distributors, fleets, industrial users) in the segments of those DCs, with
 * Faker company names seeded per plant. Their order volume is set against
 * Brightaxle's, so the outside share of a maker's units does not depend on
 * the scale.
 *
 * @module
 */

import { allFakers } from "@faker-js/faker";
import { dayOf } from "../../core/dates.ts";
import { lognormal } from "../../core/dist.ts";
import { Stream, streamKey } from "../../core/rng.ts";
import type { Columns } from "../../gen/types.ts";
import type { RunContext } from "../../world/context.ts";
import { COUNTRY_MARKET, sitesModel } from "../../world/companies.ts";
import { geoModel } from "../../world/geography.ts";
import { CHAIN_TERMS, MAKER_TERMS, OUTSIDE_CUSTOMERS, OUTSIDE_PRICE_BP } from "./params.ts";
import type { Plant } from "./plants.ts";

/** Customer ids are plant_site_id × this + the account's number at the plant. */
export const MFG_CUSTOMER_STRIDE = 1_000_000;

/** Customer kinds in code order. */
export const MFG_CUSTOMER_KINDS = [
  "chain_distributor",
  "distributor",
  "fleet",
  "industrial",
] as const;

/** The accounts of one plant (parallel arrays; index = account number). */
export interface PlantCustomers {
  /** Accounts 0 … chain-1 are Brightaxle's DCs. */
  chain: number;
  /** Total accounts. */
  n: number;
  /** Code into {@link MFG_CUSTOMER_KINDS}. */
  kind: Uint8Array;
  /** Segment index (0-based). */
  segment: Int32Array;
  /** DC site id (chain accounts), else 0. */
  dcSiteId: Int32Array;
  /** Account number of a DC site id. */
  accountOfDc: Map<number, number>;
  /** Index into MAKER_TERMS (outside), -1 for the chain contract. */
  terms: Int8Array;
  /** Price adjustment against transfer, bp. */
  priceBp: Int32Array;
  /** Relative size (mean 1 over outside accounts). */
  size: Float64Array;
  /** Day the account opened. */
  since: Int32Array;
}

/** The accounts of a plant (pure). */
export function plantCustomers(ctx: RunContext, plant: Plant): PlantCustomers {
  const geo = geoModel(ctx);
  const dcs = sitesModel(ctx).filter((s) =>
    s.type === "distribution_centre" && plant.segments.includes(s.segment)
  );
  const market = plant.segments.reduce(
    (a, seg) => a + (COUNTRY_MARKET[geo.countryOf(seg).code] ?? 0.05) * geo.segments[seg].weight,
    0,
  );
  const outside = ctx.options.manufacturing.outsideShare > 0
    ? Math.max(
      3,
      Math.round(ctx.options.manufacturing.outsideAccountsPerScale * ctx.scale * market / 2),
    )
    : 0;
  const n = dcs.length + outside;
  const c: PlantCustomers = {
    chain: dcs.length,
    n,
    kind: new Uint8Array(n),
    segment: new Int32Array(n),
    dcSiteId: new Int32Array(n),
    accountOfDc: new Map(),
    terms: new Int8Array(n).fill(-1),
    priceBp: new Int32Array(n),
    size: new Float64Array(n),
    since: new Int32Array(n),
  };
  dcs.forEach((dc, i) => {
    c.segment[i] = dc.segment;
    c.dcSiteId[i] = dc.id;
    c.accountOfDc.set(dc.id, i);
    c.since[i] = Math.min(dc.openDay, ctx.start);
  });
  const s = new Stream(ctx.seed, `manufacturer_customers/${plant.site.id}`);
  const weights = plant.segments.map((seg) =>
    (COUNTRY_MARKET[geo.countryOf(seg).code] ?? 0.05) * geo.segments[seg].weight
  );
  const total = weights.reduce((a, b) => a + b, 0);
  let sizeSum = 0;
  for (let i = dcs.length; i < n; i++) {
    let u = s.u01(i, 0) * total, k = 0;
    while (k < weights.length - 1 && u >= weights[k]) u -= weights[k++];
    c.segment[i] = plant.segments[k];
    let v = s.u01(i, 1), kind = 0;
    while (kind < OUTSIDE_CUSTOMERS.length - 1 && v >= OUTSIDE_CUSTOMERS[kind].share) {
      v -= OUTSIDE_CUSTOMERS[kind++].share;
    }
    c.kind[i] = kind + 1;
    const type = OUTSIDE_CUSTOMERS[kind];
    c.priceBp[i] = OUTSIDE_PRICE_BP[type.type];
    c.size[i] = lognormal(s, i, -(type.sizeSigma ** 2) / 2, type.sizeSigma, 2);
    sizeSum += c.size[i];
    let w = s.u01(i, 3), t = 0;
    while (t < MAKER_TERMS.length - 1 && w >= MAKER_TERMS[t].share) w -= MAKER_TERMS[t++].share;
    c.terms[i] = t;
    c.since[i] = dayOf(1995, 1, 1) + s.int(i, dayOf(2022, 12, 31) - dayOf(1995, 1, 1), 4);
  }
  const outsideN = n - dcs.length;
  for (let i = dcs.length; i < n; i++) c.size[i] *= outsideN / sizeSum;
  return c;
}

/** Terms of an account: name, days and early-payment discount. */
export function termsOf(
  c: PlantCustomers,
  a: number,
): { name: string; days: number; discountBp: number } {
  return c.terms[a] < 0 ? CHAIN_TERMS : MAKER_TERMS[c.terms[a]];
}

/** The `manufacturer_customers` rows of a plant: names from Faker (seeded per plant). */
export function customerColumns(ctx: RunContext, plant: Plant, c: PlantCustomers): Columns {
  const geo = geoModel(ctx);
  const faker = allFakers.en;
  faker.seed(streamKey(ctx.seed, `manufacturer_customers/faker/${plant.site.id}`));
  const sites = new Map(sitesModel(ctx).map((x) => [x.id, x]));
  const s = new Stream(ctx.seed, `manufacturer_customers/city/${plant.site.id}`);
  const name: string[] = [], city: string[] = [], country: string[] = [], terms: string[] = [];
  const id = new Float64Array(c.n), dc = new Float64Array(c.n).fill(NaN);
  const termsDays = new Int32Array(c.n), disc = new Int32Array(c.n);
  for (let i = 0; i < c.n; i++) {
    id[i] = plant.site.id * MFG_CUSTOMER_STRIDE + i;
    const seg = geo.segments[c.segment[i]];
    const company = faker.company.name();
    if (i < c.chain) {
      const site = sites.get(c.dcSiteId[i])!;
      name.push(`Brightaxle Distribution — ${site.name}`);
      city.push(site.city);
      dc[i] = site.id;
    } else {
      name.push(company);
      city.push(seg.cities[s.int(i, seg.cities.length, 0)][0]);
    }
    country.push(seg.country);
    const t = termsOf(c, i);
    terms.push(t.name);
    termsDays[i] = t.days;
    disc[i] = t.discountBp;
  }
  return {
    customer_id: id,
    maker_company_id: new Int32Array(c.n).fill(plant.maker),
    plant_site_id: new Int32Array(c.n).fill(plant.site.id),
    customer_type: { codes: c.kind, pool: MFG_CUSTOMER_KINDS },
    company_name: name,
    city,
    country_code: country,
    segment_id: Int32Array.from(c.segment, (x) => x + 1),
    dc_site_id: dc,
    customer_since: c.since,
    payment_terms: terms,
    terms_days: termsDays,
    early_pay_discount_bp: disc,
    price_adjust_bp: c.priceBp,
  };
}
