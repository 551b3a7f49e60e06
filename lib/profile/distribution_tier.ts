/**
 * The distribution tier's business figures, from the data alone: revenue,
 * gross margin, inventory turns and days of supply, trade fill rate and
 * backorders, on-time shipping and supplier on-time delivery, expedited
 * purchases, days sales outstanding, receivables aging at the period's end,
 * and the bullwhip ratio (order variance growing upstream) — each beside the
 * public range the generator aims for, where one exists.
 *
 * Every query scans lazily and groups the big tables (invoice lines, order
 * and shipment lines, retail sales lines) before joining them to anything, so
 * memory grows with the number of invoices, order lines or SKU × segment ×
 * week cells, not with the rows of the largest table. The building blocks are
 * exported: notebook 08 draws its charts from the same queries.
 *
 * @module
 */

import pl from "nodejs-polars";
import type { Dataset } from "../validate/dataset.ts";
import { dayNo, fxFrame, periodDays, receivablesByDay, scalar } from "./frames.ts";
import {
  BULLWHIP_SOURCE,
  DISTRIBUTOR_DAYS_OF_SUPPLY,
  DISTRIBUTOR_DSO,
  DISTRIBUTOR_FILL_RATE,
  DISTRIBUTOR_GROSS_MARGIN,
  DISTRIBUTOR_INVENTORY_TURNS,
} from "./sources.ts";
import type { Figure, ProfileSection } from "./types.ts";

const f64 = (c: string) => pl.col(c).cast(pl.Float64);

/** First and last day of the period (days since 1970-01-01), from the calendar. */
export function periodBounds(ds: Dataset): { first: number; last: number } {
  const df = ds.scan("calendar").select(
    dayNo("date").min().alias("first"),
    dayNo("date").max().alias("last"),
  ).collectSync();
  return { first: scalar(df, "first")!, last: scalar(df, "last")! };
}

/**
 * Invoice and credit-note lines reduced to one row per invoice (and per
 * `lineKeys`, product columns such as `brand_type` or `department`), with the
 * invoice's day, currency, customer type and amounts in the reporting currency
 * at the invoice day's FX rate: `net_rep` (Σ net_amount) and `cost_rep`
 * (Σ qty × unit_cost), both in major units.
 */
export function invoiceFacts(ds: Dataset, lineKeys: string[] = []): pl.LazyDataFrame {
  let lines = ds.scan("distributor_invoice_lines").select(
    "invoice_id",
    "sku_id",
    "net_amount",
    pl.col("qty").cast(pl.Int64).mul(pl.col("unit_cost")).alias("cost_amount"),
  );
  if (lineKeys.length) {
    const products = ds.scan("products").join(
      ds.scan("brands").select("brand_id", "brand_type"),
      { on: "brand_id", how: "left" },
    ).select("sku_id", ...lineKeys);
    lines = lines.join(products, { on: "sku_id", how: "left" });
  }
  const perInvoice = lines.groupBy(["invoice_id", ...lineKeys]).agg(
    pl.col("net_amount").sum().alias("net"),
    pl.col("cost_amount").sum().alias("cost"),
  );
  const customers = ds.scan("distributor_customers").select("customer_id", "customer_type");
  return perInvoice.join(
    ds.scan("distributor_invoices").select(
      "invoice_id",
      "invoice_type",
      "invoice_date",
      "currency",
      "customer_id",
    ),
    { on: "invoice_id", how: "inner" },
  ).join(customers, { on: "customer_id", how: "left" })
    .join(fxFrame(ds, "invoice_date"), { on: ["invoice_date", "currency"], how: "left" })
    .withColumns(
      f64("net").mul(pl.col("fx")).div(100).alias("net_rep"),
      f64("cost").mul(pl.col("fx")).div(100).alias("cost_rep"),
    );
}

/** Mean weekly stock at cost over all DCs (reporting currency, major units) per `by` (e.g. none, or `department`). */
export function weeklyDcStock(ds: Dataset, by: string[] = []): pl.LazyDataFrame {
  let inv: pl.LazyDataFrame = ds.scan("dc_inventory").select(
    "dc_site_id",
    "sku_id",
    "snapshot_date",
    "closing_value",
  );
  if (by.length) {
    inv = inv.join(ds.scan("products").select("sku_id", ...by), { on: "sku_id", how: "left" });
  }
  const dcs = ds.scan("sites").select(pl.col("site_id").alias("dc_site_id"), "country_code")
    .join(ds.scan("countries").select("country_code", "currency"), {
      on: "country_code",
      how: "left",
    });
  return inv.groupBy(["dc_site_id", "snapshot_date", ...by]).agg(
    pl.col("closing_value").sum().alias("value"),
  ).join(dcs, { on: "dc_site_id", how: "left" })
    .join(fxFrame(ds, "snapshot_date"), { on: ["snapshot_date", "currency"], how: "left" })
    .groupBy(["snapshot_date", ...by]).agg(
      f64("value").mul(pl.col("fx")).sum().div(100).alias("stock_value"),
    );
}

/**
 * Every sales order line with its order's type and day, the units that left
 * on the order day (`first_qty`: the first shipment, not a backorder) and the
 * units shipped in all (`shipped_qty`).
 */
export function orderLineFill(ds: Dataset): pl.LazyDataFrame {
  const orders = ds.scan("distributor_sales_orders").select(
    "order_id",
    "order_type",
    "order_date",
  );
  const firstShipments = ds.scan("distributor_shipments")
    .filter(pl.col("is_backorder").not())
    .select("shipment_id", "order_id", "ship_date")
    .join(orders.select("order_id", "order_date"), { on: "order_id", how: "inner" })
    .filter(dayNo("ship_date").eq(dayNo("order_date")))
    .select("shipment_id");
  const lines = ds.scan("distributor_shipment_lines").select(
    "shipment_id",
    "order_id",
    pl.col("order_line_number").alias("line_number"),
    "qty",
  );
  const first = lines.join(firstShipments, { on: "shipment_id", how: "semi" })
    .groupBy(["order_id", "line_number"]).agg(pl.col("qty").sum().alias("first_qty"));
  const shipped = lines.groupBy(["order_id", "line_number"]).agg(
    pl.col("qty").sum().alias("shipped_qty"),
  );
  return ds.scan("distributor_sales_order_lines").select("order_id", "line_number", "qty")
    .join(orders, { on: "order_id", how: "inner" })
    .join(first, { on: ["order_id", "line_number"], how: "left" })
    .join(shipped, { on: ["order_id", "line_number"], how: "left" })
    .withColumns(
      pl.col("first_qty").fillNull(0).cast(pl.Int64),
      pl.col("shipped_qty").fillNull(0).cast(pl.Int64),
    );
}

/** Trade fill figures (percent): units and lines shipped on the order day, orders complete, backorders. */
export interface TradeFill {
  /** Units shipped on the order day ÷ units ordered. */
  unitFill: number;
  /** Lines shipped whole on the order day ÷ lines. */
  lineFill: number;
  /** Orders whose every line shipped whole on the order day ÷ orders. */
  orderFill: number;
  /** Lines with a shortfall on the order day (they wait as backorders) ÷ lines. */
  backorderLines: number;
  /** Units short on the order day that shipped later ÷ units short. */
  backorderShippedLater: number;
  /** Units never shipped (backorders cancelled or still open) ÷ units ordered. */
  unitsNeverShipped: number;
}

/** The trade fill rate and backorders over the period. */
export function tradeFill(ds: Dataset): TradeFill {
  const r = orderLineFill(ds).filter(pl.col("order_type").eq(pl.lit("trade")))
    .withColumns(pl.col("first_qty").gtEq(pl.col("qty")).alias("whole"))
    .groupBy("order_id").agg(
      pl.col("qty").sum().alias("qty"),
      pl.col("first_qty").sum().alias("first"),
      pl.col("shipped_qty").sum().alias("shipped"),
      pl.col("whole").cast(pl.Int64).sum().alias("whole_lines"),
      pl.len().alias("lines"),
    ).select(
      f64("qty").sum().alias("qty"),
      f64("first").sum().alias("first"),
      f64("shipped").sum().alias("shipped"),
      f64("whole_lines").sum().alias("whole_lines"),
      f64("lines").sum().alias("lines"),
      pl.col("whole_lines").eq(pl.col("lines")).cast(pl.Float64).mean().alias("order_fill"),
    ).collectSync().toRecords()[0] as Record<string, number>;
  const short = r.qty - r.first;
  return {
    unitFill: 100 * r.first / r.qty,
    lineFill: 100 * r.whole_lines / r.lines,
    orderFill: 100 * r.order_fill,
    backorderLines: 100 * (1 - r.whole_lines / r.lines),
    backorderShippedLater: short > 0 ? 100 * (r.shipped - r.first) / short : 100,
    unitsNeverShipped: 100 * (r.qty - r.shipped) / r.qty,
  };
}

/**
 * Open receivables and credit sales per day in the reporting currency
 * ({@link receivablesByDay} over distributor_invoices and distributor_payments).
 */
export function dailyReceivables(ds: Dataset): pl.DataFrame {
  return receivablesByDay(ds, ds.scan("distributor_invoices"), ds.scan("distributor_payments"));
}

/** Days a newly started ledger takes to fill up; DSO averages the days after it. */
export const RECEIVABLES_WARMUP_DAYS = 90;

/** DSO: mean open receivables ÷ mean daily credit sales (tax included), after the warm-up. */
export function daysSalesOutstanding(daily: pl.DataFrame): number | null {
  const r = daily.slice(RECEIVABLES_WARMUP_DAYS, daily.height).select(
    pl.col("open").mean().alias("open"),
    pl.col("invoiced").mean().alias("sales"),
  ).toRecords()[0] as Record<string, number>;
  return r && r.sales > 0 ? r.open / r.sales : null;
}

/** Aging buckets of open receivables, by days past the due date. */
export const AGING_BUCKETS = ["current", "1–30", "31–60", "61–90", ">90"] as const;

/** The bucket of `days` past due. */
export function agingBucket(days: number): (typeof AGING_BUCKETS)[number] {
  if (days <= 0) return "current";
  if (days <= 30) return "1–30";
  if (days <= 60) return "31–60";
  if (days <= 90) return "61–90";
  return ">90";
}

/**
 * Open receivables at the period's last day by aging bucket (reporting
 * currency at that day's FX rate) and by customer type: invoices less what was
 * paid, discounted or written off against each.
 */
export function receivablesAging(ds: Dataset): pl.DataFrame {
  const { last } = periodBounds(ds);
  const paid = ds.scan("distributor_payments").groupBy("invoice_id").agg(
    pl.col("amount").add(pl.col("discount_amount")).sum().alias("settled"),
  );
  const lastFx = fxFrame(ds).filter(dayNo("day").eq(last)).select("currency", "fx");
  const df = ds.scan("distributor_invoices")
    .filter(pl.col("invoice_type").eq(pl.lit("invoice")))
    .select("invoice_id", "customer_id", "currency", "due_date", "total_amount")
    .join(paid, { on: "invoice_id", how: "left" })
    .withColumns(pl.col("total_amount").sub(pl.col("settled").fillNull(0)).alias("open"))
    .filter(pl.col("open").gt(0))
    .join(
      ds.scan("distributor_customers").select("customer_id", "customer_type"),
      { on: "customer_id", how: "left" },
    )
    .join(lastFx, { on: "currency", how: "left" })
    .groupBy([pl.lit(last).sub(dayNo("due_date")).alias("days_past_due"), pl.col("customer_type")])
    .agg(f64("open").mul(pl.col("fx")).sum().div(100).alias("open"), pl.len().alias("invoices"))
    .collectSync();
  const sums = new Map<string, { open: number; invoices: number }>();
  for (const r of df.toRecords()) {
    const k = `${agingBucket(Number(r.days_past_due))}|${r.customer_type}`;
    const s = sums.get(k) ?? { open: 0, invoices: 0 };
    s.open += Number(r.open);
    s.invoices += Number(r.invoices);
    sums.set(k, s);
  }
  const rows = [...sums].map(([k, v]) => {
    const [bucket, customer_type] = k.split("|");
    return { bucket, customer_type, open: v.open, invoices: v.invoices };
  });
  const order = (b: string) => AGING_BUCKETS.indexOf(b as (typeof AGING_BUCKETS)[number]);
  rows.sort((a, b) =>
    order(a.bucket) - order(b.bucket) || a.customer_type.localeCompare(b.customer_type)
  );
  return pl.DataFrame(
    rows.length ? rows : { bucket: [], customer_type: [], open: [], invoices: [] },
  );
}

/** The levels of the chain whose weekly units the bullwhip ratio compares, downstream first. */
export const BULLWHIP_LEVELS = [
  "consumer sales",
  "store orders",
  "DC demand",
  "DC purchase orders",
] as const;
/** One of {@link BULLWHIP_LEVELS}. */
export type BullwhipLevel = (typeof BULLWHIP_LEVELS)[number];

/** Full weeks (Monday to Sunday) inside the period: their Mondays' day numbers. */
export function fullWeeks(ds: Dataset): number[] {
  const { first, last } = periodBounds(ds);
  const out: number[] = [];
  // 1970-01-05 (day 4) was a Monday.
  let monday = first + ((4 - first) % 7 + 7) % 7;
  for (; monday + 6 <= last; monday += 7) out.push(monday);
  return out;
}

/**
 * Weekly units per level × geo segment × SKU × week (Monday), over the full
 * weeks of the period: consumer sales (retail_transaction_lines at the
 * segment's stores and online shops), the stores' orders to the DC
 * (store_replenishment_order_lines, by order day), the DC's whole demand
 * (every distributor sales order line: store and trade orders) and the DC's
 * purchase orders (distributor_purchase_order_lines, by order day). Weeks
 * without units have no row.
 */
export function weeklyUnits(ds: Dataset): pl.LazyDataFrame {
  const weeks = fullWeeks(ds);
  const lo = weeks[0], hi = weeks[weeks.length - 1];
  const week = (c: string) => pl.col(c).dt.truncate("1w").alias("week");
  const inPeriod = (lf: pl.LazyDataFrame) =>
    lf.filter(dayNo("week").gtEq(lo).and(dayNo("week").ltEq(hi)));
  const keys = ["segment_id", "sku_id", "week"];
  const sum = pl.col("qty").cast(pl.Int64).sum().alias("units");
  const sites = ds.scan("sites").select("site_id", "segment_id");
  const sales = inPeriod(
    ds.scan("retail_transaction_lines").select("site_id", "sku_id", week("transaction_date"), "qty")
      .groupBy(["site_id", "sku_id", "week"]).agg(sum.alias("qty"))
      .join(sites, { on: "site_id", how: "left" })
      .groupBy(keys).agg(sum),
  );
  const byOrder = (lines: string, head: string, id: string) =>
    inPeriod(
      ds.scan(lines).select(id, "sku_id", "qty").groupBy([id, "sku_id"]).agg(sum.alias("qty"))
        .join(ds.scan(head).select(id, "segment_id", week("order_date")), { on: id, how: "inner" })
        .groupBy(keys).agg(sum),
    );
  const level = (lf: pl.LazyDataFrame, name: BullwhipLevel) =>
    lf.select(pl.lit(name).alias("level"), ...keys, "units");
  return pl.concat([
    level(sales, "consumer sales"),
    level(
      byOrder("store_replenishment_order_lines", "store_replenishment_orders", "order_id"),
      "store orders",
    ),
    level(
      byOrder("distributor_sales_order_lines", "distributor_sales_orders", "order_id"),
      "DC demand",
    ),
    level(
      byOrder("distributor_purchase_order_lines", "distributor_purchase_orders", "po_id"),
      "DC purchase orders",
    ),
  ], { how: "vertical" });
}

/** A level's bullwhip ratio against consumer sales. */
export interface BullwhipRatio {
  /** Level of the chain. */
  level: BullwhipLevel;
  /** Median over SKU × segment of var(level) ÷ var(consumer sales). */
  median: number;
  /** Σ var(level) ÷ Σ var(consumer sales) over the same SKU × segment pairs (big sellers weigh most). */
  pooled: number;
}

/** The bullwhip ratios and how they were measured. */
export interface Bullwhip {
  /** One per level, downstream first. */
  ratios: BullwhipRatio[];
  /** The DC's own bullwhip: median of var(DC purchase orders) ÷ var(DC demand). */
  dcOwnMedian: number;
  /** SKU × segment pairs measured (consumer sales vary in them). */
  pairs: number;
  /** Full weeks in the period. */
  weeks: number;
}

/**
 * The bullwhip ratio per level: for each SKU × geo segment, the variance over
 * the period's full weeks of the weekly units at that level (weeks without
 * units count as 0) divided by the variance of the consumer sales of the same
 * SKU in the same segment; then the median over the pairs (and the pooled
 * ratio of summed variances). Pairs whose consumer sales never vary are left
 * out.
 */
export function bullwhip(ds: Dataset): Bullwhip {
  const n = fullWeeks(ds).length;
  const variances = weeklyUnits(ds).groupBy(["level", "segment_id", "sku_id"]).agg(
    f64("units").sum().alias("s1"),
    f64("units").pow(2).sum().alias("s2"),
  ).select(
    "level",
    "segment_id",
    "sku_id",
    pl.col("s2").sub(pl.col("s1").pow(2).div(n)).div(n - 1).alias("var"),
  ).collectSync();
  const of = (level: BullwhipLevel) =>
    variances.filter(pl.col("level").eq(pl.lit(level))).select(
      "segment_id",
      "sku_id",
      pl.col("var").alias(level),
    );
  let wide = of("consumer sales").filter(pl.col("consumer sales").gt(1e-9));
  for (const level of BULLWHIP_LEVELS.slice(1)) {
    wide = wide.join(of(level), { on: ["segment_id", "sku_id"], how: "left" })
      .withColumns(pl.col(level).fillNull(0));
  }
  const stat = (e: pl.Expr) => Number(wide.select(e.alias("x")).getColumn("x").get(0));
  const ratios = BULLWHIP_LEVELS.map((level) => ({
    level,
    median: stat(pl.col(level).div(pl.col("consumer sales")).median()),
    pooled: stat(pl.col(level).sum().div(pl.col("consumer sales").sum())),
  }));
  const dcOwnMedian = stat(
    pl.col("DC purchase orders").div(pl.col("DC demand")).filter(pl.col("DC demand").gt(1e-9))
      .median(),
  );
  return { ratios, dcOwnMedian, pairs: wide.height, weeks: n };
}

/** The distribution tier's business figures. */
export const DISTRIBUTION_TIER: ProfileSection = {
  id: "distribution.tier",
  tier: "distribution",
  title: "Distribution: the business",
  tables: [
    "distributor_customers",
    "distributor_sales_orders",
    "distributor_sales_order_lines",
    "distributor_shipments",
    "distributor_shipment_lines",
    "distributor_invoices",
    "distributor_invoice_lines",
    "distributor_payments",
    "dc_inventory",
    "distributor_purchase_orders",
    "distributor_purchase_order_lines",
    "dc_receipts",
    "store_replenishment_orders",
    "store_replenishment_order_lines",
    "retail_transaction_lines",
    "sites",
    "countries",
    "fx_rates",
    "calendar",
    "products",
    "brands",
  ],
  compute(ds) {
    const years = periodDays(ds) / 365.25;
    const figures: Figure[] = [];

    const sales = invoiceFacts(ds).select(
      pl.col("net_rep").sum().alias("net"),
      pl.col("cost_rep").sum().alias("cost"),
    ).collectSync().toRecords()[0] as Record<string, number>;
    figures.push({
      metric: "revenue (net of tax) per year",
      value: sales.net / years,
      unit: "reporting currency",
      note: `Σ invoice and credit-note lines' net_amount at the invoice day's FX over ${
        years.toFixed(2)
      } years`,
    });
    figures.push({
      metric: "gross margin",
      value: sales.net > 0 ? (100 * (sales.net - sales.cost)) / sales.net : null,
      unit: "%",
      target: DISTRIBUTOR_GROSS_MARGIN,
      note: "(Σ net_amount − Σ qty × unit_cost) / Σ net_amount, distributor_invoice_lines",
    });

    const stock = weeklyDcStock(ds).select(pl.col("stock_value").mean().alias("avg"))
      .collectSync();
    const avgStock = scalar(stock, "avg") ?? 0;
    const turns = avgStock > 0 ? sales.cost / years / avgStock : null;
    figures.push({
      metric: "inventory turns",
      value: turns,
      unit: "× per year",
      target: DISTRIBUTOR_INVENTORY_TURNS,
      note: "cost of goods sold per year / mean weekly dc_inventory closing_value (all DCs)",
    });
    figures.push({
      metric: "days of supply",
      value: turns ? 365 / turns : null,
      unit: "days",
      target: DISTRIBUTOR_DAYS_OF_SUPPLY,
    });

    const fill = tradeFill(ds);
    figures.push({
      metric: "trade fill rate, units",
      value: fill.unitFill,
      unit: "%",
      target: DISTRIBUTOR_FILL_RATE,
      note: "units shipped on the order day (first shipment) / units ordered, trade orders",
    });
    figures.push({
      metric: "trade fill rate, lines shipped whole",
      value: fill.lineFill,
      unit: "%",
      target: DISTRIBUTOR_FILL_RATE,
      note: "order lines shipped in full on the order day / lines, trade orders",
    });
    figures.push({
      metric: "trade orders shipped complete",
      value: fill.orderFill,
      unit: "%",
      note: "orders whose every line shipped in full on the order day",
    });
    figures.push({
      metric: "backorder share, trade lines",
      value: fill.backorderLines,
      unit: "%",
      note: "lines short on the order day (the rest waits as a backorder)",
    });
    figures.push({
      metric: "backordered units shipped later",
      value: fill.backorderShippedLater,
      unit: "%",
      note: "of the units short on the order day; the rest was cancelled or is still open",
    });
    figures.push({
      metric: "trade units never shipped",
      value: fill.unitsNeverShipped,
      unit: "%",
    });

    const shipped = ds.scan("distributor_shipments").filter(pl.col("is_backorder").not())
      .groupBy("order_id").agg(dayNo("ship_date").min().alias("shipped"));
    const onTime = ds.scan("distributor_sales_orders")
      .filter(pl.col("order_type").eq(pl.lit("retail_replenishment")))
      .select("order_id", dayNo("requested_date").alias("booked"))
      .join(shipped, { on: "order_id", how: "left" }).select(
        pl.col("shipped").eq(pl.col("booked")).fillNull(false).cast(pl.Float64).mean().mul(100)
          .alias("x"),
      ).collectSync();
    figures.push({
      metric: "store orders shipped on the booked day",
      value: scalar(onTime, "x"),
      unit: "%",
      note: "retail_replenishment orders whose shipment left on requested_date",
    });

    const supplier = ds.scan("dc_receipts").select("po_id", dayNo("receipt_date").alias("got"))
      .join(
        ds.scan("distributor_purchase_orders").select(
          "po_id",
          "priority",
          dayNo("expected_date").alias("due"),
        ),
        { on: "po_id", how: "inner" },
      ).withColumns(pl.col("got").ltEq(pl.col("due")).cast(pl.Float64).alias("on_time"))
      .groupBy("priority").agg(pl.col("on_time").mean().mul(100).alias("on_time"), pl.len())
      .collectSync().toRecords();
    const recv = (p: string | null) => {
      const rows = supplier.filter((r) => p === null || r.priority === p);
      const n = rows.reduce((a, r) => a + Number(r.len), 0);
      return n ? rows.reduce((a, r) => a + Number(r.on_time) * Number(r.len), 0) / n : null;
    };
    figures.push({
      metric: "supplier on-time, all receipts",
      value: recv(null),
      unit: "%",
      note: "dc_receipts on or before the purchase order's expected_date",
    });
    figures.push({
      metric: "supplier on-time, regular purchase orders",
      value: recv("regular"),
      unit: "%",
    });

    const storeLines = Number(
      ds.scan("store_replenishment_order_lines").select(pl.len().alias("n")).collectSync()
        .getColumn("n").get(0),
    );
    const expLines = Number(
      ds.scan("distributor_purchase_order_lines").join(
        ds.scan("distributor_purchase_orders").filter(pl.col("priority").eq(pl.lit("expedite")))
          .select("po_id"),
        { on: "po_id", how: "semi" },
      ).select(pl.len().alias("n")).collectSync().getColumn("n").get(0),
    );
    figures.push({
      metric: "expedited purchase lines per store order line",
      value: storeLines ? (100 * expLines) / storeLines : null,
      unit: "%",
      note: "lines of expedite purchase orders / store_replenishment_order_lines",
    });

    const daily = dailyReceivables(ds);
    figures.push({
      metric: "days sales outstanding",
      value: daysSalesOutstanding(daily),
      unit: "days",
      target: DISTRIBUTOR_DSO,
      note:
        `mean open receivables / mean daily credit sales (tax included), after the first ${RECEIVABLES_WARMUP_DAYS} days`,
    });
    const aging = receivablesAging(ds).toRecords();
    const open = aging.reduce((a, r) => a + Number(r.open), 0);
    figures.push({
      metric: "open receivables at the period's end",
      value: open,
      unit: "reporting currency",
    });
    for (const b of AGING_BUCKETS) {
      const v = aging.filter((r) => r.bucket === b).reduce((a, r) => a + Number(r.open), 0);
      figures.push({
        metric: `receivables aging, ${
          b === "current" ? "current (not yet due)" : `${b} days past due`
        }`,
        value: open > 0 ? (100 * v) / open : null,
        unit: "% of open",
      });
    }

    const bw = bullwhip(ds);
    for (const r of bw.ratios) {
      figures.push({
        metric: `bullwhip ratio, ${r.level}`,
        value: r.median,
        unit: "× var(consumer sales)",
        note:
          `median over ${bw.pairs} SKU × segment pairs of the variance of weekly units over ${bw.weeks} full weeks ÷ that of consumer sales; pooled (Σ var ÷ Σ var) ${
            r.pooled.toFixed(2)
          }. ${BULLWHIP_SOURCE}`,
      });
    }
    figures.push({
      metric: "bullwhip ratio at the DC, purchase orders ÷ its demand",
      value: bw.dcOwnMedian,
      unit: "× var(DC demand)",
      note: "median over SKU × segment of var(DC purchase orders) ÷ var(store + trade orders)",
    });
    return figures;
  },
};
