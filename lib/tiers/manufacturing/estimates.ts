/**
 * Expected row counts of the manufacturing tables, for `describe`, the card
 * and the progress bar: master data exactly (from the static model), the rest
 * from the distributor's purchase orders (an earlier stage's estimate) and
 * ratios measured on generated data (seed 42, default period, scale 0.1 and 1).
 *
 * @module
 */

import type { RunContext } from "../../world/context.ts";
import { makerModel } from "./model.ts";
import { plantCustomers } from "./customers.ts";
import { plants, plantScope } from "./plants.ts";
import { isoWeekday } from "../../core/dates.ts";

/** Ratios measured on generated data (seed 42, 2023–2025; scale 0.1 and 1). */
export const MEASURED = {
  /** Share of the distributor's purchase orders that go to the makers (0.447 at 0.1, 0.463 at 1). */
  makerPoShare: 0.455,
  /** Outside orders per outside account and week (0.65 at 0.1 and 1). */
  outsideOrdersPerAccountWeek: 0.65,
  /** Lines per outside order (8.1 at 0.1, 8.6 at 1). */
  outsideLinesPerOrder: 8.4,
  /** Lines per chain order (1.7 at 0.1, 1.9 at 1). */
  chainLinesPerOrder: 1.85,
  /** Blend batches per blending plant and week at scale 1, and the exponent of scale (12.0 at 0.1). */
  batchesPerPlantWeek: [18, 0.18],
  /** Work orders per filter plant and week at scale 1, and the exponent of scale (11.5 at 0.1). */
  workOrdersPerPlantWeek: [21.4, 0.27],
  /** Material purchases per week over every plant at scale 1, and the exponent of scale. */
  purchasesPerWeek: [48, 0.23],
  /** Lines per filter plant (four at 0.1 and 1). */
  linesPerFilterPlant: 4,
} as const;

type RowsOf = (table: string) => number;

const weeks = (ctx: RunContext) => (ctx.end - ctx.start + 1) / 7;
/** Rows of a weekly table per item: the week starts of the period. */
const weekRows = (ctx: RunContext) => {
  const first = ctx.start - ((isoWeekday(ctx.start) + 6) % 7);
  return Math.floor((ctx.end - first) / 7) + 1;
};
const outsideAccounts = (ctx: RunContext) =>
  plants(ctx).reduce((a, p) => {
    const c = plantCustomers(ctx, p);
    return a + c.n - c.chain;
  }, 0);
const chainOrders = (r: RowsOf) => r("distributor_purchase_orders") * MEASURED.makerPoShare;
const outsideOrders = (ctx: RunContext) =>
  outsideAccounts(ctx) * weeks(ctx) * MEASURED.outsideOrdersPerAccountWeek;
const byMaker = (ctx: RunContext, maker: number) =>
  plants(ctx).filter((p) => p.maker === maker).length;
const perScale = (ctx: RunContext, [k, e]: readonly [number, number]) => k * ctx.scale ** e;

/** Row estimates of the manufacturing tables. */
export const MFG_ESTIMATES = {
  materials: (ctx: RunContext) => makerModel(ctx).materials.length,
  recipes: (ctx: RunContext) => makerModel(ctx).recipes.length,
  recipeComponents: (ctx: RunContext) =>
    makerModel(ctx).recipes.reduce((a, r) => a + r.components.length, 0),
  recipeProducts: (ctx: RunContext) =>
    makerModel(ctx).recipes.reduce((a, r) => a + r.products.length, 0),
  bomLines: (ctx: RunContext) => makerModel(ctx).boms.reduce((a, b) => a + b.components.length, 0),
  plants: (ctx: RunContext) => plants(ctx).length,
  lines: (ctx: RunContext) => byMaker(ctx, 2) * MEASURED.linesPerFilterPlant,
  customers: (ctx: RunContext) => plants(ctx).reduce((a, p) => a + plantCustomers(ctx, p).n, 0),
  purchases: (ctx: RunContext, _r: RowsOf) => weeks(ctx) * perScale(ctx, MEASURED.purchasesPerWeek),
  batches: (ctx: RunContext, _r: RowsOf) =>
    byMaker(ctx, 1) * weeks(ctx) * perScale(ctx, MEASURED.batchesPerPlantWeek),
  workOrders: (ctx: RunContext, _r: RowsOf) =>
    byMaker(ctx, 2) * weeks(ctx) * perScale(ctx, MEASURED.workOrdersPerPlantWeek),
  inventory: (ctx: RunContext) =>
    weekRows(ctx) * plants(ctx).reduce((a, p) => {
      const s = plantScope(ctx, p);
      return a + s.prods.length + s.mats.length;
    }, 0),
  orders: (ctx: RunContext, r: RowsOf) => chainOrders(r) + outsideOrders(ctx),
  orderLines: (ctx: RunContext, r: RowsOf) =>
    chainOrders(r) * MEASURED.chainLinesPerOrder +
    outsideOrders(ctx) * MEASURED.outsideLinesPerOrder,
};
