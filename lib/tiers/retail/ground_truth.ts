/**
 * The retail section of `ground_truth.json`: every effect the retail
 * simulation injects — traffic curves (weekday, season, trend, holidays,
 * segment effects), basket shapes, price elasticities, promotion lifts and
 * cannibalisation, how the base-oil cost shock reaches shelf prices and
 * demand, returns, and the replenishment policy.
 *
 * @module
 */

import { formatDay } from "../../core/dates.ts";
import { catalogModel } from "../../catalog/model.ts";
import { priceBook } from "../../catalog/price_book.ts";
import { rawMaterialModel } from "../../catalog/raw_materials.ts";
import type { RunContext } from "../../world/context.ts";
import { geoModel } from "../../world/geography.ts";
import { LUBE_DEAL_REACH, RANGE } from "./assortment.ts";
import {
  ACTIVITY_SIGMA,
  ANNUAL_KM,
  ANNUAL_KM_SPREAD,
  LOYALTY_LAUNCH_DAY,
  MILEAGE_DECAY_PER_YEAR,
  P_TRADE_VEHICLE,
  VEHICLES_PER_MEMBER,
} from "./customers.ts";
import { demandPlan } from "./demand.ts";
import * as P from "./params.ts";
import { AUDIENCES, promotionModel } from "./promotions.ts";

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Popularity-weighted mean retail list price of motor oil in the first
 * segment of each country, by month, as an index (first month = 100): how
 * the base-oil shock reaches the shelf.
 */
function motorOilPriceIndex(ctx: RunContext): Record<string, { month: string; index: number }[]> {
  const cat = catalogModel(ctx);
  const pb = priceBook(ctx);
  const geo = geoModel(ctx);
  const out: Record<string, { month: string; index: number }[]> = {};
  for (const c of geo.countries) {
    const seg = geo.segments.findIndex((s) => s.country === c.code);
    const series: { month: string; index: number }[] = [];
    let base = 0;
    for (const m of pb.monthStart) {
      let num = 0, den = 0;
      cat.products.forEach((p, i) => {
        if (p.kind !== "motor_oil" || p.bulk) return;
        const w = c.units === "us" ? p.popUs : p.popMetric;
        const r = pb.row(i, seg, m);
        if (r < 0 || !(w > 0)) return;
        const ref = pb.row(i, seg, ctx.start);
        num += w * pb.retail[r] / pb.retail[ref];
        den += w;
      });
      const v = den > 0 ? num / den : 1;
      if (!base) base = v;
      series.push({ month: formatDay(m).slice(0, 7), index: Math.round(1e4 * v / base) / 100 });
    }
    out[c.code] = series;
  }
  return out;
}

/** The promotion lift of a SKU's choice weight for each mechanic, kind and typical depth. */
function liftTable(): Record<string, Record<string, number>> {
  const depths: Record<string, number[]> = {
    percent_off: [0.1, 0.15, 0.2, 0.25, 0.3],
    fixed_price: [0.15, 0.2, 0.25],
    buy_x_get_y: [1 / 3, 1 / 4, 1 / 5].map((d) => d * P.P_TAKE_BXGY),
    lube_deal: [0.2, 0.25, 0.3, 0.4].map((d) => d * LUBE_DEAL_REACH),
  };
  const out: Record<string, Record<string, number>> = {};
  for (const [mech, ds] of Object.entries(depths)) {
    for (const kind of P.KINDS) {
      for (const d of ds) {
        const key = `${mech} depth ${r4(d)}`;
        out[key] ??= {};
        out[key][kind] = r4(
          P.FEATURE_LIFT[mech as P.Mechanic] * Math.pow(1 - d, P.ELASTICITY[kind]),
        );
      }
    }
  }
  return out;
}

/** Everything the retail tier injects, as a JSON-able object. */
export function retailGroundTruth(ctx: RunContext): Record<string, unknown> {
  const plan = demandPlan(ctx);
  const geo = geoModel(ctx);
  const promos = promotionModel(ctx).promotions;
  const byMech: Record<string, number> = {};
  for (const p of promos) byMech[p.mechanic] = (byMech[p.mechanic] ?? 0) + 1;
  return {
    volume: {
      targetLines: Math.round(plan.targetLines),
      rule:
        "retail.linesPerScale × scale × days / 1096; baskets per site-day ~ NegBin(mean λ, dispersion k)",
      basketDispersionK: P.BASKET_DISPERSION,
      linesPerBasketUsedForSizing: P.LINES_PER_BASKET,
      basketsPerUnitTraffic: r4(plan.base),
    },
    traffic: {
      model:
        "λ(site, day) = B · traffic_index · segment effect · season · trend · share · weekday · holiday, separately for DIY and trade shoppers; 0 on days a store is closed or before it opens",
      weekday: {
        monday_to_sunday: { diy: P.WEEKDAY_DIY, trade: P.WEEKDAY_TRADE, online: P.WEEKDAY_ONLINE },
      },
      diyShareOfBaskets: P.DIY_SHARE,
      seasonality: {
        formula:
          "1 + amplitude · cos(2π (day of year − peak) / 365.25); southern hemisphere shifted by 182.6 days",
        amplitude: P.SEASON.amplitude,
        peakDayOfYear: P.SEASON.peakDayOfYear,
      },
      kindSeasonality: {
        formula: "a kind's share of picks × 1 + amplitude · cos(2π (doy − peak) / 365.25)",
        kinds: P.KIND_SEASON,
      },
      trend: {
        formula: "exp(growth · (day − anchor) / 365.25)",
        growthPerYear: P.TREND,
        anchor: formatDay(P.TREND_ANCHOR_DAY),
        note: "stores opening during the period add volume on top (sites.open_date)",
      },
      holidays: {
        ...P.HOLIDAY,
        storesClosedOnClosedHolidays: true,
        sundayClosedCountries: [...P.SUNDAY_CLOSED],
      },
      segmentEffect: Object.fromEntries(
        geo.segments.map((s, i) => [s.code, plan.segmentEffect[i]]),
      ),
      segmentEffectSigma: P.SEGMENT_EFFECT_SIGMA,
      storeEffect: "sites.traffic_index (store size^0.7 × lognormal noise)",
    },
    baskets: {
      pOilChange: P.P_OIL_CHANGE,
      oilChangeExtras: P.P_OIL_CHANGE_EXTRA,
      pKit: P.P_KIT,
      pLubeKit: P.P_LUBE_KIT,
      diyItems: P.DIY_ITEMS,
      tradeLines: P.TRADE_ITEMS,
      kindWeights: Object.fromEntries(
        P.KINDS.map((k, i) => [k, { diy: P.KIND_WEIGHT_DIY[i], trade: P.KIND_WEIGHT_TRADE[i] }]),
      ),
      pLoyaltyMember: P.P_LOYALTY,
      pTradeAccount: P.P_TRADE_ACCOUNT,
      pClickAndCollect: P.P_CLICK_AND_COLLECT,
      tradeDiscountBp: P.TRADE_DISCOUNT_BP,
      range: RANGE,
      fitment:
        "a loyalty member's motor oil and filters are for one of their vehicles (lines.vehicle_id) and fit it",
    },
    prices: {
      unitCost: "price_book.wholesale_price of the site's segment on the sale day",
      unitListPrice:
        "price_book.retail_list_price (tax-inclusive where the country's shelf prices are)",
      tax:
        "tax-included countries: net = round(paid · 10000 / (10000 + rate_bp)), tax = paid − net; others: tax = round(net · rate_bp / 10000)",
      elasticity: P.ELASTICITY,
      elasticityRule:
        "own-price elasticity of a SKU's units at fixed prices of the rest of its kind: expected units ∝ popularity · π, π = (relative price ÷ the kind's price index)^ε; relative price = list price ÷ its list price in its first month on sale; the kind's index = popularity-weighted geometric mean of the relative prices of the kind's SKUs the segment's shelves carry, on sale on the first of the month (so inflation of the whole kind moves no units); a choice among few SKUs (the filters fitting one vehicle) scales the units bought by Σ w ÷ Σ w/π over that set, so the elasticity holds there too",
      costShock: {
        baseOilShockWeek: formatDay(rawMaterialModel(ctx).shockDay),
        path:
          "base-oil index → standard cost (lag) → transfer → wholesale → retail list (see the catalog section); retail unit cost is the wholesale price, so the shock shows in margins when wholesale moves before the shelf price, and in demand through the elasticity",
        motorOilListPriceIndex: motorOilPriceIndex(ctx),
      },
    },
    promotions: {
      count: promos.length,
      byMechanic: byMech,
      mix: P.MECHANIC_MIX,
      perSegmentPer4Weeks: P.PROMOS_PER_4_WEEKS,
      campaignShare: P.P_CAMPAIGN,
      audiences: { codes: AUDIENCES, shares: P.PROMO_AUDIENCE },
      liftRule:
        "while a promotion is active (its segment, window and audience), the promoted SKU's choice weight × feature · (1 − depth)^ε",
      featureLift: P.FEATURE_LIFT,
      depth: {
        percent_off: "discount",
        fixed_price: "1 − promo price / list",
        buy_x_get_y: `P(take deal) ${P.P_TAKE_BXGY} × get / (buy + get)`,
        lube_deal:
          `${LUBE_DEAL_REACH} × discount (the share of shoppers with a filter in the basket)`,
        kit_deal: `raises P(kit) in an oil change from ${P.P_KIT.base} to ${P.P_KIT.onDeal}`,
      },
      dealTakers: {
        pTakeDeal: P.P_TAKE_BXGY,
        rule:
          "a shopper who picks a buy-x-get-y SKU in a parts basket takes the deal with this probability and then buys max(q, buy + get) units (q: the units they would have bought); in an oil change the quantity is what the vehicle needs",
      },
      choiceMultipliers: liftTable(),
      categoryExpansion: {
        exponent: P.CATEGORY_EXPANSION,
        rule:
          "a kind's share of picks × (Σ current weights / Σ weights without promotions)^exponent; the rest of the lift is taken from other SKUs of the kind",
        expectedUnitLift:
          "≈ M · E / (1 + s (M − 1)) for a SKU with choice multiplier M and kind share s, E the kind's expansion, in a choice among the whole kind (trade shoppers, anonymous DIY parts baskets, loyalty members' kinds not tied to a vehicle); where the choice is among the SKUs that fit one vehicle (DIY oil changes, loyalty members' motor oil and filters), s is the SKU's share of those, so it gains less; kits do not respond (kit deals move P(kit)); for buy x get y, times the deal takers' extra units (dealTakers)",
      },
      cannibalisation: {
        factor: P.CANNIBALISATION,
        rule:
          "third-party SKUs of the kind and subcategory of an own-brand (private label) SKU on promotion keep this share of their weight",
      },
    },
    customers: {
      linesPerLoyaltyMember: ctx.options.retail.linesPerLoyaltyMember,
      linesPerTradeAccount: ctx.options.retail.linesPerTradeAccount,
      loyaltyLaunch: formatDay(LOYALTY_LAUNCH_DAY),
      vehiclesPerMember: VEHICLES_PER_MEMBER,
      pTradeVehicle: P_TRADE_VEHICLE,
      annualKmMedian: ANNUAL_KM,
      annualKmSpread: ANNUAL_KM_SPREAD,
      mileageDecayPerYear: MILEAGE_DECAY_PER_YEAR,
      activityLognormalSigma: ACTIVITY_SIGMA,
    },
    returns: {
      rateByKind: P.RETURN_RATE,
      tradeFactor: P.RETURN_TRADE_FACTOR,
      delay: P.RETURN_DELAY,
      reasons: P.RETURN_REASONS,
      reasonWeights: { filters: P.RETURN_REASON_FILTER, fluids: P.RETURN_REASON_FLUID },
      pPartial: 0.3,
    },
    replenishment: {
      policy: P.POLICY,
      lead: P.LEAD,
      firstOrderDaysBeforeOpening: P.FIRST_ORDER_DAYS,
      orderWindow: P.ORDER_WINDOW,
      supplier: "the distribution_centre site of the store's segment",
    },
  };
}
