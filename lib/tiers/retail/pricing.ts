/**
 * What a basket's lines cost the shopper: discounts (promotions, the trade
 * account discount, kit bundle prices and kit deals) and the tax split.
 *
 * Money: integer minor units; line amounts are qty × unit values. Discounts:
 * a line outside a kit takes its promotion's discount (a lube deal only when
 * the basket has a filter outside a kit), or on a trade account the trade
 * discount when that is larger; a kit's lines share the gap between their list
 * amounts and the kit's bundle price (less the audience's kit deal on an
 * oil-change kit) in proportion to their list amounts, the last line taking
 * the rounding. Tax: where shelf prices include tax (VAT),
 * net = round(paid · 10000 / (10000 + rate)) and tax = paid − net; elsewhere
 * net = paid and tax = round(net · rate / 10000), added on top.
 *
 * @module
 */

import { netOfGross, taxOnNet } from "../../core/money.ts";
import type { Catalog } from "../../catalog/model.ts";
import type { PriceBook } from "../../catalog/price_book.ts";
import type { Assortment, Choice } from "./assortment.ts";
import { type Basket, NO_KIT } from "./basket.ts";
import { CustomerType } from "./codes.ts";
import { IS_FILTER, TRADE_DISCOUNT_BP } from "./params.ts";
import type { PromotionModel } from "./promotions.ts";

/** The pricing of one site (its segment's price book and promotions, its country's tax). */
export class Pricing {
  /** Sets up the pricing of a site in `segment`, with tax rate `taxBp` (basis points) included in shelf prices or not. */
  constructor(
    private readonly cat: Catalog,
    private readonly pb: PriceBook,
    private readonly promos: PromotionModel,
    private readonly choice: Choice,
    private readonly a: Assortment,
    private readonly segment: number,
    private readonly taxBp: number,
    private readonly taxIncluded: boolean,
  ) {}

  /** Sets every line's discount and promotion of basket `b` on `day` for customer type `aud`. */
  discount(b: Basket, day: number, aud: CustomerType): void {
    const { choice, promos } = this;
    const { sku, qty, kit, disc, promo } = b;
    const nb = b.n;
    let hasFilter = false;
    for (let j = 0; j < nb; j++) {
      if (IS_FILTER[this.a.kindOf[sku[j]]] && kit[j] === NO_KIT) hasFilter = true;
    }
    // Promotions and the trade discount, outside kits.
    for (let j = 0; j < nb; j++) {
      disc[j] = 0;
      promo[j] = 0;
      const p = sku[j];
      const q = qty[j];
      const list = choice.list[p];
      if (kit[j] !== NO_KIT) continue;
      const pid = choice.promo[aud][p];
      if (pid) {
        const pr = promos.promotions[pid - 1];
        let d = 0;
        if (pr.mechanic === "percent_off") d = Math.round(q * list * pr.pctBp / 10000);
        else if (pr.mechanic === "fixed_price") {
          d = q * Math.max(0, list - pr.promoPrice[pr.products.indexOf(p)]);
        } else if (pr.mechanic === "buy_x_get_y") {
          d = Math.floor(q / (pr.buy + pr.get)) * pr.get * list;
        } else if (pr.mechanic === "lube_deal" && hasFilter) {
          d = Math.round(q * list * pr.pctBp / 10000);
        }
        if (d > 0) (disc[j] = d, promo[j] = pid);
      }
      if (aud === CustomerType.Trade) {
        const td = Math.round(q * list * TRADE_DISCOUNT_BP / 10000);
        if (td > disc[j]) (disc[j] = td, promo[j] = 0);
      }
    }
    // Kits: bundle price, maybe a kit deal, spread over the kit's lines.
    for (let j = 0; j < nb; j++) {
      if (kit[j] === NO_KIT) continue;
      const g = b.groupEnd(j);
      const kitId = kit[j];
      let price = this.pb.kitPrice(kitId, this.segment, day);
      const deal = this.cat.kits[kitId - 1].kind === "oil_change" ? choice.kitDeal[aud] : 0;
      if (deal) price -= Math.round(price * promos.promotions[deal - 1].pctBp / 10000);
      let sum = 0;
      for (let x = j; x < g; x++) sum += qty[x] * choice.list[sku[x]];
      const D = Math.max(0, sum - price);
      let given = 0;
      for (let x = j; x < g; x++) {
        const amt = qty[x] * choice.list[sku[x]];
        const d = x === g - 1 ? D - given : Math.floor(D * amt / sum);
        disc[x] = d;
        promo[x] = deal;
        given += d;
      }
      j = g - 1;
    }
  }

  /** Net amount (before tax) of a line that costs the shopper `paid`. */
  net(paid: number): number {
    return this.taxIncluded ? netOfGross(paid, this.taxBp) : paid;
  }

  /** Tax amount of a line that costs the shopper `paid` and nets `net` ({@link net}). */
  tax(paid: number, net: number): number {
    return this.taxIncluded ? paid - net : taxOnNet(net, this.taxBp);
  }
}
