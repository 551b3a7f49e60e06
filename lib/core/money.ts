/**
 * Money as integer minor units (cents, pence). Every amount in partsflow is an
 * integer until it is written; sums are exact. Helpers here round the way a
 * price list does.
 *
 * @module
 */

/** Rounds a fractional amount of minor units half away from zero to an integer. */
export function roundMinor(x: number): number {
  return x < 0 ? -Math.round(-x) || 0 : Math.round(x);
}

/** Applies a multiplicative factor (e.g. a margin or a discount) to an amount, rounded to the cent. */
export function scaleMinor(amount: number, factor: number): number {
  return roundMinor(amount * factor);
}

/**
 * The nearest price ending in `ending` minor units (e.g. 99 → x.99), ties going
 * up: 1234 → 1199, 1249 → 1299, 1250 → 1299. Never returns less than `ending`.
 */
export function priceEnding(amount: number, ending = 99): number {
  const whole = Math.round((amount - ending) / 100);
  return Math.max(0, whole) * 100 + ending;
}

/** Formats minor units as a decimal string with two places: 1299 → "12.99". */
export function formatMinor(amount: number): string {
  const sign = amount < 0 ? "-" : "";
  const a = Math.abs(amount);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

/**
 * The net of a tax-inclusive amount at a rate in basis points:
 * round(gross × 10000 / (10000 + rate)); the tax is then gross − net.
 */
export function netOfGross(gross: number, rateBp: number): number {
  return Math.round(gross * 10000 / (10000 + rateBp));
}

/** The tax on a net amount at a rate in basis points: round(net × rate / 10000). */
export function taxOnNet(net: number, rateBp: number): number {
  return Math.round(net * rateBp / 10000);
}
