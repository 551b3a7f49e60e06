/**
 * The kits a site can sell: oil-change kits by vehicle and lube deals by the
 * SKU that triggers them; whether a kit can be sold on a day, and putting one
 * in a basket. (A kit's bundle price and kit deals are priced in
 * `pricing.ts`.)
 *
 * @module
 */

import type { Catalog } from "../../catalog/model.ts";
import type { PriceBook } from "../../catalog/price_book.ts";
import type { Assortment, Choice } from "./assortment.ts";
import type { Basket } from "./basket.ts";
import { IS_FILTER, VEHICLE_SPECIFIC } from "./params.ts";

/** The kits of one site (those of its market whose components it ranges). */
export class SiteKits {
  /** Oil-change kit ids by vehicle id. */
  private readonly oilKits = new Map<number, number[]>();
  /** Per product index, the first lube deal it triggers (0 = none). */
  readonly lubeKitOf: Int32Array;

  /** Collects the kits of the site's market whose components are all in assortment `a`. */
  constructor(
    private readonly cat: Catalog,
    private readonly pb: PriceBook,
    private readonly a: Assortment,
    private readonly choice: Choice,
    private readonly segment: number,
    market: string,
  ) {
    const oilKits = this.oilKits;
    const lubeKitOf = this.lubeKitOf = new Int32Array(cat.products.length);
    for (const k of cat.kits) {
      if (k.market !== market || !k.components.every((c) => a.isRanged[c.productId - 1])) continue;
      if (k.kind === "oil_change" && k.vehicleId !== null) {
        if (!oilKits.has(k.vehicleId)) oilKits.set(k.vehicleId, []);
        oilKits.get(k.vehicleId)!.push(k.id);
      } else if (k.kind === "lube_deal") {
        // The trigger: its filter, else its grease, else its first component.
        const trig = k.components.find((c) => IS_FILTER[a.kindOf[c.productId - 1]]) ??
          k.components.find((c) => cat.products[c.productId - 1].kind === "grease") ??
          k.components[0];
        const p = trig.productId - 1;
        if (!lubeKitOf[p]) lubeKitOf[p] = k.id;
      }
    }
  }

  /** The oil-change kit ids of vehicle `v`, or undefined when the site has none. */
  oilKitsOf(v: number): number[] | undefined {
    return this.oilKits.get(v);
  }

  /** True when kit `kitId` has a price on `day` and all its components are on sale (see {@link Choice.rebuild}). */
  sellable(kitId: number, day: number): boolean {
    if (this.pb.kitPrice(kitId, this.segment, day) < 0) return false;
    for (const c of this.cat.kits[kitId - 1].components) {
      if (!this.choice.onSale[c.productId - 1]) return false;
    }
    return true;
  }

  /** Adds kit `kitId`'s components to basket `b`; vehicle-specific ones record vehicle `veh`. */
  addTo(b: Basket, kitId: number, veh: number): void {
    const kindOf = this.a.kindOf;
    b.beginKit();
    for (const c of this.cat.kits[kitId - 1].components) {
      const p = c.productId - 1;
      b.add(p, c.qty, kitId, VEHICLE_SPECIFIC[kindOf[p]] ? veh : 0);
    }
  }
}
