/**
 * Expected row counts of the retail tables, for `describe`, the dataset card
 * and the progress bar. Lines, baskets and customers come from the demand
 * plan; the other ratios were measured on generated data (scale 1, default
 * period) and are estimates.
 *
 * @module
 */

import type { RunContext } from "../../world/context.ts";
import { demandPlan, targetLines } from "./demand.ts";

/** Measured ratios of generated data at scale 1. */
export const MEASURED = {
  /** Vehicles per loyalty member (duplicates drawn for one member are dropped). */
  vehiclesPerMember: 1.49,
  /** Vehicles per trade account. */
  vehiclesPerTrade: 0.5,
  /** Returns per sales line. */
  returnsPerLine: 0.032,
  /** Inventory rows per retail site and week. */
  inventoryRowsPerSiteWeek: 216,
};

/**
 * Replenishment per site and week as a power of the site's expected sales lines
 * per week, `a · x^b`: a small store reorders few SKUs, a big one many, but not
 * in proportion (an order line covers whole case packs). Least-squares fits of
 * the run totals of the default runs at scale 0.01, 0.1 and 1 (seed 42, with
 * the deeper store stock of issue 18 — availability stock, presentation
 * quantities, shelves refilled on review days: stores order less often, in bigger
 * lots); the totals land within 8 % of the data at each scale.
 */
export const REPLENISHMENT_FIT = {
  /** Orders per site-week = a · x^b. */
  orders: { a: 0.5944, b: 0.175 },
  /** Order lines per site-week = a · x^b. */
  lines: { a: 0.5061, b: 0.39 },
};

function perSiteWeek(ctx: RunContext, fit: { a: number; b: number }): number {
  let n = 0;
  for (const r of demandPlan(ctx).sites) {
    const weeks = (ctx.end - ctx.start + 1 - r.firstIndex) / 7;
    if (weeks > 0 && r.expectedLines > 0) n += weeks * fit.a * (r.expectedLines / weeks) ** fit.b;
  }
  return n;
}

function siteWeeks(ctx: RunContext): number {
  let w = 0;
  for (const r of demandPlan(ctx).sites) w += (ctx.end - ctx.start + 1 - r.firstIndex) / 7;
  return w;
}

/** Expected rows per table. */
export const ROW_ESTIMATES = {
  /** customer_vehicles. */
  vehicles(ctx: RunContext): number {
    const p = demandPlan(ctx);
    let l = 0, t = 0;
    for (const r of p.sites) (l += r.loyalty, t += r.trade);
    return l * MEASURED.vehiclesPerMember + t * MEASURED.vehiclesPerTrade;
  },
  /** retail_transactions. */
  transactions(ctx: RunContext): number {
    return demandPlan(ctx).sites.reduce((a, r) => a + r.expectedBaskets, 0);
  },
  /** retail_transaction_lines. */
  lines: (ctx: RunContext): number => targetLines(ctx),
  /** retail_returns. */
  returns: (ctx: RunContext): number => targetLines(ctx) * MEASURED.returnsPerLine,
  /** store_inventory. */
  inventory: (ctx: RunContext): number => siteWeeks(ctx) * MEASURED.inventoryRowsPerSiteWeek,
  /** store_replenishment_orders. */
  orders: (ctx: RunContext): number => perSiteWeek(ctx, REPLENISHMENT_FIT.orders),
  /** store_replenishment_order_lines. */
  orderLines: (ctx: RunContext): number => perSiteWeek(ctx, REPLENISHMENT_FIT.lines),
};
