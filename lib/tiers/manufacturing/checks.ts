/**
 * Checks of the manufacturing tier: recipes sum to 100 %, consumption is
 * recipe or BOM × output, costs add up, released batches test inside their
 * grade's bands, litres and units are conserved from batch to packaging to
 * stock to shipment, stock is conserved and never negative (materials arrive
 * before they are used, goods are made before they ship), Brightaxle's
 * purchase orders and the makers' sales orders are one document, and prices
 * and costs come from the price book.
 *
 * Every check is a lazy Polars query that yields the violating rows.
 *
 * @module
 */

import pl from "nodejs-polars";
import { type Check, findingOf } from "../../validate/check.ts";
import type { Dataset } from "../../validate/dataset.ts";
import { noPriceBookRow, withPriceBook } from "../../validate/price_book.ts";

const col = pl.col;
const day = (c: string) => col(c).cast(pl.Int32);
const f64 = (c: string) => col(c).cast(pl.Float64);
const neq = (a: string, b: string) => col(a).neq(col(b)).fillNull(true);
/** Rounds half up, as JavaScript's Math.round does. */
const roundHalfUp = (e: pl.Expr) => e.plus(0.5).floor();
/** round(qty × per-thousand / 1000), as the generator computes an amount. */
const amountOf = (qty: string, per: string) => roundHalfUp(f64(qty).mul(f64(per)).div(1000));
const MS_PER_DAY = 86_400_000;
/** The day (days since 1970-01-01) of a timestamp column. */
const tsDay = (c: string) => col(c).cast(pl.Int64).div(MS_PER_DAY).floor().cast(pl.Int32);

/** Checks on a consumption table (blend or work order) whose amounts must recompute. */
function consumptionAmounts(table: string, key: string): Check {
  return {
    name: `manufacturing.${table}_amounts`,
    description:
      `${table}: amount = round(qty × unit_cost_per_thousand / 1000) and std_amount = round(qty × std_cost_per_thousand / 1000), with qty > 0`,
    tables: [table],
    run: (ds) =>
      findingOf(
        ds.scan(table).filter(
          f64("amount").neq(amountOf("qty", "unit_cost_per_thousand"))
            .or(f64("std_amount").neq(amountOf("qty", "std_cost_per_thousand")))
            .or(col("qty").lt(1)),
        ).select(key, "material_id", "qty", "amount"),
      ),
  };
}

/**
 * Costs of a production document: material_cost = Σ its consumption amounts,
 * actual = material + conversion, price variance = material − Σ std amounts,
 * actual − standard = price + yield variance.
 */
function costsAddUp(table: string, use: string, key: string): Check {
  return {
    name: `manufacturing.${table}_costs`,
    description:
      `${table}: material_cost = Σ ${use}.amount, actual_cost = material_cost + conversion_cost, price_variance = material_cost − Σ std_amount, actual_cost − standard_cost = price_variance + yield_variance`,
    tables: [table, use],
    run(ds) {
      const sums = ds.scan(use).groupBy(key).agg(
        f64("amount").sum().alias("s_amount"),
        f64("std_amount").sum().alias("s_std"),
      );
      return findingOf(
        ds.scan(table).join(sums, { on: key, how: "left" }).filter(
          f64("material_cost").neq(col("s_amount").fillNull(0))
            .or(f64("actual_cost").neq(f64("material_cost").plus(f64("conversion_cost"))))
            .or(f64("price_variance").neq(f64("material_cost").minus(col("s_std").fillNull(0))))
            .or(
              f64("actual_cost").minus(f64("standard_cost")).neq(
                f64("price_variance").plus(f64("yield_variance")),
              ),
            ),
        ).select(key, "material_cost", "s_amount", "actual_cost", "standard_cost"),
      );
    },
  };
}

/** Weekly stock rows with their week's documents (in and out) summed beside them. */
function weekOf(lf: pl.LazyDataFrame, dayExpr: pl.Expr): pl.LazyDataFrame {
  // ISO weeks: Monday = day − (weekday − 1); 1970-01-01 was a Thursday (day 0 → weekday 4).
  return lf.withColumns(dayExpr.alias("_d")).withColumns(
    col("_d").minus(col("_d").plus(3).modulo(7)).cast(pl.Int32).alias("_monday"),
  );
}

/** Last day of the period (the calendar's), as days since 1970-01-01. */
function periodEnd(ds: Dataset): number {
  return Number(
    ds.scan("calendar").select(day("date").max().alias("e")).collectSync().getColumn("e").get(0),
  );
}

/**
 * Events that move a plant's stock within the period, by (plant, item type, item, day): + in,
 * − out (output of a run still going at the period's end is not in stock yet).
 */
function stockEvents(ds: Dataset): pl.LazyDataFrame {
  const ev = (lf: pl.LazyDataFrame, type: string, item: string, d: pl.Expr, qty: pl.Expr) =>
    lf.select(
      col("plant_site_id").cast(pl.Int32),
      pl.lit(type).alias("item_type"),
      col(item).cast(pl.Int32).alias("item_id"),
      d.alias("_d"),
      qty.cast(pl.Float64).alias("q"),
    );
  const parts: pl.LazyDataFrame[] = [];
  if (ds.has("packaging_runs")) {
    parts.push(ev(ds.scan("packaging_runs"), "finished", "sku_id", tsDay("end_ts"), col("units")));
  }
  if (ds.has("work_orders")) {
    parts.push(
      ev(ds.scan("work_orders"), "finished", "sku_id", tsDay("end_ts"), col("produced_units")),
    );
  }
  const shipped = ds.scan("manufacturer_invoice_lines").join(
    ds.scan("manufacturer_invoices").select("invoice_id", "plant_site_id", "invoice_date"),
    { on: "invoice_id" },
  );
  parts.push(
    ev(shipped, "finished", "sku_id", day("invoice_date"), col("qty").cast(pl.Float64).mul(-1)),
  );
  parts.push(
    ev(
      ds.scan("raw_material_purchases").filter(col("receipt_date").isNotNull()),
      "material",
      "material_id",
      day("receipt_date"),
      col("qty"),
    ),
  );
  // Materials consumed: a batch's or work order's consumption rows, on the day it started.
  for (
    const [use, doc, key] of [
      ["blend_consumption", "blend_batches", "batch_id"],
      ["component_consumption", "work_orders", "work_order_id"],
    ] as const
  ) {
    if (!ds.has(use)) continue;
    parts.push(
      ev(
        ds.scan(use).join(ds.scan(doc).select(key, "plant_site_id", "start_ts"), { on: key }),
        "material",
        "material_id",
        tsDay("start_ts"),
        col("qty").cast(pl.Float64).mul(-1),
      ),
    );
  }
  // The last stock snapshot is the period's last day.
  const end = Number(
    ds.scan("plant_inventory").select(day("snapshot_date").max().alias("e")).collectSync()
      .getColumn("e").get(0),
  );
  return pl.concat(parts, { how: "vertical" }).filter(col("_d").ltEq(end));
}

/** Manufacturing-tier checks. */
export const MANUFACTURING_CHECKS: Check[] = [
  {
    name: "manufacturing.recipes_sum_to_100",
    description: "every recipe's components sum to exactly 100 % (to the hundredth)",
    tables: ["blend_recipes", "blend_recipe_components"],
    run(ds) {
      const sums = ds.scan("blend_recipe_components").groupBy("recipe_id").agg(
        roundHalfUp(f64("pct").mul(100)).sum().alias("hundredths"),
      );
      return findingOf(
        ds.scan("blend_recipes").select("recipe_id").join(sums, { on: "recipe_id", how: "left" })
          .filter(col("hundredths").neq(10000).fillNull(true)),
      );
    },
  },
  {
    name: "manufacturing.blend_consumption_is_recipe",
    description:
      "a batch consumes each component of its recipe: qty = round(pct / 100 × planned_litres × density) kg (a component rounding to 0 kg may be absent), and nothing else",
    tables: ["blend_batches", "blend_consumption", "blend_recipe_components", "blend_recipes"],
    run(ds) {
      const want = ds.scan("blend_batches").select("batch_id", "recipe_id", "planned_litres")
        .join(ds.scan("blend_recipe_components"), { on: "recipe_id" })
        .join(ds.scan("blend_recipes").select("recipe_id", "density_kg_per_l"), { on: "recipe_id" })
        .withColumns(
          roundHalfUp(
            f64("pct").div(100).mul(f64("planned_litres")).mul(f64("density_kg_per_l")),
          ).alias("want"),
        );
      const got = ds.scan("blend_consumption").select("batch_id", "material_id", "qty");
      return findingOf(
        want.join(got, { on: ["batch_id", "material_id"], how: "full", coalesce: true }).filter(
          col("want").isNull().or(
            col("qty").isNull().and(col("want").gt(0)),
          ).or(f64("qty").minus(col("want")).abs().gt(1)),
        ).select("batch_id", "material_id", "want", "qty"),
      );
    },
  },
  {
    name: "manufacturing.component_consumption_is_bom",
    description:
      "a work order consumes each component of its filter's bill of materials × (produced + scrapped) units, and nothing else",
    tables: ["work_orders", "component_consumption", "bills_of_materials"],
    run(ds) {
      const want = ds.scan("work_orders").select(
        "work_order_id",
        "sku_id",
        f64("produced_units").plus(f64("scrapped_units")).alias("units"),
      ).join(ds.scan("bills_of_materials").select("sku_id", "material_id", "quantity"), {
        on: "sku_id",
      }).withColumns(col("units").mul(f64("quantity")).alias("want"));
      const got = ds.scan("component_consumption").select("work_order_id", "material_id", "qty");
      return findingOf(
        want.join(got, { on: ["work_order_id", "material_id"], how: "full", coalesce: true })
          .filter(neq("want", "qty")).select("work_order_id", "material_id", "want", "qty"),
      );
    },
  },
  consumptionAmounts("blend_consumption", "batch_id"),
  consumptionAmounts("component_consumption", "work_order_id"),
  costsAddUp("blend_batches", "blend_consumption", "batch_id"),
  costsAddUp("work_orders", "component_consumption", "work_order_id"),
  {
    name: "manufacturing.batch_standard_cost",
    description:
      "a batch's standard_cost = Σ its packaging runs' units × unit_standard_cost (0 for a rejected batch)",
    tables: ["blend_batches", "packaging_runs"],
    run(ds) {
      const runs = ds.scan("packaging_runs");
      const sums = runs.groupBy("batch_id").agg(
        f64("units").mul(f64("unit_standard_cost")).sum().alias("s"),
      );
      const bad = ds.scan("blend_batches").join(sums, { on: "batch_id", how: "left" }).filter(
        f64("standard_cost").neq(col("s").fillNull(0)),
      ).select(col("batch_id").alias("doc"), "standard_cost", "s");
      return findingOf(bad);
    },
  },
  {
    name: "manufacturing.work_order_units",
    description:
      "a work order's planned = produced + scrapped units, standard_cost = produced × unit_standard_cost, and its line is a line of its plant of the filter's family",
    tables: ["work_orders", "production_lines", "bills_of_materials"],
    run(ds) {
      const fam = ds.scan("bills_of_materials").groupBy("sku_id").agg(
        col("line_family").first().alias("bom_family"),
      );
      return findingOf(
        ds.scan("work_orders").join(
          ds.scan("production_lines").select(
            "line_id",
            col("plant_site_id").alias("l_plant"),
            "line_family",
          ),
          { on: "line_id", how: "left" },
        ).join(fam, { on: "sku_id", how: "left" }).filter(
          f64("planned_units").neq(f64("produced_units").plus(f64("scrapped_units")))
            .or(f64("standard_cost").neq(f64("produced_units").mul(f64("unit_standard_cost"))))
            .or(neq("plant_site_id", "l_plant"))
            .or(neq("line_family", "bom_family"))
            .or(col("end_ts").lt(col("start_ts"))),
        ).select("work_order_id", "line_id", "planned_units", "produced_units", "scrapped_units"),
      );
    },
  },
  {
    name: "manufacturing.batch_qc_in_grade_bands",
    description:
      "a released or reworked batch tests inside its recipe's bands (kv100 in [min, max), CCS ≤ max, flash ≥ min, freeze ≤ max) and a rejected one fails at least one, with no litres released; a reworked batch was tested twice, others once",
    tables: ["blend_batches", "blend_recipes"],
    run(ds) {
      const ok = col("kv100_min_cst").isNull().or(
        f64("kv100_cst").gtEq(col("kv100_min_cst")).and(f64("kv100_cst").lt(col("kv100_max_cst"))),
      ).and(col("ccs_max_mpas").isNull().or(f64("ccs_mpas").ltEq(f64("ccs_max_mpas"))))
        .and(col("flash_min_c").isNull().or(f64("flash_point_c").gtEq(f64("flash_min_c"))))
        .and(col("freeze_max_c").isNull().or(f64("freeze_point_c").ltEq(f64("freeze_max_c"))))
        .fillNull(false);
      const rejected = col("status").eq(pl.lit("rejected"));
      return findingOf(
        ds.scan("blend_batches").join(ds.scan("blend_recipes"), { on: "recipe_id", how: "left" })
          .filter(
            rejected.and(ok.or(f64("actual_litres").neq(0)))
              .or(rejected.not().and(ok.not()))
              .or(
                col("qc_attempts").neq(
                  pl.when(col("status").eq(pl.lit("reworked"))).then(pl.lit(2)).otherwise(
                    pl.lit(1),
                  ),
                ),
              ),
          ).select("batch_id", "recipe_id", "status", "kv100_cst", "ccs_mpas", "flash_point_c"),
      );
    },
  },
  {
    name: "manufacturing.litres_conserved",
    description:
      "batch: planned − actual = yield loss; packaging: litres_drawn = units × pack_litres + fill_loss, pack_litres = the SKU's recipe_products row, the SKU packed from the batch's recipe, runs start after the batch ends, and Σ litres drawn = the batch's actual litres (to 0.01 L; none for a rejected batch)",
    tables: ["blend_batches", "packaging_runs", "recipe_products"],
    run(ds) {
      const batches = ds.scan("blend_batches");
      const runs = ds.scan("packaging_runs").join(
        ds.scan("recipe_products").select("sku_id", "recipe_id", col("pack_litres").alias("rp")),
        { on: "sku_id", how: "left" },
      ).join(
        batches.select(
          "batch_id",
          col("recipe_id").alias("b_recipe"),
          col("end_ts").alias("b_end"),
        ),
        { on: "batch_id", how: "left" },
      );
      const badRuns = runs.filter(
        f64("units").mul(f64("pack_litres")).plus(f64("fill_loss_litres")).minus(
          f64("litres_drawn"),
        ).abs().gt(0.002)
          .or(f64("pack_litres").minus(f64("rp")).abs().gt(1e-6).fillNull(true))
          .or(neq("recipe_id", "b_recipe"))
          .or(col("start_ts").lt(col("b_end")).fillNull(true))
          .or(col("end_ts").lt(col("start_ts")))
          .or(col("units").lt(1)),
      ).select(col("batch_id"), col("run_id").cast(pl.Float64).alias("x"));
      const drawn = ds.scan("packaging_runs").groupBy("batch_id").agg(
        f64("litres_drawn").sum().alias("drawn"),
      );
      const badBatches = batches.join(drawn, { on: "batch_id", how: "left" }).filter(
        f64("planned_litres").minus(f64("actual_litres")).minus(f64("yield_loss_litres")).abs()
          .gt(0.002)
          .or(col("drawn").fillNull(0).minus(f64("actual_litres")).abs().gt(0.01)),
      ).select(col("batch_id"), f64("actual_litres").alias("x"));
      return findingOf(pl.concat([badRuns, badBatches], { how: "vertical" }));
    },
  },
  {
    name: "manufacturing.plant_stock_conserved",
    description:
      "plant stock: opening + in − out = closing ≥ 0, the opening is the previous week's closing, closing_value = round(closing × cost_per_thousand / 1000)",
    tables: ["plant_inventory"],
    run(ds) {
      const inv = ds.scan("plant_inventory").sort([
        "plant_site_id",
        "item_type",
        "item_id",
        "week_start",
      ]);
      return findingOf(
        inv.withColumns(
          col("closing_qty").shift(1).over("plant_site_id", "item_type", "item_id").alias(
            "prev",
          ),
        ).filter(
          f64("opening_qty").plus(f64("in_qty")).minus(f64("out_qty")).neq(f64("closing_qty"))
            .or(col("closing_qty").lt(0))
            .or(col("prev").isNotNull().and(neq("prev", "opening_qty")))
            .or(f64("closing_value").neq(amountOf("closing_qty", "cost_per_thousand"))),
        ).select(
          "plant_site_id",
          "item_type",
          "item_id",
          "week_start",
          "opening_qty",
          "closing_qty",
        ),
      );
    },
  },
  {
    name: "manufacturing.stock_matches_documents",
    description:
      "each week's in and out of plant stock are the documents' sums: finished goods in = units packed (packaging runs) or produced (work orders) ending that week, out = units invoiced (shipped) that week; materials in = purchases received, out = consumption of batches and work orders started that week",
    tables: [
      "plant_inventory",
      "manufacturer_invoices",
      "manufacturer_invoice_lines",
      "raw_material_purchases",
    ],
    run(ds) {
      const ev = weekOf(stockEvents(ds), col("_d")).groupBy([
        "plant_site_id",
        "item_type",
        "item_id",
        "_monday",
      ]).agg(
        pl.when(col("q").gt(0)).then(col("q")).otherwise(pl.lit(0)).sum().alias("e_in"),
        pl.when(col("q").lt(0)).then(col("q").mul(-1)).otherwise(pl.lit(0)).sum().alias("e_out"),
      );
      const inv = weekOf(ds.scan("plant_inventory"), day("week_start")).select(
        col("plant_site_id").cast(pl.Int32),
        col("item_type").cast(pl.Utf8),
        col("item_id").cast(pl.Int32),
        "_monday",
        f64("in_qty"),
        f64("out_qty"),
      );
      return findingOf(
        inv.join(ev, {
          on: ["plant_site_id", "item_type", "item_id", "_monday"],
          how: "full",
          coalesce: true,
        }).filter(
          col("in_qty").isNull()
            .or(col("in_qty").neq(col("e_in").fillNull(0)))
            .or(col("out_qty").neq(col("e_out").fillNull(0))),
        ).select(
          "plant_site_id",
          "item_type",
          "item_id",
          "_monday",
          "in_qty",
          "e_in",
          "out_qty",
          "e_out",
        ),
      );
    },
  },
  {
    name: "manufacturing.made_before_shipped",
    description:
      "day by day, a plant never ships goods it has not made nor uses material it has not received: opening stock of the first week + Σ events up to each day ≥ 0 (packed or produced before shipped, received before consumed)",
    tables: [
      "plant_inventory",
      "manufacturer_invoices",
      "manufacturer_invoice_lines",
      "raw_material_purchases",
    ],
    run(ds) {
      const keys = ["plant_site_id", "item_type", "item_id"];
      const opening = ds.scan("plant_inventory").filter(
        day("week_start").eq(day("week_start").min()),
      ).select(
        col("plant_site_id").cast(pl.Int32),
        col("item_type").cast(pl.Utf8),
        col("item_id").cast(pl.Int32),
        f64("opening_qty").alias("open"),
      );
      // Within a day, stock in counts before stock out (goods made in the morning ship that day).
      const daily = stockEvents(ds).groupBy([...keys, "_d"]).agg(col("q").sum().alias("q"))
        .sort([...keys, "_d"]);
      return findingOf(
        daily.withColumns(
          col("q").cumSum().over("plant_site_id", "item_type", "item_id").alias("cum"),
        ).join(opening, { on: keys, how: "left" }).withColumns(
          col("cum").plus(col("open").fillNull(0)).alias("stock"),
        ).filter(col("stock").lt(-1e-6)).select(...keys, "_d", "stock"),
      );
    },
  },
  {
    name: "manufacturing.chain_orders_are_purchase_orders",
    description:
      "every Brightaxle purchase order to a maker is exactly one sales order of that maker, from the account of the ordering DC, with the same order day, the expected day as requested day, and the same lines (SKU, quantity, transfer price) in the same order — and every chain sales order names such a purchase order (the purchase orders of the DCs and makers whose chain accounts are in the data, so that a batch of plants is checked alone)",
    tables: [
      "distributor_purchase_orders",
      "distributor_purchase_order_lines",
      "manufacturer_sales_orders",
      "manufacturer_sales_order_lines",
      "manufacturer_customers",
    ],
    run(ds) {
      // The (DC, maker) pairs whose documents are here: checked in batches, a batch holds some
      // plants (their chain accounts) and the purchase orders of the DCs they supply.
      const pairs = ds.scan("manufacturer_customers").filter(col("dc_site_id").isNotNull())
        .select(
          col("dc_site_id").cast(pl.Int32).alias("dc_site_id"),
          col("maker_company_id").cast(pl.Int32).alias("supplier_company_id"),
        ).unique();
      const pos = ds.scan("distributor_purchase_orders").filter(
        col("supplier_company_id").isNotNull(),
      ).withColumns(
        col("dc_site_id").cast(pl.Int32),
        col("supplier_company_id").cast(pl.Int32),
      ).join(pairs, { on: ["dc_site_id", "supplier_company_id"], how: "semi" }).select(
        col("po_id").alias("distributor_po_id"),
        col("dc_site_id").alias("po_dc"),
        col("supplier_company_id").alias("po_maker"),
        day("order_date").alias("po_order"),
        day("expected_date").alias("po_expected"),
      );
      const cust = ds.scan("manufacturer_customers").select("customer_id", "dc_site_id");
      const so = ds.scan("manufacturer_sales_orders").filter(col("distributor_po_id").isNotNull())
        .join(cust, { on: "customer_id", how: "left" });
      const heads = pos.join(so, { on: "distributor_po_id", how: "full", coalesce: true }).filter(
        col("order_id").isNull().or(col("po_dc").isNull())
          .or(neq("dc_site_id", "po_dc"))
          .or(neq("maker_company_id", "po_maker"))
          .or(day("order_date").neq(col("po_order")))
          .or(day("requested_date").neq(col("po_expected"))),
      ).select(
        col("distributor_po_id").cast(pl.Float64).alias("po"),
        col("order_id").cast(pl.Float64).alias("x"),
      );
      const dup = so.groupBy("distributor_po_id").agg(pl.len().alias("n")).filter(col("n").gt(1))
        .select(
          col("distributor_po_id").cast(pl.Float64).alias("po"),
          col("n").cast(pl.Float64).alias("x"),
        );
      const poLines = ds.scan("distributor_purchase_order_lines").join(
        pos.select("distributor_po_id").rename({ distributor_po_id: "po_id" }),
        { on: "po_id" },
      ).select(
        col("po_id").alias("distributor_po_id"),
        "line_number",
        col("sku_id").alias("p_sku"),
        col("qty").alias("p_qty"),
        f64("unit_cost").alias("p_price"),
      );
      const soLines = ds.scan("manufacturer_sales_order_lines").join(
        so.select("order_id", "distributor_po_id"),
        { on: "order_id" },
      );
      const lines = poLines.join(soLines, {
        on: ["distributor_po_id", "line_number"],
        how: "full",
        coalesce: true,
      }).filter(
        neq("sku_id", "p_sku").or(neq("qty", "p_qty")).or(
          f64("unit_price").neq(col("p_price")).fillNull(true),
        ),
      ).select(
        col("distributor_po_id").cast(pl.Float64).alias("po"),
        f64("line_number").alias("x"),
      );
      return findingOf(pl.concat([heads, dup, lines], { how: "vertical" }));
    },
  },
  {
    name: "manufacturing.chain_deliveries_are_dc_receipts",
    description:
      "a chain order ships whole (one shipment) so that it is delivered on the day the DC received it (dc_receipts), shipping no earlier than it was ordered; a purchase order the DC received in the period was shipped, one it did not was not",
    tables: ["manufacturer_shipments", "manufacturer_sales_orders", "dc_receipts"],
    run(ds) {
      const rec = ds.scan("dc_receipts").groupBy("po_id").agg(
        day("receipt_date").max().alias("received"),
      ).rename({ po_id: "distributor_po_id" });
      const so = ds.scan("manufacturer_sales_orders").filter(col("distributor_po_id").isNotNull())
        .select("order_id", "distributor_po_id", day("order_date").alias("ordered"), "total_qty");
      const ship = ds.scan("manufacturer_shipments").select(
        "order_id",
        day("ship_date").alias("ship"),
        day("delivery_date").alias("delivered"),
        col("total_qty").alias("s_qty"),
      );
      const n = ship.groupBy("order_id").agg(pl.len().alias("n"));
      return findingOf(
        so.join(rec, { on: "distributor_po_id", how: "left" })
          .join(ship, { on: "order_id", how: "left" })
          .join(n, { on: "order_id", how: "left" })
          .filter(
            col("received").isNull().and(col("ship").isNotNull())
              .or(
                col("received").isNotNull().and(
                  col("ship").isNull().or(neq("delivered", "received"))
                    .or(col("ship").lt(col("ordered")))
                    .or(col("ship").gt(col("delivered")))
                    .or(neq("s_qty", "total_qty"))
                    .or(col("n").neq(1)),
                ),
              ),
          ).select("order_id", "distributor_po_id", "received", "ship", "delivered"),
      );
    },
  },
  {
    name: "manufacturing.prices_from_price_book",
    description:
      "a maker's order line is priced at the price book's transfer_price for its SKU, the customer's segment and the order day (outside accounts: round(transfer × (1 + price_adjust_bp / 10000))), and its invoice line's unit_cost is the price book's standard_cost on the invoice day",
    tables: [
      "manufacturer_sales_orders",
      "manufacturer_sales_order_lines",
      "manufacturer_customers",
      "manufacturer_invoices",
      "manufacturer_invoice_lines",
      "price_book",
    ],
    run(ds) {
      const orders = ds.scan("manufacturer_sales_orders").select(
        "order_id",
        "customer_id",
        "segment_id",
        "order_date",
      ).join(ds.scan("manufacturer_customers").select("customer_id", "price_adjust_bp"), {
        on: "customer_id",
        how: "left",
      });
      const lines = withPriceBook(
        ds.scan("manufacturer_sales_order_lines").join(orders, { on: "order_id", how: "left" }),
        ds,
        "order_date",
        { transfer_price: "pb_transfer" },
      ).filter(
        noPriceBookRow().or(
          f64("unit_price").neq(
            roundHalfUp(f64("pb_transfer").mul(f64("price_adjust_bp").div(10000).plus(1))),
          ),
        ),
      ).select(f64("order_id").alias("doc"), f64("line_number").alias("line"));
      const inv = ds.scan("manufacturer_invoices").select("invoice_id", "order_id", "invoice_date")
        .join(ds.scan("manufacturer_sales_orders").select("order_id", "segment_id"), {
          on: "order_id",
          how: "left",
        });
      const costs = withPriceBook(
        ds.scan("manufacturer_invoice_lines").drop("order_id").join(inv, {
          on: "invoice_id",
          how: "left",
        }),
        ds,
        "invoice_date",
        { standard_cost: "pb_cost" },
      ).filter(noPriceBookRow().or(f64("unit_cost").neq(f64("pb_cost"))))
        .select(f64("invoice_id").alias("doc"), f64("line_number").alias("line"));
      return findingOf(pl.concat([lines, costs], { how: "vertical" }));
    },
  },
  {
    name: "manufacturing.invoices_bill_the_shipment",
    description:
      "one invoice per shipment, dated the ship day, due after the account's terms; its lines are the order's lines (quantity, price) with net = qty × price and tax = round(net × rate / 10000); header totals are the lines' sums; payments never exceed the invoice and never precede it",
    tables: [
      "manufacturer_invoices",
      "manufacturer_invoice_lines",
      "manufacturer_shipments",
      "manufacturer_sales_order_lines",
      "manufacturer_customers",
      "manufacturer_payments",
    ],
    run(ds) {
      const inv = ds.scan("manufacturer_invoices");
      const heads = inv.join(
        ds.scan("manufacturer_shipments").select(
          "shipment_id",
          col("order_id").alias("s_order"),
          day("ship_date").alias("ship"),
        ),
        { on: "shipment_id", how: "left" },
      ).join(ds.scan("manufacturer_customers").select("customer_id", "terms_days"), {
        on: "customer_id",
        how: "left",
      }).join(
        ds.scan("manufacturer_invoice_lines").groupBy("invoice_id").agg(
          f64("net_amount").sum().alias("s_net"),
          f64("tax_amount").sum().alias("s_tax"),
        ),
        { on: "invoice_id", how: "left" },
      ).filter(
        neq("order_id", "s_order").or(day("invoice_date").neq(col("ship")).fillNull(true))
          .or(day("due_date").neq(day("invoice_date").plus(col("terms_days"))).fillNull(true))
          .or(neq("net_amount", "s_net")).or(neq("tax_amount", "s_tax"))
          .or(f64("total_amount").neq(f64("net_amount").plus(f64("tax_amount")))),
      ).select(f64("invoice_id").alias("doc"), f64("net_amount").alias("x"));
      const perShipment = inv.groupBy("shipment_id").agg(pl.len().alias("n")).filter(
        col("n").neq(1),
      ).select(f64("shipment_id").alias("doc"), f64("n").alias("x"));
      const lines = ds.scan("manufacturer_invoice_lines").join(
        inv.select("invoice_id", "tax_rate_bp"),
        { on: "invoice_id", how: "left" },
      ).join(
        ds.scan("manufacturer_sales_order_lines").select(
          "order_id",
          "line_number",
          col("sku_id").alias("o_sku"),
          col("qty").alias("o_qty"),
          col("unit_price").alias("o_price"),
        ),
        { on: ["order_id", "line_number"], how: "left" },
      ).filter(
        neq("sku_id", "o_sku").or(neq("qty", "o_qty")).or(neq("unit_price", "o_price"))
          .or(f64("net_amount").neq(f64("qty").mul(f64("unit_price"))))
          .or(
            f64("tax_amount").neq(
              roundHalfUp(f64("net_amount").mul(f64("tax_rate_bp")).div(10000)),
            ),
          ),
      ).select(f64("invoice_id").alias("doc"), f64("line_number").alias("x"));
      const paid = ds.scan("manufacturer_payments").groupBy("invoice_id").agg(
        f64("amount").plus(f64("discount_amount")).sum().alias("paid"),
        day("payment_date").min().alias("first_paid"),
      ).join(inv.select("invoice_id", "total_amount", day("invoice_date").alias("inv_day")), {
        on: "invoice_id",
        how: "left",
      }).filter(
        col("paid").gt(f64("total_amount")).fillNull(true)
          .or(col("first_paid").lt(col("inv_day"))),
      ).select(f64("invoice_id").alias("doc"), col("paid").alias("x"));
      return findingOf(pl.concat([heads, perShipment, lines, paid], { how: "vertical" }));
    },
  },
  {
    name: "manufacturing.purchases_priced_off_the_index",
    description:
      "a purchase's amount = round(qty × price_per_thousand / 1000); its index_value is the material's index on the order week (raw_material_index); a regular purchase arrives on its expected day (null only when that is after the period), a spot buy the day it is ordered",
    tables: ["raw_material_purchases", "materials", "raw_material_index", "calendar"],
    run(ds) {
      const end = periodEnd(ds);
      const idx = ds.scan("raw_material_index").select(
        col("index_code"),
        day("week_start").alias("_monday"),
        f64("index_value").alias("iv"),
      );
      const p = weekOf(
        ds.scan("raw_material_purchases").join(
          ds.scan("materials").select("material_id", "index_code"),
          { on: "material_id", how: "left" },
        ),
        day("order_date"),
      ).join(idx, { on: ["index_code", "_monday"], how: "left" });
      return findingOf(
        p.filter(
          f64("amount").neq(amountOf("qty", "price_per_thousand"))
            .or(
              col("index_code").isNotNull().and(
                f64("index_value").minus(col("iv")).abs().gt(0.01).fillNull(true),
              ),
            )
            .or(
              col("priority").eq(pl.lit("spot")).and(
                neq("receipt_date", "order_date").or(neq("expected_date", "order_date")),
              ),
            )
            .or(
              col("priority").eq(pl.lit("regular")).and(
                pl.when(day("expected_date").gt(end)).then(col("receipt_date").isNotNull())
                  .otherwise(neq("receipt_date", "expected_date")),
              ),
            ),
        ).select("purchase_id", "material_id", "order_date", "index_value", "iv", "amount"),
      );
    },
  },
];
