/**
 * One distribution centre, day by day.
 *
 * Each day, in this order:
 * 1. goods arrive: purchase-order lines due today are received;
 * 2. trade returns due today come back on the shelf, with a credit note;
 * 3. the retailer's store orders placed today become sales orders, line for
 *    line, and their stock is reserved; a line the DC cannot cover by its
 *    ship date is bought on an expedited purchase order due that day, so a
 *    store order always ships whole on the day the store booked;
 * 4. store orders due today ship and are invoiced;
 * 5. backorders are filled from free stock (oldest first), as backorder
 *    shipments; a backorder older than {@link BACKORDER_DAYS} is cancelled;
 * 6. on business days, trade accounts order (case packs of the makers' labels
 *    and known brands, at wholesale less their tier discount); what is free
 *    ships at once, the rest waits as a backorder; shipments are invoiced;
 * 7. payments due today arrive (drawn once per invoice by the account's terms);
 * 8. on Mondays the weekly review orders up to S every SKU at or below s, one
 *    purchase order per supplier; at the week's end the stock rows are written
 *    and the demand forecast moves.
 *
 * Fill rate and on-time rate come out of the stock: a trade line is short only
 * when free stock is. Order swings grow upstream because purchase orders batch
 * demand in (s, S) steps (the bullwhip effect), not because of a noise term.
 *
 * @module
 */

import type { Catalog } from "../../catalog/model.ts";
import type { PriceBook } from "../../catalog/price_book.ts";
import { dayOfYear, isoWeekday } from "../../core/dates.ts";
import { AliasTable, poisson } from "../../core/dist.ts";
import { Stream } from "../../core/rng.ts";
import { Block } from "../../gen/block.ts";
import type { Resumable } from "../../gen/chains.ts";
import { layoutOf, tableIn } from "../../gen/layout.ts";
import { invoiceLine, PaymentKind, PaymentPlan } from "../../gen/order_to_cash.ts";
import { orderUpTo, reorderPointDays } from "../../gen/stock_policy.ts";
import type { Columns } from "../../gen/types.ts";
import type { RunContext } from "../../world/context.ts";
import { holidays } from "../../world/calendar.ts";
import { geoModel } from "../../world/geography.ts";
import { CUSTOMER_ID_STRIDE, type DcCustomers, tradeTypeOf } from "./customers.ts";
import {
  BULK_BUYS,
  DC_POLICY,
  FLEET_ORDERING,
  LEAD_TIMES,
  meanLinesPerOrder,
  orderChancePerBusinessDay,
  PAYMENT_BEHAVIOUR,
  PRICE_TIERS,
  RETAILER_TERMS,
  SUPPLIER_DELAYS,
  TERMS,
  TRADE_DELIVERY_DAYS,
  TRADE_PROFILE,
  TRADE_RETURNS,
  TRADE_SEASONALITY,
  TRADE_TYPES,
  WRITE_OFF_AFTER_DAYS,
} from "./params.ts";
import { DISTRIBUTION_TABLES } from "./tables.ts";

/** Ids of documents are dc_site_id × this + the DC's running number. */
export const DOC_ID_STRIDE = 1e10;
/** Days of the retailer's first orders that set the first forecast (the plan it shares ahead). */
export const FIRST_FORECAST_DAYS = 56;
/** A backorder not filled within this many days is cancelled. */
export const BACKORDER_DAYS = 28;
/** Row stride of a (day, account) pair in the order streams. */
const ACCOUNT_STRIDE = 1_000_000;

/** Order types, invoice types and PO priorities in code order. */
export const ORDER_TYPES = ["retail_replenishment", "trade"] as const;
/** Invoice types in code order. */
export const INVOICE_TYPES = ["invoice", "credit_note"] as const;
/** Purchase-order priorities in code order. */
export const PO_PRIORITIES = ["regular", "expedite"] as const;

const tableLayout = <N extends (typeof DISTRIBUTION_TABLES)[number]["name"]>(name: N) =>
  layoutOf(tableIn(DISTRIBUTION_TABLES, name));

/** Layouts of the tables the simulation writes. */
export const LAYOUTS = {
  orders: tableLayout("distributor_sales_orders"),
  orderLines: tableLayout("distributor_sales_order_lines"),
  shipments: tableLayout("distributor_shipments"),
  shipmentLines: tableLayout("distributor_shipment_lines"),
  invoices: tableLayout("distributor_invoices"),
  invoiceLines: tableLayout("distributor_invoice_lines"),
  payments: tableLayout("distributor_payments"),
  inventory: tableLayout("dc_inventory"),
  pos: tableLayout("distributor_purchase_orders"),
  poLines: tableLayout("distributor_purchase_order_lines"),
  receipts: tableLayout("dc_receipts"),
};

/** The blocks one chunk writes. */
export class DcOut {
  /** distributor_sales_orders. */
  readonly orders = new Block(LAYOUTS.orders);
  /** distributor_sales_order_lines. */
  readonly orderLines = new Block(LAYOUTS.orderLines);
  /** distributor_shipments. */
  readonly shipments = new Block(LAYOUTS.shipments);
  /** distributor_shipment_lines. */
  readonly shipmentLines = new Block(LAYOUTS.shipmentLines);
  /** distributor_invoices. */
  readonly invoices = new Block(LAYOUTS.invoices);
  /** distributor_invoice_lines. */
  readonly invoiceLines = new Block(LAYOUTS.invoiceLines);
  /** distributor_payments. */
  readonly payments = new Block(LAYOUTS.payments);
  /** dc_inventory. */
  readonly inventory = new Block(LAYOUTS.inventory);
  /** distributor_purchase_orders. */
  readonly pos = new Block(LAYOUTS.pos);
  /** distributor_purchase_order_lines. */
  readonly poLines = new Block(LAYOUTS.poLines);
  /** dc_receipts. */
  readonly receipts = new Block(LAYOUTS.receipts);
}

/** The retailer's store orders to this DC, as read from the retail stage. */
export interface StoreOrders {
  /** store_replenishment_orders columns of the DC's orders. */
  orders: Columns;
  /** store_replenishment_order_lines of those orders. */
  lines: Columns;
}

/** What the simulation needs of the run. */
export interface DcWorld {
  /** Run context. */
  ctx: RunContext;
  /** Catalog. */
  cat: Catalog;
  /** Price book. */
  pb: PriceBook;
}

/** A line waiting for stock. */
interface Backorder {
  orderId: number;
  line: number;
  account: number;
  sku: number;
  qty: number;
  unitPrice: number;
  day: number;
}

/** A shipped trade line coming back. */
interface TradeReturn {
  orderId: number;
  line: number;
  account: number;
  sku: number;
  qty: number;
  unitPrice: number;
}

/** A payment due on a day. */
interface DuePayment {
  invoiceId: number;
  account: number;
  kind: number;
  amount: number;
  discount: number;
}

/** A purchase-order line due on a day. */
interface Arrival {
  poId: number;
  line: number;
  sku: number;
  qty: number;
  expedite: boolean;
}

/** Supplier of a product: 1 Corvane, 2 Keldmark (their labels and the own brand), else −brand id. */
function supplierOf(cat: Catalog, p: number): number {
  const prod = cat.products[p];
  return prod.makerCompanyId ?? -prod.brandId;
}

function leadOf(supplier: number): { days: number; jitter: number } {
  return supplier === 1
    ? LEAD_TIMES.corvane
    : supplier === 2
    ? LEAD_TIMES.keldmark
    : LEAD_TIMES.brandSupplier;
}

/**
 * The simulation of one DC from the run's first day; `run(from, to, out)`
 * goes on to day index `to`, writing the rows of days ≥ `from`.
 */
export class DcSimulator implements Resumable {
  /** First day index not yet simulated. */
  next = 0;

  private readonly P: number;
  private readonly days: number;
  private readonly dcId: number;
  private readonly seg: number;
  private readonly currency: string;
  private readonly taxBp: number;
  private readonly usSalesTax: boolean;
  private readonly south: boolean;
  private readonly closed = new Set<number>();
  private readonly carried: number[] = [];
  private readonly tradePick: (AliasTable | null)[];
  private readonly tradeSkus: Int32Array[];
  private readonly tradeShare: Float64Array[];
  private readonly orderStream: Stream;
  private readonly lineStream: Stream;
  private readonly payStream: Stream;
  private readonly poStream: Stream;
  private readonly plan = new PaymentPlan();

  // Stock.
  private readonly onHand: Int32Array;
  private readonly onOrder: Int32Array;
  private readonly reserved: Int32Array;
  private readonly expInTransit: Int32Array;
  private readonly backlog: Int32Array;
  private readonly mu: Float64Array;
  /** The retailer's share of the forecast (units per day), for the stock kept back for its orders. */
  private readonly muRetail: Float64Array;
  private readonly protect: Int32Array;
  private readonly s: Int32Array;
  private readonly S: Int32Array;
  private readonly caseOf: Int32Array;
  private readonly supplier: Int32Array;
  // The week's flows.
  private weekStart: number;
  private readonly wOpen: Int32Array;
  private readonly wRec: Int32Array;
  private readonly wShip: Int32Array;
  private readonly wRet: Int32Array;
  private readonly wDemand: Float64Array;
  private readonly wRetail: Float64Array;
  /** Units the retailer ordered since the start, per SKU (its running mean floors the forecast). */
  private readonly cumRetail: Float64Array;

  // Documents in flight.
  private readonly arrivals = new Map<number, Arrival[]>();
  private readonly returnsDue = new Map<number, TradeReturn[]>();
  private readonly paymentsDue = new Map<number, DuePayment[]>();
  private readonly retailShipDue = new Map<number, number[]>();
  private readonly backorders = new Map<number, Backorder[]>();

  // Running numbers.
  private orderSeq = 0;
  private shipSeq = 0;
  private invSeq = 0;
  private paySeq = 0;
  private poSeq = 0;
  private rcptSeq = 0;

  // The retailer's orders, by day.
  private readonly retailByDay = new Map<number, number[]>();
  private readonly retailLineStart = new Map<number, number>();
  private readonly retailLineOrder: Int32Array;
  /** Distributor order id of each retail order (index into the input), once placed. */
  private readonly retailOrderId: Float64Array;

  private out: DcOut | null = null;

  /** Sets up the DC of `c` with the store orders read from the retail stage. */
  constructor(
    private readonly w: DcWorld,
    private readonly c: DcCustomers,
    private readonly store: StoreOrders,
  ) {
    const { ctx, cat, pb } = w;
    const geo = geoModel(ctx);
    this.P = cat.products.length;
    this.days = ctx.end - ctx.start + 1;
    this.dcId = c.dc.id;
    this.seg = c.segment;
    const country = geo.countryOf(c.segment);
    this.currency = country.currency;
    this.taxBp = country.taxBp;
    this.usSalesTax = country.code === "US";
    this.south = country.hemisphere === "south";
    for (const h of holidays([country.code], ctx.start, ctx.end)) {
      if (h.storesClosed) this.closed.add(h.day);
    }
    const market = country.units;
    const P = this.P;
    this.onHand = new Int32Array(P);
    this.onOrder = new Int32Array(P);
    this.reserved = new Int32Array(P);
    this.expInTransit = new Int32Array(P);
    this.backlog = new Int32Array(P);
    this.mu = new Float64Array(P);
    this.muRetail = new Float64Array(P);
    this.protect = new Int32Array(P);
    this.s = new Int32Array(P);
    this.S = new Int32Array(P);
    this.caseOf = new Int32Array(P);
    this.supplier = new Int32Array(P);
    this.wOpen = new Int32Array(P);
    this.wRec = new Int32Array(P);
    this.wShip = new Int32Array(P);
    this.wRet = new Int32Array(P);
    this.wDemand = new Float64Array(P);
    this.wRetail = new Float64Array(P);
    this.cumRetail = new Float64Array(P);
    this.weekStart = ctx.start;

    // What the DC carries: every SKU the segment's price book prices for its shelves' market.
    const pop = (p: number) => market === "us" ? cat.products[p].popUs : cat.products[p].popMetric;
    const ordered = new Uint8Array(P);
    for (const k of store.lines.sku_id as Int32Array) ordered[k - 1] = 1;
    for (let p = 0; p < P; p++) {
      let priced = ordered[p] === 1;
      for (let m = 0; m < pb.monthStart.length && !priced; m++) {
        priced = pb.row(p, this.seg, pb.monthStart[m]) >= 0;
      }
      if (!priced || (pop(p) <= 0 && !ordered[p])) continue;
      this.carried.push(p);
      this.caseOf[p] = Math.max(1, cat.products[p].casePack);
      this.supplier[p] = supplierOf(cat, p);
    }
    // What each kind of trade account buys: the makers' labels and known brands, by popularity.
    this.tradeSkus = [];
    this.tradeShare = [];
    this.tradePick = TRADE_TYPES.map((type) => {
      const skus: number[] = [], wts: number[] = [];
      for (const p of this.carried) {
        const prod = cat.products[p];
        if (prod.brandType === "private_label") continue;
        const bulk = prod.bulk ? (type === "quick_lube" || type === "fleet" ? 3 : 0.2) : 1;
        skus.push(p);
        wts.push(pop(p) * (TRADE_PROFILE[type].kindWeight[prod.kind] ?? 1) * bulk);
      }
      this.tradeSkus.push(Int32Array.from(skus));
      const total = wts.reduce((a, b) => a + b, 0);
      this.tradeShare.push(Float64Array.from(wts, (x) => x / (total || 1)));
      return skus.length ? new AliasTable(wts) : null;
    });

    // The store orders, by order day; their lines by order.
    const o = store.orders, l = store.lines;
    const oDate = o.order_date as Int32Array, oId = o.order_id as Float64Array;
    const idx = Array.from({ length: oDate.length }, (_, i) => i)
      .sort((a, b) => oDate[a] - oDate[b] || oId[a] - oId[b]);
    for (const i of idx) {
      const list = this.retailByDay.get(oDate[i]);
      if (list) list.push(i);
      else this.retailByDay.set(oDate[i], [i]);
    }
    const lOrder = l.order_id as Float64Array, lNo = l.line_number as Int32Array;
    this.retailLineOrder = Int32Array.from(
      Array.from({ length: lOrder.length }, (_, i) => i)
        .sort((a, b) => lOrder[a] - lOrder[b] || lNo[a] - lNo[b]),
    );
    for (let k = 0; k < this.retailLineOrder.length; k++) {
      const id = lOrder[this.retailLineOrder[k]];
      if (!this.retailLineStart.has(id)) this.retailLineStart.set(id, k);
    }
    this.retailOrderId = new Float64Array(oDate.length);

    this.orderStream = new Stream(ctx.seed, `distributor_sales_orders/${this.dcId}`);
    this.lineStream = new Stream(ctx.seed, `distributor_sales_order_lines/${this.dcId}`);
    this.payStream = new Stream(ctx.seed, `distributor_payments/${this.dcId}`);
    this.poStream = new Stream(ctx.seed, `distributor_purchase_orders/${this.dcId}`);

    // The first forecast: the stores' orders of the first four weeks and the trade model.
    const trade = this.expectedTradeUnits();
    const sku = l.sku_id as Int32Array, qty = l.qty as Int32Array;
    const firstWeeks = ctx.start + FIRST_FORECAST_DAYS;
    const startOf = new Map<number, number>();
    for (let i = 0; i < oDate.length; i++) startOf.set(oId[i], oDate[i]);
    const retail = new Float64Array(P);
    for (let k = 0; k < lOrder.length; k++) {
      if ((startOf.get(lOrder[k]) ?? Infinity) < firstWeeks) retail[sku[k] - 1] += qty[k];
    }
    for (const p of this.carried) {
      this.muRetail[p] = retail[p] / FIRST_FORECAST_DAYS;
      this.mu[p] = this.muRetail[p] + trade[p];
      this.setLevels(p);
      const prod = cat.products[p];
      if (prod.launchDay <= ctx.start) {
        this.onHand[p] = this.S[p];
        this.wOpen[p] = this.S[p];
      }
    }
  }

  /** Expected trade units per day per SKU from the account model (for the first forecast). */
  private expectedTradeUnits(): Float64Array {
    const out = new Float64Array(this.P);
    const { c } = this;
    for (let t = 0; t < TRADE_TYPES.length; t++) {
      const alias = this.tradePick[t];
      if (!alias) continue;
      const prof = TRADE_PROFILE[TRADE_TYPES[t]];
      let rate = 0;
      for (let a = c.retail; a < c.retail + c.trade; a++) {
        if (c.kind[a] === t + 1) rate += this.ordersPerBusinessDay(a) * 5 / 7;
      }
      const linesPerDay = rate * prof.linesPerOrder;
      const skus = this.tradeSkus[t], share = this.tradeShare[t];
      for (let k = 0; k < skus.length; k++) {
        const p = skus[k];
        out[p] += linesPerDay * share[k] * this.caseOf[p] * (1 + prof.extraCases);
      }
    }
    return out;
  }

  /**
   * Each account's expected purchases per day (minor units, at the period's
   * first prices): a retailer site's from its store orders, a trade account's
   * from its order rate, lines and the mean value of a line of its kind.
   */
  expectedDailyPurchases(): Float64Array {
    const { c } = this;
    const { pb } = this.w;
    const day0 = this.w.ctx.start;
    const out = new Float64Array(c.retail + c.trade);
    const site = this.store.orders.site_id as Int32Array;
    const amt = this.store.orders.total_amount as Float64Array;
    for (let i = 0; i < site.length; i++) out[this.accountOfStore(site[i])] += amt[i] / this.days;
    const lineValue = TRADE_TYPES.map((type, t) => {
      const skus = this.tradeSkus[t], share = this.tradeShare[t];
      let v = 0;
      for (let k = 0; k < skus.length; k++) {
        const r = pb.row(skus[k], this.seg, day0);
        if (r >= 0) {
          v += share[k] * pb.wholesale[r] * this.caseOf[skus[k]] *
            (1 + TRADE_PROFILE[type].extraCases);
        }
      }
      return v;
    });
    for (let a = c.retail; a < c.retail + c.trade; a++) {
      const t = c.kind[a] - 1;
      out[a] = this.ordersPerBusinessDay(a) * 5 / 7 *
        meanLinesPerOrder(TRADE_TYPES[t], c.size[a]) * lineValue[t];
    }
    return out;
  }

  /** Expected orders per business day of trade account `a` (before season and trend). */
  private ordersPerBusinessDay(a: number): number {
    return orderChancePerBusinessDay(tradeTypeOf(this.c, a)!, this.c.size[a]);
  }

  private setLevels(p: number): void {
    const lead = leadOf(this.supplier[p]);
    const horizon = DC_POLICY.reviewDays + lead.days + lead.jitter / 2;
    this.s[p] = reorderPointDays(this.mu[p], horizon, DC_POLICY);
    this.S[p] = orderUpTo(this.s[p], this.mu[p], this.caseOf[p], DC_POLICY);
    this.protect[p] = Math.ceil(this.muRetail[p] * DC_POLICY.retailProtectDays);
  }

  private businessDay(day: number): boolean {
    return isoWeekday(day) <= 5 && !this.closed.has(day);
  }

  private nextBusinessDay(day: number): number {
    let d = day;
    while (!this.businessDay(d)) d++;
    return d;
  }

  private onSale(p: number, day: number): boolean {
    const prod = this.w.cat.products[p];
    return prod.launchDay <= day &&
      (prod.discontinueDay === null || day < prod.discontinueDay) &&
      this.w.pb.row(p, this.seg, day) >= 0;
  }

  private orderable(p: number, day: number): boolean {
    const prod = this.w.cat.products[p];
    return day >= prod.launchDay - 14 &&
      (prod.discontinueDay === null || day < prod.discontinueDay - 21);
  }

  /** Simulates day indices [next, to), writing the rows of days ≥ `from` into `out`. */
  run(from: number, to: number, out: DcOut): void {
    const start = this.w.ctx.start;
    for (let i = this.next; i < to; i++) {
      this.out = i >= from ? out : null;
      this.day(start + i);
    }
    this.next = Math.max(this.next, to);
    this.out = null;
  }

  private day(d: number): void {
    if (isoWeekday(d) === 1 && d !== this.weekStart) this.beginWeek(d);
    this.receive(d);
    this.takeReturns(d);
    this.takeStoreOrders(d);
    this.shipStoreOrders(d);
    this.fillBackorders(d);
    if (this.businessDay(d)) this.takeTradeOrders(d);
    this.receivePayments(d);
    if (isoWeekday(d) === 1 || d === this.w.ctx.start) this.review(d);
    if (isoWeekday(d) === 7 || d === this.w.ctx.end) this.endWeek(d);
  }

  private beginWeek(d: number): void {
    this.weekStart = d;
    for (const p of this.carried) {
      this.wOpen[p] = this.onHand[p];
      this.wRec[p] = 0;
      this.wShip[p] = 0;
      this.wRet[p] = 0;
      this.wDemand[p] = 0;
      this.wRetail[p] = 0;
    }
  }

  private receive(d: number): void {
    const arr = this.arrivals.get(d);
    if (!arr) return;
    this.arrivals.delete(d);
    const R = this.out?.receipts;
    for (const a of arr) {
      this.onHand[a.sku] += a.qty;
      this.onOrder[a.sku] -= a.qty;
      if (a.expedite) this.expInTransit[a.sku] -= a.qty;
      this.wRec[a.sku] += a.qty;
      const id = this.dcId * DOC_ID_STRIDE + ++this.rcptSeq;
      if (!R) continue;
      const i = R.row();
      R.cols.receipt_id[i] = id;
      R.cols.po_id[i] = a.poId;
      R.cols.po_line_number[i] = a.line;
      R.cols.dc_site_id[i] = this.dcId;
      R.cols.sku_id[i] = a.sku + 1;
      R.cols.qty[i] = a.qty;
      R.cols.receipt_date[i] = d;
    }
  }

  private takeReturns(d: number): void {
    const list = this.returnsDue.get(d);
    if (!list) return;
    this.returnsDue.delete(d);
    for (const r of list) {
      this.onHand[r.sku] += r.qty;
      this.wRet[r.sku] += r.qty;
      // A credit note for the returned line; the credit is applied to the account at once.
      const invId = this.dcId * DOC_ID_STRIDE + ++this.invSeq;
      const rate = this.taxRateOf(r.account);
      const [net, tax] = invoiceLine(-r.qty, r.unitPrice, rate);
      this.writeInvoiceHeader(invId, 1, NaN, r.orderId, r.account, d, 0, rate, net, tax);
      this.writeInvoiceLine(invId, 1, r.orderId, r.line, r.sku, -r.qty, r.unitPrice, net, tax, d);
      this.writePayment(d, invId, r.account, PaymentKind.credit, net + tax, 0);
    }
  }

  private takeStoreOrders(d: number): void {
    const list = this.retailByDay.get(d);
    if (!list) return;
    const { pb } = this.w;
    const o = this.store.orders, l = this.store.lines;
    const lOrder = l.order_id as Float64Array, lSku = l.sku_id as Int32Array;
    const lQty = l.qty as Int32Array, lNo = l.line_number as Int32Array;
    for (const i of list) {
      const rid = (o.order_id as Float64Array)[i];
      const account = this.accountOfStore((o.site_id as Int32Array)[i]);
      const shipDay = (o.ship_date as Int32Array)[i];
      const id = this.dcId * DOC_ID_STRIDE + ++this.orderSeq;
      this.retailOrderId[i] = id;
      const k0 = this.retailLineStart.get(rid) ?? this.retailLineOrder.length;
      let nLines = 0, units = 0, amount = 0;
      const short = new Map<number, number[]>(); // supplier → [sku, qty, …]
      for (let k = k0; k < this.retailLineOrder.length; k++) {
        const j = this.retailLineOrder[k];
        if (lOrder[j] !== rid) break;
        const p = lSku[j] - 1, q = lQty[j];
        const price = pb.wholesale[pb.row(p, this.seg, d)];
        this.writeOrderLine(id, lNo[j], p, q, price, price);
        nLines++;
        units += q;
        amount += q * price;
        this.wDemand[p] += q;
        this.wRetail[p] += q;
        this.cumRetail[p] += q;
        // Reserve; what stock and expedites in transit cannot cover is expedited for the ship day.
        const cover = this.onHand[p] + this.expInTransit[p] - this.reserved[p];
        if (cover < q) {
          const need = Math.ceil((q - Math.max(0, cover)) / this.caseOf[p]) * this.caseOf[p];
          const sup = this.supplier[p];
          const sl = short.get(sup);
          if (sl) sl.push(p, need);
          else short.set(sup, [p, need]);
          this.expInTransit[p] += need;
          this.onOrder[p] += need;
        }
        this.reserved[p] += q;
      }
      this.writeOrderHeader(id, account, 0, rid, d, shipDay, nLines, units, amount, amount);
      for (const [sup, lines] of short) this.purchase(d, sup, lines, shipDay, true);
      const due = this.retailShipDue.get(shipDay);
      if (due) due.push(i);
      else this.retailShipDue.set(shipDay, [i]);
    }
    this.retailByDay.delete(d);
  }

  private shipStoreOrders(d: number): void {
    const list = this.retailShipDue.get(d);
    if (!list) return;
    this.retailShipDue.delete(d);
    const o = this.store.orders, l = this.store.lines;
    const lOrder = l.order_id as Float64Array, lSku = l.sku_id as Int32Array;
    const lQty = l.qty as Int32Array, lNo = l.line_number as Int32Array;
    for (const i of list) {
      const rid = (o.order_id as Float64Array)[i];
      const account = this.accountOfStore((o.site_id as Int32Array)[i]);
      const orderId = this.retailOrderId[i];
      const shipId = this.dcId * DOC_ID_STRIDE + ++this.shipSeq;
      const invId = this.dcId * DOC_ID_STRIDE + ++this.invSeq;
      const rate = this.taxRateOf(account);
      const orderDay = (o.order_date as Int32Array)[i];
      let n = 0, units = 0, net = 0, tax = 0;
      const k0 = this.retailLineStart.get(rid) ?? this.retailLineOrder.length;
      for (let k = k0; k < this.retailLineOrder.length; k++) {
        const j = this.retailLineOrder[k];
        if (lOrder[j] !== rid) break;
        const p = lSku[j] - 1, q = lQty[j];
        this.onHand[p] -= q;
        this.reserved[p] -= q;
        this.wShip[p] += q;
        const price = this.w.pb.wholesale[this.w.pb.row(p, this.seg, orderDay)];
        n++;
        units += q;
        this.writeShipmentLine(shipId, n, orderId, lNo[j], p, q);
        const [ln, lt] = invoiceLine(q, price, rate);
        net += ln;
        tax += lt;
        this.writeInvoiceLine(invId, n, orderId, lNo[j], p, q, price, ln, lt, d);
      }
      const receive = (o.receive_date as Int32Array)[i];
      this.writeShipmentHeader(shipId, orderId, account, d, receive, false, n, units);
      this.writeInvoiceHeader(
        invId,
        0,
        shipId,
        orderId,
        account,
        d,
        RETAILER_TERMS.days,
        rate,
        net,
        tax,
      );
      this.schedulePayments(invId, account, d, net + tax);
    }
  }

  private fillBackorders(d: number): void {
    if (!this.backorders.size) return;
    // Fills grouped by order: one backorder shipment per order per day.
    const byOrder = new Map<number, { account: number; lines: Backorder[]; qty: number[] }>();
    for (const [p, queue] of this.backorders) {
      while (queue.length) {
        const b = queue[0];
        if (d - b.day > BACKORDER_DAYS) {
          this.backlog[p] -= b.qty;
          queue.shift();
          continue;
        }
        const free = this.onHand[p] - this.reserved[p] - this.protect[p];
        if (free <= 0) break;
        const q = Math.min(free, b.qty);
        this.onHand[p] -= q;
        this.wShip[p] += q;
        this.backlog[p] -= q;
        b.qty -= q;
        let g = byOrder.get(b.orderId);
        if (!g) byOrder.set(b.orderId, g = { account: b.account, lines: [], qty: [] });
        g.lines.push(b);
        g.qty.push(q);
        if (b.qty === 0) queue.shift();
        else break;
      }
      if (!queue.length) this.backorders.delete(p);
    }
    for (const [orderId, g] of [...byOrder].sort((a, b) => a[0] - b[0])) {
      this.shipTrade(d, orderId, g.account, g.lines, g.qty, true);
    }
  }

  private takeTradeOrders(d: number): void {
    const { c } = this;
    const i = d - this.w.ctx.start;
    const season = this.season(d);
    const s = this.orderStream, ls = this.lineStream;
    const { pb } = this.w;
    for (let a = c.retail; a < c.retail + c.trade; a++) {
      if (c.since[a] > d) continue;
      const type = tradeTypeOf(c, a)!;
      const row = i * ACCOUNT_STRIDE + a;
      const p = type === "fleet"
        ? (isoWeekday(d) === c.fleetDay[a] ? FLEET_ORDERING.onItsDay : FLEET_ORDERING.otherDays)
        : Math.min(0.95, this.ordersPerBusinessDay(a) * season);
      if (!s.chance(row, p, 0)) continue;
      const prof = TRADE_PROFILE[type];
      const alias = this.tradePick[TRADE_TYPES.indexOf(type)];
      if (!alias) continue;
      const skus = this.tradeSkus[TRADE_TYPES.indexOf(type)];
      const k = Math.min(20, 1 + poisson(s, row, meanLinesPerOrder(type, c.size[a]) - 1, 1));
      const id = this.dcId * DOC_ID_STRIDE + ++this.orderSeq;
      const tierBp = PRICE_TIERS[c.tier[a]].discountBp;
      const picked: number[] = [];
      const lines: Backorder[] = [];
      const shipQ: number[] = [];
      let listAmt = 0, netAmt = 0, units = 0;
      for (let t = 0; t < k * 3 && picked.length < k; t++) {
        const lrow = row * 64 + t;
        const sku = skus[alias.sampleU(ls.u01(lrow, 0))];
        if (picked.includes(sku) || !this.onSale(sku, d)) continue;
        picked.push(sku);
        const bulk = ls.chance(lrow, BULK_BUYS.p, 2)
          ? ls.range(lrow, BULK_BUYS.minFactor, BULK_BUYS.maxFactor, 3)
          : 1;
        const qty = this.caseOf[sku] * (1 + poisson(ls, lrow, prof.extraCases, 1)) * bulk;
        const list = pb.wholesale[pb.row(sku, this.seg, d)];
        const price = Math.round((list * (10000 - tierBp)) / 10000);
        const line = picked.length;
        this.writeOrderLine(id, line, sku, qty, list, price);
        listAmt += qty * list;
        netAmt += qty * price;
        units += qty;
        this.wDemand[sku] += qty;
        const free = Math.max(0, this.onHand[sku] - this.reserved[sku] - this.protect[sku]);
        const q = Math.min(free, qty);
        this.onHand[sku] -= q;
        this.wShip[sku] += q;
        const b: Backorder = {
          orderId: id,
          line,
          account: a,
          sku,
          qty: qty - q,
          unitPrice: price,
          day: d,
        };
        if (q > 0) (lines.push(b), shipQ.push(q));
        if (qty > q) {
          this.backlog[sku] += qty - q;
          const queue = this.backorders.get(sku);
          if (queue) queue.push(b);
          else this.backorders.set(sku, [b]);
        }
      }
      if (!picked.length) {
        this.orderSeq--;
        continue;
      }
      this.writeOrderHeader(id, a, 1, NaN, d, d, picked.length, units, listAmt, netAmt);
      if (lines.length) this.shipTrade(d, id, a, lines, shipQ, false);
    }
  }

  /** Ships trade lines (qty[j] of lines[j]) of one order today, invoices them and schedules returns. */
  private shipTrade(
    d: number,
    orderId: number,
    account: number,
    lines: Backorder[],
    qty: number[],
    backorder: boolean,
  ): void {
    const shipId = this.dcId * DOC_ID_STRIDE + ++this.shipSeq;
    const invId = this.dcId * DOC_ID_STRIDE + ++this.invSeq;
    const rate = this.taxRateOf(account);
    let units = 0, net = 0, tax = 0;
    for (let j = 0; j < lines.length; j++) {
      const b = lines[j], q = qty[j];
      units += q;
      this.writeShipmentLine(shipId, j + 1, orderId, b.line, b.sku, q);
      const [ln, lt] = invoiceLine(q, b.unitPrice, rate);
      net += ln;
      tax += lt;
      this.writeInvoiceLine(invId, j + 1, orderId, b.line, b.sku, q, b.unitPrice, ln, lt, d);
      // Some shipped lines come back within a month: a credit note then.
      const rrow = shipId % DOC_ID_STRIDE * 32 + j;
      if (this.lineStream.chance(rrow, TRADE_RETURNS.rate, 5)) {
        const back = d +
          this.lineStream.range(rrow, TRADE_RETURNS.minDays, TRADE_RETURNS.maxDays, 6);
        const rd = this.nextBusinessDay(back);
        const r: TradeReturn = {
          orderId,
          line: b.line,
          account,
          sku: b.sku,
          qty: q,
          unitPrice: b.unitPrice,
        };
        const list = this.returnsDue.get(rd);
        if (list) list.push(r);
        else this.returnsDue.set(rd, [r]);
      }
    }
    const delivery = this.nextBusinessDay(d + TRADE_DELIVERY_DAYS);
    this.writeShipmentHeader(shipId, orderId, account, d, delivery, backorder, lines.length, units);
    const terms = TERMS[this.c.terms[account]];
    this.writeInvoiceHeader(invId, 0, shipId, orderId, account, d, terms.days, rate, net, tax);
    this.schedulePayments(invId, account, d, net + tax);
  }

  private schedulePayments(invId: number, account: number, d: number, total: number): void {
    const retailer = this.c.kind[account] === 0;
    const terms = retailer ? RETAILER_TERMS : TERMS[this.c.terms[account]];
    const plan = this.plan.plan(
      this.payStream,
      invId % DOC_ID_STRIDE,
      d,
      total,
      terms.days,
      terms.discountBp,
      retailer ? null : { ...PAYMENT_BEHAVIOUR, writeOffAfterDays: WRITE_OFF_AFTER_DAYS },
    );
    for (let k = 0; k < plan.n; k++) {
      const day = plan.day[k];
      if (day > this.w.ctx.end) continue;
      const p: DuePayment = {
        invoiceId: invId,
        account,
        kind: plan.kind[k],
        amount: plan.amount[k],
        discount: plan.discount[k],
      };
      const list = this.paymentsDue.get(day);
      if (list) list.push(p);
      else this.paymentsDue.set(day, [p]);
    }
  }

  private receivePayments(d: number): void {
    const list = this.paymentsDue.get(d);
    if (!list) return;
    this.paymentsDue.delete(d);
    for (const p of list) {
      this.writePayment(d, p.invoiceId, p.account, p.kind, p.amount, p.discount);
    }
  }

  private review(d: number): void {
    const bySupplier = new Map<number, number[]>();
    for (const p of this.carried) {
      if (!this.orderable(p, d)) continue;
      const position = this.onHand[p] + this.onOrder[p] - this.reserved[p] - this.backlog[p];
      if (position > this.s[p]) continue;
      const q = Math.ceil((this.S[p] - position) / this.caseOf[p]) * this.caseOf[p];
      if (q <= 0) continue;
      this.onOrder[p] += q;
      const list = bySupplier.get(this.supplier[p]);
      if (list) list.push(p, q);
      else bySupplier.set(this.supplier[p], [p, q]);
    }
    for (const sup of [...bySupplier.keys()].sort((a, b) => a - b)) {
      const lead = leadOf(sup);
      const jitter = this.poStream.int(this.poSeq + 1, lead.jitter + 1, 0);
      const due = this.nextBusinessDay(d + lead.days + jitter);
      const row = this.poSeq + 1;
      const late = this.poStream.chance(row, SUPPLIER_DELAYS.pLate, 1)
        ? this.poStream.range(row, SUPPLIER_DELAYS.minDays, SUPPLIER_DELAYS.maxDays, 2)
        : 0;
      this.purchase(d, sup, bySupplier.get(sup)!, due, false, this.nextBusinessDay(due + late));
    }
  }

  /**
   * Places one purchase order with `sup` for [sku, qty, …] due on `due`, whose
   * goods arrive on `arrive` (on-order already counted).
   */
  private purchase(
    d: number,
    sup: number,
    lines: number[],
    due: number,
    expedite: boolean,
    arrive = due,
  ): void {
    const id = this.dcId * DOC_ID_STRIDE + ++this.poSeq;
    const { pb } = this.w;
    let units = 0, amount = 0;
    const arrivals = this.arrivals.get(arrive) ?? [];
    for (let k = 0; k < lines.length; k += 2) {
      const p = lines[k], q = lines[k + 1];
      const cost = pb.transfer[pb.row(p, this.seg, d)];
      units += q;
      amount += q * cost;
      arrivals.push({ poId: id, line: k / 2 + 1, sku: p, qty: q, expedite });
      const L = this.out?.poLines;
      if (L) {
        const i = L.row();
        L.cols.po_id[i] = id;
        L.cols.line_number[i] = k / 2 + 1;
        L.cols.sku_id[i] = p + 1;
        L.cols.qty[i] = q;
        L.cols.unit_cost[i] = cost;
        L.cols.line_amount[i] = q * cost;
      }
    }
    this.arrivals.set(arrive, arrivals);
    const H = this.out?.pos;
    if (!H) return;
    const i = H.row();
    H.cols.po_id[i] = id;
    H.cols.dc_site_id[i] = this.dcId;
    H.cols.segment_id[i] = this.seg + 1;
    H.cols.supplier_company_id[i] = sup > 0 ? sup : NaN;
    H.cols.supplier_brand_id[i] = sup < 0 ? -sup : NaN;
    H.cols.priority[i] = expedite ? 1 : 0;
    H.cols.order_date[i] = d;
    H.cols.expected_date[i] = due;
    H.cols.line_count[i] = lines.length / 2;
    H.cols.total_qty[i] = units;
    H.cols.total_amount[i] = amount;
  }

  private endWeek(d: number): void {
    const { pb } = this.w;
    const I = this.out?.inventory;
    const days = d - this.weekStart + 1;
    for (const p of this.carried) {
      if (I) {
        const i = I.row();
        const r = pb.row(p, this.seg, d);
        const cost = r >= 0 ? pb.transfer[r] : 0;
        I.cols.dc_site_id[i] = this.dcId;
        I.cols.sku_id[i] = p + 1;
        I.cols.week_start[i] = this.weekStart;
        I.cols.snapshot_date[i] = d;
        I.cols.opening_qty[i] = this.wOpen[p];
        I.cols.receipts_qty[i] = this.wRec[p];
        I.cols.shipments_qty[i] = this.wShip[p];
        I.cols.returns_qty[i] = this.wRet[p];
        I.cols.closing_qty[i] = this.onHand[p];
        I.cols.backorder_qty[i] = this.backlog[p];
        I.cols.on_order_qty[i] = this.onOrder[p];
        I.cols.reorder_point[i] = this.s[p];
        I.cols.order_up_to[i] = this.S[p];
        I.cols.unit_cost[i] = cost;
        I.cols.closing_value[i] = this.onHand[p] * cost;
      }
      // Exponential smoothing of the week's demand; the retailer's lumpy orders are also
      // floored at their running mean, so a slow SKU between two store orders keeps stock.
      const a = DC_POLICY.alpha;
      const elapsed = d - this.w.ctx.start + 1;
      const retailMean = elapsed >= FIRST_FORECAST_DAYS ? this.cumRetail[p] / elapsed : 0;
      const tradeMu = Math.max(0, this.mu[p] - this.muRetail[p]);
      this.muRetail[p] = Math.max(
        retailMean,
        a * (this.wRetail[p] / days) + (1 - a) * this.muRetail[p],
      );
      this.mu[p] = this.muRetail[p] +
        a * ((this.wDemand[p] - this.wRetail[p]) / days) + (1 - a) * tradeMu;
      this.setLevels(p);
    }
  }

  /** Trade seasonality and trend on day `d` (1 = the average day). */
  private season(d: number): number {
    const south = this.south;
    const doy = dayOfYear(d);
    const years = (d - this.w.ctx.start) / 365.25;
    const peak = TRADE_SEASONALITY.peakDayOfYear + (south ? 182 : 0);
    return (1 + TRADE_SEASONALITY.trendPerYear * years) *
      (1 + TRADE_SEASONALITY.amplitude * Math.cos((2 * Math.PI * (doy - peak)) / 365.25));
  }

  /** Tax rate on invoices to an account: VAT/GST outside the US; US sales tax only for fleets. */
  private taxRateOf(account: number): number {
    if (!this.usSalesTax) return this.taxBp;
    return tradeTypeOf(this.c, account) === "fleet" ? this.taxBp : 0;
  }

  private writeOrderHeader(
    id: number,
    account: number,
    type: number,
    retailOrderId: number,
    d: number,
    requested: number,
    lines: number,
    units: number,
    listAmount: number,
    netAmount: number,
  ): void {
    const O = this.out?.orders;
    if (!O) return;
    const i = O.row();
    O.cols.order_id[i] = id;
    O.cols.customer_id[i] = this.customerId(account);
    O.cols.dc_site_id[i] = this.dcId;
    O.cols.segment_id[i] = this.seg + 1;
    O.cols.order_type[i] = type;
    O.cols.retail_order_id[i] = retailOrderId;
    O.cols.order_date[i] = d;
    O.cols.requested_date[i] = requested;
    O.cols.line_count[i] = lines;
    O.cols.total_qty[i] = units;
    O.cols.list_amount[i] = listAmount;
    O.cols.net_amount[i] = netAmount;
  }

  private writeOrderLine(
    id: number,
    line: number,
    p: number,
    qty: number,
    list: number,
    price: number,
  ): void {
    const L = this.out?.orderLines;
    if (!L) return;
    const i = L.row();
    L.cols.order_id[i] = id;
    L.cols.line_number[i] = line;
    L.cols.sku_id[i] = p + 1;
    L.cols.qty[i] = qty;
    L.cols.unit_list_price[i] = list;
    L.cols.unit_price[i] = price;
    L.cols.line_amount[i] = qty * price;
  }

  private writeShipmentHeader(
    id: number,
    orderId: number,
    account: number,
    d: number,
    delivery: number,
    backorder: boolean,
    lines: number,
    units: number,
  ): void {
    const H = this.out?.shipments;
    if (!H) return;
    const i = H.row();
    H.cols.shipment_id[i] = id;
    H.cols.order_id[i] = orderId;
    H.cols.customer_id[i] = this.customerId(account);
    H.cols.dc_site_id[i] = this.dcId;
    H.cols.ship_date[i] = d;
    H.cols.delivery_date[i] = delivery;
    H.cols.is_backorder[i] = backorder ? 1 : 0;
    H.cols.line_count[i] = lines;
    H.cols.total_qty[i] = units;
  }

  private writeShipmentLine(
    id: number,
    line: number,
    orderId: number,
    orderLine: number,
    p: number,
    qty: number,
  ): void {
    const L = this.out?.shipmentLines;
    if (!L) return;
    const i = L.row();
    L.cols.shipment_id[i] = id;
    L.cols.line_number[i] = line;
    L.cols.order_id[i] = orderId;
    L.cols.order_line_number[i] = orderLine;
    L.cols.sku_id[i] = p + 1;
    L.cols.qty[i] = qty;
  }

  private writeInvoiceHeader(
    id: number,
    type: number,
    shipmentId: number,
    orderId: number,
    account: number,
    d: number,
    termsDays: number,
    rate: number,
    net: number,
    tax: number,
  ): void {
    const H = this.out?.invoices;
    if (!H) return;
    const i = H.row();
    H.cols.invoice_id[i] = id;
    H.cols.invoice_type[i] = type;
    H.cols.shipment_id[i] = shipmentId;
    H.cols.order_id[i] = orderId;
    H.cols.customer_id[i] = this.customerId(account);
    H.cols.dc_site_id[i] = this.dcId;
    H.cols.segment_id[i] = this.seg + 1;
    H.cols.currency[i] = 0;
    H.cols.invoice_date[i] = d;
    H.cols.due_date[i] = d + termsDays;
    H.cols.tax_rate_bp[i] = rate;
    H.cols.net_amount[i] = net;
    H.cols.tax_amount[i] = tax;
    H.cols.total_amount[i] = net + tax;
  }

  private writeInvoiceLine(
    id: number,
    line: number,
    orderId: number,
    orderLine: number,
    p: number,
    qty: number,
    price: number,
    net: number,
    tax: number,
    d: number,
  ): void {
    const L = this.out?.invoiceLines;
    if (!L) return;
    const { pb } = this.w;
    const i = L.row();
    L.cols.invoice_id[i] = id;
    L.cols.line_number[i] = line;
    L.cols.order_id[i] = orderId;
    L.cols.order_line_number[i] = orderLine;
    L.cols.sku_id[i] = p + 1;
    L.cols.qty[i] = qty;
    L.cols.unit_price[i] = price;
    L.cols.net_amount[i] = net;
    L.cols.tax_amount[i] = tax;
    L.cols.unit_cost[i] = pb.transfer[pb.row(p, this.seg, d)];
  }

  private writePayment(
    d: number,
    invoiceId: number,
    account: number,
    kind: number,
    amount: number,
    discount: number,
  ): void {
    const id = this.dcId * DOC_ID_STRIDE + ++this.paySeq;
    const P = this.out?.payments;
    if (!P) return;
    const i = P.row();
    P.cols.payment_id[i] = id;
    P.cols.invoice_id[i] = invoiceId;
    P.cols.customer_id[i] = this.customerId(account);
    P.cols.payment_date[i] = d;
    P.cols.payment_kind[i] = kind;
    P.cols.amount[i] = amount;
    P.cols.discount_amount[i] = discount;
  }

  private customerId(account: number): number {
    return this.dcId * CUSTOMER_ID_STRIDE + account;
  }

  private accountOfStore(siteId: number): number {
    const a = this.c.accountOfSite.get(siteId);
    if (a === undefined) {
      throw new Error(`DC ${this.dcId} got an order from site ${siteId}, which it does not serve`);
    }
    return a;
  }

  /** The currency of the DC's documents (the pool of the `currency` columns). */
  get currencyPool(): string[] {
    return [this.currency];
  }
}
