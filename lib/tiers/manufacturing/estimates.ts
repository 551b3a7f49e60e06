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
import { plants } from "./plants.ts";

/** Ratios measured on generated data. */
export const MEASURED = {
  /** Share of the distributor's purchase orders that go to the makers. */
  makerPoShare: 0.47,
  /** Outside orders per outside account and week. */
  outsideOrdersPerAccountWeek: 0.55,
  /** Lines per outside order. */
  outsideLinesPerOrder: 6,
  /** Lines per chain order. */
  chainLinesPerOrder: 1.75,
  /** Blend batches per week and plant at scale 1. */
  batchesPerPlantWeek: 24,
  /** Work orders per week and plant at scale 1. */
  workOrdersPerPlantWeek: 60,
  /** Purchases per plant, material and week. */
  purchasesPerMaterialWeek: 0.3,
};

type RowsOf = (table: string) => number;

const weeks = (ctx: RunContext) => (ctx.end - ctx.start + 1) / 7;
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
  lines: (ctx: RunContext) => byMaker(ctx, 2) * Math.max(4, Math.ceil(5 * ctx.scale ** 0.5)),
  customers: (ctx: RunContext) => plants(ctx).reduce((a, p) => a + plantCustomers(ctx, p).n, 0),
  purchases: (ctx: RunContext, _r: RowsOf) =>
    makerModel(ctx).materials.length * weeks(ctx) * MEASURED.purchasesPerMaterialWeek * 2,
  batches: (ctx: RunContext, _r: RowsOf) =>
    byMaker(ctx, 1) * weeks(ctx) * MEASURED.batchesPerPlantWeek * Math.min(1, ctx.scale ** 0.3),
  workOrders: (ctx: RunContext, _r: RowsOf) =>
    byMaker(ctx, 2) * weeks(ctx) * MEASURED.workOrdersPerPlantWeek * Math.min(1, ctx.scale ** 0.3),
  inventory: (ctx: RunContext) =>
    plants(ctx).length * weeks(ctx) * (makerModel(ctx).materials.length / 2 + 120),
  orders: (ctx: RunContext, r: RowsOf) => chainOrders(r) + outsideOrders(ctx),
  orderLines: (ctx: RunContext, r: RowsOf) =>
    chainOrders(r) * MEASURED.chainLinesPerOrder +
    outsideOrders(ctx) * MEASURED.outsideLinesPerOrder,
};
