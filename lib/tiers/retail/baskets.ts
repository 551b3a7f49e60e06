/**
 * The retail simulation of one site, day by day: baskets (who, when, what),
 * prices and discounts, stock-outs, returns, and — through {@link Stock} —
 * inventory and replenishment.
 *
 * Per day: receive deliveries and restock returns; draw the number of DIY and
 * trade baskets (negative binomial around the demand plan); give each a time
 * of day and handle them in time order. A basket has a customer (a loyalty
 * member, a trade account, or anonymous), an occasion (DIY: an oil change —
 * oil of the vehicle's grade and the oil filter that fits it, maybe as the
 * vehicle's kit — or one to three parts; trade: one to six lines in bigger
 * quantities), and lines priced from the price book of the site's segment on
 * that day. A known DIY customer buys vehicle-specific SKUs (motor oil,
 * filters) for one of their own vehicles: the line records the vehicle, and
 * the SKU fits it.
 *
 * Every random value is a hash of (seed, site, day, basket, draw), so a time
 * slice of a site can be generated alone: it replays the days before it
 * (without writing) to reach the same stock and counters, then writes its own.
 *
 * Money: integer minor units; line amounts are qty × unit values. Tax: where
 * shelf prices include tax (VAT), net = round(paid · 10000 / (10000 + rate)) and
 * tax = paid − net; elsewhere net = paid and tax = round(net · rate / 10000),
 * added on top. margin = net − cost. Header totals are sums of the lines.
 *
 * @module
 */

import { shopDays } from "./deliveries.ts";
import { isoWeekday } from "../../core/dates.ts";
import { lognormal, negativeBinomialMean, poisson, weightedIndex } from "../../core/dist.ts";
import { Stream } from "../../core/rng.ts";
import type { Catalog } from "../../catalog/model.ts";
import type { PriceBook } from "../../catalog/price_book.ts";
import { memoize, type RunContext } from "../../world/context.ts";
import { geoModel } from "../../world/geography.ts";
import { sitesModel } from "../../world/companies.ts";
import { Choice, siteAssortment } from "./assortment.ts";
import { Block } from "./buffers.ts";
import { type SiteCustomers, siteCustomers, vehiclePool } from "./customers.ts";
import type { RetailSite } from "./demand.ts";
import {
  BASKET_DISPERSION,
  DIY_ITEMS,
  IS_FILTER,
  KIND_SEASON,
  KIND_WEIGHT_DIY,
  KIND_WEIGHT_TRADE,
  KINDS,
  P_CLICK_AND_COLLECT,
  P_KIT,
  P_LOYALTY,
  P_LUBE_KIT,
  P_OIL_CHANGE,
  P_OIL_CHANGE_EXTRA,
  P_TAKE_BXGY,
  P_TRADE_ACCOUNT,
  RETURN_DELAY,
  RETURN_RATE,
  RETURN_REASON_FILTER,
  RETURN_REASON_FLUID,
  RETURN_TRADE_FACTOR,
  TRADE_DISCOUNT_BP,
  TRADE_ITEMS,
  VEHICLE_SPECIFIC,
} from "./params.ts";
import type { PromotionModel } from "./promotions.ts";
import { seasonal } from "./demand.ts";
import { InventoryOut, OrdersOut, SITE_ID_STRIDE, Stock } from "./stock.ts";

/** Dictionary pools of the string columns the simulation writes. */
export const CHANNELS = ["in_store", "click_and_collect", "online"] as const;
/** Customer types of a basket. */
export const CUSTOMER_TYPES = ["anonymous", "loyalty", "trade"] as const;
/** Payment types. */
export const PAYMENTS = ["card", "cash", "mobile_wallet", "paypal", "trade_account"] as const;

/** Basket row stride: row = day × 2^20 + basket number within the day. */
const DAY_STRIDE = 1048576;
const MS_DAY = 86_400_000;
const MAX_LINES = 16;

/** Relative number of baskets by hour of day (0–23), by shopper. */
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

function cumulative(w: readonly number[]): Float64Array {
  const c = new Float64Array(w.length);
  let t = 0;
  for (let i = 0; i < w.length; i++) c[i] = t += w[i];
  for (let i = 0; i < w.length; i++) c[i] /= t;
  return c;
}
const CUM_DIY = cumulative(HOURS_DIY), CUM_TRADE = cumulative(HOURS_TRADE);
const CUM_SUNDAY = cumulative(HOURS_SUNDAY), CUM_ONLINE = cumulative(HOURS_ONLINE);
const CUM_DIY_ITEMS = cumulative(DIY_ITEMS), CUM_TRADE_ITEMS = cumulative(TRADE_ITEMS);
const CUM_REASON_FILTER = cumulative(RETURN_REASON_FILTER),
  CUM_REASON_FLUID = cumulative(RETURN_REASON_FLUID);

const TWO32 = 2 ** 32;

/**
 * Seasonal factor of every kind on every day of the run (row = day index,
 * column = kind), for one hemisphere; the same for every site, so built once
 * per run.
 */
export function kindSeasons(ctx: RunContext, south: boolean): Float64Array {
  return memoize(`retail.kindSeasons/${south}`, ctx, () => {
    const days = ctx.end - ctx.start + 1;
    const out = new Float64Array(days * KINDS.length);
    for (let i = 0; i < days; i++) {
      for (let k = 0; k < KINDS.length; k++) {
        const ks = KIND_SEASON[KINDS[k]];
        out[i * KINDS.length + k] = ks
          ? seasonal(ctx.start + i, ks.amplitude, ks.peakDayOfYear, south)
          : 1;
      }
    }
    return out;
  });
}

/** Layout of retail_transactions as the simulation writes it (codes for the dictionary columns). */
export const TRANSACTION_COLUMNS = {
  transaction_id: Float64Array,
  site_id: Int32Array,
  channel: Uint8Array,
  transaction_date: Int32Array,
  transaction_ts: Float64Array,
  customer_id: Float64Array,
  customer_type: Uint8Array,
  payment_type: Uint8Array,
  currency: Uint8Array,
  line_count: Int32Array,
  item_qty: Int32Array,
  list_amount: Float64Array,
  discount_amount: Float64Array,
  net_amount: Float64Array,
  tax_amount: Float64Array,
  total_amount: Float64Array,
  cost_amount: Float64Array,
  margin_amount: Float64Array,
};

/** Layout of retail_transaction_lines (NaN = null in the Float64 id columns). */
export const LINE_COLUMNS = {
  transaction_id: Float64Array,
  line_number: Int32Array,
  site_id: Int32Array,
  transaction_date: Int32Array,
  sku_id: Int32Array,
  qty: Int32Array,
  unit_list_price: Int32Array,
  unit_cost: Int32Array,
  list_amount: Int32Array,
  discount_amount: Int32Array,
  net_amount: Int32Array,
  tax_amount: Int32Array,
  cost_amount: Int32Array,
  margin_amount: Int32Array,
  promotion_id: Float64Array,
  kit_id: Float64Array,
  vehicle_id: Float64Array,
};

/** Layout of retail_returns (reason as a code). */
export const RETURN_COLUMNS = {
  return_id: Float64Array,
  transaction_id: Float64Array,
  line_number: Int32Array,
  site_id: Int32Array,
  return_date: Int32Array,
  return_ts: Float64Array,
  sku_id: Int32Array,
  qty: Int32Array,
  refund_amount: Float64Array,
  refund_tax_amount: Float64Array,
  reason: Uint8Array,
};

/**
 * Output columns of retail_transactions, retail_transaction_lines and
 * retail_returns. A table the run does not write has no block (null): the
 * simulation still makes every decision (stock, returns, counters are the
 * same), it only skips writing that table's values.
 */
export class SalesOut {
  /** retail_transactions, or null when not written. */
  readonly tx: Block<typeof TRANSACTION_COLUMNS> | null;
  /** retail_transaction_lines, or null when not written. */
  readonly lines: Block<typeof LINE_COLUMNS> | null;
  /** retail_returns, or null when not written. */
  readonly returns: Block<typeof RETURN_COLUMNS> | null;
  /** Sizes the blocks for about `lines` sales lines (they grow if needed); `tables` limits what is written (default: all). */
  constructor(lines = 1024, tables?: ReadonlySet<string>) {
    const want = (t: string) => !tables || tables.has(t);
    this.tx = want("retail_transactions")
      ? new Block(TRANSACTION_COLUMNS, Math.ceil(lines / 1.7))
      : null;
    this.lines = want("retail_transaction_lines") ? new Block(LINE_COLUMNS, lines) : null;
    this.returns = want("retail_returns")
      ? new Block(RETURN_COLUMNS, Math.ceil(lines * 0.04))
      : null;
  }
}

/** Everything one chunk writes from the simulation (null: that output is not written). */
export interface SimOut {
  /** Sales, lines, returns. */
  sales: SalesOut;
  /** Weekly stock snapshots. */
  inv: InventoryOut | null;
  /** Replenishment orders and lines. */
  ord: OrdersOut | null;
}

/** Shared, per-run inputs of the simulation. */
export interface SimWorld {
  /** The run. */
  ctx: RunContext;
  /** The catalog. */
  cat: Catalog;
  /** The price book. */
  pb: PriceBook;
  /** The promotion calendar. */
  promos: PromotionModel;
  /** The run's currencies (pool of the currency column). */
  currencies: string[];
}

/**
 * A site's simulation that can be continued: {@link SiteSimulator.run} goes on
 * from the day where the previous call stopped. Its state (stock, orders in
 * flight, pending returns, counters) evolves the same whether or not a day is
 * written, so continuing equals replaying from the first day.
 */
export interface SiteSimulator {
  /** The site's id. */
  readonly siteId: number;
  /** The site's customers (the model the baskets draw from). */
  readonly customers: SiteCustomers;
  /** Day index the next {@link run} starts from (0 before the first). */
  readonly next: number;
  /**
   * Simulates day indices [next, to), writing into `out` what happens from day
   * index `from` on. Throws if `from` is before {@link next} (days already gone).
   */
  run(from: number, to: number, out: SimOut): void;
}

/**
 * Simulates a site from the run's first day up to day index `to` (exclusive),
 * writing into `out` what happens from day index `from` on.
 */
export function simulateSite(
  w: SimWorld,
  r: RetailSite,
  from: number,
  to: number,
  out: SimOut,
): void {
  siteSimulator(w, r).run(from, to, out);
}

/** A new simulator of site `r`, at the run's first day (see {@link SiteSimulator}). */
export function siteSimulator(w: SimWorld, r: RetailSite): SiteSimulator {
  const { ctx, cat, pb, promos } = w;
  const geo = geoModel(ctx);
  const site = r.site;
  const siteId = site.id;
  const seg = site.segment;
  const country = geo.countryOf(seg);
  const market = country.units;
  const online = site.type === "online";
  const taxBp = country.taxBp, incl = country.taxIncluded;
  const cur = w.currencies.indexOf(country.currency);
  const south = country.hemisphere === "south";
  const dc = sitesModel(ctx).find((x) => x.type === "distribution_centre" && x.segment === seg)!;
  const curves = r.curves;
  const open = (i: number) => i >= r.firstIndex && i < curves.open.length && curves.open[i] === 1;

  const a = siteAssortment(ctx, cat, r, market);
  const choice = new Choice(ctx, cat, pb, promos, seg, a);
  const bp = choice.breakpoints();
  const cust = siteCustomers(ctx, cat, r);
  const pool = vehiclePool(ctx, cat, country.code);
  const bs = new Stream(ctx.seed, `retail.baskets/${siteId}`);
  const rs = new Stream(ctx.seed, `retail_returns/${siteId}`);
  const ds = new Stream(ctx.seed, `retail.days/${siteId}`);
  const shops = shopDays(ctx, country.code);
  const openDays = Math.max(1, curves.open.reduce((t, x, i) => t + (i >= r.firstIndex ? x : 0), 0));
  const stock = new Stock(
    ctx,
    cat,
    pb,
    a,
    siteId,
    dc.id,
    seg,
    online,
    open,
    new Stream(ctx.seed, `store_replenishment_orders/${siteId}`),
    site.openDay,
    (r.expectedLines / openDays) * 1.6,
    (i) => shops[i] === 1,
  );

  // Kits the site can sell: oil-change kits by vehicle; by trigger SKU, the first lube deal it triggers.
  const oilKits = new Map<number, number[]>();
  const lubeKitOf = new Int32Array(cat.products.length);
  for (const k of cat.kits) {
    if (k.market !== market || !k.components.every((c) => a.isRanged[c.productId - 1])) continue;
    if (k.kind === "oil_change" && k.vehicleId !== null) {
      if (!oilKits.has(k.vehicleId)) oilKits.set(k.vehicleId, []);
      oilKits.get(k.vehicleId)!.push(k.id);
    } else if (k.kind === "lube_deal") {
      const trig = k.components.find((c) => IS_FILTER[a.kindOf[c.productId - 1]]) ??
        k.components.find((c) => cat.products[c.productId - 1].kind === "grease") ??
        k.components[0];
      const p = trig.productId - 1;
      if (!lubeKitOf[p]) lubeKitOf[p] = k.id;
    }
  }

  // Scratch space for one basket.
  const bSku = new Int32Array(MAX_LINES),
    bQty = new Int32Array(MAX_LINES),
    bKit = new Int32Array(MAX_LINES);
  // Which kit a line belongs to (one number per kit added): the same kit twice is two bundles.
  const bInst = new Int32Array(MAX_LINES);
  let kitSeq = 0;
  const bVeh = new Int32Array(MAX_LINES),
    bDisc = new Float64Array(MAX_LINES),
    bPromo = new Int32Array(MAX_LINES);
  let nb = 0;
  const kindCum = [0, 1, 2, 3].map(() => new Float64Array(KINDS.length));
  const seasons = kindSeasons(ctx, south);
  let out: SimOut;
  // The blocks written by the current run() call (null: that table is not written).
  let T: Block<typeof TRANSACTION_COLUMNS> | null = null;
  let L: Block<typeof LINE_COLUMNS> | null = null;
  let R: Block<typeof RETURN_COLUMNS> | null = null;
  let next = 0;
  let txSeq = 0, retSeq = 0;

  const inBasket = (p: number) => {
    for (let j = 0; j < nb; j++) if (bSku[j] === p && bKit[j] === 0) return true;
    return false;
  };
  const add = (p: number, q: number, kit: number, veh: number) => {
    if (nb >= MAX_LINES || q <= 0) return;
    bSku[nb] = p;
    bQty[nb] = q;
    bKit[nb] = kit;
    bInst[nb] = kit ? kitSeq : 0;
    bVeh[nb] = veh;
    nb++;
  };
  /** A SKU of `kind` fitting vehicle v, weighted by the audience's weights; −1 if none is on sale. */
  const pickFit = (v: number, kind: number, aud: number, u: number) => {
    const ids = cat.fitsVehicleIn(v, KINDS[kind], market);
    const wa = choice.w[aud];
    let t = 0;
    for (let j = 0; j < ids.length; j++) t += a.isRanged[ids[j] - 1] ? wa[ids[j] - 1] : 0;
    if (!(t > 0)) return -1;
    let x = u * t;
    for (let j = 0; j < ids.length; j++) {
      const p = ids[j] - 1;
      if (!a.isRanged[p]) continue;
      x -= wa[p];
      if (x < 0) return p;
    }
    for (let j = ids.length - 1; j >= 0; j--) {
      if (a.isRanged[ids[j] - 1] && wa[ids[j] - 1] > 0) return ids[j] - 1;
    }
    return -1;
  };
  const kitOk = (kitId: number, day: number) => {
    if (pb.kitPrice(kitId, seg, day) < 0) return false;
    for (const c of cat.kits[kitId - 1].components) {
      if (!choice.onSale[c.productId - 1]) return false;
    }
    return true;
  };
  const addKit = (kitId: number, veh: number) => {
    kitSeq++;
    for (const c of cat.kits[kitId - 1].components) {
      const p = c.productId - 1;
      add(p, c.qty, kitId, VEHICLE_SPECIFIC[a.kindOf[p]] ? veh : 0);
    }
  };
  /** Units of one line: by kind, pack and shopper. */
  const quantity = (p: number, trade: boolean, row: number, draw: number) => {
    const prod = cat.products[p];
    const k = a.kindOf[p];
    const u = bs.u01(row, draw);
    const small = (prod.volumeL ?? 0) > 0 && (prod.volumeL ?? 0) < 2;
    if (trade) {
      if (IS_FILTER[k]) return Math.min(12, 1 + poisson(bs, row, 1.5, draw + 1));
      if (small) return u < 0.3 ? prod.casePack : Math.min(24, 2 + poisson(bs, row, 2, draw + 1));
      return Math.min(8, 1 + poisson(bs, row, 1, draw + 1));
    }
    if (IS_FILTER[k]) return u < 0.93 ? 1 : 2;
    if (small) return Math.min(6, 1 + poisson(bs, row, 0.7, draw + 1));
    if (prod.kind === "grease") return u < 0.75 ? 1 : u < 0.93 ? 2 : 3;
    return u < 0.86 ? 1 : 2;
  };

  // Basket times of one day (seconds after midnight), and the baskets in time order as keys
  // time · 2^32 + basket (exact in a double; a native numeric sort orders by time, then basket).
  let times = new Float64Array(256);
  let order = new Float64Array(256);

  return {
    siteId,
    customers: cust,
    get next() {
      return next;
    },
    run(from: number, to: number, o: SimOut): void {
      if (from < next) {
        throw new Error(
          `site ${siteId}: cannot write from day ${from}, the simulation is at day ${next}`,
        );
      }
      out = o;
      (T = o.sales.tx, L = o.sales.lines, R = o.sales.returns);
      for (let i = next; i < to; i++) {
        const day = ctx.start + i;
        const emit = i >= from;
        stock.beginDay(day);
        if (bp[i]) choice.rebuild(day);
        if (open(i)) {
          const lamD = r.scale * curves.diy[i], lamT = r.scale * curves.trade[i];
          const nD = negativeBinomialMean(ds, day, lamD, BASKET_DISPERSION, 0);
          const nT = negativeBinomialMean(ds, day, lamT, BASKET_DISPERSION, 64);
          const n = nD + nT;
          if (n > 0) {
            const kindSeason = seasons.subarray(i * KINDS.length, (i + 1) * KINDS.length);
            // Kind tables per (shopper, audience): 0 DIY anonymous, 1 DIY member, 2 trade account, 3 trade walk-in.
            for (let t = 0; t < 4; t++) {
              const aud = t === 3 ? 0 : t;
              const base = t >= 2 ? KIND_WEIGHT_TRADE : KIND_WEIGHT_DIY;
              let c = 0;
              for (let k = 0; k < KINDS.length; k++) {
                c += choice.alias[aud][k] ? base[k] * kindSeason[k] * choice.expansion[aud][k] : 0;
                kindCum[t][k] = c;
              }
            }
            if (times.length < n) {
              (times = new Float64Array(n * 2), order = new Float64Array(n * 2));
            }
            const wd = isoWeekday(day);
            for (let b = 0; b < n; b++) {
              const row = day * DAY_STRIDE + b;
              const cum = online
                ? CUM_ONLINE
                : wd === 7
                ? CUM_SUNDAY
                : b < nD
                ? CUM_DIY
                : CUM_TRADE;
              times[b] = weightedIndex(cum, bs.u01(row, 0)) * 3600 +
                Math.floor(bs.u01(row, 1) * 3600);
              order[b] = times[b] * TWO32 + b;
            }
            const sorted = order.subarray(0, n).sort();
            for (let q = 0; q < n; q++) {
              const b = sorted[q] % TWO32;
              basket(day, b, b < nD, emit);
            }
          }
        }
        stock.endDay(day, choice.onSale, emit ? out.inv : null, emit ? out.ord : null);
      }
      next = Math.max(next, to);
    },
  };

  function basket(day: number, b: number, diy: boolean, emit: boolean): void {
    const row = day * DAY_STRIDE + b;
    nb = 0;
    // Who.
    let aud = 0, local = -1;
    if (diy) {
      if (cust.pickLoyalty && bs.chance(row, online ? P_LOYALTY.online : P_LOYALTY.store, 2)) {
        for (let t = 0; t < 4 && local < 0; t++) {
          const j = cust.pickLoyalty.sample(bs, row, 3 + t);
          if (cust.joinDay[j] <= day) local = j;
        }
        if (local >= 0) aud = 1;
      }
    } else if (cust.pickTrade && bs.chance(row, P_TRADE_ACCOUNT, 2)) {
      for (let t = 0; t < 4 && local < 0; t++) {
        const j = cust.loyalty + cust.pickTrade.sample(bs, row, 3 + t);
        if (cust.joinDay[j] <= day) local = j;
      }
      if (local >= 0) aud = 2;
    }
    const kt = diy ? aud : aud === 2 ? 2 : 3;
    const cum = kindCum[kt];
    const total = cum[KINDS.length - 1];
    // The member's vehicle for this visit.
    let veh = 0;
    if (aud === 1) {
      // One of the member's vehicles that is on the road today (none: only non-vehicle items).
      const v0 = cust.vehStart[local], nv = cust.vehStart[local + 1] - v0;
      const k0 = bs.int(row, nv, 8);
      for (let t = 0; t < nv && !veh; t++) {
        const k = v0 + (k0 + t) % nv;
        if (cust.onRoad[k] <= day) veh = cust.vehicleId[k];
      }
    }
    // What.
    if (diy && (aud !== 1 || veh) && bs.chance(row, P_OIL_CHANGE, 9)) {
      const v = veh || pool.ids[pool.alias.sample(bs, row, 10)];
      const rec = aud === 1 ? v : 0;
      const kits = oilKits.get(v);
      let kitDone = false;
      if (kits) {
        const kitId = kits[bs.int(row, kits.length, 11)];
        const p = choice.kitDeal[aud] ? P_KIT.onDeal : P_KIT.base;
        if (kitOk(kitId, day) && bs.chance(row, p, 12)) (addKit(kitId, rec), kitDone = true);
      }
      if (!kitDone) {
        const oil = pickFit(v, 0, aud, bs.u01(row, 13));
        if (oil >= 0) {
          const vol = cat.products[oil].volumeL ?? 4;
          const cap = cat.vehicles[v - 1].oilCapacityL;
          add(
            oil,
            vol >= 3 ? Math.max(1, Math.round(cap / vol)) : Math.ceil(cap / vol - 1e-9),
            0,
            rec,
          );
        }
        const f = pickFit(v, 5, aud, bs.u01(row, 14));
        if (f >= 0) add(f, 1, 0, rec);
      }
      if (bs.chance(row, P_OIL_CHANGE_EXTRA.air_filter, 15)) {
        const p = pickFit(v, 6, aud, bs.u01(row, 16));
        if (p >= 0 && !inBasket(p)) add(p, 1, 0, rec);
      }
      if (bs.chance(row, P_OIL_CHANGE_EXTRA.cabin_filter, 17)) {
        const p = pickFit(v, 7, aud, bs.u01(row, 18));
        if (p >= 0 && !inBasket(p)) add(p, 1, 0, rec);
      }
    } else if (total > 0) {
      const items = 1 + weightedIndex(diy ? CUM_DIY_ITEMS : CUM_TRADE_ITEMS, bs.u01(row, 19));
      for (let j = 0; j < items; j++) {
        const d0 = 32 + j * 16;
        const k = weightedIndex(cum, bs.u01(row, d0) * total);
        let p: number;
        let rec = 0;
        if (aud === 1 && VEHICLE_SPECIFIC[k]) {
          if (!veh) continue;
          p = pickFit(veh, k, aud, bs.u01(row, d0 + 1));
          rec = veh;
        } else {
          const al = choice.alias[aud][k];
          p = al ? a.byKind[k][al.sampleU(bs.u01(row, d0 + 1))] : -1;
        }
        if (p < 0 || inBasket(p)) continue;
        const kitId = lubeKitOf[p];
        if (diy && kitId && bs.chance(row, P_LUBE_KIT, d0 + 2)) {
          const kv = cat.kits[kitId - 1].vehicleId;
          if (kitOk(kitId, day) && (kv === null || aud !== 1 || kv === veh)) {
            addKit(kitId, aud === 1 && kv !== null ? veh : 0);
            continue;
          }
        }
        let q = quantity(p, !diy, row, d0 + 3);
        const pid = choice.promo[aud][p];
        if (pid) {
          const pr = promos.promotions[pid - 1];
          if (pr.mechanic === "buy_x_get_y" && bs.chance(row, P_TAKE_BXGY, d0 + 5)) {
            q = Math.max(q, pr.buy + pr.get);
          }
        }
        add(p, q, 0, rec);
      }
    }
    if (nb === 0) return;
    // Stock: a line sells what is on hand; a kit sells whole or not at all.
    let kept = 0;
    for (let j = 0; j < nb; j++) {
      if (bKit[j] !== 0) {
        let g = j;
        while (g < nb && bKit[g] === bKit[j] && bInst[g] === bInst[j]) g++;
        let ok = true;
        for (let x = j; x < g; x++) {
          let need = bQty[x];
          for (let y = j; y < x; y++) if (bSku[y] === bSku[x]) need += bQty[y];
          if (stock.onHand[bSku[x]] < need) ok = false;
        }
        for (let x = j; x < g; x++) {
          if (ok) stock.take(bSku[x], bQty[x]);
          else stock.lose(bSku[x], bQty[x]);
          if (ok) copyLine(x, kept++);
        }
        j = g - 1;
        continue;
      }
      const sold = stock.take(bSku[j], bQty[j]);
      if (sold > 0) {
        bQty[j] = sold;
        copyLine(j, kept++);
      }
    }
    nb = kept;
    if (nb === 0) return;
    txSeq++;
    const txId = siteId * SITE_ID_STRIDE + txSeq;
    const ts = day * MS_DAY + times[b] * 1000;
    let hasFilter = false;
    for (let j = 0; j < nb; j++) {
      if (IS_FILTER[a.kindOf[bSku[j]]] && bKit[j] === 0) hasFilter = true;
    }
    // Discounts: kits (bundle price, maybe a kit deal), promotions, trade accounts.
    for (let j = 0; j < nb; j++) {
      bDisc[j] = 0;
      bPromo[j] = 0;
      const p = bSku[j];
      const q = bQty[j];
      const list = choice.list[p];
      if (bKit[j] !== 0) continue;
      const pid = choice.promo[aud][p];
      if (pid) {
        const pr = promos.promotions[pid - 1];
        let d = 0;
        if (pr.mechanic === "percent_off") d = Math.round(q * list * pr.pctBp / 10000);
        else if (pr.mechanic === "fixed_price") {
          d = q * Math.max(0, list - pr.promoPrice[pr.products.indexOf(p)]);
        } else if (pr.mechanic === "buy_x_get_y") {
          d = Math.floor(q / (pr.buy + pr.get)) * pr.get * list;
        } else if (pr.mechanic === "lube_deal" && hasFilter) {
          d = Math.round(q * list * pr.pctBp / 10000);
        }
        if (d > 0) (bDisc[j] = d, bPromo[j] = pid);
      }
      if (aud === 2) {
        const td = Math.round(q * list * TRADE_DISCOUNT_BP / 10000);
        if (td > bDisc[j]) (bDisc[j] = td, bPromo[j] = 0);
      }
    }
    for (let j = 0; j < nb; j++) {
      if (bKit[j] === 0) continue;
      let g = j;
      while (g < nb && bKit[g] === bKit[j] && bInst[g] === bInst[j]) g++;
      const kitId = bKit[j];
      let price = pb.kitPrice(kitId, seg, day);
      const deal = cat.kits[kitId - 1].kind === "oil_change" ? choice.kitDeal[aud] : 0;
      if (deal) price -= Math.round(price * promos.promotions[deal - 1].pctBp / 10000);
      let sum = 0;
      for (let x = j; x < g; x++) sum += bQty[x] * choice.list[bSku[x]];
      const D = Math.max(0, sum - price);
      let given = 0;
      for (let x = j; x < g; x++) {
        const amt = bQty[x] * choice.list[bSku[x]];
        const d = x === g - 1 ? D - given : Math.floor(D * amt / sum);
        bDisc[x] = d;
        bPromo[x] = deal;
        given += d;
      }
      j = g - 1;
    }
    let hList = 0, hDisc = 0, hNet = 0, hTax = 0, hCost = 0, hQty = 0;
    const lines = emit ? L : null, returns = emit ? R : null;
    if (lines) lines.reserve(nb);
    for (let j = 0; j < nb; j++) {
      const p = bSku[j], q = bQty[j];
      const list = choice.list[p], cost = choice.cost[p];
      const listAmt = q * list;
      const disc = bDisc[j];
      const paid = listAmt - disc;
      let net: number, tax: number;
      if (incl) {
        net = Math.round(paid * 10000 / (10000 + taxBp));
        tax = paid - net;
      } else {
        net = paid;
        tax = Math.round(net * taxBp / 10000);
      }
      const costAmt = q * cost;
      hList += listAmt;
      hDisc += disc;
      hNet += net;
      hTax += tax;
      hCost += costAmt;
      hQty += q;
      if (lines) {
        const i = lines.n++, c = lines.cols;
        c.transaction_id[i] = txId;
        c.line_number[i] = j + 1;
        c.site_id[i] = siteId;
        c.transaction_date[i] = day;
        c.sku_id[i] = p + 1;
        c.qty[i] = q;
        c.unit_list_price[i] = list;
        c.unit_cost[i] = cost;
        c.list_amount[i] = listAmt;
        c.discount_amount[i] = disc;
        c.net_amount[i] = net;
        c.tax_amount[i] = tax;
        c.cost_amount[i] = costAmt;
        c.margin_amount[i] = net - costAmt;
        c.promotion_id[i] = bPromo[j] || NaN;
        c.kit_id[i] = bKit[j] || NaN;
        c.vehicle_id[i] = bVeh[j] || NaN;
      }
      // Returns: decided at the sale, restocked on the return day.
      const rrow = txSeq * 32 + j;
      const rate = RETURN_RATE[KINDS[a.kindOf[p]]] * (aud === 2 ? RETURN_TRADE_FACTOR : 1);
      if (rs.chance(rrow, rate, 0)) {
        const delay = 1 + Math.min(
          RETURN_DELAY.maxDays - 1,
          Math.floor(lognormal(rs, rrow, Math.log(RETURN_DELAY.medianDays), RETURN_DELAY.sigma, 1)),
        );
        let rd = day + delay;
        while (rd <= ctx.end && !open(rd - ctx.start)) rd++;
        // The window is 1–60 days: past it, the last open day before the drawn one.
        if (rd > day + RETURN_DELAY.maxDays) {
          rd = day + delay;
          while (rd > day && !open(rd - ctx.start)) rd--;
        }
        if (rd > day && rd <= ctx.end) {
          const rq = q > 1 && rs.chance(rrow, 0.3, 2) ? 1 + rs.int(rrow, q - 1, 3) : q;
          retSeq++;
          stock.returnOn(rd, p, rq);
          if (returns) {
            const cumR = IS_FILTER[a.kindOf[p]] ? CUM_REASON_FILTER : CUM_REASON_FLUID;
            const hours = online ? CUM_ONLINE : isoWeekday(rd) === 7 ? CUM_SUNDAY : CUM_DIY;
            const sec = weightedIndex(hours, rs.u01(rrow, 5)) * 3600 +
              Math.floor(rs.u01(rrow, 6) * 3600);
            const i = returns.row(), c = returns.cols;
            c.return_id[i] = siteId * SITE_ID_STRIDE + retSeq;
            c.transaction_id[i] = txId;
            c.line_number[i] = j + 1;
            c.site_id[i] = siteId;
            c.return_date[i] = rd;
            c.return_ts[i] = rd * MS_DAY + sec * 1000;
            c.sku_id[i] = p + 1;
            c.qty[i] = rq;
            c.refund_amount[i] = Math.round(net * rq / q);
            c.refund_tax_amount[i] = Math.round(tax * rq / q);
            c.reason[i] = weightedIndex(cumR, rs.u01(rrow, 4));
          }
        }
      }
    }
    if (!emit || !T) return;
    // Channel and payment.
    let channel = online ? 2 : 0;
    if (!online && diy && bs.chance(row, P_CLICK_AND_COLLECT, 20)) channel = 1;
    const u = bs.u01(row, 21);
    let pay: number;
    if (aud === 2) pay = u < (online ? 0.6 : 0.7) ? 4 : u < 0.95 ? 0 : online ? 3 : 1;
    else if (!diy) pay = u < 0.7 ? 0 : online ? 3 : 1;
    else if (channel > 0) pay = u < 0.68 ? 0 : u < 0.9 ? 3 : 2;
    else pay = u < 0.62 ? 0 : u < 0.8 ? 1 : 2;
    const i = T.row(), c = T.cols;
    c.transaction_id[i] = txId;
    c.site_id[i] = siteId;
    c.channel[i] = channel;
    c.transaction_date[i] = day;
    c.transaction_ts[i] = ts;
    c.customer_id[i] = local >= 0 ? cust.firstId + local : NaN;
    c.customer_type[i] = aud;
    c.payment_type[i] = pay;
    c.currency[i] = cur;
    c.line_count[i] = nb;
    c.item_qty[i] = hQty;
    c.list_amount[i] = hList;
    c.discount_amount[i] = hDisc;
    c.net_amount[i] = hNet;
    c.tax_amount[i] = hTax;
    c.total_amount[i] = hNet + hTax;
    c.cost_amount[i] = hCost;
    c.margin_amount[i] = hNet - hCost;
  }

  function copyLine(from: number, to: number): void {
    bSku[to] = bSku[from];
    bQty[to] = bQty[from];
    bKit[to] = bKit[from];
    bInst[to] = bInst[from];
    bVeh[to] = bVeh[from];
  }
}
