/**
 * The parameters of the two makers: how Corvane blends and packs, how
 * Keldmark builds filters, how both plan, buy, hold stock and get paid. Each
 * constant says where its value comes from; the simulation reads only these.
 *
 * @module
 */

import type { PaymentBehaviour } from "../../gen/order_to_cash.ts";

/** Regions a plant serves: a distribution centre buys from its maker's plant in its region. */
export const REGION_OF_COUNTRY: Record<string, string> = {
  US: "north_america",
  CA: "north_america",
  GB: "europe",
  DE: "europe",
  FR: "europe",
  AU: "oceania",
};

/** Days in transit from plant to customer: same country, same region, other region. */
export const TRANSIT_DAYS = { country: 2, region: 3, overseas: 6 } as const;

/**
 * SAE J300 (2021) kinematic viscosity at 100 °C of the engine-oil high-
 * temperature grades, [min, max) in mm²/s (cSt); SAE J306 for gear oils.
 */
export const KV100_BANDS: Record<string, readonly [number, number]> = {
  "16": [6.1, 8.2],
  "20": [6.9, 9.3],
  "30": [9.3, 12.5],
  "40": [12.5, 16.3],
  "50": [16.3, 21.9],
  "gear-90": [13.5, 18.5],
  "gear-140": [24.0, 32.5],
  /** DEXRON-VI / MERCON LV class ATF and CVT fluids (typical specification window). */
  atf: [5.5, 7.5],
};

/** SAE J300 low-temperature cranking viscosity (CCS, ASTM D5293): maximum mPa·s at a temperature. */
export const CCS_LIMITS: Record<string, { maxMpas: number; tempC: number }> = {
  "0W": { maxMpas: 6200, tempC: -35 },
  "5W": { maxMpas: 6600, tempC: -30 },
  "10W": { maxMpas: 7000, tempC: -25 },
  "15W": { maxMpas: 7000, tempC: -20 },
  "20W": { maxMpas: 9500, tempC: -15 },
};

/** Minimum flash point (COC, ASTM D92) by kind, °C: usual specification minimums. */
export const FLASH_MIN_C: Record<string, number> = {
  motor_oil: 200,
  atf: 170,
  gear_oil: 180,
  grease: 200,
};

/** Coolant freeze point (ASTM D1177, at 50 % glycol), maximum °C. */
export const FREEZE_MAX_C = -36;

/**
 * Batch quality: a batch passes QC first time, is reworked (adjusted and
 * retested, then released), or is rejected (scrapped). Lubricant blenders
 * report right-first-time rates in the high 90s (e.g. 95–98 %).
 */
export const BATCH_QC = { pRework: 0.03, pReject: 0.007, reworkHours: [3, 8] } as const;

/**
 * Yield loss of a blend (tank heel, line flush, sampling), and fill loss of
 * packaging; both a fraction of litres. Typical blending losses are 0.5–2 %.
 */
export const BLEND_LOSS = { standard: 0.01, min: 0.003, max: 0.025 } as const;
/** Fill loss of packaging (overfill, rejects), a fraction of the litres drawn. */
export const FILL_LOSS = { min: 0.002, max: 0.008 } as const;

/**
 * Blending: batches start on working days at 06:00 (plus a stagger per tank)
 * and take `hours`; packaging of a released batch starts two hours after QC.
 */
export const BLEND_TIMES = { hours: [6, 12], qcHours: 2, packPerHourLitres: 9000 } as const;

/**
 * Planning (make to stock): every working day, each finished SKU is produced
 * up to S when its position (stock + planned output − open orders) falls to
 * s. Cover in weeks of forecast demand: `safetyWeeks` of safety stock and a
 * week, plus the cycle (A items every week, B every two, C every four weeks —
 * the campaign wheel), so a plant keeps several weeks of finished goods
 * (lubricant and filter makers turn inventory 3–5 times a year: FUCHS SE 2023,
 * inventories €0.7 bn against cost of sales €2.3 bn; Donaldson FY2023, $0.5 bn
 * against $2.4 bn).
 */
export const PLANNING = {
  /** Weeks of safety stock by maker: Keldmark's many slow filter SKUs need more. */
  safetyWeeks: { 1: 3, 2: 4 } as Record<number, number>,
  cycleWeeks: { a: 1, b: 2, c: 4 },
  /** Share of a maker's volume in A and B SKUs (the rest are C). */
  classShares: { a: 0.6, b: 0.85 },
  /** Weight of the latest week in the demand forecast (exponential smoothing). */
  alpha: 0.15,
  /** Days ahead a rush order looks for firm shipments it cannot cover. */
  rushHorizonDays: 3,
  /** Target utilisation of capacity (capacity = mean demand / this). */
  utilisation: 0.75,
} as const;

/** Annual maintenance shutdown: two weeks starting on this ISO week (by plant country). */
export const SHUTDOWN_WEEK: Record<string, number> = {
  US: 27,
  CA: 27,
  GB: 31,
  DE: 31,
  FR: 32,
  AU: 2,
};
/** Weeks of a shutdown. */
export const SHUTDOWN_WEEKS = 2;

/**
 * Material purchasing: (s, S) on weekly review in days of forecast use; a
 * shortfall on the day of use is bought spot (delivered the same day at a
 * premium over the index).
 */
export const MATERIAL_POLICY = {
  safetyDays: 21,
  coverDays: 28,
  spotPremium: 0.08,
} as const;

/**
 * Keldmark's lines: rate in filters per hour by family, two shifts of 7.5
 * productive hours on working days; changeovers between designs.
 */
export const FILTER_LINES = {
  families: {
    spin_on: { ratePerHour: 900, changeoverMin: [25, 45] },
    cartridge: { ratePerHour: 700, changeoverMin: [20, 35] },
    panel: { ratePerHour: 1100, changeoverMin: [15, 30] },
    other: { ratePerHour: 500, changeoverMin: [20, 40] },
  },
  shifts: 2,
  hoursPerShift: 7.5,
  /** Share of a line's shift hours planned for running (changeovers and stops take the rest). */
  runShare: 0.8,
  /** Scrap of a work order: a fraction of units started (uniform in [min, max]). */
  scrap: { min: 0.005, max: 0.035 },
} as const;

/** Kinds of outside (non-Brightaxle) customers of the makers, with order habits. */
export const OUTSIDE_CUSTOMERS = [
  { type: "distributor", share: 0.45, weeksBetweenOrders: 1, linesMean: 12, sizeSigma: 0.7 },
  { type: "fleet", share: 0.25, weeksBetweenOrders: 3, linesMean: 3, sizeSigma: 0.8 },
  { type: "industrial", share: 0.3, weeksBetweenOrders: 2, linesMean: 4, sizeSigma: 0.9 },
] as const;

/** Price of an outside account against the transfer price, in basis points (negative = discount). */
export const OUTSIDE_PRICE_BP = { distributor: -300, fleet: 600, industrial: 300 } as const;

/** Days between an outside order and its requested ship day. */
export const OUTSIDE_LEAD_DAYS = [7, 14] as const;

/** Payment terms of the makers' outside accounts (and Brightaxle's: net 45, always paid on the due day). */
export const MAKER_TERMS = [
  { name: "net 30", days: 30, discountBp: 0, share: 0.45 },
  { name: "2/10 net 30", days: 30, discountBp: 200, share: 0.2 },
  { name: "net 60", days: 60, discountBp: 0, share: 0.35 },
] as const;

/** Brightaxle's supply contract with both makers. */
export const CHAIN_TERMS = { name: "net 45", days: 45, discountBp: 0 } as const;

/** How the makers' outside accounts pay (see lib/gen/order_to_cash.ts). */
export const MAKER_PAYMENT_BEHAVIOUR: PaymentBehaviour = {
  takeDiscount: 0.7,
  late: 0.18,
  partial: 0.03,
  writeOff: 0.002,
  lateMedianDays: 9,
  lateSigma: 0.7,
  partialSecondAfterDays: 30,
  writeOffAfterDays: 150,
};

/** Conversion cost floor: at least this share of the standard unit cost is conversion. */
export const MIN_CONVERSION_SHARE = 0.05;

/** Document ids are plant_site_id × this + the plant's running number. */
export const MFG_ID_STRIDE = 1e10;
