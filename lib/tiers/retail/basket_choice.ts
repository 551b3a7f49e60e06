/**
 * What a basket holds and for whom: the day's kind mix (base weights ×
 * seasonality × category expansion, per {@link KindTable}), the customer
 * (a loyalty member, a trade account, or anonymous), the member's vehicle, and
 * the items — a DIY oil change (oil of the vehicle's grade and the oil filter
 * that fits it, maybe as the vehicle's kit, maybe an air or cabin filter) or a
 * parts basket (one to three DIY items, one to six trade items in bigger
 * quantities, a lube deal when an item triggers one). A known DIY customer
 * buys vehicle-specific SKUs for one of their own vehicles, and the line
 * records the vehicle.
 *
 * @module
 */

import { poisson, weightedIndex } from "../../core/dist.ts";
import type { Stream } from "../../core/rng.ts";
import type { Catalog } from "../../catalog/model.ts";
import { memoize, type RunContext } from "../../world/context.ts";
import type { Assortment, Choice } from "./assortment.ts";
import { type Basket, NO_KIT } from "./basket.ts";
import { CustomerType, Kind, KIND_TABLES, KindTable } from "./codes.ts";
import type { SiteCustomers, VehiclePool } from "./customers.ts";
import { seasonal } from "./demand.ts";
import { BASKET_DRAW, CUSTOMER_TRIES, LINE_DRAW, lineDraw } from "./draws.ts";
import type { SiteKits } from "./kits.ts";
import {
  DIY_ITEMS,
  IS_FILTER,
  KIND_SEASON,
  KIND_WEIGHT_DIY,
  KIND_WEIGHT_TRADE,
  KINDS,
  P_KIT,
  P_LOYALTY,
  P_LUBE_KIT,
  P_OIL_CHANGE,
  P_OIL_CHANGE_EXTRA,
  P_TAKE_BXGY,
  P_TRADE_ACCOUNT,
  TRADE_ITEMS,
  VEHICLE_SPECIFIC,
} from "./params.ts";
import type { PromotionModel } from "./promotions.ts";
import { cumulative } from "./timestamps.ts";

const CUM_DIY_ITEMS = cumulative(DIY_ITEMS), CUM_TRADE_ITEMS = cumulative(TRADE_ITEMS);

/**
 * Seasonal factor of every kind on every day of the run (row = day index,
 * column = kind), for one hemisphere; the same for every site, so built once
 * per run.
 */
export function kindSeasons(ctx: RunContext, south: boolean): Float64Array {
  return memoize(`retail.kindSeasons/${south}`, ctx, () => {
    const days = ctx.end - ctx.start + 1;
    const out = new Float64Array(days * KINDS.length);
    for (let i = 0; i < days; i++) {
      for (let k = 0; k < KINDS.length; k++) {
        const ks = KIND_SEASON[KINDS[k]];
        out[i * KINDS.length + k] = ks
          ? seasonal(ctx.start + i, ks.amplitude, ks.peakDayOfYear, south)
          : 1;
      }
    }
    return out;
  });
}

/** The kind table of a basket by shopper and {@link CustomerType}. */
export function kindTableOf(diy: boolean, type: CustomerType): KindTable {
  if (diy) return type === CustomerType.Loyalty ? KindTable.DiyMember : KindTable.DiyAnonymous;
  return type === CustomerType.Trade ? KindTable.TradeAccount : KindTable.TradeWalkIn;
}

/**
 * A site's basket choice. The per-basket results ({@link type}, {@link local},
 * {@link vehicle}) are fields, overwritten by the next basket.
 */
export class BasketChoice {
  /** Cumulative kind weights per {@link KindTable} for the current day (see {@link beginDay}). */
  private readonly kindCum: Float64Array[] = Array.from(
    { length: KIND_TABLES },
    () => new Float64Array(KINDS.length),
  );
  /** The current basket's customer type (also its audience in {@link Choice}). */
  type: CustomerType = CustomerType.Anonymous;
  /** The current basket's customer, as an index into the site's customers (−1: anonymous). */
  local = -1;
  /** The current basket's vehicle id, for a loyalty member (0: none on the road, or not a member). */
  vehicle = 0;
  /** The price factor of the last {@link pickFit}'s set (Σ w ÷ Σ w/π over the SKUs fitting the vehicle). */
  private fitPrice = 1;

  /** Sets up the choice of a site; `s` is its baskets stream. */
  constructor(
    private readonly cat: Catalog,
    private readonly a: Assortment,
    private readonly choice: Choice,
    private readonly promos: PromotionModel,
    private readonly cust: SiteCustomers,
    private readonly pool: VehiclePool,
    private readonly kits: SiteKits,
    private readonly market: "us" | "metric",
    private readonly online: boolean,
    private readonly s: Stream,
  ) {}

  /** Builds the day's kind tables from `kindSeason` (the day's row of {@link kindSeasons}) and the current choice. */
  beginDay(kindSeason: Float64Array): void {
    const choice = this.choice;
    for (let t = 0; t < KIND_TABLES; t++) {
      const aud = t === KindTable.TradeWalkIn ? CustomerType.Anonymous : t;
      const base = t >= KindTable.TradeAccount ? KIND_WEIGHT_TRADE : KIND_WEIGHT_DIY;
      const cum = this.kindCum[t];
      let c = 0;
      for (let k = 0; k < KINDS.length; k++) {
        c += choice.alias[aud][k] ? base[k] * kindSeason[k] * choice.expansion[aud][k] : 0;
        cum[k] = c;
      }
    }
  }

  /**
   * Who shops: sets {@link type} and {@link local}. A DIY shopper may be a
   * loyalty member, a trade shopper a trade account; either way one who has
   * joined by `day` (a few tries, else anonymous).
   */
  who(row: number, day: number, diy: boolean): void {
    const { cust, s } = this;
    let type: CustomerType = CustomerType.Anonymous, local = -1;
    if (diy) {
      const p = this.online ? P_LOYALTY.online : P_LOYALTY.store;
      if (cust.pickLoyalty && s.chance(row, p, BASKET_DRAW.known)) {
        for (let t = 0; t < CUSTOMER_TRIES && local < 0; t++) {
          const j = cust.pickLoyalty.sample(s, row, BASKET_DRAW.customer + t);
          if (cust.joinDay[j] <= day) local = j;
        }
        if (local >= 0) type = CustomerType.Loyalty;
      }
    } else if (cust.pickTrade && s.chance(row, P_TRADE_ACCOUNT, BASKET_DRAW.known)) {
      for (let t = 0; t < CUSTOMER_TRIES && local < 0; t++) {
        const j = cust.loyalty + cust.pickTrade.sample(s, row, BASKET_DRAW.customer + t);
        if (cust.joinDay[j] <= day) local = j;
      }
      if (local >= 0) type = CustomerType.Trade;
    }
    this.type = type;
    this.local = local;
  }

  /**
   * The member's vehicle for this visit: sets {@link vehicle} to one of the
   * loyalty member's vehicles that is on the road on `day` (0 when none, or when
   * the shopper is not a member).
   */
  vehicleFor(row: number, day: number): void {
    const cust = this.cust;
    let veh = 0;
    if (this.type === CustomerType.Loyalty) {
      const local = this.local;
      const v0 = cust.vehStart[local], nv = cust.vehStart[local + 1] - v0;
      const k0 = this.s.int(row, nv, BASKET_DRAW.vehicle);
      for (let t = 0; t < nv && !veh; t++) {
        const k = v0 + (k0 + t) % nv;
        if (cust.onRoad[k] <= day) veh = cust.vehicleId[k];
      }
    }
    this.vehicle = veh;
  }

  /** Fills basket `b` (empty) with the items of the current customer's basket on `day`. */
  fill(b: Basket, row: number, day: number, diy: boolean): void {
    const aud = this.type, veh = this.vehicle;
    const cum = this.kindCum[kindTableOf(diy, aud)];
    const total = cum[KINDS.length - 1];
    // A promotion on oil or oil filters brings oil changes forward as it expands its kind in
    // parts baskets (the kind's category expansion), so every path of a promoted SKU lifts alike.
    const ex = this.choice.expansion[aud];
    if (
      diy && (aud !== CustomerType.Loyalty || veh) &&
      this.s.chance(
        row,
        Math.min(1, P_OIL_CHANGE * (ex[Kind.MotorOil] || 1) * (ex[Kind.OilFilter] || 1)),
        BASKET_DRAW.oilChange,
      )
    ) {
      this.oilChange(b, row, day);
    } else if (total > 0) {
      this.parts(b, row, day, diy, cum, total);
    }
  }

  /** A DIY oil change: the vehicle's kit, or its oil and oil filter; maybe an air and a cabin filter. */
  private oilChange(b: Basket, row: number, day: number): void {
    const { cat, s, choice } = this;
    const aud = this.type;
    const v = this.vehicle ||
      this.pool.ids[this.pool.alias.sample(s, row, BASKET_DRAW.poolVehicle)];
    const rec = aud === CustomerType.Loyalty ? v : 0;
    const kits = this.kits.oilKitsOf(v);
    let kitDone = false;
    if (kits) {
      const kitId = kits[s.int(row, kits.length, BASKET_DRAW.kit)];
      const p = choice.kitDeal[aud] ? P_KIT.onDeal : P_KIT.base;
      if (this.kits.sellable(kitId, day) && s.chance(row, p, BASKET_DRAW.takeKit)) {
        (this.kits.addTo(b, kitId, rec), kitDone = true);
      }
    }
    if (!kitDone) {
      const oil = this.pickFit(v, Kind.MotorOil, aud, s.u01(row, BASKET_DRAW.oil));
      if (oil >= 0) {
        const vol = cat.products[oil].volumeL ?? 4;
        const cap = cat.vehicles[v - 1].oilCapacityL;
        // Jugs (3 L and up): the nearest whole number, at least one; bottles: enough to fill.
        const q = vol >= 3 ? Math.max(1, Math.round(cap / vol)) : Math.ceil(cap / vol - 1e-9);
        const n = this.priced(q, row, BASKET_DRAW.oilPriced);
        if (n > 0) b.add(oil, n, NO_KIT, rec);
      }
      const f = this.pickFit(v, Kind.OilFilter, aud, s.u01(row, BASKET_DRAW.oilFilter));
      const nf = f >= 0 ? this.priced(1, row, BASKET_DRAW.oilFilterPriced) : 0;
      if (nf > 0) b.add(f, nf, NO_KIT, rec);
    }
    if (s.chance(row, P_OIL_CHANGE_EXTRA.air_filter, BASKET_DRAW.addAirFilter)) {
      const p = this.pickFit(v, Kind.AirFilter, aud, s.u01(row, BASKET_DRAW.airFilter));
      const n = p >= 0 && !b.has(p) ? this.priced(1, row, BASKET_DRAW.airFilterPriced) : 0;
      if (n > 0) b.add(p, n, NO_KIT, rec);
    }
    if (s.chance(row, P_OIL_CHANGE_EXTRA.cabin_filter, BASKET_DRAW.addCabinFilter)) {
      const p = this.pickFit(v, Kind.CabinFilter, aud, s.u01(row, BASKET_DRAW.cabinFilter));
      const n = p >= 0 && !b.has(p) ? this.priced(1, row, BASKET_DRAW.cabinFilterPriced) : 0;
      if (n > 0) b.add(p, n, NO_KIT, rec);
    }
  }

  /** A parts basket: items of kinds drawn from `cum` (total `total`), each a SKU of its kind. */
  private parts(
    b: Basket,
    row: number,
    day: number,
    diy: boolean,
    cum: Float64Array,
    total: number,
  ): void {
    const { cat, s, choice, a } = this;
    const aud = this.type, veh = this.vehicle;
    const lubeKitOf = this.kits.lubeKitOf;
    const items = 1 +
      weightedIndex(diy ? CUM_DIY_ITEMS : CUM_TRADE_ITEMS, s.u01(row, BASKET_DRAW.items));
    for (let j = 0; j < items; j++) {
      const d0 = lineDraw(j);
      const k = weightedIndex(cum, s.u01(row, d0 + LINE_DRAW.kind) * total);
      let p: number;
      let rec = 0, fitted = false;
      if (aud === CustomerType.Loyalty && VEHICLE_SPECIFIC[k]) {
        if (!veh) continue;
        p = this.pickFit(veh, k, aud, s.u01(row, d0 + LINE_DRAW.sku));
        (rec = veh, fitted = true);
      } else {
        const al = choice.alias[aud][k];
        p = al ? a.byKind[k][al.sampleU(s.u01(row, d0 + LINE_DRAW.sku))] : -1;
      }
      if (p < 0 || b.has(p)) continue;
      const kitId = lubeKitOf[p];
      if (diy && kitId && s.chance(row, P_LUBE_KIT, d0 + LINE_DRAW.lubeKit)) {
        const kv = cat.kits[kitId - 1].vehicleId;
        if (
          this.kits.sellable(kitId, day) &&
          (kv === null || aud !== CustomerType.Loyalty || kv === veh)
        ) {
          this.kits.addTo(b, kitId, aud === CustomerType.Loyalty && kv !== null ? veh : 0);
          continue;
        }
      }
      let q = this.quantity(p, !diy, row, d0);
      if (fitted && (q = this.priced(q, row, d0 + LINE_DRAW.priced)) === 0) continue;
      const pid = choice.promo[aud][p];
      if (pid) {
        const pr = this.promos.promotions[pid - 1];
        if (pr.mechanic === "buy_x_get_y" && s.chance(row, P_TAKE_BXGY, d0 + LINE_DRAW.takeBxgy)) {
          q = Math.max(q, pr.buy + pr.get);
        }
      }
      b.add(p, q, NO_KIT, rec);
    }
  }

  /**
   * A SKU of `kind` fitting vehicle v, weighted by the audience's weights; −1
   * if none is on sale. Sets {@link fitPrice} to the set's price factor
   * Σ w ÷ Σ w/π over the fitting SKUs on sale.
   */
  private pickFit(v: number, kind: number, aud: CustomerType, u: number): number {
    const a = this.a;
    const ids = this.cat.fitsVehicleIn(v, KINDS[kind], this.market);
    const wa = this.choice.w[aud], price = this.choice.price;
    let t = 0, t0 = 0;
    for (let j = 0; j < ids.length; j++) {
      const p = ids[j] - 1;
      if (!a.isRanged[p]) continue;
      t += wa[p];
      t0 += wa[p] / price[p];
    }
    if (!(t > 0)) return -1;
    this.fitPrice = t / t0;
    let x = u * t;
    for (let j = 0; j < ids.length; j++) {
      const p = ids[j] - 1;
      if (!a.isRanged[p]) continue;
      x -= wa[p];
      if (x < 0) return p;
    }
    for (let j = ids.length - 1; j >= 0; j--) {
      if (a.isRanged[ids[j] - 1] && wa[ids[j] - 1] > 0) return ids[j] - 1;
    }
    return -1;
  }

  /**
   * Units of a line chosen among the SKUs fitting a vehicle: `q` × the set's
   * price factor ({@link fitPrice}), rounded at random to a whole number with
   * that mean (0: the shopper buys it elsewhere). So each SKU's expected units
   * are proportional to its own π, as they are for a choice within the whole
   * kind (see `Choice`): its own-price elasticity is ε_kind however few SKUs
   * fit the vehicle.
   */
  private priced(q: number, row: number, draw: number): number {
    const x = q * this.fitPrice;
    const whole = Math.floor(x);
    return whole + (this.s.u01(row, draw) < x - whole ? 1 : 0);
  }

  /** Units of one line (item draws from `d0`): by kind, pack and shopper. */
  private quantity(p: number, trade: boolean, row: number, d0: number): number {
    const s = this.s;
    const prod = this.cat.products[p];
    const k = this.a.kindOf[p];
    const u = s.u01(row, d0 + LINE_DRAW.qty);
    const small = (prod.volumeL ?? 0) > 0 && (prod.volumeL ?? 0) < 2;
    const n = d0 + LINE_DRAW.qtyCount;
    if (trade) {
      if (IS_FILTER[k]) return Math.min(12, 1 + poisson(s, row, 1.5, n));
      if (small) return u < 0.3 ? prod.casePack : Math.min(24, 2 + poisson(s, row, 2, n));
      return Math.min(8, 1 + poisson(s, row, 1, n));
    }
    if (IS_FILTER[k]) return u < 0.93 ? 1 : 2;
    if (small) return Math.min(6, 1 + poisson(s, row, 0.7, n));
    if (prod.kind === "grease") return u < 0.75 ? 1 : u < 0.93 ? 2 : 3;
    return u < 0.86 ? 1 : 2;
  }
}
