/**
 * One plant of a maker, day by day: Corvane's blending plants (process) and
 * Keldmark's filter plants (discrete) share everything but how they make
 * things.
 *
 * Each day, in this order:
 * 1. materials due today arrive (moving-average cost updated);
 * 2. orders placed today are taken: Brightaxle's purchase orders to this
 *    plant, line for line at their transfer price, and outside accounts'
 *    orders (business days);
 * 3. on working days outside the annual shutdown, the plan: every finished
 *    SKU whose position (stock + output in progress − open orders) is at or
 *    below s is made up to S — Corvane as blend batches of its recipe (a
 *    campaign per family, light grades first, into the first free tanks),
 *    Keldmark as work orders on the lines of its family (changeovers
 *    between designs, two shifts);
 * 4. a rush batch or work order covers any SKU whose firm shipments of the
 *    next days exceed stock plus output in progress;
 * 5. production starting today consumes its materials (a spot buy covers a
 *    shortfall), is costed, and puts its output into stock when it ends;
 * 6. chain orders ship whole on the day that makes them arrive when the DC
 *    received them; outside orders ship whole on their requested day, or
 *    later when stock is short; each shipment is invoiced;
 * 7. payments due today arrive;
 * 8. the materials review orders up to S what is at or below s (counting
 *    what planned production will use); at the week's end stock rows are
 *    written and forecasts move.
 *
 * @module
 */

import type { Catalog } from "../../catalog/model.ts";
import type { PriceBook } from "../../catalog/price_book.ts";
import { standardCost } from "../../catalog/price_book.ts";
import { costFactor, monthNumber, type RawMaterialModel } from "../../catalog/raw_materials.ts";
import { isoWeek, isoWeekday, timestampMs } from "../../core/dates.ts";
import { AliasTable, lognormal, normal, poisson } from "../../core/dist.ts";
import { Stream } from "../../core/rng.ts";
import { Block } from "../../gen/block.ts";
import { layoutOf, tableIn } from "../../gen/layout.ts";
import { invoiceLine, PaymentPlan } from "../../gen/order_to_cash.ts";
import type { RunContext } from "../../world/context.ts";
import { geoModel } from "../../world/geography.ts";
import { MFG_CUSTOMER_STRIDE, type PlantCustomers, termsOf } from "./customers.ts";
import {
  amountOf,
  type MakerModel,
  type Material,
  pricePerThousand,
  standardPerThousand,
  unitPriceUsd,
} from "./model.ts";
import {
  BATCH_QC,
  BLEND_LOSS,
  BLEND_TIMES,
  FILL_LOSS,
  FILTER_LINES,
  MAKER_PAYMENT_BEHAVIOUR,
  MATERIAL_POLICY,
  MFG_ID_STRIDE,
  MIN_CONVERSION_SHARE,
  OUTSIDE_CUSTOMERS,
  OUTSIDE_LEAD_DAYS,
  PLANNING,
  SHUTDOWN_WEEK,
  SHUTDOWN_WEEKS,
} from "./params.ts";
import { type Plant, plantScope, transitDays } from "./plants.ts";
import { MANUFACTURING_TABLES } from "./tables.ts";

const LAYOUTS = {
  batches: layoutOf(tableIn(MANUFACTURING_TABLES, "blend_batches")),
  blendUse: layoutOf(tableIn(MANUFACTURING_TABLES, "blend_consumption")),
  packs: layoutOf(tableIn(MANUFACTURING_TABLES, "packaging_runs")),
  wos: layoutOf(tableIn(MANUFACTURING_TABLES, "work_orders")),
  compUse: layoutOf(tableIn(MANUFACTURING_TABLES, "component_consumption")),
  purchases: layoutOf(tableIn(MANUFACTURING_TABLES, "raw_material_purchases")),
  inventory: layoutOf(tableIn(MANUFACTURING_TABLES, "plant_inventory")),
  orders: layoutOf(tableIn(MANUFACTURING_TABLES, "manufacturer_sales_orders")),
  orderLines: layoutOf(tableIn(MANUFACTURING_TABLES, "manufacturer_sales_order_lines")),
  shipments: layoutOf(tableIn(MANUFACTURING_TABLES, "manufacturer_shipments")),
  invoices: layoutOf(tableIn(MANUFACTURING_TABLES, "manufacturer_invoices")),
  invoiceLines: layoutOf(tableIn(MANUFACTURING_TABLES, "manufacturer_invoice_lines")),
  payments: layoutOf(tableIn(MANUFACTURING_TABLES, "manufacturer_payments")),
};

/** Batch statuses, purchase priorities, item types, units in code order. */
export const BATCH_STATUSES = ["released", "reworked", "rejected"] as const;
/** Purchase priorities in code order. */
export const PURCHASE_PRIORITIES = ["regular", "spot"] as const;
/** Inventory item types in code order. */
export const ITEM_TYPES = ["material", "finished"] as const;
/** Units of quantity in code order. */
export const QTY_UNITS = ["kg", "g", "each", "unit"] as const;

/** The rows one plant writes. */
export class PlantOut {
  /** blend_batches. */
  readonly batches = new Block(LAYOUTS.batches);
  /** blend_consumption. */
  readonly blendUse = new Block(LAYOUTS.blendUse);
  /** packaging_runs. */
  readonly packs = new Block(LAYOUTS.packs);
  /** work_orders. */
  readonly wos = new Block(LAYOUTS.wos);
  /** component_consumption. */
  readonly compUse = new Block(LAYOUTS.compUse);
  /** raw_material_purchases. */
  readonly purchases = new Block(LAYOUTS.purchases);
  /** plant_inventory. */
  readonly inventory = new Block(LAYOUTS.inventory);
  /** manufacturer_sales_orders. */
  readonly orders = new Block(LAYOUTS.orders);
  /** manufacturer_sales_order_lines. */
  readonly orderLines = new Block(LAYOUTS.orderLines);
  /** manufacturer_shipments. */
  readonly shipments = new Block(LAYOUTS.shipments);
  /** manufacturer_invoices. */
  readonly invoices = new Block(LAYOUTS.invoices);
  /** manufacturer_invoice_lines. */
  readonly invoiceLines = new Block(LAYOUTS.invoiceLines);
  /** manufacturer_payments. */
  readonly payments = new Block(LAYOUTS.payments);
}

/** One of Brightaxle's purchase orders to this plant, as read from the folder. */
export interface ChainPo {
  /** distributor_purchase_orders.po_id. */
  poId: number;
  /** Ordering DC site id. */
  dc: number;
  /** Segment index (0-based). */
  seg: number;
  /** Order day. */
  orderDay: number;
  /** Expected day. */
  expectedDay: number;
  /** Day the DC received it, or -1 (after the period). */
  receiptDay: number;
  /** Lines: product index, qty, unit price (transfer), in line order. */
  lines: { p: number; qty: number; price: number }[];
}

/** What the simulation reads besides the plant. */
export interface PlantWorld {
  /** Run context. */
  ctx: RunContext;
  /** Catalog. */
  cat: Catalog;
  /** Price book. */
  pb: PriceBook;
  /** Raw-material indices. */
  rm: RawMaterialModel;
  /** The makers' static model. */
  mm: MakerModel;
}

/** An open order (chain or outside). */
interface OpenOrder {
  id: number;
  account: number;
  seg: number;
  shipDay: number;
  deliveryDay: number;
  chain: boolean;
  lines: { k: number; qty: number; price: number }[];
}

/** Planned production: a batch (with allocations) or a work order. */
interface Job {
  day: number;
  /** Seconds after midnight of `day` it starts. */
  startSec: number;
  /** Recipe (batches) or -1. */
  recipe: number;
  /** Local product index → units, as pairs. */
  alloc: number[];
  /** Litres to charge (batches). */
  litres: number;
  /** Line (work orders) or -1. */
  line: number;
  changeoverMin: number;
  /** Work-order run seconds. */
  runSec: number;
  rush: boolean;
  campaign: number;
}

const DAY_SEC = 86400;
/** A rush batch's packaging ends by 23:30 on its day (see {@link packLanes}). */
export const RUSH_PACKED_BY_SEC = 23.5 * 3600;

/** One packaging run of a batch's allocation to a SKU: units, litres drawn and duration. */
export interface PackLane {
  units: number;
  litres: number;
  seconds: number;
}

/**
 * How `units` of a pack of `packLitres` (drawing `drawn` litres, fill loss
 * included) are packed from second `startSec` of the day (pure). One filling
 * line at {@link BLEND_TIMES}.packPerHourLitres, at least half an hour; a rush
 * batch that would run past {@link RUSH_PACKED_BY_SEC} is packed the same day
 * on as many lines (overtime) as it takes to finish by then, since a big rush
 * order must ship that day. The lanes share the units and litres exactly.
 */
export function packLanes(
  units: number,
  drawn: number,
  packLitres: number,
  fill: number,
  startSec: number,
  rush: boolean,
): PackLane[] {
  const secondsOf = (litres: number) =>
    Math.max(1800, Math.round(litres / BLEND_TIMES.packPerHourLitres * 3600));
  const dur = secondsOf(drawn);
  const lanes = rush && startSec + dur > RUSH_PACKED_BY_SEC
    ? Math.min(units, Math.ceil(dur / Math.max(1800, RUSH_PACKED_BY_SEC - startSec)))
    : 1;
  if (lanes === 1) return [{ units, litres: drawn, seconds: dur }];
  const out: PackLane[] = [];
  let laneDrawn = drawn, laneUnits = units;
  for (let lane = 0; lane < lanes; lane++) {
    const u = lane === lanes - 1 ? laneUnits : Math.floor(units / lanes);
    const dl = lane === lanes - 1
      ? laneDrawn
      : Math.round(u * packLitres * (1 + fill) * 1000) / 1000;
    laneUnits -= u;
    laneDrawn = Math.round((laneDrawn - dl) * 1000) / 1000;
    out.push({ units: u, litres: dl, seconds: secondsOf(dl) });
  }
  return out;
}

/** Monday … Friday from `day` up to the next Monday (exclusive). */
function workdaysFrom(day: number): number[] {
  const out: number[] = [];
  for (let x = day; x === day || isoWeekday(x) !== 1; x++) if (isoWeekday(x) <= 5) out.push(x);
  return out;
}

/** First and last second of the shifts of a working day (06:00 … 21:00). */
const SHIFT_START = 6 * 3600;
const SHIFT_END = SHIFT_START +
  FILTER_LINES.shifts * FILTER_LINES.hoursPerShift * 3600;

/** The time `t` (seconds since 1970) if inside a shift of a working day, else the next shift's start. */
function toShift(t: number): number {
  let day = Math.floor(t / DAY_SEC), sec = t - day * DAY_SEC;
  if (sec >= SHIFT_END) (day++, sec = SHIFT_START);
  if (sec < SHIFT_START) sec = SHIFT_START;
  while (isoWeekday(day) > 5) (day++, sec = SHIFT_START);
  return day * DAY_SEC + sec;
}

/** The time `hours` of shift time after `t` (itself in a shift). */
function afterShiftHours(t: number, hours: number): number {
  let left = Math.round(hours * 3600);
  for (;;) {
    const day = Math.floor(t / DAY_SEC);
    const room = day * DAY_SEC + SHIFT_END - t;
    if (left <= room) return t + left;
    left -= room;
    t = toShift(day * DAY_SEC + SHIFT_END);
  }
}

/** The day itself when it is Monday … Friday, else the Friday before. */
function weekdayOnOrBefore(day: number): number {
  const wd = isoWeekday(day);
  return wd <= 5 ? day : day - (wd - 5);
}

/** One plant's simulation. */
export class PlantSim {
  private readonly blending: boolean;
  /** Global product index per local index. */
  readonly prods: number[];
  private readonly local = new Map<number, number>();
  private readonly onHand: Float64Array;
  private readonly forecast: Float64Array;
  private readonly weekDemand: Float64Array;
  private readonly pendingOut: Float64Array;
  private readonly cycle: Float64Array;
  private readonly wOpen: Float64Array;
  private readonly wIn: Float64Array;
  private readonly wOut: Float64Array;
  /** Materials used here (global material indices) and their state. */
  readonly mats: number[];
  private readonly mLocal = new Map<number, number>();
  private readonly mOnHand: Float64Array;
  private readonly mOnOrder: Float64Array;
  /** Quantities scheduled jobs will consume when they start. */
  private readonly mCommitted: Float64Array;
  private readonly mAvg: Float64Array;
  private readonly mUse: Float64Array;
  private readonly mwOpen: Float64Array;
  private readonly mwIn: Float64Array;
  private readonly mwOut: Float64Array;
  private readonly arrivals = new Map<number, number[]>();
  private readonly jobs = new Map<number, Job[]>();
  private readonly completions = new Map<number, number[]>();
  private readonly open: OpenOrder[] = [];
  private readonly chainByDay = new Map<number, ChainPo[]>();
  private readonly paymentsDue = new Map<
    number,
    { inv: number; account: number; kind: number; amount: number; discount: number }[]
  >();
  private readonly plan = new PaymentPlan();
  private readonly s: Stream;
  private readonly qc: Stream;
  private readonly orderStream: Stream;
  private readonly payStream: Stream;
  private seq = { batch: 0, run: 0, wo: 0, purchase: 0, order: 0, ship: 0, inv: 0, pay: 0 };
  private campaignSeq = 0;
  private weekStart = 0;
  /** Tanks and their litres (blending); lines per family (filters). */
  readonly tanks: number;
  readonly tankLitres: number;
  readonly lines: { family: string; rate: number }[] = [];
  private readonly lineOfFamily = new Map<string, number[]>();
  /** The design each line last ran (-1: none yet). */
  private lastDesign = new Int32Array(0);
  /** Weeks of safety stock of finished goods. */
  private readonly safetyWeeks: number;
  /** Tanks booked per day (blending). */
  private readonly tankUse = new Map<number, number>();
  /** When each line is free (seconds since 1970). */
  private lineFree = new Float64Array(0);
  private readonly stdCache = new Map<number, number>();
  private readonly convCache = new Map<number, number>();
  private readonly matStdCache = new Map<number, number>();
  private readonly outsideAlias = new Map<
    string,
    { alias: AliasTable; ks: number[] }
  >();
  private readonly outsideUnitsPerWeek: Float64Array;
  private readonly shutdownWeek: number;
  private rushToday = 0;
  private readonly countryOfSeg: string[];
  private readonly taxOfSeg: Int32Array;
  private readonly currencyCode: number;
  /** Currencies in code order (the plant's first, then segments'). */
  readonly currencyPool: string[];
  private readonly segCurrency: Int32Array;
  /** Weekly capacity (litres or filters). */
  readonly capacityPerWeek: number;

  constructor(
    private readonly w: PlantWorld,
    readonly plant: Plant,
    readonly cust: PlantCustomers,
    chain: ChainPo[],
    private readonly out: PlantOut,
  ) {
    const { ctx, mm } = w;
    this.blending = plant.maker === 1;
    this.safetyWeeks = PLANNING.safetyWeeks[plant.maker] ?? 3;
    const tag = `manufacturing/${plant.site.id}`;
    this.s = new Stream(ctx.seed, `${tag}/production`);
    this.qc = new Stream(ctx.seed, `${tag}/qc`);
    this.orderStream = new Stream(ctx.seed, `${tag}/orders`);
    this.payStream = new Stream(ctx.seed, `${tag}/payments`);
    const geo = geoModel(ctx);
    this.countryOfSeg = geo.segments.map((_, i) => geo.countryOf(i).code);
    this.taxOfSeg = Int32Array.from(geo.segments.map((_, i) => geo.countryOf(i).taxBp));
    this.currencyPool = [plant.currency];
    this.segCurrency = new Int32Array(geo.segments.length);
    geo.segments.forEach((_, i) => {
      const c = geo.countryOf(i).currency;
      let k = this.currencyPool.indexOf(c);
      if (k < 0) k = this.currencyPool.push(c) - 1;
      this.segCurrency[i] = k;
    });
    this.currencyCode = 0;
    this.shutdownWeek = SHUTDOWN_WEEK[plant.country] ?? 30;

    // Products made here and the materials they use.
    const scope = plantScope(ctx, plant);
    this.prods = scope.prods;
    this.prods.forEach((p, k) => this.local.set(p, k));
    const K = this.prods.length;
    this.onHand = new Float64Array(K);
    this.forecast = new Float64Array(K);
    this.weekDemand = new Float64Array(K);
    this.pendingOut = new Float64Array(K);
    this.cycle = new Float64Array(K);
    this.wOpen = new Float64Array(K);
    this.wIn = new Float64Array(K);
    this.wOut = new Float64Array(K);

    // Chain orders by order day; demand per product from them.
    const weeks = (ctx.end - ctx.start + 1) / 7;
    const chainUnits = new Float64Array(K);
    for (const po of chain) {
      const list = this.chainByDay.get(po.orderDay) ?? [];
      list.push(po);
      this.chainByDay.set(po.orderDay, list);
      for (const l of po.lines) {
        const k = this.local.get(l.p);
        if (k !== undefined) chainUnits[k] += l.qty;
      }
    }
    // Outside demand: a share of the maker's volume, over its own label in the accounts' markets.
    const share = ctx.options.manufacturing.outsideShare;
    const chainTotal = chainUnits.reduce((a, b) => a + b, 0) / weeks;
    const outsideTotal = cust.n > cust.chain ? chainTotal * share / (1 - share) : 0;
    this.outsideUnitsPerWeek = new Float64Array(cust.n);
    for (let a = cust.chain; a < cust.n; a++) {
      this.outsideUnitsPerWeek[a] = outsideTotal * cust.size[a] / (cust.n - cust.chain);
    }
    const outsideUnits = new Float64Array(K);
    for (const units of ["us", "metric"] as const) {
      const ks = this.outsideProducts(units);
      if (!ks) continue;
      const segShare = this.outsideShareOf(units);
      const wsum = ks.ks.reduce((a, k) => a + this.weightOf(k, units), 0);
      for (const k of ks.ks) {
        outsideUnits[k] += outsideTotal * segShare * this.weightOf(k, units) / wsum;
      }
    }
    for (let k = 0; k < K; k++) this.forecast[k] = chainUnits[k] / weeks + outsideUnits[k];
    // ABC classes by volume: the campaign wheel's cycle per SKU.
    const order = [...this.forecast.keys()].sort((a, b) =>
      this.forecast[b] - this.forecast[a] || a - b
    );
    const total = this.forecast.reduce((a, b) => a + b, 0) || 1;
    let cum = 0;
    for (const k of order) {
      cum += this.forecast[k];
      const c = PLANNING.cycleWeeks;
      this.cycle[k] = cum / total <= PLANNING.classShares.a
        ? c.a
        : cum / total <= PLANNING.classShares.b
        ? c.b
        : c.c;
    }

    // Capacity sized to demand at the planned utilisation.
    let weeklyLoad = 0;
    for (let k = 0; k < K; k++) {
      weeklyLoad += this.forecast[k] * (this.blending ? mm.packLitres[this.prods[k]] : 1);
    }
    const need = weeklyLoad / PLANNING.utilisation;
    if (this.blending) {
      // About a twelfth of a week's litres per tank; tanks sized so capacity = need.
      this.tanks = Math.max(2, Math.ceil(need / (5 * Math.max(500, weeklyLoad / 12))));
      this.tankLitres = Math.max(500, Math.ceil(need / (5 * this.tanks) / 100) * 100);
      this.capacityPerWeek = this.tanks * this.tankLitres * 5;
    } else {
      this.tankLitres = 0;
      this.tanks = 0;
      const perFamily = new Map<string, number>();
      for (let k = 0; k < K; k++) {
        const f = mm.boms[mm.bomOf[this.prods[k]]].family;
        perFamily.set(f, (perFamily.get(f) ?? 0) + this.forecast[k]);
      }
      const hours = 5 * FILTER_LINES.shifts * FILTER_LINES.hoursPerShift;
      let cap = 0;
      for (const f of Object.keys(FILTER_LINES.families)) {
        const units = perFamily.get(f);
        if (!units) continue;
        // Lines of the family's top speed as needed, each as fast as the demand needs at the
        // planned utilisation (running time; changeovers take part of the rest).
        const top = FILTER_LINES.families[f as keyof typeof FILTER_LINES.families].ratePerHour;
        const load = units / (FILTER_LINES.runShare * hours);
        const n = Math.max(1, Math.ceil(load / top));
        const rate = Math.max(20, Math.ceil(load / n / 5) * 5);
        const ids: number[] = [];
        for (let i = 0; i < n; i++) ids.push(this.lines.push({ family: f, rate }) - 1);
        this.lineOfFamily.set(f, ids);
        cap += n * rate * hours;
      }
      this.capacityPerWeek = Math.round(cap);
      this.lineFree = new Float64Array(this.lines.length);
      this.lastDesign = new Int32Array(this.lines.length).fill(-1);
    }

    // Materials used here, with their expected use.
    this.mats = scope.mats;
    this.mats.forEach((m, j) => this.mLocal.set(m, j));
    const J = this.mats.length;
    this.mOnHand = new Float64Array(J);
    this.mOnOrder = new Float64Array(J);
    this.mCommitted = new Float64Array(J);
    this.mAvg = new Float64Array(J);
    this.mUse = new Float64Array(J);
    this.mwOpen = new Float64Array(J);
    this.mwIn = new Float64Array(J);
    this.mwOut = new Float64Array(J);
    this.explodeMaterialUse();
    for (let j = 0; j < J; j++) {
      const mat = mm.materials[this.mats[j]];
      this.mOnHand[j] = Math.ceil(
        this.mUse[j] *
          (MATERIAL_POLICY.safetyDays + mat.leadDays + 3 + MATERIAL_POLICY.coverDays / 2),
      );
      this.mAvg[j] = this.priceOn(mat, ctx.start, false);
    }
    // Opening finished stock: the reorder level plus half a cycle (the plan's steady state).
    for (let k = 0; k < K; k++) {
      this.onHand[k] = Math.round(
        this.forecast[k] * (this.safetyWeeks + 1 + this.cycle[k] / 2),
      );
    }
  }

  /** The products outside accounts of a market buy: the maker's own label carried there. */
  private outsideProducts(
    units: "us" | "metric",
  ): { alias: AliasTable; ks: number[] } | null {
    const hit = this.outsideAlias.get(units);
    if (hit) return hit;
    const { cat } = this.w;
    const ks: number[] = [];
    this.prods.forEach((p, k) => {
      const prod = cat.products[p];
      if (prod.brandType === "own" && (prod.market === "all" || prod.market === units)) ks.push(k);
    });
    if (!ks.length) return null;
    const res = { alias: new AliasTable(ks.map((k) => this.weightOf(k, units))), ks };
    this.outsideAlias.set(units, res);
    return res;
  }

  private weightOf(k: number, units: "us" | "metric"): number {
    const prod = this.w.cat.products[this.prods[k]];
    return Math.max(0.01, units === "us" ? prod.popUs : prod.popMetric);
  }

  private outsideShareOf(units: "us" | "metric"): number {
    let a = 0, t = 0;
    for (let i = this.cust.chain; i < this.cust.n; i++) {
      const u = geoModel(this.w.ctx).countryOf(this.cust.segment[i]).units;
      t += this.cust.size[i];
      if (u === units) a += this.cust.size[i];
    }
    return t ? a / t : 0;
  }

  /** Material (global index) → quantity per finished unit at standard losses. */
  private materialPerUnit(k: number): [number, number][] {
    const { mm } = this.w;
    const p = this.prods[k];
    if (this.blending) {
      const r = mm.recipes[mm.recipeOf[p]];
      const kg = mm.packLitres[p] * (1 + (FILL_LOSS.min + FILL_LOSS.max) / 2) /
        (1 - BLEND_LOSS.standard) * r.density;
      return r.components.map((c) => [c.material, c.qty / 10000 * kg]);
    }
    const b = mm.boms[mm.bomOf[p]];
    const scrap = (FILTER_LINES.scrap.min + FILTER_LINES.scrap.max) / 2;
    return b.components.map((c) => [c.material, c.qty * (1 + scrap)]);
  }

  /** Price per 1,000 units of a material ordered on `day` (index of that week). */
  private priceOn(mat: Material, day: number, spot: boolean): number {
    const idx = mat.indexCode ? this.w.rm.valueAt(mat.indexCode, day) : 100;
    return pricePerThousand(
      unitPriceUsd(mat, idx) * (spot ? 1 + MATERIAL_POLICY.spotPremium : 1),
      this.plant.perUsd,
    );
  }

  /** Standard cost ex works of a product in an absolute month (plant currency). */
  private stdUnit(k: number, mn: number): number {
    const key = k * 100000 + mn;
    let v = this.stdCache.get(key);
    if (v === undefined) {
      const prod = this.w.cat.products[this.prods[k]];
      v = standardCost(
        prod.baseCostUsd,
        1,
        this.plant.perUsd,
        costFactor(this.w.rm, prod.costMix, mn),
      );
      this.stdCache.set(key, v);
    }
    return v;
  }

  private matStd(j: number, mn: number): number {
    const key = j * 100000 + mn;
    let v = this.matStdCache.get(key);
    if (v === undefined) {
      v = standardPerThousand(this.w.rm, this.w.mm.materials[this.mats[j]], mn, this.plant.perUsd);
      this.matStdCache.set(key, v);
    }
    return v;
  }

  /** Standard conversion per unit: standard cost less its standard materials (at least a floor). */
  private conversion(k: number, mn: number): number {
    const key = k * 100000 + mn;
    let v = this.convCache.get(key);
    if (v === undefined) {
      const std = this.stdUnit(k, mn);
      let mat = 0;
      for (const [m, q] of this.materialPerUnit(k)) {
        mat += q * this.matStd(this.mLocal.get(m)!, mn) / 1000;
      }
      v = Math.max(Math.round(std * MIN_CONVERSION_SHARE), Math.round(std - mat));
      this.convCache.set(key, v);
    }
    return v;
  }

  private inShutdown(day: number): boolean {
    const { week } = isoWeek(day);
    return week >= this.shutdownWeek && week < this.shutdownWeek + SHUTDOWN_WEEKS;
  }

  /** Runs the whole period. */
  run(): void {
    const { ctx } = this.w;
    for (let d = ctx.start; d <= ctx.end; d++) this.step(d);
  }

  private step(d: number): void {
    const { ctx } = this.w;
    const monday = isoWeekday(d) === 1;
    if (monday || d === ctx.start) this.beginWeek(d);
    this.rushToday = 0;
    this.receive(d);
    this.takeOrders(d);
    if (isoWeekday(d) <= 5 && !this.inShutdown(d)) this.planProduction(d);
    this.rushCheck(d);
    this.produce(d);
    this.complete(d);
    this.ship(d);
    this.receivePayments(d);
    this.reviewMaterials(d);
    if (isoWeekday(d) === 7 || d === ctx.end) this.endWeek(d);
  }

  private beginWeek(d: number): void {
    this.weekStart = d;
    this.wOpen.set(this.onHand);
    this.wIn.fill(0);
    this.wOut.fill(0);
    this.weekDemand.fill(0);
    this.mwOpen.set(this.mOnHand);
    this.mwIn.fill(0);
    this.mwOut.fill(0);
  }

  private receive(d: number): void {
    const list = this.arrivals.get(d);
    if (!list) return;
    this.arrivals.delete(d);
    for (let i = 0; i < list.length; i += 3) {
      this.stockIn(list[i], list[i + 1], list[i + 2]);
      this.mOnOrder[list[i]] -= list[i + 1];
    }
  }

  /** Material j received: qty at a price per thousand (moving average). */
  private stockIn(j: number, qty: number, price: number): void {
    const have = Math.max(0, this.mOnHand[j]);
    this.mAvg[j] = have + qty > 0 ? (have * this.mAvg[j] + qty * price) / (have + qty) : price;
    this.mOnHand[j] += qty;
    this.mwIn[j] += qty;
  }

  private purchase(d: number, j: number, qty: number, spot: boolean): void {
    const { ctx, mm } = this.w;
    const mat = mm.materials[this.mats[j]];
    const price = this.priceOn(mat, d, spot);
    const id = this.plant.site.id * MFG_ID_STRIDE + ++this.seq.purchase;
    const lead = spot ? 0 : mat.leadDays + this.s.int(this.seq.purchase, 4, 7);
    const due = d + lead;
    const P = this.out.purchases;
    const i = P.row();
    P.cols.purchase_id[i] = id;
    P.cols.plant_site_id[i] = this.plant.site.id;
    P.cols.material_id[i] = mat.id;
    P.cols.priority[i] = spot ? 1 : 0;
    P.cols.order_date[i] = d;
    P.cols.expected_date[i] = due;
    P.cols.receipt_date[i] = due <= ctx.end ? due : NaN;
    P.cols.qty[i] = qty;
    P.cols.index_value[i] = mat.indexCode
      ? Math.round(this.w.rm.valueAt(mat.indexCode, d) * 1e4) / 1e4
      : NaN;
    P.cols.currency[i] = this.currencyCode;
    P.cols.price_per_thousand[i] = price;
    P.cols.amount[i] = amountOf(qty, price);
    if (spot) {
      this.stockIn(j, qty, price);
      return;
    }
    this.mOnOrder[j] += qty;
    const list = this.arrivals.get(due) ?? [];
    list.push(j, qty, price);
    this.arrivals.set(due, list);
  }

  private takeOrders(d: number): void {
    const { ctx } = this.w;
    for (const po of this.chainByDay.get(d) ?? []) {
      const account = this.cust.accountOfDc.get(po.dc)!;
      const transit = Math.min(
        transitDays(this.plant.country, this.countryOfSeg[po.seg]),
        Math.max(0, po.receiptDay - po.orderDay),
      );
      const lines = po.lines.map((l) => ({ k: this.local.get(l.p)!, qty: l.qty, price: l.price }));
      const o: OpenOrder = {
        id: this.writeOrder(d, account, po.seg, po.expectedDay, lines, po.poId),
        account,
        seg: po.seg,
        shipDay: po.receiptDay >= 0
          ? Math.max(po.orderDay, weekdayOnOrBefore(po.receiptDay - transit))
          : Infinity,
        deliveryDay: po.receiptDay,
        chain: true,
        lines,
      };
      for (const l of lines) this.weekDemand[l.k] += l.qty;
      this.open.push(o);
    }
    const wd = isoWeekday(d);
    if (wd > 5) return;
    const { pb } = this.w;
    for (let a = this.cust.chain; a < this.cust.n; a++) {
      if (d < this.cust.since[a]) continue;
      const type = OUTSIDE_CUSTOMERS[this.cust.kind[a] - 1];
      const row = (d - ctx.start) * 1_000_000 + a;
      if (!this.orderStream.chance(row, 1 / (5 * type.weeksBetweenOrders), 0)) continue;
      const seg = this.cust.segment[a];
      const units = geoModel(ctx).countryOf(seg).units;
      const pool = this.outsideProducts(units);
      if (!pool) continue;
      const n = Math.min(pool.ks.length, 1 + poisson(this.orderStream, row, type.linesMean - 1, 1));
      const perOrder = this.outsideUnitsPerWeek[a] * type.weeksBetweenOrders;
      const chosen = new Set<number>();
      const lines: OpenOrder["lines"] = [];
      for (let t = 0; t < n * 3 && lines.length < n; t++) {
        const k = pool.ks[pool.alias.sample(this.orderStream, row, 8 + t)];
        if (chosen.has(k)) continue;
        chosen.add(k);
        const prod = this.w.cat.products[this.prods[k]];
        const r = pb.row(this.prods[k], seg, d);
        if (r < 0) continue;
        const mean = perOrder / n;
        const cases = Math.max(
          1,
          Math.round(
            lognormal(
              this.orderStream,
              row * 64 + t,
              Math.log(mean / prod.casePack) - 0.18,
              0.6,
              3,
            ),
          ),
        );
        const price = Math.round(pb.transfer[r] * (1 + this.cust.priceBp[a] / 10000));
        lines.push({ k, qty: cases * prod.casePack, price });
      }
      if (!lines.length) continue;
      const req = d + this.orderStream.range(row, OUTSIDE_LEAD_DAYS[0], OUTSIDE_LEAD_DAYS[1], 2);
      const id = this.writeOrder(d, a, seg, req, lines, NaN);
      for (const l of lines) this.weekDemand[l.k] += l.qty;
      const shipDay = Math.max(
        d,
        weekdayOnOrBefore(req - transitDays(this.plant.country, this.countryOfSeg[seg])),
      );
      this.open.push({ id, account: a, seg, shipDay, deliveryDay: -1, chain: false, lines });
    }
  }

  private writeOrder(
    d: number,
    account: number,
    seg: number,
    requested: number,
    lines: OpenOrder["lines"],
    poId: number,
  ): number {
    const id = this.plant.site.id * MFG_ID_STRIDE + ++this.seq.order;
    const O = this.out.orders, OL = this.out.orderLines;
    let units = 0, net = 0;
    lines.forEach((l, n) => {
      const i = OL.row();
      OL.cols.order_id[i] = id;
      OL.cols.line_number[i] = n + 1;
      OL.cols.sku_id[i] = this.prods[l.k] + 1;
      OL.cols.qty[i] = l.qty;
      OL.cols.unit_price[i] = l.price;
      OL.cols.line_amount[i] = l.qty * l.price;
      units += l.qty;
      net += l.qty * l.price;
    });
    const i = O.row();
    O.cols.order_id[i] = id;
    O.cols.maker_company_id[i] = this.plant.maker;
    O.cols.plant_site_id[i] = this.plant.site.id;
    O.cols.customer_id[i] = this.plant.site.id * MFG_CUSTOMER_STRIDE + account;
    O.cols.distributor_po_id[i] = poId;
    O.cols.order_date[i] = d;
    O.cols.requested_date[i] = requested;
    O.cols.segment_id[i] = seg + 1;
    O.cols.currency[i] = this.segCurrency[seg];
    O.cols.line_count[i] = lines.length;
    O.cols.total_qty[i] = units;
    O.cols.net_amount[i] = net;
    return id;
  }

  /** Units still to ship per product on open orders. */
  private openDemand(): Float64Array {
    const need = new Float64Array(this.prods.length);
    for (const o of this.open) for (const l of o.lines) need[l.k] += l.qty;
    return need;
  }

  /** The production plan of a working day: what is at or below s is made up to S. */
  private planProduction(d: number): void {
    const open = this.openDemand();
    // Weeks until production resumes after this one (a shutdown ahead stretches the horizon).
    let ahead = 0;
    while (ahead < 4 && this.inShutdown(d + 7 * (ahead + 1))) ahead++;
    const need = new Float64Array(this.prods.length);
    for (let k = 0; k < this.prods.length; k++) {
      const f = this.forecast[k];
      if (f <= 0) continue;
      const pos = this.onHand[k] + this.pendingOut[k] - open[k];
      const s = f * (this.safetyWeeks + 1 + ahead);
      if (pos > s) continue;
      need[k] = Math.ceil(s + f * this.cycle[k] - pos);
    }
    if (this.blending) this.planBatches(d, need);
    else this.planWorkOrders(d, need);
  }

  private planBatches(d: number, need: Float64Array): void {
    const { mm, cat } = this.w;
    const byRecipe = new Map<number, number[]>();
    need.forEach((q, k) => {
      if (q <= 0) return;
      const r = mm.recipeOf[this.prods[k]];
      const list = byRecipe.get(r) ?? [];
      list.push(k, q);
      byRecipe.set(r, list);
    });
    const recipes = [...byRecipe.keys()].sort((a, b) =>
      mm.recipes[a].sequence - mm.recipes[b].sequence
    );
    const batches: Job[] = [];
    let family = "";
    for (const r of recipes) {
      const alloc = byRecipe.get(r)!;
      let litres = 0;
      for (let i = 0; i < alloc.length; i += 2) {
        litres += alloc[i + 1] * mm.packLitres[this.prods[alloc[i]]];
      }
      litres = litres * (1 + FILL_LOSS.max) / (1 - BLEND_LOSS.standard);
      const n = Math.max(1, Math.ceil(litres / this.tankLitres));
      if (mm.recipes[r].kind !== family) {
        family = mm.recipes[r].kind;
        this.campaignSeq++;
      }
      for (let b = 0; b < n; b++) {
        const part: number[] = [];
        for (let i = 0; i < alloc.length; i += 2) {
          const q = alloc[i + 1];
          const share = b === n - 1 ? q - Math.floor(q / n) * (n - 1) : Math.floor(q / n);
          if (share > 0) part.push(alloc[i], share);
        }
        if (!part.length) continue;
        let l = 0;
        for (let i = 0; i < part.length; i += 2) {
          l += part[i + 1] * mm.packLitres[this.prods[part[i]]];
        }
        l = Math.max(this.tankLitres * 0.1, l * (1 + FILL_LOSS.max) / (1 - BLEND_LOSS.standard));
        batches.push({
          day: 0,
          startSec: 0,
          recipe: r,
          alloc: part,
          litres: Math.ceil(l / 10) * 10,
          line: -1,
          changeoverMin: 0,
          runSec: 0,
          rush: false,
          campaign: this.campaignSeq,
        });
      }
    }
    void cat;
    // Up to `tanks` batches a working day, Monday to Friday; the rest waits for next week's plan.
    // Each batch takes the first free tank from today on (working days, up to the end of next
    // week); a batch that finds none waits for a later plan.
    const days = [...workdaysFrom(d), ...workdaysFrom(d + 8 - isoWeekday(d))];
    let at = 0;
    for (const b of batches) {
      while (at < days.length && (this.tankUse.get(days[at]) ?? 0) >= this.tanks) at++;
      if (at >= days.length) break;
      const used = this.tankUse.get(days[at]) ?? 0;
      this.tankUse.set(days[at], used + 1);
      b.day = days[at];
      b.startSec = 6 * 3600 + used * 5400;
      this.schedule(b);
    }
    for (const day of this.tankUse.keys()) if (day < d) this.tankUse.delete(day);
  }

  /**
   * Work orders on the lines of each filter's family, in design order: each
   * starts when its line is free (after the orders planned before it), after
   * a changeover when the design changes, and runs in the shifts of working
   * days. An order that would not start before the end of next week waits
   * for a later plan.
   */
  private planWorkOrders(d: number, need: Float64Array): void {
    const { mm } = this.w;
    const from = toShift(d * DAY_SEC);
    const limit = (d + 14 - (isoWeekday(d) - 1)) * DAY_SEC;
    const ks = [...need.keys()].filter((k) => need[k] > 0).sort((a, b) =>
      this.prods[a] - this.prods[b]
    );
    for (const k of ks) {
      const p = this.prods[k];
      const fam = mm.boms[mm.bomOf[p]].family;
      let line = -1, free = Infinity;
      for (const id of this.lineOfFamily.get(fam)!) {
        const t = Math.max(this.lineFree[id], from);
        if (t < free) (free = t, line = id);
      }
      const units = Math.ceil(need[k]);
      const spec = FILTER_LINES.families[fam];
      const change = this.lastDesign[line] === p
        ? 0
        : this.s.range(this.seq.wo + 1 + k * 7919, spec.changeoverMin[0], spec.changeoverMin[1], 3);
      const start = afterShiftHours(toShift(free), change / 60);
      if (start >= limit) continue;
      const end = afterShiftHours(start, units / this.lines[line].rate);
      this.lineFree[line] = end;
      this.lastDesign[line] = p;
      const day = Math.floor(start / DAY_SEC);
      this.schedule({
        day,
        startSec: start - day * DAY_SEC,
        recipe: -1,
        alloc: [k, units],
        litres: 0,
        line,
        changeoverMin: change,
        runSec: end - start,
        rush: false,
        campaign: 0,
      });
    }
  }

  /** Materials a job consumes when it starts: (local material index, quantity) pairs. */
  private needsOf(job: Job): number[] {
    const { mm } = this.w;
    const out: number[] = [];
    if (job.recipe >= 0) {
      const r = mm.recipes[job.recipe];
      for (const c of r.components) {
        const qty = Math.round(c.qty / 10000 * job.litres * r.density);
        if (qty > 0) out.push(this.mLocal.get(c.material)!, qty);
      }
    } else {
      for (const c of mm.boms[mm.bomOf[this.prods[job.alloc[0]]]].components) {
        out.push(this.mLocal.get(c.material)!, c.qty * job.alloc[1]);
      }
    }
    return out;
  }

  private schedule(j: Job): void {
    const needs = this.needsOf(j);
    for (let i = 0; i < needs.length; i += 2) this.mCommitted[needs[i]] += needs[i + 1];
    const list = this.jobs.get(j.day) ?? [];
    list.push(j);
    this.jobs.set(j.day, list);
    for (let i = 0; i < j.alloc.length; i += 2) this.pendingOut[j.alloc[i]] += j.alloc[i + 1];
  }

  /** Rush production today for any SKU whose firm shipments of the next days exceed supply. */
  private rushCheck(d: number): void {
    const due = new Float64Array(this.prods.length);
    const horizon = d + PLANNING.rushHorizonDays;
    for (const o of this.open) {
      if (o.shipDay > horizon) continue;
      for (const l of o.lines) due[l.k] += l.qty;
    }
    for (let k = 0; k < this.prods.length; k++) {
      const short = due[k] - this.onHand[k] - this.pendingOut[k];
      if (short > 0) this.rush(d, k, short + Math.ceil(this.forecast[k] * 0.5));
    }
  }

  /** A batch or work order made today (ends today) for `qty` units of product k. */
  private rush(d: number, k: number, qty: number): void {
    const { mm, cat } = this.w;
    const p = this.prods[k];
    const slot = this.rushToday++;
    if (this.blending) {
      const l = qty * mm.packLitres[p] * (1 + FILL_LOSS.max) / (1 - BLEND_LOSS.max);
      this.schedule({
        day: d,
        startSec: 4 * 3600 + (slot % 8) * 1800,
        recipe: mm.recipeOf[p],
        alloc: [k, qty],
        litres: Math.ceil(l / 10) * 10,
        line: -1,
        changeoverMin: 0,
        runSec: 0,
        rush: true,
        campaign: ++this.campaignSeq,
      });
    } else {
      const fam = mm.boms[mm.bomOf[p]].family;
      const line = this.lineOfFamily.get(fam)![slot % this.lineOfFamily.get(fam)!.length];
      // Enough started that the worst scrap still leaves qty good units.
      const start = qty / (1 - FILTER_LINES.scrap.max);
      const units = Math.ceil(start / cat.products[p].casePack) * cat.products[p].casePack;
      const runSec = Math.min(Math.round(units / this.lines[line].rate * 3600), 20 * 3600);
      this.schedule({
        day: d,
        startSec: 1800 + (slot % 4) * 600,
        recipe: -1,
        alloc: [k, units],
        litres: 0,
        line,
        changeoverMin: 15,
        runSec,
        rush: true,
        campaign: 0,
      });
    }
  }

  private produce(d: number): void {
    const list = this.jobs.get(d);
    if (!list) return;
    this.jobs.delete(d);
    for (const j of list) {
      if (j.recipe >= 0) this.blend(d, j);
      else this.workOrder(d, j);
    }
  }

  /** Consumes material j (spot-buying a shortfall); returns [unit cost per thousand, amount]. */
  private consume(d: number, j: number, qty: number): [number, number] {
    if (this.mOnHand[j] < qty) {
      const mat = this.w.mm.materials[this.mats[j]];
      const step = mat.unit === "g" ? 1000 : 100;
      const want = qty - this.mOnHand[j] + this.mUse[j] * 7;
      this.purchase(d, j, Math.ceil(want / step) * step, true);
    }
    const unit = Math.round(this.mAvg[j]);
    this.mCommitted[j] -= qty;
    this.mOnHand[j] -= qty;
    this.mwOut[j] += qty;
    return [unit, amountOf(qty, unit)];
  }

  /**
   * Consumes what job `id` needs and writes its consumption rows (blend or
   * component: one shape); returns [material cost, standard material cost].
   */
  private useMaterials(d: number, job: Job, id: number, mn: number): [number, number] {
    // Both tables have the same columns but the first (the document's key).
    const U = (this.blending ? this.out.blendUse : this.out.compUse) as unknown as Block<
      typeof LAYOUTS.compUse
    >;
    const keyName = this.blending ? "batch_id" : "work_order_id";
    let material = 0, stdMaterial = 0;
    const needs = this.needsOf(job);
    for (let n = 0; n < needs.length; n += 2) {
      const j = needs[n], qty = needs[n + 1];
      const [unit, amount] = this.consume(d, j, qty);
      const std = this.matStd(j, mn);
      const i = U.row();
      (U.cols as unknown as Record<string, Float64Array>)[keyName][i] = id;
      U.cols.material_id[i] = this.mats[j] + 1;
      U.cols.qty[i] = qty;
      U.cols.unit_cost_per_thousand[i] = unit;
      U.cols.amount[i] = amount;
      U.cols.std_cost_per_thousand[i] = std;
      U.cols.std_amount[i] = amountOf(qty, std);
      material += amount;
      stdMaterial += amountOf(qty, std);
    }
    return [material, stdMaterial];
  }

  private blend(d: number, job: Job): void {
    const { mm } = this.w;
    const r = mm.recipes[job.recipe];
    const mn = monthNumber(d);
    const id = this.plant.site.id * MFG_ID_STRIDE + ++this.seq.batch;
    const row = this.seq.batch;
    const planned = job.litres;
    // Materials: recipe percent × planned litres × density.
    const [material, stdMaterial] = this.useMaterials(d, job, id, mn);
    // QC: first time right, reworked, or rejected.
    const u = this.qc.u01(row, 0);
    const status = job.rush
      ? (u < BATCH_QC.pRework ? 1 : 0)
      : u < BATCH_QC.pReject
      ? 2
      : u < BATCH_QC.pReject + BATCH_QC.pRework
      ? 1
      : 0;
    const hours = job.rush ? 5 : BLEND_TIMES.hours[0] +
      this.qc.u01(row, 1) * (BLEND_TIMES.hours[1] - BLEND_TIMES.hours[0]);
    const rework = status === 1
      ? (job.rush ? 1 : BATCH_QC.reworkHours[0] +
        this.qc.u01(row, 2) * (BATCH_QC.reworkHours[1] - BATCH_QC.reworkHours[0]))
      : 0;
    const startSec = job.startSec;
    const endSec = Math.round(startSec + (hours + BLEND_TIMES.qcHours + rework) * 3600);
    const loss = status === 2
      ? 1
      : BLEND_LOSS.min + this.qc.u01(row, 3) * (BLEND_LOSS.max - BLEND_LOSS.min);
    let actual = status === 2 ? 0 : Math.round(planned * (1 - loss) * 1000) / 1000;
    // What the plan expected from this batch is no longer pending; what it yields is, until packed.
    for (let i = 0; i < job.alloc.length; i += 2) {
      const k = job.alloc[i];
      this.pendingOut[k] = Math.max(0, this.pendingOut[k] - job.alloc[i + 1]);
    }
    // Packaging: allocations in order; the last takes what is left.
    let standard = 0, conversion = 0;
    if (status !== 2) {
      let left = actual, t = endSec, lastRow = -1;
      const P = this.out.packs;
      for (let i = 0; i < job.alloc.length; i += 2) {
        const k = job.alloc[i];
        const pl = mm.packLitres[this.prods[k]];
        const fill = FILL_LOSS.min + this.qc.u01(row, 10 + i) * (FILL_LOSS.max - FILL_LOSS.min);
        const last = i + 2 >= job.alloc.length;
        let units = Math.min(job.alloc[i + 1], Math.floor(left / (pl * (1 + fill))));
        if (last) units = Math.floor(left / (pl * (1 + fill)));
        if (units <= 0) continue;
        const drawn = last ? left : Math.round(units * pl * (1 + fill) * 1000) / 1000;
        left = Math.round((left - drawn) * 1000) / 1000;
        const std = this.stdUnit(k, mn);
        let longest = 0;
        for (
          const { units: u, litres: dl, seconds: ld } of packLanes(
            units,
            drawn,
            pl,
            fill,
            t,
            job.rush,
          )
        ) {
          const x = P.row();
          P.cols.run_id[x] = this.plant.site.id * MFG_ID_STRIDE + ++this.seq.run;
          P.cols.batch_id[x] = id;
          P.cols.plant_site_id[x] = this.plant.site.id;
          P.cols.sku_id[x] = this.prods[k] + 1;
          P.cols.start_ts[x] = timestampMs(d, t);
          P.cols.end_ts[x] = timestampMs(d, t + ld);
          P.cols.pack_litres[x] = pl;
          P.cols.units[x] = u;
          P.cols.litres_drawn[x] = dl;
          P.cols.fill_loss_litres[x] = Math.round((dl - u * pl) * 1000) / 1000;
          P.cols.unit_standard_cost[x] = std;
          this.addOutput(d + Math.floor((t + ld) / DAY_SEC), k, u);
          longest = Math.max(longest, ld);
          lastRow = x;
        }
        standard += units * std;
        conversion += units * this.conversion(k, mn);
        t += longest;
        if (left <= 0) break;
      }
      // Litres too few for another unit go to the last run's fill loss (or, with no run, are lost).
      if (left > 0 && lastRow >= 0) {
        P.cols.litres_drawn[lastRow] = Math.round((P.cols.litres_drawn[lastRow] + left) * 1000) /
          1000;
        P.cols.fill_loss_litres[lastRow] = Math.round(
          (P.cols.litres_drawn[lastRow] - P.cols.units[lastRow] * P.cols.pack_litres[lastRow]) *
            1000,
        ) / 1000;
      } else if (left > 0) actual = 0;
    }
    const B = this.out.batches;
    const i = B.row();
    B.cols.batch_id[i] = id;
    B.cols.plant_site_id[i] = this.plant.site.id;
    B.cols.recipe_id[i] = r.id;
    B.cols.campaign_id[i] = this.plant.site.id * MFG_ID_STRIDE + job.campaign;
    B.cols.is_rush[i] = job.rush ? 1 : 0;
    B.cols.planned_litres[i] = planned;
    B.cols.actual_litres[i] = actual;
    B.cols.yield_loss_litres[i] = Math.round((planned - actual) * 1000) / 1000;
    B.cols.start_ts[i] = timestampMs(d, startSec);
    B.cols.end_ts[i] = timestampMs(d, endSec);
    B.cols.status[i] = status;
    B.cols.qc_attempts[i] = status === 1 ? 2 : 1;
    this.qcValues(row, r, status === 2, B.cols, i);
    this.writeCosts(B.cols, i, material, stdMaterial, conversion, standard);
  }

  /** QC results inside the grade's bands (outside one band when rejected). */
  private qcValues(
    row: number,
    r: MakerModel["recipes"][number],
    reject: boolean,
    cols: PlantOut["batches"]["cols"],
    i: number,
  ): void {
    const q = this.qc;
    const failAt = reject ? (r.kv100 ? 0 : r.flashMinC ? 2 : 3) : -1;
    // Blenders aim at a target in the band (about 45 % of the way up) with a spread of a tenth
    // of its width; a rejected batch misses it on the thin or the thick side.
    const inBand = (lo: number, hi: number) => {
      const v = normal(q, row, lo + 0.45 * (hi - lo), 0.1 * (hi - lo), 24);
      return Math.min(hi - 0.01, Math.max(lo + 0.01, v));
    };
    const miss = (lo: number, hi: number) =>
      q.u01(row, 20) < 0.5
        ? lo * (0.9 - 0.05 * q.u01(row, 21))
        : hi * (1.05 + 0.05 * q.u01(row, 21));
    cols.kv100_cst[i] = r.kv100
      ? Math.round(
        (failAt === 0 ? miss(r.kv100[0], r.kv100[1]) : inBand(r.kv100[0], r.kv100[1])) * 100,
      ) / 100
      : NaN;
    cols.ccs_mpas[i] = r.ccs ? Math.round(r.ccs.maxMpas * (0.6 + 0.3 * q.u01(row, 21))) : NaN;
    cols.flash_point_c[i] = r.flashMinC
      ? failAt === 2
        ? r.flashMinC - 2 - Math.round(8 * q.u01(row, 22))
        : r.flashMinC + 10 + Math.round(30 * q.u01(row, 22))
      : NaN;
    cols.freeze_point_c[i] = r.freezeMaxC !== null
      ? Math.round(
        (failAt === 3
          ? r.freezeMaxC + 1 + 3 * q.u01(row, 23)
          : r.freezeMaxC - 0.5 - 3 * q.u01(row, 23)) *
          10,
      ) / 10
      : NaN;
  }

  private writeCosts(
    cols: {
      currency: Uint8Array;
      material_cost: Float64Array;
      conversion_cost: Float64Array;
      actual_cost: Float64Array;
      standard_cost: Float64Array;
      price_variance: Float64Array;
      yield_variance: Float64Array;
    },
    i: number,
    material: number,
    stdMaterial: number,
    conversion: number,
    standard: number,
  ): void {
    const actual = material + conversion;
    cols.currency[i] = this.currencyCode;
    cols.material_cost[i] = material;
    cols.conversion_cost[i] = conversion;
    cols.actual_cost[i] = actual;
    cols.standard_cost[i] = standard;
    cols.price_variance[i] = material - stdMaterial;
    cols.yield_variance[i] = actual - standard - (material - stdMaterial);
  }

  private workOrder(d: number, job: Job): void {
    const k = job.alloc[0], planned = job.alloc[1];
    const p = this.prods[k];
    const mn = monthNumber(d);
    const id = this.plant.site.id * MFG_ID_STRIDE + ++this.seq.wo;
    const row = this.seq.wo;
    const sc = FILTER_LINES.scrap;
    const scrapped = Math.round(planned * (sc.min + this.s.u01(row, 0) * (sc.max - sc.min)));
    const produced = planned - scrapped;
    // Materials: bill of materials × units started.
    const [material, stdMaterial] = this.useMaterials(d, job, id, mn);
    const std = this.stdUnit(k, mn);
    const conversion = produced * this.conversion(k, mn);
    const endSec = job.startSec + job.runSec;
    this.pendingOut[k] -= planned;
    if (this.pendingOut[k] < 0) this.pendingOut[k] = 0;
    this.addOutput(d + Math.floor(endSec / DAY_SEC), k, produced);
    const W = this.out.wos;
    const i = W.row();
    W.cols.work_order_id[i] = id;
    W.cols.plant_site_id[i] = this.plant.site.id;
    W.cols.line_id[i] = this.plant.site.id * 100 + job.line + 1;
    W.cols.sku_id[i] = p + 1;
    W.cols.is_rush[i] = job.rush ? 1 : 0;
    W.cols.planned_units[i] = planned;
    W.cols.produced_units[i] = produced;
    W.cols.scrapped_units[i] = scrapped;
    W.cols.changeover_minutes[i] = job.changeoverMin;
    W.cols.start_ts[i] = timestampMs(d, job.startSec);
    W.cols.end_ts[i] = timestampMs(d, endSec);
    W.cols.unit_standard_cost[i] = std;
    this.writeCosts(W.cols, i, material, stdMaterial, conversion, produced * std);
  }

  private addOutput(day: number, k: number, units: number): void {
    const list = this.completions.get(day) ?? [];
    list.push(k, units);
    this.completions.set(day, list);
    this.pendingOut[k] += units;
  }

  private complete(d: number): void {
    const list = this.completions.get(d);
    if (!list) return;
    this.completions.delete(d);
    for (let i = 0; i < list.length; i += 2) {
      this.onHand[list[i]] += list[i + 1];
      this.pendingOut[list[i]] -= list[i + 1];
      if (this.pendingOut[list[i]] < 0) this.pendingOut[list[i]] = 0;
      this.wIn[list[i]] += list[i + 1];
    }
  }

  private ship(d: number): void {
    // Chain orders first: they must leave today.
    const keep: OpenOrder[] = [];
    const ready: OpenOrder[] = [];
    for (const o of this.open) {
      if (o.chain && o.shipDay === d) ready.push(o);
      else keep.push(o);
    }
    for (const o of ready) {
      let short = false;
      for (const l of o.lines) {
        if (this.onHand[l.k] < l.qty) {
          this.rush(d, l.k, l.qty - this.onHand[l.k]);
          short = true;
        }
      }
      if (short) {
        this.produce(d);
        this.complete(d);
      }
      this.shipOrder(d, o);
    }
    // Outside orders due by today ship whole when the stock is there, oldest first.
    this.open.length = 0;
    for (const o of keep) {
      if (!o.chain && o.shipDay <= d && o.lines.every((l) => this.onHand[l.k] >= l.qty)) {
        this.shipOrder(d, o);
      } else this.open.push(o);
    }
  }

  private shipOrder(d: number, o: OpenOrder): void {
    const { pb, ctx } = this.w;
    const id = this.plant.site.id * MFG_ID_STRIDE + ++this.seq.ship;
    let units = 0;
    for (const l of o.lines) {
      this.onHand[l.k] -= l.qty;
      this.wOut[l.k] += l.qty;
      units += l.qty;
    }
    const custId = this.plant.site.id * MFG_CUSTOMER_STRIDE + o.account;
    const delivery = o.chain
      ? o.deliveryDay
      : d + transitDays(this.plant.country, this.countryOfSeg[o.seg]);
    const S = this.out.shipments;
    const s = S.row();
    S.cols.shipment_id[s] = id;
    S.cols.order_id[s] = o.id;
    S.cols.customer_id[s] = custId;
    S.cols.plant_site_id[s] = this.plant.site.id;
    S.cols.ship_date[s] = d;
    S.cols.delivery_date[s] = delivery;
    S.cols.total_qty[s] = units;
    // Invoice.
    const inv = this.plant.site.id * MFG_ID_STRIDE + ++this.seq.inv;
    const rate = this.taxRate(o);
    const terms = termsOf(this.cust, o.account);
    let net = 0, tax = 0;
    const IL = this.out.invoiceLines;
    o.lines.forEach((l, n) => {
      const [a, t] = invoiceLine(l.qty, l.price, rate);
      const x = IL.row();
      IL.cols.invoice_id[x] = inv;
      IL.cols.line_number[x] = n + 1;
      IL.cols.order_id[x] = o.id;
      IL.cols.sku_id[x] = this.prods[l.k] + 1;
      IL.cols.qty[x] = l.qty;
      IL.cols.unit_price[x] = l.price;
      IL.cols.net_amount[x] = a;
      IL.cols.tax_amount[x] = t;
      IL.cols.unit_cost[x] = pb.cost[pb.row(this.prods[l.k], o.seg, d)];
      net += a;
      tax += t;
    });
    const I = this.out.invoices;
    const x = I.row();
    I.cols.invoice_id[x] = inv;
    I.cols.shipment_id[x] = id;
    I.cols.order_id[x] = o.id;
    I.cols.customer_id[x] = custId;
    I.cols.plant_site_id[x] = this.plant.site.id;
    I.cols.currency[x] = this.segCurrency[o.seg];
    I.cols.invoice_date[x] = d;
    I.cols.due_date[x] = d + terms.days;
    I.cols.tax_rate_bp[x] = rate;
    I.cols.net_amount[x] = net;
    I.cols.tax_amount[x] = tax;
    I.cols.total_amount[x] = net + tax;
    // Payment plan.
    const plan = this.plan.plan(
      this.payStream,
      this.seq.inv,
      d,
      net + tax,
      terms.days,
      terms.discountBp,
      o.chain ? null : MAKER_PAYMENT_BEHAVIOUR,
    );
    for (let k = 0; k < plan.n; k++) {
      if (plan.day[k] > ctx.end) continue;
      const list = this.paymentsDue.get(plan.day[k]) ?? [];
      list.push({
        inv,
        account: o.account,
        kind: plan.kind[k],
        amount: plan.amount[k],
        discount: plan.discount[k],
      });
      this.paymentsDue.set(plan.day[k], list);
    }
  }

  /** Tax: domestic VAT/GST; none on exports, intra-EU supplies or US sales for resale. */
  private taxRate(o: OpenOrder): number {
    const to = this.countryOfSeg[o.seg];
    if (to !== this.plant.country) return 0;
    if (to === "US") {
      const kind = this.cust.kind[o.account];
      return kind >= 2 ? this.taxOfSeg[o.seg] : 0;
    }
    return this.taxOfSeg[o.seg];
  }

  private receivePayments(d: number): void {
    const list = this.paymentsDue.get(d);
    if (!list) return;
    this.paymentsDue.delete(d);
    const P = this.out.payments;
    for (const p of list) {
      const i = P.row();
      P.cols.payment_id[i] = this.plant.site.id * MFG_ID_STRIDE + ++this.seq.pay;
      P.cols.invoice_id[i] = p.inv;
      P.cols.customer_id[i] = this.plant.site.id * MFG_CUSTOMER_STRIDE + p.account;
      P.cols.payment_date[i] = d;
      P.cols.payment_kind[i] = p.kind;
      P.cols.amount[i] = p.amount;
      P.cols.discount_amount[i] = p.discount;
    }
  }

  private reviewMaterials(d: number): void {
    const { mm } = this.w;
    for (let j = 0; j < this.mats.length; j++) {
      const mat = mm.materials[this.mats[j]];
      const u = this.mUse[j];
      if (u <= 0) continue;
      const s = u * (MATERIAL_POLICY.safetyDays + mat.leadDays + 3);
      const pos = this.mOnHand[j] + this.mOnOrder[j] - this.mCommitted[j];
      if (pos > s) continue;
      const step = mat.unit === "g" ? 1000 : 100;
      const q = s + u * MATERIAL_POLICY.coverDays - pos;
      this.purchase(d, j, Math.ceil(q / step) * step, false);
    }
  }

  /**
   * Expected daily use of each material from the products' demand forecasts
   * (the bill of materials or recipe exploded, as MRP does): steadier than
   * the material's own lumpy history.
   */
  private explodeMaterialUse(): void {
    this.mUse.fill(0);
    for (let k = 0; k < this.prods.length; k++) {
      for (const [m, q] of this.materialPerUnit(k)) {
        this.mUse[this.mLocal.get(m)!] += q * this.forecast[k] / 7;
      }
    }
  }

  private endWeek(d: number): void {
    const I = this.out.inventory;
    const mn = monthNumber(d);
    const site = this.plant.site.id;
    const { mm } = this.w;
    for (let j = 0; j < this.mats.length; j++) {
      const mat = mm.materials[this.mats[j]];
      const cost = Math.round(this.mAvg[j]);
      const i = I.row();
      I.cols.plant_site_id[i] = site;
      I.cols.week_start[i] = this.weekStart;
      I.cols.snapshot_date[i] = d;
      I.cols.item_type[i] = 0;
      I.cols.item_id[i] = mat.id;
      I.cols.material_id[i] = mat.id;
      I.cols.sku_id[i] = NaN;
      I.cols.unit[i] = mat.unit === "kg" ? 0 : mat.unit === "g" ? 1 : 2;
      I.cols.opening_qty[i] = this.mwOpen[j];
      I.cols.in_qty[i] = this.mwIn[j];
      I.cols.out_qty[i] = this.mwOut[j];
      I.cols.closing_qty[i] = this.mOnHand[j];
      I.cols.cost_per_thousand[i] = cost;
      I.cols.closing_value[i] = amountOf(this.mOnHand[j], cost);
    }
    for (let k = 0; k < this.prods.length; k++) {
      const cost = this.stdUnit(k, mn) * 1000;
      const i = I.row();
      I.cols.plant_site_id[i] = site;
      I.cols.week_start[i] = this.weekStart;
      I.cols.snapshot_date[i] = d;
      I.cols.item_type[i] = 1;
      I.cols.item_id[i] = this.prods[k] + 1;
      I.cols.material_id[i] = NaN;
      I.cols.sku_id[i] = this.prods[k] + 1;
      I.cols.unit[i] = 3;
      I.cols.opening_qty[i] = this.wOpen[k];
      I.cols.in_qty[i] = this.wIn[k];
      I.cols.out_qty[i] = this.wOut[k];
      I.cols.closing_qty[i] = this.onHand[k];
      I.cols.cost_per_thousand[i] = cost;
      I.cols.closing_value[i] = amountOf(this.onHand[k], cost);
      const days = d - this.weekStart + 1;
      if (days === 7) {
        this.forecast[k] += PLANNING.alpha * (this.weekDemand[k] - this.forecast[k]);
      }
    }
    this.explodeMaterialUse();
  }
}
