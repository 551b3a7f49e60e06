/**
 * The random draws of the retail simulation, by name: for each of its streams,
 * how a row is numbered and which draw slot each decision reads. Every random
 * value is a hash of (seed, stream, row, draw), so these numbers *are* the
 * data set: changing one changes the output. Slots may be unused (gaps), but
 * two decisions of one row must never share a slot unless they always did.
 *
 * Streams of a site `s` (see `Stream` in core/rng.ts):
 * - `retail.days/s`: row = the day; {@link DAY_DRAW}.
 * - `retail.baskets/s`: row = {@link basketRow}(day, basket); {@link BASKET_DRAW}
 *   for the basket, and from {@link lineDraw}(j) on the j-th item's
 *   {@link LINE_DRAW} slots.
 * - `retail_returns/s`: row = {@link returnRow}(transaction sequence, line); {@link RETURN_DRAW}.
 *
 * @module
 */

/** Basket row stride: row = day × 2^20 + basket number within the day. */
export const DAY_STRIDE = 1048576;

/** Row of basket `b` (0-based, in drawing order: DIY first, then trade) of `day`. */
export function basketRow(day: number, b: number): number {
  return day * DAY_STRIDE + b;
}

/** Draw slots of a day's row in the days stream: each count is a negative binomial using 64 slots. */
export const DAY_DRAW = Object.freeze(
  {
    /** Number of DIY baskets (slots 0–63). */
    diyBaskets: 0,
    /** Number of trade baskets (slots 64–127). */
    tradeBaskets: 64,
  } as const,
);

/** Draw slots of a basket's row in the baskets stream (per item: {@link LINE_DRAW} from {@link lineDraw}). */
export const BASKET_DRAW = Object.freeze(
  {
    /** Hour of the basket's time of day. */
    hour: 0,
    /** Second within that hour. */
    second: 1,
    /** Whether the shopper is a known customer (DIY: loyalty member; trade: on an account). */
    known: 2,
    /** Which customer: tries `customer`, `customer + 1`, … (up to {@link CUSTOMER_TRIES}). */
    customer: 3,
    /** The start of the round through the member's vehicles. */
    vehicle: 8,
    /** Whether a DIY basket is an oil change. */
    oilChange: 9,
    /** An anonymous oil change's vehicle, from the country's vehicle pool. */
    poolVehicle: 10,
    /** Which of the vehicle's oil-change kits. */
    kit: 11,
    /** Whether the oil change is bought as that kit. */
    takeKit: 12,
    /** The oil of an oil change (SKU fitting the vehicle). */
    oil: 13,
    /** The oil filter of an oil change. */
    oilFilter: 14,
    /** Whether an oil change adds an air filter. */
    addAirFilter: 15,
    /** Which air filter. */
    airFilter: 16,
    /** Whether an oil change adds a cabin filter. */
    addCabinFilter: 17,
    /** Which cabin filter. */
    cabinFilter: 18,
    /** Number of items of a parts basket. */
    items: 19,
    /** Whether a DIY basket at a store was click-and-collect. */
    clickAndCollect: 20,
    /** The payment type. */
    payment: 21,
    /** Rounding of the oil's units to its set's price factor (see `BasketChoice.priced`). */
    oilPriced: 22,
    /** Rounding of the oil filter's units to its set's price factor. */
    oilFilterPriced: 23,
    /** Rounding of the air filter's units to its set's price factor. */
    airFilterPriced: 24,
    /** Rounding of the cabin filter's units to its set's price factor. */
    cabinFilterPriced: 25,
    /** First slot of item 0's {@link LINE_DRAW} block. */
    lines: 32,
  } as const,
);

/** Number of customers a basket tries (slots {@link BASKET_DRAW}.customer onwards) before staying anonymous. */
export const CUSTOMER_TRIES = 4;

/** Slots per item of a parts basket, from {@link BASKET_DRAW}.lines on. */
export const LINE_DRAW_STRIDE = 16;

/** First draw slot of item `j` of a parts basket (add the {@link LINE_DRAW} offsets). */
export function lineDraw(j: number): number {
  return BASKET_DRAW.lines + j * LINE_DRAW_STRIDE;
}

/** Offsets from {@link lineDraw}(j) of one item's draw slots. */
export const LINE_DRAW = Object.freeze(
  {
    /** The item's kind (from the basket's kind table). */
    kind: 0,
    /** The SKU within the kind. */
    sku: 1,
    /** Whether the item is bought as the lube deal it triggers. */
    lubeKit: 2,
    /** The quantity's shape (one uniform). */
    qty: 3,
    /** The quantity's Poisson count (inversion: one slot, means below 12). */
    qtyCount: 4,
    /** Whether a buy-x-get-y offer makes the shopper take x + y. */
    takeBxgy: 5,
    /** Rounding of a vehicle-specific item's units to its set's price factor. */
    priced: 6,
  } as const,
);

/** Return row stride per transaction: row = transaction sequence × 32 + line index (a basket has at most 16 lines). */
export const RETURN_ROW_STRIDE = 32;

/** Row of line `j` (0-based) of the site's `txSeq`-th transaction in the returns stream. */
export function returnRow(txSeq: number, j: number): number {
  return txSeq * RETURN_ROW_STRIDE + j;
}

/** Draw slots of a sales line's row in the returns stream. */
export const RETURN_DRAW = Object.freeze(
  {
    /** Whether the line is returned. */
    returned: 0,
    /** Days until the return (lognormal). */
    delay: 1,
    /** Whether only part of the quantity comes back. */
    partial: 2,
    /** How many units, when partial. */
    partialQty: 3,
    /** The reason. */
    reason: 4,
    /** Hour of the return. */
    hour: 5,
    /** Second within that hour. */
    second: 6,
  } as const,
);
