/**
 * The retail tier's generators.
 *
 * - `retail` (a group): one chunk = a run of small sites, or a time slice of a
 *   big one (slices start on Mondays, so weekly stock rows stay whole). Each
 *   site is simulated from the first day; a slice replays the days before it
 *   without writing, so its stock, forecasts and running numbers are exactly
 *   those of an unsliced run. A site's customers and vehicles are written by
 *   its first slice. Chunking never changes the data, only the files.
 * - `promotions` (a group of two small tables, one chunk).
 *
 * @module
 */

import { isoWeekday } from "../../core/dates.ts";
import { catalogModel } from "../../catalog/model.ts";
import { priceBook } from "../../catalog/price_book.ts";
import type {
  ChunkSpec,
  ColumnData,
  Columns,
  DictColumn,
  GroupBatching,
  GroupGenerator,
} from "../../gen/types.ts";
import { memoize, type RunContext } from "../../world/context.ts";
import { geoModel } from "../../world/geography.ts";
import {
  CHANNELS,
  CUSTOMER_TYPES,
  PAYMENTS,
  SalesOut,
  type SimOut,
  type SimWorld,
  type SiteSimulator,
  siteSimulator,
} from "./baskets.ts";
import { CUSTOMER_BLOCK, customerIdentities, siteCustomers } from "./customers.ts";
import { demandPlan, type RetailSite } from "./demand.ts";
import { MEASURED } from "./estimates.ts";
import { LINES_PER_BASKET, RETURN_DELAY, RETURN_REASONS } from "./params.ts";
import { sitesModel } from "../../world/companies.ts";
import { AUDIENCES, promotionModel } from "./promotions.ts";
import { inventoryOut, OrdersOut } from "./stock.ts";
import { ChainKeeper } from "../../gen/chains.ts";
import { tableIn } from "../../gen/layout.ts";
import { RETAIL_TABLES } from "./tables.ts";

/** One site's share of a chunk: day indices [from, to) of the period. */
export interface SitePart {
  /** Site id. */
  site: number;
  /** First day index written. */
  from: number;
  /** Day index after the last one written. */
  to: number;
  /** First customer (local index) whose identity and vehicles this part writes. */
  custFrom: number;
  /** Customer (local index) after the last one this part writes. */
  custTo: number;
}

/**
 * The customers of a site split into `parts` ranges on {@link CUSTOMER_BLOCK}
 * boundaries (the last range ends at `n`): part j writes customers
 * [ranges[j], ranges[j+1]). A big site's customers are spread over its parts
 * so that no chunk holds more than a few blocks of names and addresses.
 */
export function customerRanges(n: number, parts: number): number[] {
  const blocks = Math.ceil(n / CUSTOMER_BLOCK);
  const out = [0];
  for (let j = 1; j < parts; j++) {
    out.push(Math.min(n, Math.floor((j * blocks) / parts) * CUSTOMER_BLOCK));
  }
  out.push(n);
  return out;
}

/** Tables of the retail group, in registry order. */
export const RETAIL_GROUP_TABLES = [
  "retail_customers",
  "customer_vehicles",
  "retail_transactions",
  "retail_transaction_lines",
  "retail_returns",
  "store_inventory",
  "store_replenishment_orders",
  "store_replenishment_order_lines",
];

/** The chunk plan of the retail group (pure). */
export function retailPlan(ctx: RunContext): ChunkSpec[] {
  const plan = demandPlan(ctx);
  const L = ctx.options.retail.linesPerChunk;
  const n = ctx.end - ctx.start + 1;
  const chunks: ChunkSpec[] = [];
  let cur: SitePart[] = [], curLines = 0;
  const flush = (chain?: string) => {
    if (cur.length) {
      const spec: ChunkSpec = {
        index: chunks.length,
        slice: { parts: cur },
        rows: Math.round(curLines),
      };
      if (chain) spec.chain = chain;
      chunks.push(spec);
    }
    cur = [];
    curLines = 0;
  };
  for (const r of plan.sites) {
    const E = r.expectedLines;
    if (E <= L) {
      if (cur.length && curLines + E > L) flush();
      cur.push({ site: r.site.id, from: 0, to: n, custFrom: 0, custTo: r.loyalty + r.trade });
      curLines += E;
      continue;
    }
    flush();
    const K = Math.ceil(E / L);
    const cuts = [0];
    let acc = 0, k = 1;
    for (let i = 0; i < n && k < K; i++) {
      acc += r.scale *
        (r.curves.diy[i] * LINES_PER_BASKET.diy + r.curves.trade[i] * LINES_PER_BASKET.trade);
      if (acc >= (k * E) / K) {
        let c = i + 1;
        while (c < n && isoWeekday(ctx.start + c) !== 1) c++;
        if (c < n && c > cuts[cuts.length - 1]) cuts.push(c);
        k++;
      }
    }
    cuts.push(n);
    const cr = customerRanges(r.loyalty + r.trade, cuts.length - 1);
    for (let j = 0; j + 1 < cuts.length; j++) {
      cur.push({
        site: r.site.id,
        from: cuts[j],
        to: cuts[j + 1],
        custFrom: cr[j],
        custTo: cr[j + 1],
      });
      curLines = E / (cuts.length - 1);
      flush(`site-${r.site.id}`);
    }
  }
  flush();
  return chunks;
}

function dict(codes: Uint8Array, pool: readonly string[]): DictColumn {
  return { codes, pool };
}

/** Concatenates the same columns of several parts (typed arrays, string arrays, dictionaries with one pool). */
export function concatColumns(parts: Columns[], names: string[]): Columns {
  const out: Columns = {};
  for (const name of names) {
    const cols = parts.map((p) => p[name]);
    const first = cols[0];
    if (Array.isArray(first)) {
      out[name] = ([] as (string | null)[]).concat(...(cols as (string | null)[][]));
    } else if (ArrayBuffer.isView(first)) {
      const len = cols.reduce((a, c) => a + (c as Int32Array).length, 0);
      const Ctor = (first as Int32Array).constructor as new (n: number) => Int32Array;
      const arr = new Ctor(len);
      let o = 0;
      for (const c of cols as Int32Array[]) (arr.set(c, o), o += c.length);
      out[name] = arr as ColumnData;
    } else {
      const d = cols as DictColumn[];
      const len = d.reduce((a, c) => a + c.codes.length, 0);
      const codes = new Uint8Array(len);
      let o = 0;
      for (const c of d) (codes.set(c.codes, o), o += c.codes.length);
      out[name] = { codes, pool: d[0].pool };
    }
  }
  return out;
}

const CUSTOMER_COLS = tableIn(RETAIL_TABLES, "retail_customers").columns.map((c) => c.name);
const VEHICLE_COLS = tableIn(RETAIL_TABLES, "customer_vehicles").columns.map((c) => c.name);

/** The simulation's world: catalog, price book, promotions, currencies (memoised inside). */
function simWorld(ctx: RunContext): SimWorld {
  return {
    ctx,
    cat: catalogModel(ctx),
    pb: priceBook(ctx),
    promos: promotionModel(ctx),
    currencies: [...new Set(geoModel(ctx).countries.map((c) => c.currency))],
  };
}

/** Unfinished site simulations this thread keeps between the chunks of a chain. */
const kept = new ChainKeeper<SiteSimulator>(4);

/** The simulator for one part [from, to) of a site (see `lib/gen/chains.ts`). */
function simulatorFor(world: SimWorld, r: RetailSite, from: number, to: number): SiteSimulator {
  const key = `${JSON.stringify(world.ctx.options)}\u0000${r.site.id}`;
  const days = world.ctx.end - world.ctx.start + 1;
  return kept.take(key, from, to, days, () => siteSimulator(world, r));
}

/** The distribution centre that supplies each retail site (the one of the site's segment). */
function supplierOf(ctx: RunContext): Map<number, number> {
  return memoize("retail.supplier_of_site", ctx, () => {
    const sites = sitesModel(ctx);
    const dcOf = new Map<number, number>();
    for (const s of sites) if (s.type === "distribution_centre") dcOf.set(s.segment, s.id);
    return new Map(sites.map((s) => [s.id, dcOf.get(s.segment) ?? 0]));
  });
}

/**
 * How the validator batches the retail group: a chunk's replenishment orders
 * link it to the distribution centres of its sites' segments (`dc_site_id`); a
 * row refers back at most to a sale within the return window (and a receipt to
 * its order, a week's stock to the week before), never ahead; a site's
 * customers and vehicles are spread over its parts.
 */
export const RETAIL_BATCHING: GroupBatching = {
  link: {
    column: "dc_site_id",
    values(ctx, chunk) {
      const dc = supplierOf(ctx);
      const parts = (chunk.slice as { parts: SitePart[] }).parts;
      return [...new Set(parts.map((p) => dc.get(p.site)!))].sort((a, b) => a - b);
    },
  },
  days(_ctx, chunk) {
    const parts = (chunk.slice as { parts: SitePart[] }).parts;
    return [Math.min(...parts.map((p) => p.from)), Math.max(...parts.map((p) => p.to))];
  },
  reach: { back: RETURN_DELAY.maxDays + 7, ahead: 0 },
  entityTables: ["retail_customers", "customer_vehicles"],
};

/** The retail group: customers, sales, returns, stock and replenishment, chunked by site. */
export const RETAIL_GROUP: GroupGenerator = {
  name: "retail",
  tables: RETAIL_GROUP_TABLES,
  plan: retailPlan,
  batching: RETAIL_BATCHING,
  generate(ctx, chunk, only) {
    const want = new Set(only);
    const plan = demandPlan(ctx);
    const world = simWorld(ctx);
    const parts = (chunk.slice as { parts: SitePart[] }).parts;
    const custParts: Columns[] = [], vehParts: Columns[] = [];
    // Only the tables asked for are written; the simulation is the same either way.
    const sim: SimOut = {
      sales: new SalesOut(Math.ceil((chunk.rows ?? 0) * 1.05), want),
      inv: want.has("store_inventory")
        ? inventoryOut(
          parts.reduce((t, x) => t + Math.ceil((x.to - x.from) / 7 + 1), 0) *
            MEASURED.inventoryRowsPerSiteWeek * 1.2,
        )
        : null,
      ord: want.has("store_replenishment_orders") || want.has("store_replenishment_order_lines")
        ? new OrdersOut()
        : null,
    };
    const needSim = RETAIL_GROUP_TABLES.slice(2).some((t) => want.has(t));
    for (const part of parts) {
      const r = plan.bySiteId.get(part.site)!;
      // A chain's simulator is kept from part to part, and with it the site's customer model.
      const siteSim = needSim ? simulatorFor(world, r, part.from, part.to) : null;
      if (
        part.custTo > part.custFrom &&
        (want.has("retail_customers") || want.has("customer_vehicles"))
      ) {
        const c = customerIdentities(
          ctx,
          r,
          siteSim?.customers ?? siteCustomers(ctx, world.cat, r),
          part.custFrom,
          part.custTo,
        );
        custParts.push(c.customers);
        vehParts.push(c.vehicles);
      }
      siteSim?.run(part.from, part.to, sim);
    }
    const { tx, lines, returns } = sim.sales;
    const out: Record<string, Columns> = {};
    if (want.has("retail_customers")) {
      out.retail_customers = custParts.length
        ? concatColumns(custParts, CUSTOMER_COLS)
        : emptyOf(CUSTOMER_COLS);
    }
    if (want.has("customer_vehicles")) {
      out.customer_vehicles = vehParts.length
        ? concatColumns(vehParts, VEHICLE_COLS)
        : emptyOf(VEHICLE_COLS);
    }
    if (tx) {
      const c = tx.columns();
      out.retail_transactions = {
        ...c,
        channel: dict(c.channel, CHANNELS),
        customer_type: dict(c.customer_type, CUSTOMER_TYPES),
        payment_type: dict(c.payment_type, PAYMENTS),
        currency: dict(c.currency, world.currencies),
      };
    }
    if (lines) out.retail_transaction_lines = lines.columns();
    if (returns) {
      const c = returns.columns();
      out.retail_returns = { ...c, reason: dict(c.reason, RETURN_REASONS) };
    }
    if (sim.inv) out.store_inventory = sim.inv.columns();
    if (sim.ord) {
      out.store_replenishment_orders = sim.ord.orders.columns();
      out.store_replenishment_order_lines = sim.ord.lines.columns();
    }
    return out;
  },
};

/** Zero-row columns (the writer casts them to the registry types). */
function emptyOf(names: string[]): Columns {
  return Object.fromEntries(names.map((n) => [n, new Int32Array(0)]));
}

/** The promotions group: promotions and promotion_products, one chunk. */
export const PROMOTIONS_GROUP: GroupGenerator = {
  name: "promotions",
  tables: ["promotions", "promotion_products"],
  plan: () => [{ index: 0, slice: { all: true } }],
  generate(ctx) {
    const ps = promotionModel(ctx).promotions;
    const n = ps.length;
    const pid: number[] = [], sku: number[] = [], price: number[] = [];
    for (const p of ps) {
      p.products.forEach((x, i) => (pid.push(p.id), sku.push(x + 1), price.push(p.promoPrice[i])));
    }
    const nullIf0 = (f: (i: number) => number) =>
      Float64Array.from({ length: n }, (_, i) => f(i) || NaN);
    return {
      promotions: {
        promotion_id: Int32Array.from(ps, (p) => p.id),
        promotion_name: ps.map((p) => p.name),
        mechanic: ps.map((p) => p.mechanic),
        campaign_code: ps.map((p) => p.campaign),
        segment_id: Int32Array.from(ps, (p) => p.segment + 1),
        audience: ps.map((p) => AUDIENCES[p.audience]),
        start_date: Int32Array.from(ps, (p) => p.start),
        end_date: Int32Array.from(ps, (p) => p.end),
        discount_bp: nullIf0((i) => ps[i].pctBp),
        buy_qty: nullIf0((i) => ps[i].buy),
        get_qty: nullIf0((i) => ps[i].get),
      },
      promotion_products: {
        promotion_id: Int32Array.from(pid),
        sku_id: Int32Array.from(sku),
        promo_price: Float64Array.from(price),
      },
    };
  },
};

/** Every retail group, for the engine's registry. */
export const RETAIL_GROUPS: GroupGenerator[] = [PROMOTIONS_GROUP, RETAIL_GROUP];
