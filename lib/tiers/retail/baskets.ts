/**
 * The retail simulation of one site, day by day: baskets (who, when, what),
 * prices and discounts, stock-outs, returns, and — through `Stock` —
 * inventory and replenishment. This module holds what the simulation writes
 * (table layouts, {@link SalesOut}) and its interface ({@link SiteSimulator});
 * the simulation itself is in parts:
 *
 * - `simulator.ts`: the day loop and a basket's way from choice to the tables;
 * - `basket_choice.ts`: the day's kind mix, the customer, the vehicle, the items;
 * - `basket.ts`: the basket's lines, and taking them from stock;
 * - `kits.ts`: the kits a site sells;
 * - `pricing.ts`: discounts, kit prices and tax;
 * - `returns.ts`: returns of sales lines;
 * - `payments.ts`: channel and payment type;
 * - `timestamps.ts`: hour-of-day profiles, timestamps, the day's basket order;
 * - `codes.ts`: the named codes (channel, customer type, payment, return reason, kind);
 * - `draws.ts`: the named draw slots of the random streams.
 *
 * Money: integer minor units; line amounts are qty × unit values. Tax: where
 * shelf prices include tax (VAT), net = round(paid · 10000 / (10000 + rate)) and
 * tax = paid − net; elsewhere net = paid and tax = round(net · rate / 10000),
 * added on top. margin = net − cost. Header totals are sums of the lines.
 *
 * @module
 */

import type { Catalog } from "../../catalog/model.ts";
import type { PriceBook } from "../../catalog/price_book.ts";
import type { RunContext } from "../../world/context.ts";
import { Block } from "../../gen/block.ts";
import { layoutOf, tableIn } from "../../gen/layout.ts";
import { RETAIL_TABLES } from "./tables.ts";
import type { SiteCustomers } from "./customers.ts";
import type { RetailSite } from "./demand.ts";
import type { PromotionModel } from "./promotions.ts";
import { siteSimulator } from "./simulator.ts";
import type { InventoryOut, OrdersOut } from "./stock.ts";

export { CHANNELS, CUSTOMER_TYPES, PAYMENTS } from "./codes.ts";
export { kindSeasons } from "./basket_choice.ts";
export { siteSimulator };

/** Layout of retail_transactions as the simulation writes it (codes for the dictionary columns). */
export const TRANSACTION_COLUMNS = layoutOf(tableIn(RETAIL_TABLES, "retail_transactions"));

/** Layout of retail_transaction_lines (NaN = null in the Float64 id columns). */
export const LINE_COLUMNS = layoutOf(tableIn(RETAIL_TABLES, "retail_transaction_lines"));

/** Layout of retail_returns (reason as a code). */
export const RETURN_COLUMNS = layoutOf(tableIn(RETAIL_TABLES, "retail_returns"));

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
