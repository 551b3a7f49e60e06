/**
 * Expected row counts of the distribution tables, for `describe`, the dataset
 * card and the progress bar: customers exactly, trade orders from the account
 * model, the retailer's orders from the retail tier's own estimate, and the
 * rest by ratios measured on generated data (scale 1, default period).
 *
 * @module
 */

import type { RunContext } from "../../world/context.ts";
import { dcCustomers, tradeAccountsBySegment } from "./customers.ts";
import {
  FLEET_ORDERING,
  meanLinesPerOrder,
  orderChancePerBusinessDay,
  TRADE_TYPES,
} from "./params.ts";
import { geoModel } from "../../world/geography.ts";

/** Ratios measured on generated data. */
export const MEASURED = {
  /** Shipments per order (backorder shipments add to one per order). */
  shipmentsPerOrder: 1.03,
  /** Invoices (and credit notes) per shipment. */
  invoicesPerShipment: 1.01,
  /** SKUs a DC holds (weekly stock rows per DC and week). */
  skusPerDc: 265,
  /** Purchase orders per DC and week at scale 1 (25,006 in the default period). */
  posPerDcWeek: 8.87,
  /** How purchase orders grow with scale: × scale^this (15,821 at scale 0.1). */
  posScaleExponent: 0.2,
  /** Lines per purchase order at scale 1 (40,109 lines). */
  linesPerPo: 1.6,
  /** How lines per purchase order change with scale: × scale^this (29,417 lines at 0.1). */
  linesPerPoScaleExponent: -0.065,
};

type RowsOf = (table: string) => number;

/** Trade orders and lines expected over the period (from the account model, before season). */
function trade(ctx: RunContext): { orders: number; lines: number } {
  const businessDays = (ctx.end - ctx.start + 1) * 5 / 7 * 0.97;
  let orders = 0, lines = 0;
  const segs = geoModel(ctx).segments.length;
  for (let seg = 0; seg < segs; seg++) {
    const c = dcCustomers(ctx, seg);
    for (let a = c.retail; a < c.retail + c.trade; a++) {
      const type = TRADE_TYPES[c.kind[a] - 1];
      const active = Math.max(0, Math.min(1, (ctx.end - c.since[a]) / (ctx.end - ctx.start + 1)));
      const perDay = type === "fleet"
        ? (FLEET_ORDERING.onItsDay + 4 * FLEET_ORDERING.otherDays) / 5
        : orderChancePerBusinessDay(type, c.size[a]);
      const n = perDay * businessDays * active;
      orders += n;
      lines += n * Math.min(20, meanLinesPerOrder(type, c.size[a]));
    }
  }
  return { orders, lines };
}

const weeks = (ctx: RunContext) => (ctx.end - ctx.start + 1) / 7;

/** Expected rows per table. */
export const ROW_ESTIMATES = {
  /** distributor_customers. */
  customers(ctx: RunContext): number {
    const segs = geoModel(ctx).segments.length;
    let n = 0;
    for (let s = 0; s < segs; s++) n += dcCustomers(ctx, s).retail;
    return n + tradeAccountsBySegment(ctx).reduce((a, b) => a + b, 0);
  },
  /** distributor_sales_orders. */
  orders: (ctx: RunContext, rowsOf: RowsOf): number =>
    rowsOf("store_replenishment_orders") + trade(ctx).orders,
  /** distributor_sales_order_lines. */
  orderLines: (ctx: RunContext, rowsOf: RowsOf): number =>
    rowsOf("store_replenishment_order_lines") + trade(ctx).lines,
  /** distributor_shipments. */
  shipments: (ctx: RunContext, rowsOf: RowsOf): number =>
    ROW_ESTIMATES.orders(ctx, rowsOf) * MEASURED.shipmentsPerOrder,
  /** distributor_shipment_lines and invoice lines. */
  shipmentLines: (ctx: RunContext, rowsOf: RowsOf): number =>
    ROW_ESTIMATES.orderLines(ctx, rowsOf) * MEASURED.shipmentsPerOrder,
  /** distributor_invoices and payments. */
  invoices: (ctx: RunContext, rowsOf: RowsOf): number =>
    ROW_ESTIMATES.shipments(ctx, rowsOf) * MEASURED.invoicesPerShipment,
  /** dc_inventory. */
  inventory: (ctx: RunContext): number =>
    Math.ceil(weeks(ctx)) * geoModel(ctx).segments.length * MEASURED.skusPerDc,
  /** distributor_purchase_orders. */
  purchaseOrders: (ctx: RunContext): number =>
    weeks(ctx) * geoModel(ctx).segments.length * MEASURED.posPerDcWeek *
    Math.pow(ctx.scale, MEASURED.posScaleExponent),
  /** distributor_purchase_order_lines and dc_receipts. */
  purchaseOrderLines: (ctx: RunContext): number =>
    ROW_ESTIMATES.purchaseOrders(ctx) * MEASURED.linesPerPo *
    Math.pow(ctx.scale, MEASURED.linesPerPoScaleExponent),
};
