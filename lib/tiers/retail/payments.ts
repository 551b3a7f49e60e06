/**
 * How a basket was bought and paid: its {@link Channel} (in store, click and
 * collect, online) and its {@link Payment} type, by site, shopper and
 * customer type.
 *
 * @module
 */

import type { Stream } from "../../core/rng.ts";
import { Channel, CustomerType, Payment } from "./codes.ts";
import { BASKET_DRAW } from "./draws.ts";
import { P_CLICK_AND_COLLECT } from "./params.ts";

/** The channel of a basket (row `row` of baskets stream `s`): online sites sell online; some store DIY baskets are click-and-collect. */
export function channelOf(s: Stream, row: number, online: boolean, diy: boolean): Channel {
  if (online) return Channel.Online;
  if (diy && s.chance(row, P_CLICK_AND_COLLECT, BASKET_DRAW.clickAndCollect)) {
    return Channel.ClickAndCollect;
  }
  return Channel.InStore;
}

/**
 * The payment type of a basket: trade accounts mostly on account, else card
 * (online: PayPal, stores: cash); trade walk-ins card or cash/PayPal; DIY
 * card, then PayPal and wallets online or on click-and-collect, cash and
 * wallets in store.
 */
export function paymentOf(
  s: Stream,
  row: number,
  online: boolean,
  diy: boolean,
  type: CustomerType,
  channel: Channel,
): Payment {
  const u = s.u01(row, BASKET_DRAW.payment);
  if (type === CustomerType.Trade) {
    return u < (online ? 0.6 : 0.7)
      ? Payment.TradeAccount
      : u < 0.95
      ? Payment.Card
      : online
      ? Payment.PayPal
      : Payment.Cash;
  }
  if (!diy) return u < 0.7 ? Payment.Card : online ? Payment.PayPal : Payment.Cash;
  if (channel !== Channel.InStore) {
    return u < 0.68 ? Payment.Card : u < 0.9 ? Payment.PayPal : Payment.MobileWallet;
  }
  return u < 0.62 ? Payment.Card : u < 0.8 ? Payment.Cash : Payment.MobileWallet;
}
