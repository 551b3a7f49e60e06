/**
 * The retail effects a retail analyst measures, estimated from the data alone
 * and set beside what `ground_truth.json` says was injected: weekday and
 * seasonal indices, the holiday effect, promotion lift by mechanic and price
 * elasticity by kind (a Poisson regression of monthly demand on log list
 * price with SKU × segment and segment × month fixed effects, with its
 * standard error); and the shapes that have a public
 * benchmark instead: the SKU Pareto, basket size and own-brand share.
 *
 * @module
 */

import pl from "nodejs-polars";
import type { Dataset } from "../validate/dataset.ts";
import { at, dayNo, fxFrame, num, sitesFrame } from "./frames.ts";
import { RETAIL_BASKET_LINES, RETAIL_PARETO } from "./sources.ts";
import { amplitudeFromLogHarmonic, demean, leastSquares, poissonSlope } from "./stats.ts";
import type { Figure, ProfileSection } from "./types.ts";

/** Weekday names, ISO order. */
export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** ISO weekday 0 (Monday) … 6 (Sunday) of a day number. */
const weekdayOf = (day: number) => (((day + 3) % 7) + 7) % 7;

interface DayCount {
  type: string;
  country: string;
  hemisphere: string;
  who: string;
  day: number;
  established: boolean;
  baskets: number;
}

/** Baskets per site type, country, shopper group (diy / trade), day and established-site flag. */
function dailyBaskets(ds: Dataset, firstDay: number): DayCount[] {
  const df = ds.scan("retail_transactions").select(
    "site_id",
    dayNo("transaction_date").alias("day"),
    pl.when(pl.col("customer_type").eq(pl.lit("trade"))).then(pl.lit("trade"))
      .otherwise(pl.lit("diy")).alias("who"),
  ).groupBy(["site_id", "day", "who"]).agg(pl.len().alias("baskets"))
    .join(sitesFrame(ds), { on: "site_id", how: "left" })
    .groupBy([
      pl.col("site_type"),
      pl.col("country_code"),
      pl.col("hemisphere"),
      pl.col("who"),
      pl.col("day"),
      dayNo("open_date").ltEq(firstDay).alias("established"),
    ]).agg(pl.col("baskets").sum().alias("baskets")).collectSync();
  return df.toRecords().map((r) => ({
    type: String(r.site_type),
    country: String(r.country_code),
    hemisphere: String(r.hemisphere),
    who: String(r.who),
    day: Number(r.day),
    established: Boolean(r.established),
    baskets: Number(r.baskets),
  }));
}

/** Holidays per country: day number → stores closed. */
function holidayMap(ds: Dataset): Map<string, Map<number, boolean>> {
  const out = new Map<string, Map<number, boolean>>();
  for (
    const r of ds.scan("holidays").select(
      "country_code",
      dayNo("date").alias("day"),
      "stores_closed",
    ).collectSync().toRecords()
  ) {
    const c = String(r.country_code);
    if (!out.has(c)) out.set(c, new Map());
    out.get(c)!.set(Number(r.day), Boolean(r.stores_closed));
  }
  return out;
}

function periodBounds(ds: Dataset): { first: number; last: number } {
  const r = ds.scan("calendar").select(
    dayNo("date").min().alias("first"),
    dayNo("date").max().alias("last"),
  ).collectSync().toRecords()[0];
  return { first: Number(r.first), last: Number(r.last) };
}

/** Weekday indices (mean day = 1) of DIY and trade baskets in stores and of online baskets. */
function weekdayFigures(
  counts: DayCount[],
  holidays: Map<string, Map<number, boolean>>,
  sundayClosed: Set<string>,
  period: { first: number; last: number },
  truth: unknown,
): Figure[] {
  const series: [string, (c: DayCount) => boolean, string][] = [
    ["diy", (c) => c.type === "store" && c.who === "diy", "diy"],
    ["trade", (c) => c.type === "store" && c.who === "trade", "trade"],
    ["online", (c) => c.type === "online", "online"],
  ];
  // Days of each weekday per country that are not holidays (the denominator of a mean day).
  const days = new Map<string, number[]>();
  const countries = new Set(counts.map((c) => c.country));
  for (const country of countries) {
    const n = new Array(7).fill(0);
    for (let d = period.first; d <= period.last; d++) {
      if (!holidays.get(country)?.has(d)) n[weekdayOf(d)]++;
    }
    days.set(country, n);
  }
  const figures: Figure[] = [];
  for (const [name, keep, key] of series) {
    const sums = new Map<string, number[]>();
    for (const c of counts) {
      if (!keep(c) || holidays.get(c.country)?.has(c.day)) continue;
      if (name !== "online" && sundayClosed.has(c.country)) continue;
      if (!sums.has(c.country)) sums.set(c.country, new Array(7).fill(0));
      sums.get(c.country)![weekdayOf(c.day)] += c.baskets;
    }
    const perDay = new Array(7).fill(0);
    for (const [country, s] of sums) {
      const n = days.get(country)!;
      for (let w = 0; w < 7; w++) perDay[w] += n[w] > 0 ? s[w] / n[w] : 0;
    }
    const mean = perDay.reduce((a, b) => a + b, 0) / 7;
    const injected = at(truth, `retail.traffic.weekday.monday_to_sunday.${key}`) as
      | number[]
      | undefined;
    for (let w = 0; w < 7; w++) {
      figures.push({
        metric: `weekday index, ${name} ${WEEKDAYS[w]}`,
        value: mean > 0 ? perDay[w] / mean : null,
        unit: "ratio",
        truth: injected?.[w],
        note: w === 0
          ? `baskets per ${name === "online" ? "online" : "store"} day ÷ the mean day; holidays${
            name === "online" ? "" : " and Sunday-closed countries"
          } left out`
          : undefined,
      });
    }
  }
  return figures;
}

/** Day of year (1 … 366) of a day number. */
function dayOfYear(d: number): number {
  const date = new Date(d * 86_400_000);
  return (Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) -
        Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000 + 1;
}

/**
 * Seasonal amplitude and peak per hemisphere, from log daily baskets of
 * established stores: one row per country and day (holidays of the country
 * left out, as are days a country's stores are shut), fitted with a fixed
 * effect per country × weekday, a common trend and the first yearly harmonic.
 *
 * Per country, not pooled by day: a day's total over countries loses every
 * country that has a holiday that day, and the northern holidays bunch in
 * spring and summer (May Day, Ascension, Whit Monday, Memorial Day, 1, 4 and
 * 14 July, …), so a pooled series dips on peak-season days and understates
 * the amplitude (0.054 instead of the per-country 0.066 at scale 0.1).
 */
function seasonFigures(
  counts: DayCount[],
  holidays: Map<string, Map<number, boolean>>,
  truth: unknown,
): Figure[] {
  const amplitude = num(truth, "retail.traffic.seasonality.amplitude");
  const peak = num(truth, "retail.traffic.seasonality.peakDayOfYear");
  const figures: Figure[] = [];
  for (const [hemisphere, shift] of [["north", 0], ["south", 182.6]] as const) {
    const byCountryDay = new Map<string, number>();
    for (const c of counts) {
      if (c.type !== "store" || !c.established || c.hemisphere !== hemisphere) continue;
      if (holidays.get(c.country)?.has(c.day)) continue;
      const k = `${c.country}:${c.day}`;
      byCountryDay.set(k, (byCountryDay.get(k) ?? 0) + c.baskets);
    }
    // Days with no baskets at all (a closed weekday) have no row.
    const rows = [...byCountryDay].filter(([, b]) => b > 0).map(([k, b]) => {
      const [country, day] = k.split(":");
      return { country, day: Number(day), y: Math.log(b) };
    }).sort((a, b) => a.day - b.day || (a.country < b.country ? -1 : 1));
    const countries = [...new Set(rows.map((r) => r.country))].sort();
    if (rows.length < 400 * countries.length) continue;
    const cols: Float64Array[] = [];
    // A fixed effect per country × weekday (the first country's Monday is the intercept).
    for (const country of countries) {
      for (let w = 0; w < 7; w++) {
        const col = Float64Array.from(
          rows,
          (r) => (r.country === country && weekdayOf(r.day) === w ? 1 : 0),
        );
        if (col.some((v) => v > 0)) cols.push(col);
      }
    }
    const t0 = rows[0].day;
    cols.push(Float64Array.from(rows, (r) => (r.day - t0) / 365.25));
    cols.push(Float64Array.from(rows, (r) => Math.cos((2 * Math.PI * dayOfYear(r.day)) / 365.25)));
    cols.push(Float64Array.from(rows, (r) => Math.sin((2 * Math.PI * dayOfYear(r.day)) / 365.25)));
    const b = leastSquares(cols, Float64Array.from(rows, (r) => r.y));
    const a = b[cols.length - 2], s = b[cols.length - 1];
    const c = Math.hypot(a, s);
    let peakDay = (Math.atan2(s, a) * 365.25) / (2 * Math.PI);
    if (peakDay < 0) peakDay += 365.25;
    figures.push({
      metric: `seasonal amplitude, ${hemisphere}`,
      value: amplitudeFromLogHarmonic(c),
      unit: "ratio",
      truth: amplitude,
      note: `log daily baskets per country (${
        countries.join(", ")
      }) of stores open all period, holidays left out ~ country × weekday + trend + cos + sin of the day of year`,
    });
    figures.push({
      metric: `seasonal peak day of year, ${hemisphere}`,
      value: peakDay,
      unit: "day",
      truth: peak === undefined ? undefined : (peak + shift) % 365.25,
    });
  }
  return figures;
}

/** Holiday effect: baskets on holidays ÷ the same weekday one and two weeks before and after. */
function holidayFigures(
  counts: DayCount[],
  holidays: Map<string, Map<number, boolean>>,
  sundayClosed: Set<string>,
  truth: unknown,
): Figure[] {
  const groups: [string, (c: DayCount) => boolean, boolean, string, boolean][] = [
    [
      "DIY in stores, open holiday",
      (c) => c.type === "store" && c.who === "diy",
      false,
      "openDiy",
      true,
    ],
    [
      "trade in stores, open holiday",
      (c) => c.type === "store" && c.who === "trade",
      false,
      "openTrade",
      true,
    ],
    ["online, open holiday", (c) => c.type === "online", false, "openOnline", false],
    ["online, closed holiday", (c) => c.type === "online", true, "closedOnline", false],
  ];
  const figures: Figure[] = [];
  for (const [label, keep, closed, key, isStore] of groups) {
    const byDay = new Map<string, number>();
    for (const c of counts) {
      if (!keep(c)) continue;
      const k = `${c.country}:${c.day}`;
      byDay.set(k, (byDay.get(k) ?? 0) + c.baskets);
    }
    let obs = 0, base = 0, n = 0;
    for (const [country, hs] of holidays) {
      for (const [day, storesClosed] of hs) {
        if (storesClosed !== closed) continue;
        if (isStore && sundayClosed.has(country) && weekdayOf(day) === 6) continue;
        const around = [-14, -7, 7, 14].map((o) => day + o).filter((d) => !hs.has(d))
          .map((d) => byDay.get(`${country}:${d}`));
        if (around.some((v) => v === undefined) || !byDay.has(`${country}:${day}`)) continue;
        obs += byDay.get(`${country}:${day}`)!;
        base += (around as number[]).reduce((a, b) => a + b, 0) / around.length;
        n++;
      }
    }
    figures.push({
      metric: `holiday effect, ${label}`,
      value: base > 0 ? obs / base : null,
      unit: "ratio",
      truth: num(truth, `retail.traffic.holidays.${key}`),
      note: `${n} holiday × country days; baseline: the same weekday ±1 and ±2 weeks`,
    });
  }
  return figures;
}

/** Revenue per SKU in the reporting currency (monthly FX), with the SKU's brand type. */
function skuRevenue(ds: Dataset): pl.DataFrame {
  const monthlyFx = fxFrame(ds).groupBy([
    pl.col("day").dt.truncate("1mo").alias("month"),
    pl.col("currency"),
  ])
    .agg(pl.col("fx").mean().alias("fx"));
  return ds.scan("retail_transaction_lines").select(
    "site_id",
    "sku_id",
    pl.col("transaction_date").dt.truncate("1mo").alias("month"),
    "net_amount",
  ).join(sitesFrame(ds).select("site_id", "currency"), { on: "site_id", how: "left" })
    .groupBy(["sku_id", "currency", "month"]).agg(pl.col("net_amount").sum().alias("net"))
    .join(monthlyFx, { on: ["month", "currency"], how: "left" })
    .groupBy("sku_id").agg(
      pl.col("net").cast(pl.Float64).mul(pl.col("fx")).sum().div(100).alias("revenue"),
    )
    .join(
      ds.scan("products").select("sku_id", "brand_id").join(
        ds.scan("brands").select("brand_id", "brand_type"),
        { on: "brand_id", how: "left" },
      ),
      { on: "sku_id", how: "left" },
    ).sort("revenue", true).collectSync();
}

function shapeFigures(ds: Dataset): Figure[] {
  const rev = skuRevenue(ds);
  const r = Float64Array.from(rev.getColumn("revenue").toArray() as number[]);
  const total = r.reduce((a, b) => a + b, 0);
  const top = Math.max(1, Math.round(r.length * 0.2));
  let topSum = 0;
  for (let i = 0; i < top; i++) topSum += r[i];
  const types = rev.getColumn("brand_type").toArray() as string[];
  let own = 0;
  types.forEach((t, i) => {
    if (t === "private_label") own += r[i];
  });
  const baskets = ds.scan("retail_transactions").select(
    pl.when(pl.col("customer_type").eq(pl.lit("trade"))).then(pl.lit("trade"))
      .otherwise(pl.lit("diy")).alias("who"),
    "line_count",
    "item_qty",
  ).groupBy("who").agg(
    pl.col("line_count").cast(pl.Float64).mean().alias("lines"),
    pl.col("item_qty").cast(pl.Float64).mean().alias("units"),
  ).sort("who").collectSync().toRecords();
  const figures: Figure[] = [{
    metric: "SKU Pareto: revenue share of the top 20 % of SKUs",
    value: total > 0 ? (100 * topSum) / total : null,
    unit: "%",
    target: RETAIL_PARETO,
    note: `${r.length} SKUs sold; not an injected parameter (no ground truth)`,
  }];
  for (const b of baskets) {
    figures.push({
      metric: `basket size, ${b.who}: lines per basket`,
      value: Number(b.lines),
      unit: "lines",
      target: RETAIL_BASKET_LINES,
    });
    figures.push({
      metric: `basket size, ${b.who}: units per basket`,
      value: Number(b.units),
      unit: "units",
    });
  }
  figures.push({
    metric: "own-brand (private label) share of revenue",
    value: total > 0 ? (100 * own) / total : null,
    unit: "%",
    note:
      "no ground truth: the own brand's share comes out of popularity, prices and cannibalisation",
  });
  return figures;
}

/** A number in a ground-truth prose rule such as "P(take deal) 0.55 × get / (buy + get)". */
function numberIn(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  const m = /(\d+(?:\.\d+)?)/.exec(text.replace("P(take deal)", ""));
  return m ? Number(m[1]) : undefined;
}

/** Monday (day number) of the week of a day-number expression. */
const mondayOf = (day: pl.Expr) => day.sub(day.add(3).modulo(7)).cast(pl.Int32);

/**
 * Promotion lift by mechanic, measured on the weekly units bought by trade
 * accounts (`customer_type` trade) of each promoted SKU in its segment, with
 * each site-week's lost sales (`store_inventory`) spread over its buyers in
 * proportion to what they bought (a stock-out censors sales, not what
 * shoppers asked for): units per week in the promotion's weeks ÷ units per
 * week in the clean weeks of the four before, pooled over promotion × SKU
 * pairs (pairs with no baseline units count too: dropping them would select
 * lucky baselines). Clean weeks: a week in which the SKU was on another
 * promotion (of any audience) is not its baseline, and a window week in which
 * another promotion also covers the SKU measures that one's lift too; nor is
 * a week in which a third-party SKU is cannibalised (an own-brand SKU of its
 * kind and subcategory on promotion). Promotions (and weeks) start on Mondays,
 * as do the inventory weeks.
 *
 * Why trade accounts: the rule lifts a SKU's weight in a choice among its
 * kind, and only trade shoppers always choose among the whole kind. A DIY
 * oil change, and a loyalty member's motor oil and filters, are chosen among
 * the SKUs that fit one vehicle, where a promoted SKU holds a larger share and
 * so gains less (its kind's lift falls 10–15 % short for motor oil and oil
 * filters); which vehicle an anonymous oil change was for is not in the data,
 * so that share cannot be measured. Trade walk-ins are anonymous in the data,
 * so they are left out with the DIY shoppers.
 *
 * Beside it, the lift the ground truth's rule implies for the same pairs: the
 * choice multiplier M = feature · (1 − depth)^ε of each promoted SKU, shared
 * within its kind, so the unit lift is M · R^(e − 1) with R = 1 + Σ s (M − 1)
 * over the promotion's SKUs of the kind (s: each one's share of the kind's
 * trade-account lines in the baseline weeks, its share of the choice weight)
 * and e the category-expansion exponent; for buy x get y, times the units a
 * line gains because a deal taker (P(take deal)) buys at least buy + get:
 * Q = 1 − P + P · Σ max(q, buy + get) / Σ q over the SKU's trade-account lines
 * in the baseline weeks. Depth of a fixed price: 1 − promo price ÷ the list
 * price at the promotion's start (the generator uses each day's list price;
 * over a window of at most three weeks the two differ by under 1 % of lift).
 * Promotions for all shoppers only; kit deals are left out (they move P(kit),
 * not a SKU's choice weight).
 */
function liftFigures(ds: Dataset, truth: unknown): Figure[] {
  const feature = at(truth, "retail.promotions.featureLift") as Record<string, number> | undefined;
  const elasticity = at(truth, "retail.prices.elasticity") as Record<string, number> | undefined;
  const expansion = num(truth, "retail.promotions.categoryExpansion.exponent") ?? 0.5;
  const pTake = num(truth, "retail.promotions.dealTakers.pTakeDeal") ??
    numberIn(at(truth, "retail.promotions.depth.buy_x_get_y"));
  const reach = numberIn(at(truth, "retail.promotions.depth.lube_deal"));
  const first = periodBounds(ds).first;
  const products = ds.scan("products").select("sku_id", "product_kind", "subcategory", "brand_id")
    .join(ds.scan("brands").select("brand_id", "brand_type"), { on: "brand_id", how: "left" })
    .select("sku_id", "product_kind", "subcategory", "brand_type");
  const allPromos = ds.scan("promotions").filter(pl.col("mechanic").neq(pl.lit("kit_deal")))
    .select(
      "promotion_id",
      "mechanic",
      "audience",
      "segment_id",
      dayNo("start_date").alias("start"),
      dayNo("end_date").alias("end"),
      "discount_bp",
      "buy_qty",
      "get_qty",
    ).join(
      ds.scan("promotion_products").select("promotion_id", "sku_id", "promo_price"),
      { on: "promotion_id", how: "inner" },
    ).join(products, { on: "sku_id", how: "left" });
  const list = ds.scan("price_book").select(
    "sku_id",
    "segment_id",
    dayNo("valid_from").alias("from"),
    dayNo("valid_to").alias("to"),
    "retail_list_price",
  );
  const listAtStart = allPromos.filter(pl.col("mechanic").eq(pl.lit("fixed_price")))
    .select("promotion_id", "sku_id", "segment_id", "start")
    .join(list, { on: ["sku_id", "segment_id"], how: "inner" })
    .filter(pl.col("start").gtEq(pl.col("from")).and(pl.col("start").ltEq(pl.col("to"))))
    .select("promotion_id", "sku_id", "retail_list_price");
  const rows = allPromos.join(listAtStart, { on: ["promotion_id", "sku_id"], how: "left" })
    .collectSync().toRecords();
  // Deal sizes (buy + get) of the buy-x-get-y promotions: Σ max(q, n) is summed for each.
  const dealSizes = [
    ...new Set(
      rows.filter((r) => r.mechanic === "buy_x_get_y").map((r) =>
        Number(r.buy_qty) + Number(r.get_qty)
      ),
    ),
  ].sort((a, b) => a - b);
  // Trade-account lines per site × SKU × week (kits are DIY only), reduced before any wide join.
  const segments = ds.scan("sites").select("site_id", "segment_id");
  const tradeLines = ds.scan("retail_transaction_lines").select(
    "transaction_id",
    "site_id",
    "sku_id",
    mondayOf(dayNo("transaction_date")).alias("week"),
    "qty",
  ).join(
    ds.scan("retail_transactions").filter(pl.col("customer_type").eq(pl.lit("trade")))
      .select("transaction_id"),
    { on: "transaction_id", how: "semi" },
  ).groupBy(["site_id", "sku_id", "week"]).agg(
    pl.col("qty").sum().alias("units"),
    pl.len().alias("lines"),
    ...dealSizes.map((n) =>
      pl.when(pl.col("qty").gt(n)).then(pl.col("qty")).otherwise(pl.lit(n)).sum().alias(`max${n}`)
    ),
  ).join(segments, { on: "site_id", how: "left" });
  // Units of promoted pairs, each site-week's lost sales spread over its buyers.
  const skuWeeks = tradeLines.join(allPromos.select("segment_id", "sku_id").unique(), {
    on: ["segment_id", "sku_id"],
    how: "semi",
  }).join(
    ds.scan("store_inventory").select(
      "site_id",
      "sku_id",
      dayNo("week_start").alias("week"),
      "sales_qty",
      "lost_sales_qty",
    ),
    { on: ["site_id", "sku_id", "week"], how: "left" },
  ).withColumns(
    pl.when(pl.col("sales_qty").gt(0)).then(
      pl.col("sales_qty").add(pl.col("lost_sales_qty")).cast(pl.Float64).div(pl.col("sales_qty")),
    ).otherwise(pl.lit(1)).alias("uncensor"),
  ).groupBy(["segment_id", "sku_id", "week"]).agg(
    pl.col("units").mul(pl.col("uncensor")).sum().alias("demand"),
    pl.col("units").sum().alias("units"),
    pl.col("lines").sum().alias("lines"),
    ...dealSizes.map((n) => pl.col(`max${n}`).sum().alias(`max${n}`)),
  ).collectSync().toRecords();
  const kindWeeks = tradeLines.join(products.select("sku_id", "product_kind"), {
    on: "sku_id",
    how: "left",
  }).groupBy(["segment_id", "product_kind", "week"]).agg(pl.col("lines").sum().alias("lines"))
    .collectSync().toRecords();
  const weekOf = new Map<string, Record<string, unknown>>();
  for (const r of skuWeeks) weekOf.set(`${r.segment_id}:${r.sku_id}:${r.week}`, r);
  const kindLines = new Map<string, number>();
  for (const r of kindWeeks) {
    kindLines.set(`${r.segment_id}:${r.product_kind}:${r.week}`, Number(r.lines));
  }
  const field = (k: string, f: string) => Number(weekOf.get(k)?.[f] ?? 0);
  // Promotions (any audience) covering a segment × SKU × week (weeks start on Mondays), and the
  // segment × kind|subcategory × weeks with an own-brand SKU on promotion (cannibalisation).
  const covered = new Map<string, number[]>();
  const ownOnPromo = new Set<string>();
  for (const r of rows) {
    for (let w = Number(r.start); w <= Number(r.end); w += 7) {
      const k = `${r.segment_id}:${r.sku_id}:${w}`;
      const ids = covered.get(k);
      if (ids) ids.push(Number(r.promotion_id));
      else covered.set(k, [Number(r.promotion_id)]);
      if (r.brand_type === "private_label") {
        ownOnPromo.add(`${r.segment_id}:${r.product_kind}|${r.subcategory}:${w}`);
      }
    }
  }
  interface Pair {
    promo: number;
    mech: string;
    kind: string;
    during: number;
    before: number;
    share: number;
    m: number;
    q: number;
  }
  const pairs: Pair[] = [];
  for (const r of rows) {
    if (r.audience !== "all" || Number(r.start) < first + 28) continue;
    const mech = String(r.mechanic), kind = String(r.product_kind);
    const eps = elasticity?.[kind], f = feature?.[mech];
    if (eps === undefined || f === undefined) continue;
    let depth: number | undefined;
    const buy = Number(r.buy_qty), get = Number(r.get_qty);
    if (mech === "percent_off") depth = Number(r.discount_bp) / 1e4;
    else if (mech === "lube_deal" && reach !== undefined) {
      depth = reach * Number(r.discount_bp) / 1e4;
    } else if (mech === "fixed_price" && r.retail_list_price !== null && r.promo_price !== null) {
      depth = 1 - Number(r.promo_price) / Number(r.retail_list_price);
    } else if (mech === "buy_x_get_y" && pTake !== undefined) {
      depth = pTake * get / (buy + get);
    }
    if (depth === undefined || !Number.isFinite(depth)) continue;
    const seg = r.segment_id, sku = r.sku_id, start = Number(r.start), end = Number(r.end);
    const cannibalised = (w: number) =>
      r.brand_type === "third_party" &&
      ownOnPromo.has(`${seg}:${kind}|${r.subcategory}:${w}`);
    let dSum = 0, dN = 0, bSum = 0, bN = 0, lSum = 0, kSum = 0, qSum = 0, qMax = 0;
    for (let w = start; w <= end; w += 7) {
      if (covered.get(`${seg}:${sku}:${w}`)!.length > 1 || cannibalised(w)) continue;
      dSum += field(`${seg}:${sku}:${w}`, "demand");
      dN++;
    }
    for (let w = start - 28; w < start; w += 7) {
      if (covered.has(`${seg}:${sku}:${w}`) || cannibalised(w)) continue;
      const k = `${seg}:${sku}:${w}`;
      bSum += field(k, "demand");
      lSum += field(k, "lines");
      kSum += kindLines.get(`${seg}:${kind}:${w}`) ?? 0;
      qSum += field(k, "units");
      if (mech === "buy_x_get_y") qMax += field(k, `max${buy + get}`);
      bN++;
    }
    if (dN === 0 || bN < 2) continue;
    pairs.push({
      promo: Number(r.promotion_id),
      mech,
      kind,
      during: dSum / dN,
      before: bSum / bN,
      share: kSum > 0 ? lSum / kSum : 0,
      m: f * Math.pow(1 - depth, eps),
      q: mech === "buy_x_get_y" && pTake !== undefined && qSum > 0
        ? 1 - pTake + pTake * qMax / qSum
        : 1,
    });
  }
  const ratio = new Map<string, number>();
  for (const p of pairs) {
    const k = `${p.promo}:${p.kind}`;
    ratio.set(k, (ratio.get(k) ?? 1) + p.share * (p.m - 1));
  }
  const figures: Figure[] = [];
  for (const mech of ["percent_off", "fixed_price", "buy_x_get_y", "lube_deal"]) {
    let during = 0, base = 0, expected = 0, n = 0;
    for (const p of pairs) {
      if (p.mech !== mech) continue;
      during += p.during;
      base += p.before;
      expected += p.before * p.q * p.m *
        Math.pow(ratio.get(`${p.promo}:${p.kind}`)!, expansion - 1);
      n++;
    }
    figures.push({
      metric: `promotion lift, ${mech.replaceAll("_", " ")}`,
      value: base > 0 ? during / base : null,
      unit: "ratio",
      truth: base > 0 ? expected / base : undefined,
      note:
        `${n} promotion × SKU pairs; trade accounts' weekly units (lost sales spread over buyers) in the window ÷ the clean weeks of the four before, pooled`,
    });
  }
  return figures;
}

/**
 * Price elasticity by kind: a Poisson regression (PPML) of monthly demand
 * (sales + lost sales, `store_inventory`, summed over the month's clean
 * weeks, with their number as exposure) on log list price (`price_book`) per
 * SKU × segment × month, with fixed effects for SKU × segment and for
 * segment × month within the kind (which absorb seasons, trend and the kind's
 * total). Clean weeks: none in which a promotion of any audience covers the
 * SKU, or an own-brand SKU of its kind and subcategory (cannibalisation),
 * none that straddle a month start (prices change on the first of a month),
 * and only weeks the SKU is on sale throughout (from its launch, before its
 * discontinuation: a discontinued SKU's stock rows stay, with no demand).
 *
 * Demand rather than sales lines: a stock-out censors sales, and shelves run
 * out more often after a price cut than after a rise, which biases a slope on
 * sales toward zero. The price of a month is the price book's, not the mean
 * paid, so discounts do not leak into it. Poisson rather than least squares
 * on log demand: slow movers have weeks, even months, of no demand, which a
 * log cannot take and least squares weighs as much as a busy SKU's.
 */
export function elasticityFigures(ds: Dataset, truth: unknown): Figure[] {
  const injected = at(truth, "retail.prices.elasticity") as Record<string, number> | undefined;
  const products = ds.scan("products").select("sku_id", "product_kind", "subcategory", "brand_id")
    .join(ds.scan("brands").select("brand_id", "brand_type"), { on: "brand_id", how: "left" });
  // Promotion weeks per segment × SKU, and per segment × kind × subcategory for the own brand.
  const promoSku = ds.scan("promotions").filter(pl.col("mechanic").neq(pl.lit("kit_deal")))
    .select(
      "promotion_id",
      "segment_id",
      dayNo("start_date").alias("start"),
      dayNo("end_date").alias("end"),
    )
    .join(ds.scan("promotion_products").select("promotion_id", "sku_id"), {
      on: "promotion_id",
      how: "inner",
    }).join(products, { on: "sku_id", how: "left" }).collectSync().toRecords();
  const blocked = new Set<string>();
  for (const r of promoSku) {
    const own = r.brand_type === "private_label";
    for (let w = Number(r.start); w <= Number(r.end); w += 7) {
      blocked.add(`${r.segment_id}:${r.sku_id}:${w}`);
      if (own) blocked.add(`${r.segment_id}:${r.product_kind}|${r.subcategory}:${w}`);
    }
  }
  const weekly = ds.scan("store_inventory").select(
    "site_id",
    "sku_id",
    dayNo("week_start").alias("week"),
    pl.col("sales_qty").add(pl.col("lost_sales_qty")).alias("demand"),
  ).filter(
    pl.col("week").add(6).cast(pl.Date).dt.month().eq(
      pl.col("week").cast(pl.Date).dt.month(),
    ),
  )
    .join(ds.scan("sites").select("site_id", "segment_id"), { on: "site_id", how: "left" })
    .groupBy(["segment_id", "sku_id", "week"]).agg(pl.col("demand").sum().alias("demand"))
    .join(
      ds.scan("price_book").select(
        "sku_id",
        "segment_id",
        dayNo("valid_from").alias("from"),
        dayNo("valid_to").alias("to"),
        "retail_list_price",
      ),
      { on: ["segment_id", "sku_id"], how: "inner" },
    ).filter(pl.col("week").gtEq(pl.col("from")).and(pl.col("week").ltEq(pl.col("to"))))
    .join(products, { on: "sku_id", how: "left" })
    .join(
      ds.scan("products").select(
        "sku_id",
        dayNo("launch_date").alias("launch"),
        dayNo("discontinue_date").alias("discontinue"),
      ),
      { on: "sku_id", how: "left" },
    )
    // Weeks the SKU is on sale throughout (a discontinued SKU's stock rows stay, with no demand).
    .filter(
      pl.col("week").gtEq(pl.col("launch")).and(
        pl.col("discontinue").isNull().or(pl.col("week").add(6).lt(pl.col("discontinue"))),
      ),
    )
    .select(
      "segment_id",
      "sku_id",
      "week",
      pl.col("week").cast(pl.Date).dt.truncate("1mo").cast(pl.Int32).alias("month"),
      "product_kind",
      "subcategory",
      pl.col("demand").cast(pl.Float64).alias("demand"),
      pl.col("retail_list_price").cast(pl.Float64).alias("price"),
    ).collectSync().toRecords();
  // Month totals over the clean weeks, per kind.
  interface Cell {
    pair: string;
    month: string;
    y: number;
    weeks: number;
    price: number;
  }
  const cells = new Map<string, Map<string, Cell>>();
  for (const r of weekly) {
    if (
      blocked.has(`${r.segment_id}:${r.sku_id}:${r.week}`) ||
      blocked.has(`${r.segment_id}:${r.product_kind}|${r.subcategory}:${r.week}`)
    ) continue;
    const kind = String(r.product_kind);
    if (!cells.has(kind)) cells.set(kind, new Map());
    const key = `${r.segment_id}:${r.sku_id}:${r.month}`;
    const c = cells.get(kind)!.get(key);
    if (c) (c.y += Number(r.demand), c.weeks++);
    else {
      cells.get(kind)!.set(key, {
        pair: `${r.segment_id}:${r.sku_id}`,
        month: `${r.segment_id}:${r.month}`,
        y: Number(r.demand),
        weeks: 1,
        price: Number(r.price),
      });
    }
  }
  const figures: Figure[] = [];
  for (const kind of [...cells.keys()].sort()) {
    let rows = [...cells.get(kind)!.values()];
    // Fixed-effect groups with no demand at all carry no information (their effect is −∞).
    for (let pass = 0; pass < 3; pass++) {
      const tot = new Map<string, number>();
      for (const c of rows) {
        tot.set(c.pair, (tot.get(c.pair) ?? 0) + c.y);
        tot.set(c.month, (tot.get(c.month) ?? 0) + c.y);
      }
      rows = rows.filter((c) => tot.get(c.pair)! > 0 && tot.get(c.month)! > 0);
    }
    const ids = (keys: string[]) => {
      const m = new Map<string, number>();
      return Int32Array.from(keys, (k) => {
        let v = m.get(k);
        if (v === undefined) m.set(k, v = m.size);
        return v;
      });
    };
    const x = Float64Array.from(rows, (c) => Math.log(c.price));
    const groups = [ids(rows.map((c) => c.pair)), ids(rows.map((c) => c.month))];
    const xd = demean(x.slice(), groups);
    const sd = Math.sqrt(xd.reduce((a, v) => a + v * v, 0) / Math.max(1, rows.length));
    const fit = rows.length > 0 && sd > 1e-4
      ? poissonSlope(
        Float64Array.from(rows, (c) => c.y),
        x,
        Float64Array.from(rows, (c) => Math.log(c.weeks)),
        groups,
      )
      : null;
    const ok = fit !== null && Number.isFinite(fit.beta);
    figures.push({
      metric: `price elasticity, ${kind.replaceAll("_", " ")}`,
      value: ok ? fit.beta : null,
      unit: "ratio",
      truth: injected?.[kind],
      standardError: ok && Number.isFinite(fit.se) ? fit.se : undefined,
      note: `${
        ok ? `standard error ${fit.se.toFixed(2)} (clustered by SKU × segment); ` : ""
      }${rows.length} SKU × segment × months, ${
        Math.round(rows.reduce((a, c) => a + c.y, 0))
      } units; within-price s.d. ${(100 * sd).toFixed(2)} %`,
    });
  }
  return figures;
}

/** The retail effects, beside the ground truth. */
export const RETAIL_EFFECTS: ProfileSection = {
  id: "retail.effects",
  tier: "retail",
  title: "Retail: effects against the ground truth",
  tables: [
    "retail_transactions",
    "retail_transaction_lines",
    "store_inventory",
    "promotions",
    "promotion_products",
    "price_book",
    "products",
    "brands",
    "sites",
    "countries",
    "holidays",
    "calendar",
    "fx_rates",
  ],
  compute(ds, truth) {
    const period = periodBounds(ds);
    const counts = dailyBaskets(ds, period.first);
    const holidays = holidayMap(ds);
    const sundayClosed = new Set(
      (at(truth, "retail.traffic.holidays.sundayClosedCountries") as string[] | undefined) ?? [],
    );
    return [
      ...weekdayFigures(counts, holidays, sundayClosed, period, truth),
      ...seasonFigures(counts, holidays, truth),
      ...holidayFigures(counts, holidays, sundayClosed, truth),
      ...liftFigures(ds, truth),
      ...elasticityFigures(ds, truth),
      ...shapeFigures(ds),
    ];
  },
};
