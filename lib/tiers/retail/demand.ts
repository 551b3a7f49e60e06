/**
 * Traffic: how many DIY and trade baskets each retail site expects on each day.
 *
 * λ(site, day) = B · traffic · segment effect · season(day) · trend(day) ·
 * share · weekday(day) · holiday(day) · open(site, day), separately for DIY and
 * trade shoppers (their weekday and holiday curves differ). B is one constant
 * per run, chosen so that the expected number of sales lines over every site
 * and day equals `retail.linesPerScale × scale × days / 1096`.
 *
 * Everything here is O(sites + countries × days) and memoised per run, so every
 * chunk (on any worker) sees the same plan.
 *
 * @module
 */

import { requestedLines } from "../../options/volume.ts";
import { dayOfYear, isoWeekday } from "../../core/dates.ts";
import { normal } from "../../core/dist.ts";
import { Stream } from "../../core/rng.ts";
import { holidays } from "../../world/calendar.ts";
import { type Site, sitesModel } from "../../world/companies.ts";
import { memoize, type RunContext } from "../../world/context.ts";
import { geoModel } from "../../world/geography.ts";
import {
  DIY_SHARE,
  HOLIDAY,
  LINES_PER_BASKET,
  SEASON,
  SEGMENT_EFFECT_SIGMA,
  SUNDAY_CLOSED,
  TREND,
  TREND_ANCHOR_DAY,
  WEEKDAY_DIY,
  WEEKDAY_ONLINE,
  WEEKDAY_TRADE,
} from "./params.ts";

export { DEFAULT_PERIOD_DAYS } from "../../options/volume.ts";

/** Yearly cosine seasonality factor of a day: 1 + a·cos(2π(doy − peak)/365.25), shifted half a year in the south. */
export function seasonal(day: number, amplitude: number, peak: number, south: boolean): number {
  const doy = dayOfYear(day) + (south ? 182.625 : 0);
  return 1 + amplitude * Math.cos((2 * Math.PI * (doy - peak)) / 365.25);
}

/** Daily curves shared by every site of one country and type (index 0 = the run's first day). */
export interface DayCurves {
  /** Relative DIY baskets per day (before the site's own factors); 0 when closed. */
  diy: Float64Array;
  /** Relative trade baskets per day; 0 when closed. */
  trade: Float64Array;
  /** 1 when sites of this kind trade that day. */
  open: Uint8Array;
  /** Suffix sums of expected lines: lines[i] = Σ_{j ≥ i} (diy·L_diy + trade·L_trade). */
  suffixLines: Float64Array;
  /** Suffix sums of expected baskets: Σ_{j ≥ i} (diy + trade). */
  suffixBaskets: Float64Array;
}

/** A retail site (store or online shop) with its demand plan. */
export interface RetailSite {
  /** The site. */
  site: Site;
  /** Country code. */
  country: string;
  /** Index of this site among the retail sites (site id order). */
  index: number;
  /** Multiplier of the shared curves: B · traffic · segment effect. */
  scale: number;
  /** First day index (0 = run start) the site trades: max(0, openDay − start). */
  firstIndex: number;
  /** Expected sales lines over the period. */
  expectedLines: number;
  /** Expected baskets over the period. */
  expectedBaskets: number;
  /** Loyalty members and trade accounts whose preferred site this is. */
  loyalty: number;
  /** Trade accounts of the site. */
  trade: number;
  /** Customer id of this site's first customer minus 1 (customers are numbered densely by site). */
  customerOffset: number;
  /** The curves of its country and type. */
  curves: DayCurves;
}

/** The run's demand plan. */
export interface DemandPlan {
  /** Retail sites in site id order. */
  sites: RetailSite[];
  /** By site id. */
  bySiteId: Map<number, RetailSite>;
  /** The normalising constant B (baskets per unit traffic per unit curve). */
  base: number;
  /** Target sales lines of the run. */
  targetLines: number;
  /** Per-segment demand effect (index = segment index). */
  segmentEffect: number[];
  /** Total customers. */
  customers: number;
}

/** Target number of retail sales lines of a run. */
export function targetLines(ctx: RunContext): number {
  return requestedLines(ctx.options);
}

function buildCurves(ctx: RunContext, country: string, online: boolean, south: boolean): DayCurves {
  const n = ctx.end - ctx.start + 1;
  const diy = new Float64Array(n), trade = new Float64Array(n), open = new Uint8Array(n);
  const hol = new Map(holidays([country], ctx.start, ctx.end).map((h) => [h.day, h.storesClosed]));
  const share = online ? DIY_SHARE.online : DIY_SHARE.store;
  const growth = online ? TREND.online : TREND.store;
  for (let i = 0; i < n; i++) {
    const day = ctx.start + i;
    const wd = isoWeekday(day) - 1;
    const base = seasonal(day, SEASON.amplitude, SEASON.peakDayOfYear, south) *
      Math.exp(growth * (day - TREND_ANCHOR_DAY) / 365.25);
    const h = hol.get(day);
    let fd: number, ft: number;
    if (online) {
      const f = h === undefined ? 1 : h ? HOLIDAY.closedOnline : HOLIDAY.openOnline;
      fd = ft = WEEKDAY_ONLINE[wd] * f;
    } else if (h === true || (wd === 6 && SUNDAY_CLOSED.has(country))) {
      fd = ft = 0;
    } else {
      fd = WEEKDAY_DIY[wd] * (h === false ? HOLIDAY.openDiy : 1);
      ft = WEEKDAY_TRADE[wd] * (h === false ? HOLIDAY.openTrade : 1);
    }
    diy[i] = base * share * fd;
    trade[i] = base * (1 - share) * ft;
    open[i] = fd > 0 || ft > 0 ? 1 : 0;
  }
  const suffixLines = new Float64Array(n + 1), suffixBaskets = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    suffixLines[i] = suffixLines[i + 1] + diy[i] * LINES_PER_BASKET.diy +
      trade[i] * LINES_PER_BASKET.trade;
    suffixBaskets[i] = suffixBaskets[i + 1] + diy[i] + trade[i];
  }
  return { diy, trade, open, suffixLines, suffixBaskets };
}

/** The demand plan of a run (memoised). */
export function demandPlan(ctx: RunContext): DemandPlan {
  return memoize("retail.demand", ctx, () => buildPlan(ctx));
}

function buildPlan(ctx: RunContext): DemandPlan {
  const geo = geoModel(ctx);
  const s = new Stream(ctx.seed, "retail.segment_effect");
  const segmentEffect = geo.segments.map((_, i) =>
    Math.round(Math.exp(normal(s, i, 0, SEGMENT_EFFECT_SIGMA)) * 1e4) / 1e4
  );
  const curves = new Map<string, DayCurves>();
  const curvesOf = (country: string, online: boolean) => {
    const key = `${country}/${online}`;
    if (!curves.has(key)) {
      const c = geo.countries.find((x) => x.code === country)!;
      curves.set(key, buildCurves(ctx, country, online, c.hemisphere === "south"));
    }
    return curves.get(key)!;
  };
  const n = ctx.end - ctx.start + 1;
  const raw = sitesModel(ctx).filter((x) => x.type === "store" || x.type === "online");
  const sites: RetailSite[] = raw.map((site, index) => {
    const country = geo.segments[site.segment].country;
    const c = curvesOf(country, site.type === "online");
    const firstIndex = Math.min(n, Math.max(0, site.openDay - ctx.start));
    return {
      site,
      country,
      index,
      scale: site.traffic * segmentEffect[site.segment],
      firstIndex,
      expectedLines: 0,
      expectedBaskets: 0,
      loyalty: 0,
      trade: 0,
      customerOffset: 0,
      curves: c,
    };
  });
  let total = 0;
  for (const r of sites) total += r.scale * r.curves.suffixLines[r.firstIndex];
  const target = targetLines(ctx);
  const base = total > 0 ? target / total : 0;
  const o = ctx.options.retail;
  let offset = 0;
  for (const r of sites) {
    r.scale *= base;
    r.expectedLines = r.scale * r.curves.suffixLines[r.firstIndex];
    r.expectedBaskets = r.scale * r.curves.suffixBaskets[r.firstIndex];
    r.loyalty = Math.round(r.expectedLines / o.linesPerLoyaltyMember);
    r.trade = Math.round(r.expectedLines / o.linesPerTradeAccount);
    r.customerOffset = offset;
    offset += r.loyalty + r.trade;
  }
  return {
    sites,
    bySiteId: new Map(sites.map((r) => [r.site.id, r])),
    base,
    targetLines: target,
    segmentEffect,
    customers: offset,
  };
}
