/**
 * The distribution tier's section of `ground_truth.json`: the rules and
 * parameters behind its data (demand of trade accounts, price tiers, terms
 * and payment behaviour, the purchasing policy and lead times, returns), so a
 * user can check what a model recovers.
 *
 * @module
 */

import type { RunContext } from "../../world/context.ts";
import { tradeAccountsBySegment } from "./customers.ts";
import {
  DC_POLICY,
  LEAD_TIMES,
  PAYMENT_BEHAVIOUR,
  PRICE_TIERS,
  TERMS,
  TRADE_PROFILE,
  TRADE_RETURNS,
  TRADE_SEASONALITY,
  WRITE_OFF_AFTER_DAYS,
} from "./params.ts";
import { BACKORDER_DAYS } from "./simulator.ts";

/** Everything the distribution tier injects, as a JSON-able object. */
export function distributionGroundTruth(ctx: RunContext): Record<string, unknown> {
  return {
    tradeAccounts: tradeAccountsBySegment(ctx).reduce((a, b) => a + b, 0),
    tradeDemand: {
      rule:
        "per business day an account orders with probability ordersPerWeek × √size / 5 × season × trend (fleets on their weekday); lines ~ 1 + Poisson(linesPerOrder × √size − 1); qty = case pack × (1 + Poisson(extraCases))",
      profiles: TRADE_PROFILE,
      seasonality: TRADE_SEASONALITY,
    },
    priceTiers: PRICE_TIERS,
    unitPriceRule: "round(wholesale_price × (1 − tier_discount_bp / 10000))",
    terms: TERMS,
    paymentBehaviour: { ...PAYMENT_BEHAVIOUR, writeOffAfterDays: WRITE_OFF_AFTER_DAYS },
    taxRule:
      "VAT/GST at the country rate on every invoice outside the US; in the US no sales tax on purchases for resale, fleets pay the segment rate",
    purchasing: { policy: DC_POLICY, leadTimesDays: LEAD_TIMES, review: "Mondays" },
    retailOrders:
      "every store order ships whole on its booked ship date; stock the DC cannot cover is bought on an expedited purchase order due that day",
    backordersCancelledAfterDays: BACKORDER_DAYS,
    tradeReturns: TRADE_RETURNS,
  };
}
