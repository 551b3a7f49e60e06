/**
 * The simulation of one retail site, day by day, putting the parts together.
 *
 * Per day: receive deliveries and restock returns ({@link Stock}); rebuild
 * prices and weights when they change ({@link Choice}); on an open day, draw
 * the number of DIY and trade baskets (negative binomial around the demand
 * plan), give each a time of day ({@link DaySchedule}) and sell them in time
 * order. A basket: who and what ({@link BasketChoice}), what the shelf has
 * ({@link takeFromStock}), prices ({@link Pricing}), returns ({@link Returns}),
 * channel and payment (`payments.ts`). Header totals are sums of the lines;
 * margin = net − cost. At day end, stock snapshots and replenishment.
 *
 * Every random value is a hash of (seed, site, day, basket, draw) — the slots
 * are named in `draws.ts` — so a time slice of a site can be generated alone:
 * it replays the days before it (without writing) to reach the same stock and
 * counters, then writes its own.
 *
 * @module
 */

import { shopDays } from "./deliveries.ts";
import { isoWeekday } from "../../core/dates.ts";
import { negativeBinomialMean } from "../../core/dist.ts";
import { Stream } from "../../core/rng.ts";
import type { Catalog } from "../../catalog/model.ts";
import type { RunContext } from "../../world/context.ts";
import { geoModel } from "../../world/geography.ts";
import { sitesModel } from "../../world/companies.ts";
import { Choice, siteAssortment } from "./assortment.ts";
import { Basket, takeFromStock } from "./basket.ts";
import { BasketChoice, kindSeasons } from "./basket_choice.ts";
import type {
  LINE_COLUMNS,
  RETURN_COLUMNS,
  SimOut,
  SimWorld,
  SiteSimulator,
  TRANSACTION_COLUMNS,
} from "./baskets.ts";
import type { Block } from "../../gen/block.ts";
import { type SiteCustomers, siteCustomers, vehiclePool } from "./customers.ts";
import type { RetailSite } from "./demand.ts";
import { basketRow, DAY_DRAW } from "./draws.ts";
import { SiteKits } from "./kits.ts";
import { BASKET_DISPERSION, KINDS, POLICY } from "./params.ts";
import { channelOf, paymentOf } from "./payments.ts";
import { Pricing } from "./pricing.ts";
import { Returns } from "./returns.ts";
import { SITE_ID_STRIDE, Stock } from "./stock.ts";
import { basketOfKey, DaySchedule, timestampMs } from "./timestamps.ts";

/** A new simulator of site `r`, at the run's first day (see {@link SiteSimulator}). */
export function siteSimulator(w: SimWorld, r: RetailSite): SiteSimulator {
  return new RetailSiteSimulator(w, r);
}

/** The {@link SiteSimulator} of one retail site. */
class RetailSiteSimulator implements SiteSimulator {
  readonly siteId: number;
  readonly customers: SiteCustomers;
  private readonly ctx: RunContext;
  private readonly cat: Catalog;
  private readonly r: RetailSite;
  private readonly online: boolean;
  /** Index of the site's currency in the run's currency pool. */
  private readonly cur: number;
  /** True on the day indices the site is open. */
  private readonly open: (dayIndex: number) => boolean;
  private readonly choice: Choice;
  /** Days (index) on which {@link choice} is rebuilt. */
  private readonly bp: Uint8Array;
  private readonly stock: Stock;
  private readonly basketChoice: BasketChoice;
  private readonly pricing: Pricing;
  private readonly returns: Returns;
  /** Baskets stream. */
  private readonly bs: Stream;
  /** Days stream (basket counts). */
  private readonly ds: Stream;
  /** Kind seasonality of the run (see {@link kindSeasons}). */
  private readonly seasons: Float64Array;
  private readonly basket = new Basket();
  private readonly schedule = new DaySchedule();
  // The blocks written by the current run() call (null: that table is not written).
  private T: Block<typeof TRANSACTION_COLUMNS> | null = null;
  private L: Block<typeof LINE_COLUMNS> | null = null;
  private R: Block<typeof RETURN_COLUMNS> | null = null;
  private nextDay = 0;
  /** Transactions so far (the sequence of the last one). */
  private txSeq = 0;

  /** Sets up site `r`'s assortment, customers, kits and stock at the run's first day. */
  constructor(w: SimWorld, r: RetailSite) {
    const { ctx, cat, pb, promos } = w;
    const geo = geoModel(ctx);
    const site = r.site;
    const siteId = site.id;
    const seg = site.segment;
    const country = geo.countryOf(seg);
    const market = country.units;
    const online = site.type === "online";
    const dc = sitesModel(ctx).find((x) => x.type === "distribution_centre" && x.segment === seg)!;
    const curves = r.curves;
    const open = (i: number) => i >= r.firstIndex && i < curves.open.length && curves.open[i] === 1;
    this.ctx = ctx;
    this.cat = cat;
    this.r = r;
    this.siteId = siteId;
    this.online = online;
    this.open = open;
    this.cur = w.currencies.indexOf(country.currency);

    const a = siteAssortment(ctx, cat, r, market);
    const choice = this.choice = new Choice(ctx, cat, pb, promos, seg, a);
    this.bp = choice.breakpoints();
    const cust = this.customers = siteCustomers(ctx, cat, r);
    const pool = vehiclePool(ctx, cat, country.code);
    const bs = this.bs = new Stream(ctx.seed, `retail.baskets/${siteId}`);
    const rs = new Stream(ctx.seed, `retail_returns/${siteId}`);
    this.ds = new Stream(ctx.seed, `retail.days/${siteId}`);
    const openDays = Math.max(
      1,
      curves.open.reduce((t, x, i) => t + (i >= r.firstIndex ? x : 0), 0),
    );
    const shops = shopDays(ctx, country.code);
    const stock = this.stock = new Stock(
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
      online ? site.traffic / POLICY.onlineAsStores.trafficPerStore : 1,
      (i) => shops[i] === 1,
    );
    const kits = new SiteKits(cat, pb, a, choice, seg, market);
    this.basketChoice = new BasketChoice(
      cat,
      a,
      choice,
      promos,
      cust,
      pool,
      kits,
      market,
      online,
      bs,
    );
    this.pricing = new Pricing(cat, pb, promos, choice, a, seg, country.taxBp, country.taxIncluded);
    this.returns = new Returns(ctx, a, stock, siteId, online, open, rs);
    this.seasons = kindSeasons(ctx, country.hemisphere === "south");
  }

  get next(): number {
    return this.nextDay;
  }

  run(from: number, to: number, o: SimOut): void {
    const { ctx, r, choice, stock } = this;
    const curves = r.curves;
    if (from < this.nextDay) {
      throw new Error(
        `site ${this.siteId}: cannot write from day ${from}, the simulation is at day ${this.nextDay}`,
      );
    }
    (this.T = o.sales.tx, this.L = o.sales.lines, this.R = o.sales.returns);
    for (let i = this.nextDay; i < to; i++) {
      const day = ctx.start + i;
      const emit = i >= from;
      stock.beginDay(day);
      if (this.bp[i]) choice.rebuild(day);
      if (this.open(i)) {
        // The day's baskets: DIY ones (numbers 0 … nD − 1), then trade ones.
        const ds = this.ds, k = BASKET_DISPERSION;
        const nD = negativeBinomialMean(ds, day, r.scale * curves.diy[i], k, DAY_DRAW.diyBaskets);
        const nT = negativeBinomialMean(
          ds,
          day,
          r.scale * curves.trade[i],
          k,
          DAY_DRAW.tradeBaskets,
        );
        const n = nD + nT;
        if (n > 0) {
          this.basketChoice.beginDay(
            this.seasons.subarray(i * KINDS.length, (i + 1) * KINDS.length),
          );
          const sorted = this.schedule.plan(this.bs, day, isoWeekday(day), n, nD, this.online);
          for (let q = 0; q < n; q++) {
            const b = basketOfKey(sorted[q]);
            this.sell(day, b, b < nD, emit);
          }
        }
      }
      stock.endDay(day, choice.onSale, emit ? o.inv : null, emit ? o.ord : null);
    }
    this.nextDay = Math.max(this.nextDay, to);
  }

  /** Basket `b` of `day`: chosen, taken from stock, priced, returned in part, and written when `emit`. */
  private sell(day: number, b: number, diy: boolean, emit: boolean): void {
    const { basket, basketChoice, pricing, choice, siteId } = this;
    const row = basketRow(day, b);
    // Who and what, then what the shelf has.
    basket.clear();
    basketChoice.who(row, day, diy);
    basketChoice.vehicleFor(row, day);
    basketChoice.fill(basket, row, day, diy);
    if (basket.n === 0) return;
    takeFromStock(basket, this.stock);
    const nb = basket.n;
    if (nb === 0) return;
    const txSeq = ++this.txSeq;
    const txId = siteId * SITE_ID_STRIDE + txSeq;
    const ts = timestampMs(day, this.schedule.times[b]);
    const aud = basketChoice.type;
    pricing.discount(basket, day, aud);
    // Lines (amounts, tax, returns); the header sums them.
    const { sku, qty, disc, promo, kit, veh } = basket;
    let hList = 0, hDisc = 0, hNet = 0, hTax = 0, hCost = 0, hQty = 0;
    const lines = emit ? this.L : null, returns = emit ? this.R : null;
    if (lines) lines.reserve(nb);
    for (let j = 0; j < nb; j++) {
      const p = sku[j], q = qty[j];
      const list = choice.list[p], cost = choice.cost[p];
      const listAmt = q * list;
      const d = disc[j];
      const paid = listAmt - d;
      const net = pricing.net(paid);
      const tax = pricing.tax(paid, net);
      const costAmt = q * cost;
      hList += listAmt;
      hDisc += d;
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
        c.discount_amount[i] = d;
        c.net_amount[i] = net;
        c.tax_amount[i] = tax;
        c.cost_amount[i] = costAmt;
        c.margin_amount[i] = net - costAmt;
        c.promotion_id[i] = promo[j] || NaN;
        c.kit_id[i] = kit[j] || NaN;
        c.vehicle_id[i] = veh[j] || NaN;
      }
      this.returns.line(txSeq, txId, j, day, p, q, net, tax, aud, returns);
    }
    const T = this.T;
    if (!emit || !T) return;
    // The header.
    const channel = channelOf(this.bs, row, this.online, diy);
    const pay = paymentOf(this.bs, row, this.online, diy, aud, channel);
    const local = basketChoice.local;
    const i = T.row(), c = T.cols;
    c.transaction_id[i] = txId;
    c.site_id[i] = siteId;
    c.channel[i] = channel;
    c.transaction_date[i] = day;
    c.transaction_ts[i] = ts;
    c.customer_id[i] = local >= 0 ? this.customers.firstId + local : NaN;
    c.customer_type[i] = aud;
    c.payment_type[i] = pay;
    c.currency[i] = this.cur;
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
}
