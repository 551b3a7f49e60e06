/**
 * The numeric codes of the retail simulation, by name: the dictionary pools of
 * the string columns it writes (channel, customer type, payment type, return
 * reason) with one frozen enum object per pool, and the enums it uses
 * internally (product kind, kind table of a basket).
 *
 * A code is the index of its name in the pool, so `CHANNELS[Channel.Online]`
 * is `"online"`; the pools are what the writer turns the codes back into. The
 * enums are plain frozen objects of number literals (so the hot loop reads a
 * constant), checked against their pools when this module loads.
 *
 * @module
 */

import { KINDS, RETURN_REASONS } from "./params.ts";

/** Dictionary pool of the channel column (index = {@link Channel} code). */
export const CHANNELS = ["in_store", "click_and_collect", "online"] as const;
/** Dictionary pool of the customer_type column (index = {@link CustomerType} code). */
export const CUSTOMER_TYPES = ["anonymous", "loyalty", "trade"] as const;
/** Dictionary pool of the payment_type column (index = {@link Payment} code). */
export const PAYMENTS = ["card", "cash", "mobile_wallet", "paypal", "trade_account"] as const;

/** Code of a basket's channel ({@link CHANNELS}). */
export const Channel = Object.freeze(
  {
    /** Bought and paid at the till of a store. */
    InStore: 0,
    /** Ordered online (by a DIY shopper at a store site), collected at the store. */
    ClickAndCollect: 1,
    /** Bought on the online site and delivered. */
    Online: 2,
  } as const,
);
/** A {@link Channel} code. */
export type Channel = typeof Channel[keyof typeof Channel];

/**
 * Code of a basket's customer type ({@link CUSTOMER_TYPES}). It is also the
 * audience index of {@link Choice}'s per-audience tables (weights, promotions,
 * kit deals): anonymous shoppers see the promotions for everyone.
 */
export const CustomerType = Object.freeze(
  {
    /** No known customer (a walk-in DIY shopper or professional). */
    Anonymous: 0,
    /** A loyalty member (DIY). */
    Loyalty: 1,
    /** A trade account (semi-professional). */
    Trade: 2,
  } as const,
);
/** A {@link CustomerType} code. */
export type CustomerType = typeof CustomerType[keyof typeof CustomerType];

/** Code of a basket's payment type ({@link PAYMENTS}). */
export const Payment = Object.freeze(
  {
    /** Debit or credit card. */
    Card: 0,
    /** Cash (stores only). */
    Cash: 1,
    /** A phone's wallet. */
    MobileWallet: 2,
    /** PayPal (online and click-and-collect). */
    PayPal: 3,
    /** On the trade account's invoice. */
    TradeAccount: 4,
  } as const,
);
/** A {@link Payment} code. */
export type Payment = typeof Payment[keyof typeof Payment];

/** Code of a return's reason ({@link RETURN_REASONS}, the pool of the reason column). */
export const ReturnReason = Object.freeze(
  {
    /** The part does not fit. */
    WrongPart: 0,
    /** Bought but not used. */
    NotNeeded: 1,
    /** Faulty. */
    Defective: 2,
    /** The pack arrived or was found damaged. */
    DamagedPackaging: 3,
    /** No reason given. */
    ChangedMind: 4,
  } as const,
);
/** A {@link ReturnReason} code. */
export type ReturnReason = typeof ReturnReason[keyof typeof ReturnReason];

/** Code of a product kind: its index in {@link KINDS} (the catalog's order). */
export const Kind = Object.freeze(
  {
    /** Motor oil. */
    MotorOil: 0,
    /** Automatic transmission fluid. */
    Atf: 1,
    /** Gear oil. */
    GearOil: 2,
    /** Grease. */
    Grease: 3,
    /** Coolant / antifreeze. */
    Coolant: 4,
    /** Oil filter. */
    OilFilter: 5,
    /** Engine air filter. */
    AirFilter: 6,
    /** Cabin air filter. */
    CabinFilter: 7,
    /** Fuel filter. */
    FuelFilter: 8,
    /** Transmission filter. */
    TransmissionFilter: 9,
  } as const,
);
/** A {@link Kind} code. */
export type Kind = typeof Kind[keyof typeof Kind];

/**
 * Which kind-choice table a basket draws its parts from: by shopper (DIY or
 * trade) and customer type. Trade walk-ins choose with the trade weights but
 * see the anonymous audience's assortment and promotions.
 */
export const KindTable = Object.freeze(
  {
    /** A DIY shopper who is not a loyalty member. */
    DiyAnonymous: 0,
    /** A DIY loyalty member. */
    DiyMember: 1,
    /** A professional on a trade account. */
    TradeAccount: 2,
    /** A professional without an account. */
    TradeWalkIn: 3,
  } as const,
);
/** A {@link KindTable} code. */
export type KindTable = typeof KindTable[keyof typeof KindTable];
/** Number of {@link KindTable} codes. */
export const KIND_TABLES = 4;

/** Throws unless `codes` numbers `pool` in order (names compared without case and underscores). */
function checkCodes(
  what: string,
  pool: readonly string[],
  codes: Readonly<Record<string, number>>,
) {
  const names = Object.keys(codes);
  const ok = names.length === pool.length &&
    names.every((n, i) => codes[n] === i && n.toLowerCase() === pool[i].replaceAll("_", ""));
  if (!ok) throw new Error(`retail codes: ${what} does not match its pool [${pool.join(", ")}]`);
}
checkCodes("Channel", CHANNELS, Channel);
checkCodes("CustomerType", CUSTOMER_TYPES, CustomerType);
checkCodes("Payment", PAYMENTS, Payment);
checkCodes("ReturnReason", RETURN_REASONS, ReturnReason);
checkCodes("Kind", KINDS, Kind);
