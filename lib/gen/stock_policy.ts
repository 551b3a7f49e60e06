/**
 * The periodic-review (s, S) stock policy every stocking site uses (stores and
 * online shops today; distribution centres and plants next): order up to S
 * whenever the stock position falls to s or below. Both levels come from a
 * daily demand forecast, so they move as the forecast moves.
 *
 * @module
 */

/** The parameters of an (s, S) policy. */
export interface SsPolicy {
  /** Safety factor: the service level's normal quantile (1.65 ≈ 95 %). */
  z: number;
  /** Variance of demand over the horizon ÷ its mean (1 = Poisson; more for lumpy demand). */
  overdispersion: number;
  /** Days of forecast demand S holds above s (the cycle stock). */
  coverDays: number;
  /** The smallest reorder point: a shelf never plans to hold fewer units. */
  minShelf: number;
  /**
   * Days of forecast demand held as availability stock on top of the
   * horizon's demand and its z-σ cover (0 when absent): stock set in days of
   * supply grows in proportion to demand, so it does not make a big site turn
   * faster than a small one.
   */
  safetyDays?: number;
}

/**
 * The reorder point s for a forecast of `mu` units a day over a protection
 * horizon of `horizonDays` (review period + lead time): the horizon's mean
 * demand plus z standard deviations plus `safetyDays` of demand, at least
 * `minShelf`.
 */
export function reorderPoint(mu: number, horizonDays: number, p: SsPolicy): number {
  const m = mu * horizonDays;
  return Math.max(
    p.minShelf,
    Math.ceil(m + mu * (p.safetyDays ?? 0) + p.z * Math.sqrt(m * p.overdispersion)),
  );
}

/** The order-up-to level S: s plus `coverDays` of demand, and at least one case above s. */
export function orderUpTo(
  s: number,
  mu: number,
  casePack: number,
  p: Pick<SsPolicy, "coverDays">,
): number {
  return Math.max(s + casePack, Math.ceil(s + mu * p.coverDays));
}

/** The parameters of an (s, S) policy set in days of forecast demand. */
export interface CoverPolicy {
  /** Days of demand held as safety stock above the protection horizon's demand. */
  safetyDays: number;
  /** Days of demand S holds above s (the cycle stock). */
  coverDays: number;
}

/**
 * The reorder point in days of cover: demand over the protection horizon plus
 * `safetyDays` of demand. Safety stock then grows in proportion to demand, as
 * planners who set it in days of supply do, so a site's turns do not depend on
 * its volume (a square-root rule would make big sites turn faster).
 */
export function reorderPointDays(mu: number, horizonDays: number, p: CoverPolicy): number {
  return Math.ceil(mu * (horizonDays + p.safetyDays));
}
