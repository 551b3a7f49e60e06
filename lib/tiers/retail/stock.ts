/**
 * A site's stock and its replenishment from the distribution centre of its
 * geo segment, simulated day by day.
 *
 * Per ranged SKU the site keeps on-hand and on-order quantities and a
 * forecast μ of daily demand (sales + lost sales), updated weekly by
 * exponential smoothing. On review days it orders under an (s, S) policy in
 * whole case packs (see {@link POLICY}); the order ships the next day and is
 * received one or two days later (on the next day the site is open). A store
 * that opens during the period places a first order a week before opening;
 * sites open at the start hold S of every SKU on sale (the opening balance).
 *
 * Conservation, per site × SKU × week: opening + receipts − sales + returns =
 * closing, and closing is the next week's opening; stock is never negative
 * because a sale takes at most what is on hand (the rest is a lost sale).
 *
 * The orders are the documents the distribution tier receives as sales orders:
 * site = the ordering store, dc = the distribution centre of the store's
 * segment, unit price = the price book's wholesale price of the segment on the
 * order day; order < ship ≤ receive. Orders whose receipt would fall after the
 * period are not placed.
 *
 * @module
 */

import { isoWeekday } from "../../core/dates.ts";
import type { Catalog } from "../../catalog/model.ts";
import type { PriceBook } from "../../catalog/price_book.ts";
import type { Stream } from "../../core/rng.ts";
import type { RunContext } from "../../world/context.ts";
import type { Assortment } from "./assortment.ts";
import { Block } from "../../gen/block.ts";
import { orderUpTo, reorderPoint } from "../../gen/stock_policy.ts";
import { layoutOf, tableIn } from "../../gen/layout.ts";
import { RETAIL_TABLES } from "./tables.ts";
import { FIRST_ORDER_DAYS, LEAD, ORDER_WINDOW, POLICY } from "./params.ts";

/** Ids of site-scoped documents: site id × 10^10 + a per-site sequence number (from 1). */
export const SITE_ID_STRIDE = 1e10;

/** Layout of store_inventory. */
export const INVENTORY_COLUMNS = layoutOf(tableIn(RETAIL_TABLES, "store_inventory"));

/** Layout of store_replenishment_orders. */
export const ORDER_COLUMNS = layoutOf(tableIn(RETAIL_TABLES, "store_replenishment_orders"));

/** Layout of store_replenishment_order_lines. */
export const ORDER_LINE_COLUMNS = layoutOf(
  tableIn(RETAIL_TABLES, "store_replenishment_order_lines"),
);

/** Output columns of store_inventory. */
export type InventoryOut = Block<typeof INVENTORY_COLUMNS>;

/** A new, empty store_inventory block with room for about `rows` rows (it grows if needed). */
export function inventoryOut(rows = 1024): InventoryOut {
  return new Block(INVENTORY_COLUMNS, rows);
}

/** Output columns of store_replenishment_orders and their lines. */
export class OrdersOut {
  /** store_replenishment_orders. */
  readonly orders: Block<typeof ORDER_COLUMNS> = new Block(ORDER_COLUMNS);
  /** store_replenishment_order_lines. */
  readonly lines: Block<typeof ORDER_LINE_COLUMNS> = new Block(ORDER_LINE_COLUMNS);
}

/**
 * The presentation quantity of a SKU whose case holds `casePack` units: the
 * planogram's minimum facings, each {@link POLICY}.presentation.unitsPerFacing
 * of a case deep (bulky items come in small cases and stand fewer deep).
 */
export function presentationQty(casePack: number): number {
  const { minFacings, casePerFacing } = POLICY.presentation;
  return minFacings * Math.max(1, Math.ceil(casePack * casePerFacing));
}

/** The stock of one site. */
export class Stock {
  /** On hand per product index. */
  readonly onHand: Int32Array;
  /** On order (placed, not yet received). */
  readonly onOrder: Int32Array;
  /** Forecast daily demand. */
  readonly mu: Float64Array;
  /** This week's flows per product index. */
  readonly wOpen: Int32Array;
  /** Receipts this week. */
  readonly wRec: Int32Array;
  /** Sales this week. */
  readonly wSales: Int32Array;
  /** Returns restocked this week. */
  readonly wRet: Int32Array;
  /** Lost sales this week. */
  readonly wLost: Int32Array;
  /** Days this week that ended with no stock while the SKU was on sale. */
  readonly wOut: Int32Array;
  /** Reorder point s per product index (from the current forecast; see {@link setLevels}). */
  readonly reorderPoint: Int32Array;
  /** Order-up-to level S per product index. */
  readonly orderUpTo: Int32Array;
  /** Units a store's shelf holds (refilled from the back room on review days); online: no limit. */
  readonly shelfCap: Int32Array;
  /** Units left on the shelf today (see {@link available}). */
  readonly shelf: Int32Array;
  /** Orders placed so far (the sequence of the next order is orders + 1). */
  orders = 0;
  /** False until the shelf is first filled (the first day the site trades). */
  private shelfFilled = false;
  private weekStart: number;
  private openDays = 0;
  private readonly arrivals = new Map<number, number[]>();
  private readonly returnsDue = new Map<number, number[]>();
  private readonly reviewDays: Uint8Array;
  private readonly firstOrderDay: number;
  private readonly caseOf: Int32Array;
  /** Presentation quantity per product index: the planogram's facings × units per facing. */
  private readonly presentation: Int32Array;

  /** Sets up a site's stock; `dailyLines` is its expected lines per open day (for the first forecast). */
  constructor(
    private readonly ctx: RunContext,
    private readonly cat: Catalog,
    private readonly pb: PriceBook,
    private readonly a: Assortment,
    private readonly siteId: number,
    private readonly dcId: number,
    private readonly segment: number,
    private readonly online: boolean,
    private readonly open: (dayIndex: number) => boolean,
    private readonly s: Stream,
    openDay: number,
    dailyUnits: number,
    private readonly equivalents = 1,
    /**
     * Day indices the shops of the site's country trade on: a delivery arrives
     * only on one of them (and, after opening, on a day the site is open).
     */
    private readonly shopDay: (dayIndex: number) => boolean = () => true,
  ) {
    const P = cat.products.length;
    this.onHand = new Int32Array(P);
    this.onOrder = new Int32Array(P);
    this.mu = new Float64Array(P);
    this.wOpen = new Int32Array(P);
    this.wRec = new Int32Array(P);
    this.wSales = new Int32Array(P);
    this.wRet = new Int32Array(P);
    this.wLost = new Int32Array(P);
    this.wOut = new Int32Array(P);
    this.caseOf = new Int32Array(P);
    this.presentation = new Int32Array(P);
    this.reorderPoint = new Int32Array(P);
    this.orderUpTo = new Int32Array(P);
    this.shelfCap = new Int32Array(P);
    this.shelf = new Int32Array(P);
    this.weekStart = ctx.start;
    let popSum = 0;
    const pop = (
      p: number,
    ) => (a.market === "us" ? cat.products[p].popUs : cat.products[p].popMetric);
    for (const p of a.ranged) popSum += pop(p);
    for (const p of a.ranged) {
      this.mu[p] = popSum > 0 ? dailyUnits * pop(p) / popSum : 0;
      this.caseOf[p] = Math.max(1, cat.products[p].casePack);
      this.presentation[p] = presentationQty(this.caseOf[p]);
      this.setLevels(p);
    }
    // Review days: stores twice a week (a pair of weekdays by site), online every weekday.
    const pairs = [[1, 4], [2, 5], [3, 6]];
    this.reviewDays = new Uint8Array(8);
    if (online) { for (let d = 1; d <= 5; d++) this.reviewDays[d] = 1; }
    else for (const d of pairs[siteId % 3]) this.reviewDays[d] = 1;
    this.firstOrderDay = openDay - FIRST_ORDER_DAYS;
    if (this.firstOrderDay <= ctx.start) {
      // Open (or about to open) at the start: the opening balance is S of every SKU on sale.
      for (const p of a.ranged) {
        if (this.orderable(p, ctx.start) && cat.products[p].launchDay <= ctx.start) {
          const S = this.orderUpTo[p];
          this.onHand[p] = S;
          this.wOpen[p] = S;
        }
      }
    }
  }

  /** True when the site may order the SKU on `day` (from shortly before launch until a month before discontinuation). */
  orderable(p: number, day: number): boolean {
    const prod = this.cat.products[p];
    if (day < prod.launchDay - ORDER_WINDOW.beforeLaunch) return false;
    return prod.discontinueDay === null ||
      day < prod.discontinueDay - ORDER_WINDOW.stopBeforeDiscontinue;
  }

  /**
   * Sets the reorder point s and order-up-to level S of a SKU from its
   * forecast; called whenever the forecast changes (at set-up and weekly).
   */
  private setLevels(p: number): void {
    // An online shop stocks as `equivalents` stores would (see POLICY.onlineAsStores).
    const k = this.equivalents, mu = this.mu[p] / k;
    const horizon = (this.online ? POLICY.reviewDaysOnline : POLICY.reviewDaysStore) +
      LEAD.shipDays +
      LEAD.transitDays + LEAD.pSlow;
    const pres = this.presentation[p];
    const s1 = Math.max(pres, reorderPoint(mu, horizon, POLICY));
    const s = Math.max(1, Math.round(k * s1));
    this.reorderPoint[p] = s;
    // At least one case above s per store equivalent (a small online shop: a part of a case).
    this.orderUpTo[p] = Math.max(s + 1, Math.round(k * orderUpTo(s1, mu, this.caseOf[p], POLICY)));
    this.shelfCap[p] = this.online ? 0x7fffffff : Math.max(pres, Math.ceil(mu * POLICY.shelf.days));
  }

  /** Units a shopper finds today: what is left on the shelf. */
  available(p: number): number {
    return Math.min(this.onHand[p], this.shelf[p]);
  }

  /** Start of a day: receive deliveries and restock returns. */
  beginDay(day: number): void {
    const arr = this.arrivals.get(day);
    if (arr) {
      for (let i = 0; i < arr.length; i += 2) {
        this.onHand[arr[i]] += arr[i + 1];
        this.onOrder[arr[i]] -= arr[i + 1];
        this.wRec[arr[i]] += arr[i + 1];
      }
      this.arrivals.delete(day);
    }
    const ret = this.returnsDue.get(day);
    if (ret) {
      for (let i = 0; i < ret.length; i += 2) {
        this.onHand[ret[i]] += ret[i + 1];
        this.wRet[ret[i]] += ret[i + 1];
      }
      this.returnsDue.delete(day);
    }
    // On review days (and the first day the site trades) a store's shelf is filled from the back
    // room before opening; in between, what shoppers take is not replaced. Online orders are
    // picked from the stock of every store that ships them (no shelf limit).
    const i = day - this.ctx.start;
    if (this.online || (this.open(i) && (this.reviewDays[isoWeekday(day)] || !this.shelfFilled))) {
      const { shelf, shelfCap, onHand } = this;
      for (const p of this.a.ranged) shelf[p] = Math.min(onHand[p], shelfCap[p]);
      this.shelfFilled = true;
    }
  }

  /** Sells up to `qty` units; returns the units sold (the rest is recorded as lost). */
  take(p: number, qty: number): number {
    const sold = Math.min(qty, this.onHand[p], this.shelf[p]);
    this.onHand[p] -= sold;
    this.shelf[p] -= sold;
    this.wSales[p] += sold;
    this.wLost[p] += qty - sold;
    return sold;
  }

  /** Records lost demand without a sale (e.g. a kit whose parts are not all on hand). */
  lose(p: number, qty: number): void {
    this.wLost[p] += qty;
  }

  /** Books a customer return to be restocked on `day`. */
  returnOn(day: number, p: number, qty: number): void {
    let list = this.returnsDue.get(day);
    if (!list) this.returnsDue.set(day, list = []);
    list.push(p, qty);
  }

  /**
   * End of a day: count stock-outs, review and order, and on the last day of a
   * week write the snapshot rows. Null outputs replay without writing.
   */
  endDay(day: number, onSale: Uint8Array, inv: InventoryOut | null, ord: OrdersOut | null): void {
    const { a } = this;
    const wd = isoWeekday(day);
    const i = day - this.ctx.start;
    if (this.open(i)) {
      this.openDays++;
      for (const p of a.ranged) if (onSale[p] && this.onHand[p] === 0) this.wOut[p]++;
    }
    if (day === this.firstOrderDay && day > this.ctx.start) this.order(day, ord, true);
    else if (day > this.firstOrderDay && this.reviewDays[wd] && this.open(i)) {
      this.order(day, ord, false);
    }
    if (wd === 7 || day === this.ctx.end) this.closeWeek(day, inv);
  }

  private order(day: number, ord: OrdersOut | null, first: boolean): void {
    const { a, ctx } = this;
    const ship = day + LEAD.shipDays;
    let recv: number;
    if (first) {
      // The day before opening, or the last day before it that shops trade on.
      recv = this.firstOrderDay + FIRST_ORDER_DAYS - 1;
      while (recv > ship && !this.shopDay(recv - ctx.start)) recv--;
    } else {
      recv = ship + LEAD.transitDays + (this.s.chance(day, LEAD.pSlow, 0) ? 1 : 0);
      while (
        recv <= ctx.end && !(this.open(recv - ctx.start) && this.shopDay(recv - ctx.start))
      ) recv++;
    }
    if (recv > ctx.end) return;
    let lines = 0, qtyTotal = 0, amount = 0;
    const orderId = this.siteId * SITE_ID_STRIDE + this.orders + 1;
    const arrivals: number[] = [];
    for (const p of a.ranged) {
      if (!this.orderable(p, day)) continue;
      const s = this.reorderPoint[p], S = this.orderUpTo[p];
      const pos = this.onHand[p] + this.onOrder[p];
      if (pos > s) continue;
      const c = this.caseOf[p];
      const q = Math.ceil((S - pos) / c) * c;
      const r = this.pb.row(p, this.segment, day);
      if (r < 0 || q <= 0) continue;
      lines++;
      qtyTotal += q;
      this.onOrder[p] += q;
      arrivals.push(p, q);
      const price = this.pb.wholesale[r];
      amount += q * price;
      if (ord) {
        const i = ord.lines.row(), c = ord.lines.cols;
        c.order_id[i] = orderId;
        c.line_number[i] = lines;
        c.sku_id[i] = p + 1;
        c.qty[i] = q;
        c.unit_price[i] = price;
        c.line_amount[i] = q * price;
      }
    }
    if (!lines) return;
    this.orders++;
    const list = this.arrivals.get(recv);
    if (list) list.push(...arrivals);
    else this.arrivals.set(recv, arrivals);
    if (ord) {
      const i = ord.orders.row(), c = ord.orders.cols;
      c.order_id[i] = orderId;
      c.site_id[i] = this.siteId;
      c.dc_site_id[i] = this.dcId;
      c.segment_id[i] = this.segment + 1;
      c.order_date[i] = day;
      c.ship_date[i] = first ? Math.max(ship, recv - 1) : ship;
      c.receive_date[i] = recv;
      c.line_count[i] = lines;
      c.total_qty[i] = qtyTotal;
      c.total_amount[i] = amount;
    }
  }

  private closeWeek(day: number, inv: InventoryOut | null): void {
    const { a } = this;
    const days = this.openDays;
    if (inv) inv.reserve(a.ranged.length);
    for (const p of a.ranged) {
      const closing = this.onHand[p];
      if (
        inv &&
        (this.wOpen[p] | closing | this.wRec[p] | this.wSales[p] | this.wRet[p] | this.wLost[p] |
            this.onOrder[p]) !== 0
      ) {
        const r = this.pb.row(p, this.segment, day);
        const cost = r >= 0 ? this.pb.wholesale[r] : 0;
        const i = inv.n++, c = inv.cols;
        c.site_id[i] = this.siteId;
        c.sku_id[i] = p + 1;
        c.week_start[i] = this.weekStart;
        c.snapshot_date[i] = day;
        c.opening_qty[i] = this.wOpen[p];
        c.receipts_qty[i] = this.wRec[p];
        c.sales_qty[i] = this.wSales[p];
        c.returns_qty[i] = this.wRet[p];
        c.closing_qty[i] = closing;
        c.lost_sales_qty[i] = this.wLost[p];
        c.stockout_days[i] = this.wOut[p];
        c.on_order_qty[i] = this.onOrder[p];
        c.reorder_point[i] = this.reorderPoint[p];
        c.order_up_to[i] = this.orderUpTo[p];
        c.unit_cost[i] = cost;
        c.closing_value[i] = cost * closing;
      }
      const demand = this.wSales[p] + this.wLost[p];
      if (days > 0 && this.orderable(p, day) && this.cat.products[p].launchDay <= this.weekStart) {
        this.mu[p] = (1 - POLICY.alpha) * this.mu[p] + POLICY.alpha * demand / days;
        this.setLevels(p);
      }
      this.wOpen[p] = closing;
      this.wRec[p] =
        this.wSales[p] =
        this.wRet[p] =
        this.wLost[p] =
        this.wOut[p] =
          0;
    }
    this.weekStart = day + 1;
    this.openDays = 0;
  }
}
