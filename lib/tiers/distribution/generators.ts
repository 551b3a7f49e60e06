/**
 * The distribution tier's generator: one group that writes every
 * distribution table, in stage 1 (it reads the retailer's replenishment
 * orders, written in stage 0). One chunk is one distribution centre over the
 * period, or a time slice of it when its trade lines exceed
 * `distribution.linesPerChunk` (slices start on Mondays and form a chain: see
 * `lib/gen/chains.ts`). A DC's customers are written by its first slice.
 *
 * @module
 */

import { isoWeekday } from "../../core/dates.ts";
import { catalogModel } from "../../catalog/model.ts";
import { priceBook } from "../../catalog/price_book.ts";
import { ChainKeeper } from "../../gen/chains.ts";
import { PAYMENT_KINDS } from "../../gen/order_to_cash.ts";
import type { ChunkSpec, Columns, GroupBatching, GroupGenerator } from "../../gen/types.ts";
import type { RunContext } from "../../world/context.ts";
import { geoModel } from "../../world/geography.ts";
import { customerColumns, dcCustomers, dcOfSegment, tradeTypeOf } from "./customers.ts";
import {
  meanLinesPerOrder,
  orderChancePerBusinessDay,
  TERMS,
  TRADE_RETURNS,
  WRITE_OFF_AFTER_DAYS,
} from "./params.ts";
import {
  BACKORDER_DAYS,
  DcOut,
  DcSimulator,
  INVOICE_TYPES,
  ORDER_TYPES,
  PO_PRIORITIES,
  type StoreOrders,
} from "./simulator.ts";
import { DISTRIBUTION_TABLES } from "./tables.ts";

/** One chunk: a DC's days [from, to) (day indices of the period). */
export interface DcPart {
  /** Segment index (0-based) of the DC. */
  segment: number;
  /** First day index written. */
  from: number;
  /** Day index after the last one written. */
  to: number;
}

/** Expected trade lines of a DC per day (before season), from its accounts. */
function tradeLinesPerDay(ctx: RunContext, segment: number): number {
  const c = dcCustomers(ctx, segment);
  let n = 0;
  for (let a = c.retail; a < c.retail + c.trade; a++) {
    const type = tradeTypeOf(c, a)!;
    n += orderChancePerBusinessDay(type, c.size[a]) * 5 / 7 * meanLinesPerOrder(type, c.size[a]);
  }
  return n;
}

/** The chunk plan (pure): DCs in segment order, each split on Mondays when it is big. */
export function distributionPlan(ctx: RunContext): ChunkSpec[] {
  const n = ctx.end - ctx.start + 1;
  const L = ctx.options.distribution.linesPerChunk;
  const chunks: ChunkSpec[] = [];
  geoModel(ctx).segments.forEach((_, segment) => {
    const lines = tradeLinesPerDay(ctx, segment) * n;
    const K = Math.max(1, Math.ceil(lines / L));
    const cuts = [0];
    for (let k = 1; k < K; k++) {
      let c = Math.floor((k * n) / K);
      while (c < n && isoWeekday(ctx.start + c) !== 1) c++;
      if (c < n && c > cuts[cuts.length - 1]) cuts.push(c);
    }
    cuts.push(n);
    const dc = dcOfSegment(ctx, segment);
    for (let j = 0; j + 1 < cuts.length; j++) {
      const spec: ChunkSpec = {
        index: chunks.length,
        slice: { segment, from: cuts[j], to: cuts[j + 1] } satisfies DcPart,
        rows: Math.round(lines / (cuts.length - 1)),
      };
      if (cuts.length > 2) spec.chain = `dc-${dc.id}`;
      chunks.push(spec);
    }
  });
  return chunks;
}

/** The farthest a document refers to another of its DC, in days (see {@link DISTRIBUTION_BATCHING}). */
const DOCUMENT_REACH_DAYS = Math.max(...TERMS.map((t) => t.days)) + WRITE_OFF_AFTER_DAYS +
  BACKORDER_DAYS + TRADE_RETURNS.maxDays;

const kept = new ChainKeeper<DcSimulator>(2);

const dict = (codes: Uint8Array, pool: readonly string[]) => ({ codes, pool });

/** Every table of the group, in registry order. */
export const DISTRIBUTION_GROUP_TABLES = DISTRIBUTION_TABLES.map((t) => t.name);

/**
 * How the validator batches the distribution group: a chunk is one DC
 * (`dc_site_id`, which links it to the store orders of the stores it
 * serves); a document refers to others of its DC at most this far back or
 * ahead: a payment to its invoice (the longest terms, then a write-off
 * {@link WRITE_OFF_AFTER_DAYS} days past due), an invoice to the order line
 * it bills (a backorder waits up to {@link BACKORDER_DAYS}), a credit note to
 * its shipment ({@link TRADE_RETURNS}). The DC's customers are written by its
 * first part.
 */
export const DISTRIBUTION_BATCHING: GroupBatching = {
  link: {
    column: "dc_site_id",
    values: (ctx, chunk) => [dcOfSegment(ctx, (chunk.slice as DcPart).segment).id],
  },
  days: (_ctx, chunk) => [(chunk.slice as DcPart).from, (chunk.slice as DcPart).to],
  reach: {
    back: DOCUMENT_REACH_DAYS,
    ahead: DOCUMENT_REACH_DAYS,
  },
  entityTables: ["distributor_customers"],
};

/** The distribution group. */
export const DISTRIBUTION_GROUP: GroupGenerator = {
  name: "distribution",
  tables: DISTRIBUTION_GROUP_TABLES,
  reads: ["store_replenishment_orders", "store_replenishment_order_lines"],
  plan: distributionPlan,
  batching: DISTRIBUTION_BATCHING,
  inputs(ctx, chunk) {
    const { segment } = chunk.slice as DcPart;
    // Only the retail chunks of the stores this DC supplies hold its orders.
    const dc = [dcOfSegment(ctx, segment).id];
    return [
      {
        name: "orders",
        table: "store_replenishment_orders",
        columns: ["order_id", "site_id", "order_date", "ship_date", "receive_date", "total_amount"],
        where: { column: "dc_site_id", in: dc },
        linked: dc,
      },
      {
        name: "lines",
        table: "store_replenishment_order_lines",
        columns: ["order_id", "line_number", "sku_id", "qty"],
        where: { column: "order_id", inInput: { name: "orders", column: "order_id" } },
        linked: dc,
      },
    ];
  },
  generate(ctx, chunk, only, inputs) {
    const part = chunk.slice as DcPart;
    const want = new Set(only);
    const c = dcCustomers(ctx, part.segment);
    const days = ctx.end - ctx.start + 1;
    const key = `${JSON.stringify(ctx.options)}\u0000${c.dc.id}`;
    const sim = kept.take(
      key,
      part.from,
      part.to,
      days,
      // The store orders are read only here: the next slice of a kept chain does not need them.
      () => {
        const store: StoreOrders = { orders: inputs!.orders, lines: inputs!.lines };
        return new DcSimulator({ ctx, cat: catalogModel(ctx), pb: priceBook(ctx) }, c, store);
      },
    );
    const out = new DcOut();
    sim.run(part.from, part.to, out);
    const pool = sim.currencyPool;
    const res: Record<string, Columns> = {};
    if (want.has("distributor_customers")) {
      res.distributor_customers = part.from === 0
        ? customerColumns(ctx, c, sim.expectedDailyPurchases())
        : customerColumns(ctx, { ...c, retail: 0, trade: 0 }, new Float64Array(0));
    }
    const o = out.orders.columns();
    res.distributor_sales_orders = { ...o, order_type: dict(o.order_type, ORDER_TYPES) };
    res.distributor_sales_order_lines = out.orderLines.columns();
    res.distributor_shipments = out.shipments.columns();
    res.distributor_shipment_lines = out.shipmentLines.columns();
    const inv = out.invoices.columns();
    res.distributor_invoices = {
      ...inv,
      invoice_type: dict(inv.invoice_type, INVOICE_TYPES),
      currency: dict(inv.currency, pool),
    };
    res.distributor_invoice_lines = out.invoiceLines.columns();
    const pay = out.payments.columns();
    res.distributor_payments = { ...pay, payment_kind: dict(pay.payment_kind, PAYMENT_KINDS) };
    res.dc_inventory = out.inventory.columns();
    const po = out.pos.columns();
    res.distributor_purchase_orders = { ...po, priority: dict(po.priority, PO_PRIORITIES) };
    res.distributor_purchase_order_lines = out.poLines.columns();
    res.dc_receipts = out.receipts.columns();
    return res;
  },
};
