/**
 * What a site ranges, and how shoppers choose among it.
 *
 * Range: every non-bulk SKU its shelves' market carries — all of them in hub
 * stores and online; standard and express stores keep the most popular
 * {@link RANGE} share for sure and a random part of the tail.
 *
 * Choice: within a kind, a SKU's weight for a shopper of audience a is
 *
 *   w = popularity · π · promotion lift · cannibalisation,
 *   π = (relative price / the kind's price index)^ε_kind,
 *
 * zero when the SKU is not on sale that day (before launch, from its
 * discontinue day). The relative price is the list price ÷ its list price in
 * its first month on sale; the kind's price index is the popularity-weighted
 * geometric mean of the relative prices of the kind's SKUs the segment's
 * shelves carry (on sale on the first of the month; the same at every site of
 * the segment), so π moves with a SKU's price against its kind's, not with
 * inflation. Promotion lift =
 * feature(mechanic) · (1 − depth)^ε_kind for a promotion of the site's
 * segment, active that day, whose audience covers a (everyone, loyalty
 * members, trade accounts). While an own-brand (Torqline, private label) SKU
 * is on promotion, third-party SKUs of its kind and subcategory keep only
 * {@link CANNIBALISATION} of their weight. The weights change only on
 * breakpoint days (new price-book month, promotion start or end, launch or
 * discontinuation), when the alias tables are rebuilt.
 *
 * Price elasticity of demand: a SKU's expected units are proportional to its
 * π, whatever the other SKUs it competes with — ε_kind is the own-price
 * elasticity of its demand at fixed prices of the rest of its kind. Choice
 * among SKUs alone would give ε · (1 − share), a much weaker response where a
 * SKU competes with few others (the filters that fit one vehicle). So the
 * price part of the weights also scales the volume: a kind's weight in the
 * basket's kind mix is multiplied by Σ w ÷ Σ w/π (see {@link Choice.expansion}),
 * and a choice among the SKUs fitting one vehicle buys its units × the same
 * ratio over that set (see `BasketChoice.priced`): a shopper facing dear
 * prices buys elsewhere more often, one facing cheap prices stocks up.
 *
 * @module
 */

import { AliasTable } from "../../core/dist.ts";
import { Stream } from "../../core/rng.ts";
import type { Catalog } from "../../catalog/model.ts";
import type { PriceBook } from "../../catalog/price_book.ts";
import type { RunContext } from "../../world/context.ts";
import type { RetailSite } from "./demand.ts";
import {
  CANNIBALISATION,
  CATEGORY_EXPANSION,
  ELASTICITY,
  FEATURE_LIFT,
  KIND_CODE,
  KINDS,
  P_TAKE_BXGY,
} from "./params.ts";
import type { Promotion, PromotionModel } from "./promotions.ts";

/** Share of SKUs (most popular first) a store format ranges for sure, and the chance of ranging one of the rest. */
export const RANGE = {
  hub: { core: 1, tail: 1 },
  online: { core: 1, tail: 1 },
  standard: { core: 0.6, tail: 0.6 },
  express: { core: 0.35, tail: 0.25 },
} as const;

/** Share of a lube deal's shoppers who also buy a filter (turns its discount into an expected depth). */
export const LUBE_DEAL_REACH = 0.4;

/** A site's range. */
export interface Assortment {
  /** Shelf market of the site's country. */
  market: "us" | "metric";
  /** Ranged product indices, ascending. */
  ranged: Int32Array;
  /** 1 where the product index is ranged. */
  isRanged: Uint8Array;
  /** Ranged product indices per kind code. */
  byKind: Int32Array[];
  /** Kind code per product index. */
  kindOf: Uint8Array;
}

/** The products a site ranges (pure). */
export function siteAssortment(
  ctx: RunContext,
  cat: Catalog,
  r: RetailSite,
  market: "us" | "metric",
): Assortment {
  const P = cat.products.length;
  const fmt = (r.site.format ?? "standard") as keyof typeof RANGE;
  const rule = RANGE[fmt] ?? RANGE.standard;
  const pop = (i: number) => market === "us" ? cat.products[i].popUs : cat.products[i].popMetric;
  const cands: number[] = [];
  for (let i = 0; i < P; i++) if (!cat.products[i].bulk && cat.carriedIn(i, market)) cands.push(i);
  const order = [...cands].sort((a, b) => pop(b) - pop(a) || a - b);
  const s = new Stream(ctx.seed, `retail.range/${r.site.id}`);
  const isRanged = new Uint8Array(P);
  order.forEach((p, k) => {
    if (k < rule.core * order.length || s.chance(p, rule.tail)) isRanged[p] = 1;
  });
  const kindOf = new Uint8Array(P);
  for (let i = 0; i < P; i++) kindOf[i] = KIND_CODE[cat.products[i].kind];
  const ranged = cands.filter((p) => isRanged[p]).sort((a, b) => a - b);
  const byKind = KINDS.map((_, k) => Int32Array.from(ranged.filter((p) => kindOf[p] === k)));
  return { market, ranged: Int32Array.from(ranged), isRanged, byKind, kindOf };
}

/**
 * The choice state of one site: current prices and weights per audience
 * (0 anonymous → promotions for everyone; 1 loyalty; 2 trade account).
 */
export class Choice {
  /** Current retail list price per product index (site's segment). */
  readonly list: Float64Array;
  /** Current unit cost (the price book's wholesale price) per product index. */
  readonly cost: Float64Array;
  /** Current price-book row per product index (−1 when not carried). */
  readonly pbRow: Int32Array;
  /** 1 when the product is on sale today. */
  readonly onSale: Uint8Array;
  /** Weights per audience, per product index. */
  readonly w: Float64Array[];
  /** Active promotion id per audience, per product index (0 = none). */
  readonly promo: Int32Array[];
  /** Active kit-deal promotion id per audience (0 = none). */
  readonly kitDeal = new Int32Array(3);
  /** Alias table per audience and kind over `assortment.byKind[k]` (null when nothing is on sale). */
  readonly alias: (AliasTable | null)[][];
  /**
   * Volume factor of each kind per audience: (Σ w ÷ Σ w/π) · (Σ w/π ÷ Σ popularity)^e,
   * e = {@link CATEGORY_EXPANSION} — the price part in full (so prices move
   * units, not only shares), the promotions' part as category expansion.
   */
  readonly expansion: Float64Array[];
  /** The price factor π per product index (1 when not on sale). */
  readonly price: Float64Array;
  private readonly ref: Float64Array;
  /** Every SKU of each kind the segment's shelves can carry (the market's range, ranged here or not). */
  private readonly kindMarket: Int32Array[];
  /** Log price index per kind (see {@link rebuild}) and the month slot it is for (−1: none yet). */
  private readonly logIndex = new Float64Array(KINDS.length);
  private indexMonth = -1;
  private readonly pop: Float64Array;
  private readonly subKey: Int32Array;
  private readonly own: Uint8Array;
  private readonly third: Uint8Array;
  private readonly eps: Float64Array;
  /** Launch day per product index. */
  private readonly launch: Float64Array;
  /** Discontinue day per product index (Infinity when never). */
  private readonly discontinue: Float64Array;
  /** Base weight pop · π per product index. */
  private readonly base: Float64Array;
  /** Scratch per kind: the weights of `a.byKind[k]` in order, handed to {@link AliasTable}. */
  private readonly wk: Float64Array[];
  /** Scratch per audience: 1 at a subcategory key with an own-brand SKU on promotion. */
  private readonly cannibalised: Uint8Array[];

  /** Sets up the state for a site; call {@link rebuild} before the first day. */
  constructor(
    private readonly ctx: RunContext,
    private readonly cat: Catalog,
    private readonly pb: PriceBook,
    private readonly promos: PromotionModel,
    private readonly segment: number,
    readonly a: Assortment,
  ) {
    const P = cat.products.length;
    this.list = new Float64Array(P);
    this.cost = new Float64Array(P);
    this.pbRow = new Int32Array(P).fill(-1);
    this.onSale = new Uint8Array(P);
    this.w = [0, 1, 2].map(() => new Float64Array(P));
    this.promo = [0, 1, 2].map(() => new Int32Array(P));
    this.alias = [0, 1, 2].map(() => KINDS.map(() => null));
    this.expansion = [0, 1, 2].map(() => new Float64Array(KINDS.length).fill(1));
    this.price = new Float64Array(P).fill(1);
    this.ref = new Float64Array(P);
    this.pop = new Float64Array(P);
    this.subKey = new Int32Array(P);
    this.own = new Uint8Array(P);
    this.third = new Uint8Array(P);
    this.eps = new Float64Array(P);
    this.launch = new Float64Array(P);
    this.discontinue = new Float64Array(P);
    this.base = new Float64Array(P);
    this.wk = a.byKind.map((idx) => new Float64Array(idx.length));
    const keys = new Map<string, number>();
    const inMarket: number[][] = KINDS.map(() => []);
    for (let p = 0; p < P; p++) {
      const prod = cat.products[p];
      if (prod.bulk || !cat.carriedIn(p, a.market)) continue;
      inMarket[a.kindOf[p]].push(p);
      this.pop[p] = a.market === "us" ? prod.popUs : prod.popMetric;
      this.eps[p] = ELASTICITY[prod.kind];
      const r = pb.row(p, segment, Math.max(ctx.start, prod.launchDay));
      this.ref[p] = r >= 0 ? pb.retail[r] : 0;
      this.launch[p] = prod.launchDay;
      this.discontinue[p] = prod.discontinueDay ?? Infinity;
    }
    this.kindMarket = inMarket.map((ps) => Int32Array.from(ps));
    for (const p of a.ranged) {
      const prod = cat.products[p];
      const key = `${prod.kind}|${prod.subcategory}`;
      if (!keys.has(key)) keys.set(key, keys.size);
      this.subKey[p] = keys.get(key)!;
      this.own[p] = prod.brandType === "private_label" ? 1 : 0;
      this.third[p] = prod.brandType === "third_party" ? 1 : 0;
    }
    this.cannibalised = [0, 1, 2].map(() => new Uint8Array(keys.size));
  }

  /** Days (index 0 = run start) on which the weights must be rebuilt: month starts, promotion starts and ends, launches and discontinuations. */
  breakpoints(): Uint8Array {
    const ctx = this.ctx;
    const n = ctx.end - ctx.start + 1;
    const bp = new Uint8Array(n);
    const mark = (day: number) => {
      if (day >= ctx.start && day <= ctx.end) bp[day - ctx.start] = 1;
    };
    mark(ctx.start);
    for (const m of this.pb.monthStart) mark(m);
    for (const pr of this.promos.bySegment[this.segment]) (mark(pr.start), mark(pr.end + 1));
    for (const p of this.a.ranged) {
      const prod = this.cat.products[p];
      mark(prod.launchDay);
      if (prod.discontinueDay !== null) mark(prod.discontinueDay);
    }
    return bp;
  }

  /**
   * Recomputes prices, promotions, weights and alias tables for `day`.
   *
   * An audience's alias table for a kind is rebuilt only when that kind's
   * weights changed — reusing another audience's table when the weights are
   * equal to its (a table is a pure function of its weights).
   */
  rebuild(day: number): void {
    const { pb, a } = this;
    const { ranged, byKind, isRanged } = a;
    const { list, onSale, base, price } = this;
    for (let i = 0; i < ranged.length; i++) {
      const p = ranged[i];
      const r = pb.row(p, this.segment, day);
      this.pbRow[p] = r;
      list[p] = r >= 0 ? pb.retail[r] : 0;
      this.cost[p] = r >= 0 ? pb.wholesale[r] : 0;
      const on = r >= 0 && this.launch[p] <= day && day < this.discontinue[p];
      onSale[p] = on ? 1 : 0;
    }
    // π against the kind's price index: the popularity-weighted geometric mean of the relative
    // prices of every SKU of the kind the segment's shelves carry, on sale on the first of the
    // month (prices change only then) — the same for every site of the segment.
    const month = pb.monthOf(day);
    if (month !== this.indexMonth) {
      this.indexMonth = month;
      const first = pb.monthStart[month];
      for (let k = 0; k < KINDS.length; k++) {
        let lw = 0, wsum = 0;
        for (const p of this.kindMarket[k]) {
          if (this.launch[p] > first || first >= this.discontinue[p] || !(this.ref[p] > 0)) {
            continue;
          }
          const r = pb.row(p, this.segment, first);
          if (r < 0) continue;
          lw += this.pop[p] * Math.log(pb.retail[r] / this.ref[p]);
          wsum += this.pop[p];
        }
        this.logIndex[k] = wsum > 0 ? lw / wsum : 0;
      }
    }
    for (let k = 0; k < KINDS.length; k++) {
      const idx = byKind[k];
      const logIndex = this.logIndex[k];
      for (let j = 0; j < idx.length; j++) {
        const p = idx[j];
        price[p] = onSale[p]
          ? Math.exp(this.eps[p] * (Math.log(list[p] / this.ref[p]) - logIndex))
          : 1;
        base[p] = this.pop[p] * price[p];
      }
    }
    const active: Promotion[] = [];
    for (const pr of this.promos.bySegment[this.segment]) {
      if (pr.start > day) break;
      if (pr.end >= day) active.push(pr);
    }
    for (let aud = 0; aud < 3; aud++) {
      const promo = this.promo[aud];
      const cannibalised = this.cannibalised[aud];
      promo.fill(0);
      cannibalised.fill(0);
      this.kitDeal[aud] = 0;
      for (const pr of active) {
        if (pr.audience !== 0 && pr.audience !== aud) continue;
        if (pr.mechanic === "kit_deal") {
          if (!this.kitDeal[aud]) this.kitDeal[aud] = pr.id;
          continue;
        }
        for (const p of pr.products) {
          if (!isRanged[p] || promo[p]) continue;
          promo[p] = pr.id;
          if (this.own[p] && onSale[p]) cannibalised[this.subKey[p]] = 1;
        }
      }
    }
    for (let k = 0; k < KINDS.length; k++) {
      const idx = byKind[k];
      const wk = this.wk[k];
      let popSum = 0;
      for (let j = 0; j < idx.length; j++) if (onSale[idx[j]]) popSum += this.pop[idx[j]];
      for (let aud = 0; aud < 3; aud++) {
        const w = this.w[aud];
        const promo = this.promo[aud];
        const cannibalised = this.cannibalised[aud];
        let sum = 0, unpriced = 0;
        let changed = false;
        for (let j = 0; j < idx.length; j++) {
          const p = idx[j];
          let x = 0;
          if (onSale[p]) {
            let m = 1;
            if (promo[p]) m *= this.promoLift(p, promo[p]);
            if (this.third[p] && cannibalised[this.subKey[p]]) m *= CANNIBALISATION;
            x = base[p] * m;
            unpriced += this.pop[p] * m;
            sum += x;
          }
          wk[j] = x;
          if (x !== w[p]) {
            w[p] = x;
            changed = true;
          }
        }
        // Unchanged weights keep their table (built from these very weights).
        if (changed) this.alias[aud][k] = sum > 0 ? this.tableFor(aud, k, wk) : null;
        this.expansion[aud][k] = popSum > 0 && unpriced > 0
          ? (sum / unpriced) * Math.pow(unpriced / popSum, CATEGORY_EXPANSION)
          : 0;
      }
    }
  }

  /** An alias table over `wk` (kind k's current weights for `aud`): a lower audience's when its weights are the same, else a new one. */
  private tableFor(aud: number, k: number, wk: Float64Array): AliasTable {
    const idx = this.a.byKind[k];
    for (let other = 0; other < aud; other++) {
      const w = this.w[other];
      let same = true;
      for (let j = 0; j < idx.length && same; j++) same = w[idx[j]] === wk[j];
      if (same) return this.alias[other][k]!;
    }
    return new AliasTable(wk);
  }

  /** The choice-weight multiplier of a promotion on a SKU: feature × (1 − depth)^ε. */
  promoLift(p: number, promoId: number): number {
    if (!promoId) return 1;
    const pr = this.promos.promotions[promoId - 1];
    return FEATURE_LIFT[pr.mechanic] * Math.pow(1 - this.depth(p, pr), this.eps[p]);
  }

  /** Expected price cut of a promotion on a SKU, as a share of its list price. */
  depth(p: number, pr: Promotion): number {
    switch (pr.mechanic) {
      case "percent_off":
        return pr.pctBp / 10000;
      case "fixed_price": {
        const j = pr.products.indexOf(p);
        return Math.max(0, 1 - pr.promoPrice[j] / this.list[p]);
      }
      case "buy_x_get_y":
        return P_TAKE_BXGY * pr.get / (pr.buy + pr.get);
      case "lube_deal":
        return LUBE_DEAL_REACH * pr.pctBp / 10000;
      default:
        return 0;
    }
  }
}
