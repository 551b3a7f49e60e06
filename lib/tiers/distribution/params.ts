/**
 * The distribution tier's tuning numbers, each with what it stands for. They
 * are what a parts distributor's planner and credit controller would set, and
 * the figures the data should show come out of them (measured by
 * `deno task profile`, never drawn directly).
 *
 * @module
 */

/** Kinds of trade account, in the order of their codes. */
export const TRADE_TYPES = ["garage", "quick_lube", "fleet", "reseller"] as const;
/** One of {@link TRADE_TYPES}. */
export type TradeType = (typeof TRADE_TYPES)[number];

/**
 * Per kind of trade account: its share of accounts, orders per week (fleets on
 * a fixed weekday), mean lines per order, mean extra case packs per line, and
 * how much each product kind weighs in its orders (× the SKU's popularity).
 */
export const TRADE_PROFILE: Record<TradeType, {
  share: number;
  ordersPerWeek: number;
  linesPerOrder: number;
  extraCases: number;
  kindWeight: Record<string, number>;
}> = {
  garage: {
    share: 0.55,
    ordersPerWeek: 1.6,
    linesPerOrder: 4.2,
    extraCases: 0.3,
    kindWeight: {
      motor_oil: 1,
      atf: 1,
      gear_oil: 1,
      grease: 1,
      coolant: 1,
      oil_filter: 1.4,
      air_filter: 1.3,
      cabin_filter: 1.2,
      fuel_filter: 1.2,
      transmission_filter: 1.2,
    },
  },
  quick_lube: {
    share: 0.15,
    ordersPerWeek: 2.2,
    linesPerOrder: 3.6,
    extraCases: 0.6,
    kindWeight: {
      motor_oil: 2.5,
      atf: 0.5,
      gear_oil: 0.3,
      grease: 0.3,
      coolant: 0.6,
      oil_filter: 2.5,
      air_filter: 1,
      cabin_filter: 1,
      fuel_filter: 0.2,
      transmission_filter: 0.2,
    },
  },
  fleet: {
    share: 0.15,
    ordersPerWeek: 1,
    linesPerOrder: 6,
    extraCases: 0.8,
    kindWeight: {
      motor_oil: 1.6,
      atf: 0.8,
      gear_oil: 1,
      grease: 1.2,
      coolant: 1,
      oil_filter: 1.4,
      air_filter: 1.2,
      cabin_filter: 0.8,
      fuel_filter: 1.5,
      transmission_filter: 0.6,
    },
  },
  reseller: {
    share: 0.15,
    ordersPerWeek: 0.8,
    linesPerOrder: 8,
    extraCases: 0.4,
    kindWeight: {
      motor_oil: 1,
      atf: 1,
      gear_oil: 1,
      grease: 1,
      coolant: 1,
      oil_filter: 1,
      air_filter: 1,
      cabin_filter: 1,
      fuel_filter: 1,
      transmission_filter: 1,
    },
  },
};

/**
 * Now and then a trade line is a bulk buy (a fleet's quarterly stock-up, a
 * garage's promotion): with probability `p` its quantity is multiplied by
 * `minFactor` … `maxFactor`. These spikes, not the average demand, are what
 * a DC's safety stock must absorb.
 */
export const BULK_BUYS = { p: 0.03, minFactor: 4, maxFactor: 12 } as const;

/**
 * Chance that a trade account of `type` and relative `size` orders on a
 * business day, before season and trend: ordersPerWeek × √size / 5, at most
 * 0.95 (fleets order on their weekday instead: {@link FLEET_ORDERING}).
 */
export function orderChancePerBusinessDay(type: TradeType, size: number): number {
  return Math.min(0.95, TRADE_PROFILE[type].ordersPerWeek * Math.sqrt(size) / 5);
}

/** A fleet orders on its own weekday with this chance, and on other business days with `otherDays`. */
export const FLEET_ORDERING = { onItsDay: 0.92, otherDays: 0.02 } as const;

/**
 * Mean lines of an order of a trade account of `type` and relative `size`:
 * the kind's mean × √size, never below one line (a very small account still
 * orders one line at a time).
 */
export function meanLinesPerOrder(type: TradeType, size: number): number {
  return Math.max(1, TRADE_PROFILE[type].linesPerOrder * Math.sqrt(size));
}

/** Sigma of the lognormal size (order rate × lines) of a trade account. */
export const ACCOUNT_SIZE_SIGMA = 0.6;

/** Price tiers of trade accounts by size quartile, with their discount off wholesale. */
export const PRICE_TIERS = [
  { tier: "list", discountBp: 0 },
  { tier: "silver", discountBp: 300 },
  { tier: "gold", discountBp: 600 },
  { tier: "platinum", discountBp: 900 },
] as const;

/** Payment terms: name, days to due, early-payment discount (bp) within 10 days, share of trade accounts. */
export const TERMS = [
  { name: "net 30", days: 30, discountBp: 0, share: 0.58 },
  { name: "2/10 net 30", days: 30, discountBp: 200, share: 0.25 },
  { name: "net 15", days: 15, discountBp: 0, share: 0.07 },
  { name: "net 45", days: 45, discountBp: 0, share: 0.1 },
] as const;

/** The retailer's contract: net 30, no discount, paid on the due day. */
export const RETAILER_TERMS = { name: "net 30", days: 30, discountBp: 0 } as const;

/**
 * How trade accounts pay (shares of invoices): early with the discount (only
 * accounts on 2/10 terms), on time (a few days before the due day at most),
 * late (days past due ~ lognormal), in two parts, or never (written off
 * {@link WRITE_OFF_AFTER_DAYS} days past due).
 */
export const PAYMENT_BEHAVIOUR = {
  takeDiscount: 0.65,
  onTime: 0.74,
  late: 0.215,
  partial: 0.04,
  writeOff: 0.005,
  lateMedianDays: 12,
  lateSigma: 0.8,
  partialSecondAfterDays: 30,
} as const;

/** Days past due after which an unpaid invoice is written off. */
export const WRITE_OFF_AFTER_DAYS = 120;

/**
 * Suppliers are not always on time: a regular purchase order arrives late
 * with this probability, by `minDays` … `maxDays` past its expected date
 * (expedites always arrive when promised). Late deliveries are what empties a
 * DC's shelves now and then, so trade fill rates fall short of perfect.
 */
export const SUPPLIER_DELAYS = { pLate: 0.25, minDays: 4, maxDays: 16 } as const;

/** Lead times in days from order to receipt, by supplier kind; jitter adds 0 … jitter days. */
export const LEAD_TIMES = {
  corvane: { days: 6, jitter: 3 },
  keldmark: { days: 9, jitter: 3 },
  brandSupplier: { days: 12, jitter: 6 },
} as const;

/**
 * The DC's purchasing policy: weekly review on Mondays, (s, S) in days of a
 * forecast of retail and trade demand; a parts distributor keeps several
 * weeks of stock to fill trade orders the same day (Genuine Parts Company,
 * the largest US parts distributor, turns its inventory about 3–4 times a
 * year: inventory $4.8 bn against cost of goods $15.0 bn in 2023).
 */
export const DC_POLICY = {
  /** Safety stock in days of forecast demand (planners set it in days of supply). */
  safetyDays: 3,
  /** Days of demand between s and S (cycle stock); with safety, about eight weeks on hand. */
  coverDays: 110,
  /** Weight of the latest week in the demand forecast (exponential smoothing). */
  alpha: 0.2,
  reviewDays: 7,
  /**
   * Days of the retailer's forecast demand kept back from trade orders, so a
   * store order (placed the day before it ships) is nearly always covered
   * from stock rather than by an expedited purchase.
   */
  retailProtectDays: 4,
} as const;

/** Share of trade lines returned, and the days after shipment a return arrives (uniform). */
export const TRADE_RETURNS = { rate: 0.012, minDays: 3, maxDays: 30 } as const;

/** Business days from shipment to delivery for trade orders (route delivery). */
export const TRADE_DELIVERY_DAYS = 1;

/** A customer's credit limit ≈ this many days of its expected purchases (rounded to 500 units). */
export const CREDIT_LIMIT_DAYS = 60;

/** Earliest opening day of a trade account. */
export const TRADE_SINCE = { year: 2005 } as const;

/**
 * Trade demand over the year and the years: a mild cosine season peaking in
 * early June in the north (December in the south) and a slow trend of trade
 * accounts buying more (like-for-like growth of a mature distributor).
 */
export const TRADE_SEASONALITY = {
  amplitude: 0.08,
  peakDayOfYear: 155,
  trendPerYear: 0.025,
} as const;
