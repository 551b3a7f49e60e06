/**
 * The retail tier's injected effects and behavioural constants, in one place:
 * the demand model's curves, basket shapes, elasticities, promotion lifts,
 * returns, replenishment policy. Every number here is written to
 * `ground_truth.json` (see `ground_truth.ts` in this folder), so a user can
 * check whether a model recovers it.
 *
 * @module
 */

import { dayOf } from "../../core/dates.ts";
import { PRODUCT_KINDS, type ProductKind } from "../../catalog/model.ts";

/** Every product kind, in a fixed order (index = kind code in the hot loop): the catalog's order. */
export const KINDS: readonly ProductKind[] = PRODUCT_KINDS;

/** Kind code of a kind name. */
export const KIND_CODE: Record<ProductKind, number> = Object.fromEntries(
  KINDS.map((k, i) => [k, i]),
) as Record<ProductKind, number>;

/** True for the filter kinds (discrete parts), false for fluids. */
export const IS_FILTER: readonly boolean[] = KINDS.map((k) => k.endsWith("_filter"));

/** Kinds whose purchase by a known DIY customer must fit one of their vehicles. */
export const VEHICLE_SPECIFIC: readonly boolean[] = KINDS.map((k) =>
  k === "motor_oil" || k.endsWith("_filter")
);

// ---------------------------------------------------------------------------
// Traffic: baskets per site and day

/** Weekly rhythm of DIY baskets, Monday … Sunday (mean 1): DIY shops on weekends. */
export const WEEKDAY_DIY = [0.8, 0.74, 0.78, 0.86, 1.02, 1.6, 1.2];
/** Weekly rhythm of trade baskets, Monday … Sunday (mean 1): mechanics buy on weekdays. */
export const WEEKDAY_TRADE = [1.25, 1.22, 1.2, 1.2, 1.15, 0.68, 0.3];
/** Weekly rhythm of online baskets, Monday … Sunday (mean 1): flat, a little higher Sunday/Monday. */
export const WEEKDAY_ONLINE = [1.08, 1.02, 1.0, 0.98, 0.92, 0.92, 1.08];

/** Share of baskets by DIY shoppers (the rest are trade), by site type. */
export const DIY_SHARE = { store: 0.72, online: 0.85 } as const;

/**
 * Yearly seasonality of basket counts: factor 1 + amplitude·cos(2π(doy − peak)/365.25),
 * peak day of year in the northern hemisphere (shifted half a year in the south).
 */
export const SEASON = { amplitude: 0.07, peakDayOfYear: 150 } as const;

/**
 * Seasonality of what is bought, per kind: the kind's choice weight is multiplied by
 * 1 + amplitude·cos(2π(doy − peak)/365.25) (northern peak day; the south is shifted).
 */
export const KIND_SEASON: Partial<
  Record<ProductKind, { amplitude: number; peakDayOfYear: number }>
> = {
  coolant: { amplitude: 0.4, peakDayOfYear: 315 },
  cabin_filter: { amplitude: 0.3, peakDayOfYear: 105 },
  air_filter: { amplitude: 0.15, peakDayOfYear: 130 },
  motor_oil: { amplitude: 0.06, peakDayOfYear: 160 },
};

/**
 * Yearly growth of basket counts (log-linear), by site type; anchored on {@link TREND_ANCHOR_DAY}.
 * Stores: like-for-like traffic about flat (+0.5 %), so like-for-like sales grow in low single
 * digits with prices (AutoZone domestic same-store sales +3.4 % in FY2023, +8.4 % in FY2022 with
 * inflation: https://quarterlytics.com/company/autozone_azo/annual-report-2023); the chain grows
 * further through the stores that open during the period (sites.open_date) and online, which
 * grows faster from a small base.
 */
export const TREND = { store: 0.005, online: 0.08 } as const;
/** The day on which the trend factor is 1. */
export const TREND_ANCHOR_DAY = dayOf(2024, 1, 1);

/**
 * Holiday effects on basket counts. Closed holidays: stores sell nothing, online
 * sells `closedOnline`. Open holidays: DIY, trade and online factors.
 */
export const HOLIDAY = {
  closedOnline: 0.6,
  openDiy: 1.3,
  openTrade: 0.35,
  openOnline: 1.1,
} as const;

/** Countries whose stores are closed every Sunday. */
export const SUNDAY_CLOSED: ReadonlySet<string> = new Set(["DE"]);

/** Sigma of the per-segment demand effect exp(N(0, σ²)) (drawn from the seed). */
export const SEGMENT_EFFECT_SIGMA = 0.1;

/** Dispersion k of the negative binomial count of baskets per site-day (variance = μ + μ²/k). */
export const BASKET_DISPERSION = 25;

// ---------------------------------------------------------------------------
// Baskets

/** Probability that a DIY basket is an oil-change occasion (oil + matching filter). */
export const P_OIL_CHANGE = 0.3;
/** In an oil change: probability of adding an air filter, a cabin filter. */
export const P_OIL_CHANGE_EXTRA = { air_filter: 0.15, cabin_filter: 0.08 } as const;
/** Probability that an oil-change occasion is bought as the vehicle's kit (when ranged), without / with a kit deal on. */
export const P_KIT = { base: 0.3, onDeal: 0.6 } as const;
/** Probability that a DIY shopper who picks the trigger SKU of a lubricant deal kit (its filter, or the grease) takes the kit. */
export const P_LUBE_KIT = 0.25;
/** Number of items of a DIY parts basket: P(1), P(2), P(3). */
export const DIY_ITEMS = [0.64, 0.27, 0.09];
/** Number of lines of a trade basket: P(1) … P(6). */
export const TRADE_ITEMS = [0.3, 0.28, 0.2, 0.12, 0.06, 0.04];

/** Base choice weight of each kind (before seasonality) in a DIY parts basket, by {@link KINDS} order. */
export const KIND_WEIGHT_DIY = [0.34, 0.05, 0.04, 0.04, 0.1, 0.16, 0.12, 0.09, 0.04, 0.02];
/** Base choice weight of each kind in a trade basket. */
export const KIND_WEIGHT_TRADE = [0.3, 0.07, 0.05, 0.05, 0.07, 0.22, 0.1, 0.07, 0.05, 0.02];

/**
 * Realised sales lines per basket (after fitment and stock-outs), measured on
 * generated data at scale 1; used only to size basket counts so the total number
 * of lines honours the requested scale.
 */
export const LINES_PER_BASKET = { diy: 1.595, trade: 2.41 } as const;

/** Probability that a DIY basket at a store belongs to a loyalty member (else anonymous); online: logged-in member. */
export const P_LOYALTY = { store: 0.45, online: 0.75 } as const;
/** Probability that a trade basket is on a trade account (else an anonymous walk-in professional). */
export const P_TRADE_ACCOUNT = 0.85;
/** Share of store baskets that are online orders collected in store (channel click_and_collect). */
export const P_CLICK_AND_COLLECT = 0.05;
/** Standing discount of trade accounts off list, basis points (a promotion applies instead when deeper). */
export const TRADE_DISCOUNT_BP = 1000;

// ---------------------------------------------------------------------------
// Prices and promotions

/**
 * Own-price elasticity of a SKU's units, by kind: its choice weight ∝ π =
 * (relative price ÷ its kind's price index)^ε, where the relative price is its
 * list price ÷ its list price in its first month on sale in the segment, and
 * the units bought scale with the price part of the weights so that ε is the
 * elasticity of demand, however few SKUs a shopper chooses among (see
 * `assortment.ts`). A promotion's price cut enters the choice weight as
 * (1 − depth)^ε (see {@link FEATURE_LIFT}).
 */
export const ELASTICITY: Record<ProductKind, number> = {
  // Mean near −2.6: Bijmolt, van Heerde & Pieters (2005), meta-analysis of 1,851 price
  // elasticities, mean −2.62 (https://doi.org/10.1509/jmkr.42.2.141.62296); store-level
  // auto-parts demand: Jindal (2008), "An Exploratory Analysis of Auto Aftermarket Sales"
  // (https://scribd.com/document/89986166/Untitled). Branded, comparable fluids (oil, coolant)
  // are the most price-sensitive; vehicle-specific filters the least (the fit matters more).
  motor_oil: -3.0,
  atf: -2.6,
  gear_oil: -2.4,
  grease: -2.2,
  coolant: -2.8,
  oil_filter: -2.6,
  air_filter: -2.4,
  cabin_filter: -2.4,
  fuel_filter: -2.2,
  transmission_filter: -2.0,
};

/** Promotion mechanics. */
export const MECHANICS = [
  "percent_off",
  "fixed_price",
  "buy_x_get_y",
  "kit_deal",
  "lube_deal",
] as const;
/** A promotion mechanic. */
export type Mechanic = typeof MECHANICS[number];

/** Share of promotions by mechanic. */
export const MECHANIC_MIX: Record<Mechanic, number> = {
  percent_off: 0.35,
  fixed_price: 0.15,
  buy_x_get_y: 0.2,
  kit_deal: 0.12,
  lube_deal: 0.18,
};

/**
 * Feature/display lift of a promoted SKU's choice weight, on top of the elasticity
 * effect of its lower price: total lift = feature × (1 − depth)^ε.
 */
export const FEATURE_LIFT: Record<Mechanic, number> = {
  percent_off: 1.15,
  fixed_price: 1.2,
  buy_x_get_y: 1.1,
  kit_deal: 1.0,
  lube_deal: 1.1,
};

/** Probability that a shopper who picks a buy-x-get-y SKU takes the deal (buys x + y). */
export const P_TAKE_BXGY = 0.55;

/** Choice weight left to a third-party SKU while an own-brand SKU of its kind and subcategory is on promotion. */
export const CANNIBALISATION = 0.75;

/**
 * Category expansion: a kind's weight in the basket is multiplied by
 * (Σ current SKU weights / Σ weights without promotions)^exponent, so part of a
 * promotion's lift is new volume and the rest is taken from other SKUs of its kind.
 */
export const CATEGORY_EXPANSION = 0.5;

/** Promotions started per geo segment per four weeks (campaigns of a country count in each of its segments). */
export const PROMOS_PER_4_WEEKS = 2.5;
/** Share of promotions run as country-wide campaigns (in every segment of the country). */
export const P_CAMPAIGN = 0.7;
/** Customer segment a promotion targets: all shoppers, loyalty members only, trade accounts only. */
export const PROMO_AUDIENCE = { all: 0.7, loyalty: 0.25, trade: 0.05 } as const;

// ---------------------------------------------------------------------------
// Returns

/** Probability that a sold line comes back, by kind (trade accounts × {@link RETURN_TRADE_FACTOR}). */
export const RETURN_RATE: Record<ProductKind, number> = {
  motor_oil: 0.012,
  atf: 0.02,
  gear_oil: 0.02,
  grease: 0.015,
  coolant: 0.018,
  oil_filter: 0.045,
  air_filter: 0.04,
  cabin_filter: 0.04,
  fuel_filter: 0.05,
  transmission_filter: 0.06,
};
/** Return-rate multiplier of trade accounts (they order parts for jobs that change). */
export const RETURN_TRADE_FACTOR = 1.5;
/** Return delay in days: 1 + floor(lognormal(ln median, sigma)), at most maxDays. */
export const RETURN_DELAY = { medianDays: 5, sigma: 0.8, maxDays: 60 } as const;
/** Return reasons with weights for filters and for fluids. */
export const RETURN_REASONS = [
  "wrong_part",
  "not_needed",
  "defective",
  "damaged_packaging",
  "changed_mind",
] as const;
/** Weights of {@link RETURN_REASONS} for filters. */
export const RETURN_REASON_FILTER = [0.55, 0.2, 0.08, 0.05, 0.12];
/** Weights of {@link RETURN_REASONS} for fluids. */
export const RETURN_REASON_FLUID = [0.15, 0.35, 0.08, 0.15, 0.27];

// ---------------------------------------------------------------------------
// Stock and replenishment

/**
 * The (s, S) policy: each review, a site orders for a SKU whose inventory
 * position (on hand + on order) is at or below s, up to S, in whole case packs.
 * s = μ·(L + R + safetyDays) + z·√(μ·(L + R)·overdispersion), at least the SKU's
 * presentation quantity; S = s + μ·coverDays (at least one case pack above s),
 * with μ the SKU's forecast daily demand (exponential smoothing of weekly
 * demand incl. lost sales, weight `alpha`).
 *
 * Tuned to the public filings (lib/profile/sources.ts, RETAIL_INVENTORY_TURNS:
 * AutoZone 1.45 and O'Reilly 1.6–1.7 turns a year, i.e. 215–250 days of
 * supply). Auto-parts chains hold wide, deep assortments in every store for
 * same-day availability, and their suppliers finance that stock (AutoZone's
 * accounts payable exceed its inventory: net inventory per store is negative),
 * so holding it costs them little:
 * - every ranged SKU is shown at its planogram's presentation quantity —
 *   `presentation.minFacings` facings, each `presentation.casePerFacing` of a
 *   case deep — and reordered before the shelf would show less, so the slow
 *   tail holds years of supply;
 * - `safetyDays` of demand are held for availability on top of the review
 *   and lead time's demand (in days of supply, so a busy store turns no
 *   faster than a quiet one), and a store buys deep: `coverDays` of demand per
 *   order, in whole cases.
 * The forecast does not anticipate promotions, and the shelf holds only
 * `shelf.days` of forecast demand (at least the presentation quantity),
 * refilled from the back room each morning — a shopper who finds the shelf
 * empty leaves without the item even when the back room has it (the GMA/FMI
 * out-of-stock study puts most store out-of-stocks on shelf replenishment,
 * not on stock missing from the store).
 *
 * An online shop is fulfilled as the country's stores fulfil it
 * (ship-from-store, as AutoZone, O'Reilly and Advance do): it holds stock as
 * `traffic / trafficPerStore` standard stores would (a fraction of one for a
 * small shop), each at its share of the demand, so its stock per unit of
 * demand — and its turns — do not depend on how many stores the scale factor
 * gives the country. It has no shelf limit.
 */
export const POLICY = {
  z: 0.8,
  overdispersion: 2.5,
  safetyDays: 40,
  coverDays: 150,
  /** The reorder point's floor (the presentation quantity, larger, is applied per SKU). */
  minShelf: 1,
  alpha: 0.25,
  /** Days between reviews (stores review twice a week, online every weekday). */
  reviewDaysStore: 3.5,
  reviewDaysOnline: 1.4,
  /** Planogram: facings per ranged SKU at least, and units per facing as a share of its case pack. */
  presentation: { minFacings: 2, casePerFacing: 0.25 },
  /** Shelf capacity of a store: days of forecast demand, at least the presentation quantity. */
  shelf: { days: 10 },
  /** Online stock as store equivalents: traffic of one standard store. */
  onlineAsStores: { trafficPerStore: 1 },
} as const;

/** Lead time: ship the day after the order, receive 1 day after shipping (+1 with probability pSlow); deliveries wait for an open day. */
export const LEAD = { shipDays: 1, transitDays: 1, pSlow: 0.2 } as const;

/** A store opening during the period places its first order this many days before opening. */
export const FIRST_ORDER_DAYS = 7;
/** Sites order a new SKU from this many days before its launch and stop this many days before it is discontinued. */
export const ORDER_WINDOW = { beforeLaunch: 4, stopBeforeDiscontinue: 28 } as const;
